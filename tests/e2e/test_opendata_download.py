"""Downloads of the live open-data files generated from the platform: CSV per
RFC 4180 with a header, JSON and GeoJSON that equal the catalogue, streamed
(chunked), with ETag/Last-Modified (304), byte ranges (206/416) and gzip, the
waiting-time statistics per service and month (small groups suppressed), and clear 404s."""
from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import math
import sqlite3
from zoneinfo import ZoneInfo

import pytest

from conftest import Server, assert_problem

BASE = "/opendata/download"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("opendata_dl"), args=["--demo"]).start()
    yield s
    s.finish()


def get(s: Server, path: str, **headers):
    return s.get(path, headers={"Accept-Encoding": "identity", **headers})


def test_services_csv_is_rfc4180_with_header_and_every_service(demo):
    r = get(demo, f"{BASE}/leistungskatalog/leistungen.csv")
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/csv; charset=utf-8")
    assert r.headers.get("Transfer-Encoding") == "chunked"  # streamed, not buffered
    text = r.content.decode("utf-8")
    lines = text.split("\r\n")
    assert lines[-1] == ""  # every record ends with CRLF
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    assert rows[0][:6] == ["id", "leika", "titel", "thema", "amt", "reifegrad"]
    services = json.loads(get(demo, f"{BASE}/leistungskatalog/leistungen.json").content)
    assert len(rows) - 1 == len(services) > 100
    by_id = {row[0]: row for row in rows[1:]}
    assert all(len(row) == len(rows[0]) for row in rows)
    quoted = [row for row in rows[1:] if "," in row[2]]
    assert quoted, "the demo has titles with commas; they must survive quoting"
    for s in services:
        assert by_id[s["id"]][2] == s["titel"]
        assert int(by_id[s["id"]][5]) == s["reifegrad"] and 0 <= s["reifegrad"] <= 4


def test_offices_geojson_are_points_with_opening_hours(demo):
    r = get(demo, f"{BASE}/behoerdenstandorte/standorte.geojson")
    assert r.headers["Content-Type"] == "application/geo+json"
    fc = r.json()
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) > 10
    for f in fc["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert f["geometry"]["type"] == "Point" and -180 <= lon <= 180 and -90 <= lat <= 90
        assert f["properties"]["name"]
    assert any(f["properties"]["oeffnungszeiten"] for f in fc["features"])


def book_some(s: Server, service: str, n: int) -> None:
    r = s.get("/api/appointments/slots", params={"service": service, "limit": 40})
    assert r.status_code == 200, r.text
    slots = r.json()["items"]
    assert len(slots) >= n
    for i, slot in enumerate(slots[:n]):
        r = s.request("POST", "/api/appointments", json={
            "service": service, "office": slot["office"], "start": slot["start"],
            "name": f"Person {i}", "email": f"person{i}@example.org"})
        assert r.status_code == 201, r.text


def expected_waiting_groups(s: Server) -> dict:
    """The statistics recomputed from the appointments table itself."""
    berlin = ZoneInfo("Europe/Berlin")
    groups: dict = {}
    with sqlite3.connect(f"file:{s.data_dir / 'stadtkern.db'}?mode=ro", uri=True) as db:
        for service, created, start in db.execute(
                "SELECT service_id, created_at, start_at FROM appointments "
                "WHERE status <> 'cancelled'"):
            booked = dt.datetime.fromisoformat(created.replace("Z", "+00:00")).astimezone(berlin)
            day = dt.datetime.fromtimestamp(start, berlin).date()
            key = (service, f"{booked.year:04d}-{booked.month:02d}")
            groups.setdefault(key, []).append(max((day - booked.date()).days, 0))
    return groups


def test_waiting_times_are_case_statistics_with_small_groups_suppressed(demo):
    book_some(demo, "reisepass-beantragen", 6)
    book_some(demo, "personalausweis-beantragen", 2)
    expected = expected_waiting_groups(demo)
    rows = json.loads(get(demo, f"{BASE}/termin-wartezeiten/wartezeiten.json").content)
    assert {(r["leistung_id"], r["monat"]) for r in rows} == set(expected)
    shown = 0
    for row in rows:
        assert set(row) == {"leistung_id", "leistung", "monat", "faelle", "tage_min",
                            "tage_median", "tage_mittel", "tage_p90", "tage_max", "hinweis"}
        days = sorted(expected[(row["leistung_id"], row["monat"])])
        figures = [row[k] for k in ("faelle", "tage_min", "tage_median", "tage_mittel",
                                    "tage_p90", "tage_max")]
        if len(days) < 5:
            assert figures == [None] * 6 and row["hinweis"] == "weniger als 5 Fälle"
            continue
        shown += 1
        rank = lambda p: days[max(-(-len(days) * p // 100), 1) - 1]  # noqa: E731
        assert figures == [len(days), days[0], rank(50), math.floor(sum(days) / len(days) * 10 + 0.5) / 10,
                           rank(90), days[-1]]
        assert row["hinweis"] is None and row["leistung"]
    assert shown >= 1
    text = get(demo, f"{BASE}/termin-wartezeiten/wartezeiten.csv").text
    assert text.startswith("leistung_id,leistung,monat,faelle,tage_min,tage_median,tage_mittel,"
                           "tage_p90,tage_max,hinweis\r\n")
    assert len(list(csv.reader(io.StringIO(text)))) == len(rows) + 1


def test_etag_and_last_modified_give_304(demo):
    path = f"{BASE}/leistungskatalog/leistungen.csv"
    first = get(demo, path)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert etag.startswith('"') and modified.endswith("GMT")
    again = get(demo, path)
    assert again.headers["ETag"] == etag and again.headers["Last-Modified"] == modified
    assert again.content == first.content
    r = get(demo, path, **{"If-None-Match": etag})
    assert r.status_code == 304 and r.content == b""
    assert get(demo, path, **{"If-Modified-Since": modified}).status_code == 304
    assert get(demo, path, **{"If-None-Match": '"other"'}).status_code == 200


def test_gzip_is_streamed_and_decodes_to_the_same_bytes(demo):
    path = f"{BASE}/leistungskatalog/leistungen.json"
    plain = get(demo, path).content
    raw = demo.get(path, headers={"Accept-Encoding": "gzip"}, stream=True)
    assert raw.headers["Content-Encoding"] == "gzip"
    body = raw.raw.read(decode_content=False)
    assert len(body) < len(plain) and gzip.decompress(body) == plain
    assert raw.headers["ETag"] != get(demo, path).headers["ETag"]  # the encoded variant's own tag
    assert get(demo, path, **{"If-None-Match": raw.headers["ETag"]}).status_code == 304


def test_ranges(demo):
    path = f"{BASE}/behoerdenstandorte/standorte.geojson"
    full = get(demo, path).content
    r = get(demo, path, Range="bytes=10-29")
    assert r.status_code == 206 and r.content == full[10:30]
    assert r.headers["Content-Range"] == f"bytes 10-29/{len(full)}"
    r = get(demo, path, Range="bytes=-100")
    assert r.status_code == 206 and r.content == full[-100:]
    r = get(demo, path, Range=f"bytes={len(full) - 5}-")
    assert r.content == full[-5:]
    r = get(demo, path, Range=f"bytes={len(full)}-")
    assert r.status_code == 416 and r.headers["Content-Range"] == f"bytes */{len(full)}"
    # Several ranges, junk or a stale If-Range: the whole file.
    for headers in ({"Range": "bytes=0-1,5-6"}, {"Range": "lines=1-2"},
                    {"Range": "bytes=0-9", "If-Range": '"stale"'}):
        r = get(demo, path, **headers)
        assert r.status_code == 200 and r.content == full, headers
    etag = get(demo, path).headers["ETag"]
    r = get(demo, path, Range="bytes=0-9", **{"If-Range": etag})
    assert r.status_code == 206 and r.content == full[:10]


def test_head_has_the_headers_but_no_body(demo):
    r = demo.request("HEAD", f"{BASE}/leistungskatalog/leistungen.csv")
    assert r.status_code == 200 and r.content == b"" and r.headers["ETag"]


@pytest.mark.parametrize("path", [
    f"{BASE}/gibt-es-nicht/leistungen.csv",
    f"{BASE}/leistungskatalog/standorte.geojson",
    f"{BASE}/leistungskatalog/..%2F..%2Fetc%2Fpasswd",
    f"{BASE}/stadtbezirke/bezirke-wfs",
    f"{BASE}/leistungskatalog/leistungen.csv/mehr",
])
def test_unknown_files_are_404_problems(demo, path):
    assert_problem(get(demo, path), 404)


def test_a_catalogue_edit_shows_in_the_next_download_with_a_new_etag(tmp_path):
    s = Server(tmp_path, env={"STADTKERN_ACCOUNTS_PASSWORD_COST": "minimal"}, args=["--demo"]).start()
    try:
        path = f"{BASE}/leistungskatalog/leistungen.csv"
        before = get(s, path)
        r = s.request("POST", "/api/auth/login", json={"username": "anna", "password": "anna"})
        anna = {"sk_session": r.cookies["sk_session"]}
        service = s.get("/api/services/reisepass-beantragen")
        record = service.json()
        record["title"] = "Reisepass beantragen, verlängern"
        r = s.request("PUT", "/api/services/reisepass-beantragen", json=record, cookies=anna,
                      headers={"Origin": f"http://127.0.0.1:{s.port}",
                               "If-Match": service.headers["ETag"]})
        assert r.status_code == 200, r.text
        after = get(s, path)
        assert after.headers["ETag"] != before.headers["ETag"]
        assert '"Reisepass beantragen, verlängern"' in after.text  # quoted: it has a comma
        assert get(s, path, **{"If-None-Match": before.headers["ETag"]}).status_code == 200
        assert get(s, path, **{"If-None-Match": after.headers["ETag"]}).status_code == 304
    finally:
        s.finish()


def test_http10_clients_get_the_body_until_the_connection_closes(demo):
    with demo.raw() as c:
        c.send(f"GET {BASE}/behoerdenstandorte/standorte.geojson HTTP/1.0\r\n"
               "Accept-Encoding: identity\r\n\r\n".encode())
        r = c.read_response()
    assert r.status == 200 and r.header("Transfer-Encoding") is None
    assert json.loads(r.body)["type"] == "FeatureCollection"
