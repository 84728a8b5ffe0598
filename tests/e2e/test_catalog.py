"""The catalogue over HTTP: import (all or nothing), listing with filters and
paging, one service and office, search, the Ist-Analyse and the exports."""
import csv
import io
import json

import pytest

from conftest import Server, assert_problem, run_cli

OFFICE = {
    "id": "buergerbuero-mitte", "name": "Bürgerbüro Mitte", "department": "Bürgeramt",
    "address": {"street": "Markt 1", "postal_code": "59999", "city": "Musterstadt"},
    "position": {"lat": 51.5136, "lon": 7.4653}, "phone": "+49 2999 1", "email": "bb@musterstadt.de",
    "opening_hours": [{"day": "mo", "open": "08:00", "close": "12:30"}],
    "accessibility": "Stufenloser Zugang", "counters": 4,
}


def service(sid, leika, title, maturity, department="Bürgeramt", keywords=("Pass",), online=None):
    return {
        "id": sid, "leika": leika, "title": title, "summary": f"{title} in Musterstadt.",
        "description": f"Alles zu {title}.", "topic": "Melde- und Passwesen", "department": department,
        "prerequisites": [], "documents": ["Personalausweis"],
        "fees": [{"amount": 70, "condition": "ab 24 Jahren"}, {"amount": 37.5, "condition": "unter 24 Jahren"}],
        "legal_basis": ["Passgesetz (PassG)"], "offices": ["buergerbuero-mitte"], "online_service_url": online,
        "channels": ["vor_ort"], "maturity": maturity, "appointment_minutes": 15, "keywords": list(keywords),
        "last_review": "2026-10-01",
    }


CATALOG = {
    "offices": [OFFICE],
    "services": [
        service("reisepass-beantragen", "99088013000000", "Reisepass beantragen", 1, keywords=("Pass", "passport")),
        service("personalausweis-beantragen", "99088003000000", "Personalausweis beantragen", 2,
                keywords=("Perso", "Ausweis", "ID card")),
        service("hundesteuer-anmelden", "99016004000000", "Hundesteuer anmelden", 4, department="Steueramt",
                keywords=("Hund", "dog tax"), online="https://service.musterstadt.de/hundesteuer"),
    ],
}


@pytest.fixture(scope="module")
def catalog_server(tmp_path_factory):
    work = tmp_path_factory.mktemp("catalog")
    (work / "catalog.json").write_text(json.dumps(CATALOG, ensure_ascii=False), encoding="utf-8")
    done = run_cli(["import", str(work / "catalog.json"), "--data-dir", str(work / "var")], cwd=work)
    assert done.returncode == 0, done.stderr
    assert "services 3 added" in done.stdout
    s = Server(work / "srv", data_dir=work / "var").start()
    yield s
    s.finish()


def test_list_filters_and_pages(catalog_server):
    body = catalog_server.get("/api/services").json()
    assert body["total"] == 3 and len(body["items"]) == 3
    assert [i["title"] for i in body["items"]] == sorted(i["title"] for i in body["items"])
    assert {f["name"] for f in body["facets"]["departments"]} == {"Bürgeramt", "Steueramt"}
    only = catalog_server.get("/api/services", params={"department": "Steueramt"}).json()
    assert [i["id"] for i in only["items"]] == ["hundesteuer-anmelden"]
    level = catalog_server.get("/api/services", params={"maturity": 2}).json()
    assert [i["id"] for i in level["items"]] == ["personalausweis-beantragen"]
    page = catalog_server.get("/api/services", params={"offset": 1, "limit": 1}).json()
    assert page["total"] == 3 and len(page["items"]) == 1
    assert page["items"][0]["id"] == body["items"][1]["id"]


@pytest.mark.parametrize("query", ["maturity=9", "maturity=x", "limit=abc", "limit=501", "offset=-1"])
def test_bad_list_parameters_are_400(catalog_server, query):
    assert_problem(catalog_server.get("/api/services?" + query), 400)


def test_one_service_with_version_and_details(catalog_server):
    r = catalog_server.get("/api/services/reisepass-beantragen")
    assert r.status_code == 200
    assert r.headers["ETag"] == '"1"'
    s = r.json()
    assert s["title"] == "Reisepass beantragen" and s["version"] == 1
    assert s["fees"][1]["amount"] == 37.5
    assert s["fees_text"] == ["70,00 € – ab 24 Jahren", "37,50 € – unter 24 Jahren"]
    assert s["office_details"] == [{"id": "buergerbuero-mitte", "name": "Bürgerbüro Mitte", "url": "/aemter/buergerbuero-mitte"}]


@pytest.mark.parametrize("path", ["/api/services/gibt-es-nicht", "/api/offices/nirgendwo",
                                  "/api/services/%3Cscript%3E", "/api/services/" + "x" * 3000])
def test_unknown_ids_are_404(catalog_server, path):
    assert_problem(catalog_server.get(path), 404)


def test_offices(catalog_server):
    offices = catalog_server.get("/api/offices").json()
    assert offices["total"] == 1
    office = catalog_server.get("/api/offices/buergerbuero-mitte").json()
    assert office["position"] == {"lat": 51.5136, "lon": 7.4653}
    assert len(office["services"]) == 3  # every test service names this office
    assert {s["id"] for s in office["services"]} >= {"reisepass-beantragen", "personalausweis-beantragen"}


def test_search_answers_and_admits_no_answer(catalog_server):
    hit = catalog_server.get("/api/search", params={"q": "Ich brauche einen neuen Perso"}).json()
    assert hit["no_answer"] is False
    assert hit["results"][0]["id"] == "personalausweis-beantragen"
    assert hit["results"][0]["url"] == "/leistungen/personalausweis-beantragen"
    assert 0 < hit["results"][0]["score"] <= 1
    miss = catalog_server.get("/api/search", params={"q": "Wie wird das Wetter morgen?"}).json()
    assert miss == {"results": [], "no_answer": True, "interpreted_query": miss["interpreted_query"]}


@pytest.mark.parametrize("params", [{"q": "x" * 501}, {"q": "pass", "limit": 0}, {"q": "pass", "limit": 101}])
def test_bad_search_parameters_are_400(catalog_server, params):
    assert_problem(catalog_server.get("/api/search", params=params), 400)


def test_hostile_search_text_is_answered(catalog_server):
    for q in ["", "\x00\x01", "'; DROP TABLE catalog_services; --", "ä" * 400, "\ud7ff"]:
        r = catalog_server.get("/api/search", params={"q": q})
        assert r.status_code == 200, (q, r.text)
    assert catalog_server.get("/api/services").json()["total"] == 3


def test_inventory_and_csv(catalog_server):
    inv = catalog_server.get("/api/inventory").json()
    assert inv["total"]["services"] == 3
    assert inv["total"]["by_level"] == {"0": 0, "1": 1, "2": 1, "3": 0, "4": 1}
    assert abs(inv["total"]["share_online"] - 1 / 3) < 1e-9
    by_dept = {d["department"]: d for d in inv["departments"]}
    assert by_dept["Steueramt"]["share_online"] == 1
    r = catalog_server.get("/api/inventory.csv")
    assert r.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8"))))
    assert {row["id"]: row["maturity"] for row in rows} == {
        "reisepass-beantragen": "1", "personalausweis-beantragen": "2", "hundesteuer-anmelden": "4"}


def test_exports_import_again_unchanged(catalog_server, tmp_path):
    exported = catalog_server.get("/api/catalog/export.json")
    assert exported.status_code == 200
    (tmp_path / "export.json").write_bytes(exported.content)
    (tmp_path / "services.csv").write_bytes(catalog_server.get("/api/catalog/services.csv").content)
    again = run_cli(["import", str(tmp_path / "export.json"), "--dry-run"], cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "valid: 3 services, 1 offices" in again.stdout
    rows = list(csv.DictReader(io.StringIO((tmp_path / "services.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 3 and json.loads(rows[0]["fees"])[0]["amount"] == 70


def test_an_invalid_import_names_every_problem_and_changes_nothing(tmp_path):
    data_dir = tmp_path / "var"
    (tmp_path / "good.json").write_text(json.dumps(CATALOG, ensure_ascii=False), encoding="utf-8")
    assert run_cli(["import", str(tmp_path / "good.json"), "--data-dir", str(data_dir)], cwd=tmp_path).returncode == 0
    bad = json.loads(json.dumps(CATALOG))
    bad["services"][0]["title"] = "Geändert"
    bad["services"][1]["maturity"] = 9
    bad["services"][2]["offices"] = ["gibt-es-nicht"]
    bad["services"].append({"id": "Kaputt"})
    (tmp_path / "bad.json").write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    done = run_cli(["import", str(tmp_path / "bad.json"), "--data-dir", str(data_dir)], cwd=tmp_path)
    assert done.returncode == 2
    assert "service personalausweis-beantragen: maturity" in done.stderr
    assert "service hundesteuer-anmelden: offices[0]" in done.stderr
    assert "nothing was imported" in done.stderr
    s = Server(tmp_path / "srv", data_dir=data_dir).start()
    try:
        assert s.get("/api/services/reisepass-beantragen").json()["title"] == "Reisepass beantragen"
    finally:
        s.finish()


def test_malformed_import_files_are_reported(tmp_path):
    for name, text in [("a.json", "{"), ("b.json", "[]"), ("c.csv", "id,title\n\"x")]:
        (tmp_path / name).write_text(text)
        done = run_cli(["import", str(tmp_path / name), "--data-dir", str(tmp_path / "var")], cwd=tmp_path)
        assert done.returncode == 2, (name, done.stdout, done.stderr)
        assert "nothing was imported" in done.stderr


def test_demo_mode_loads_the_musterstadt_catalogue(make_server):
    s = make_server(args=["--demo"])
    services = s.get("/api/services", params={"limit": 1}).json()
    assert services["total"] >= 150
    assert len(services["facets"]["topics"]) >= 14
    assert s.get("/api/offices").json()["total"] >= 8
    passport = s.get("/api/services/reisepass-beantragen").json()
    fees = {(f["amount"], f["condition"].split(" (")[0]) for f in passport["fees"]}
    assert {(70, "ab 24 Jahren"), (37.5, "unter 24 Jahren")} <= fees
    assert any(t.startswith("70,00 € – ab 24 Jahren") for t in passport["fees_text"])
    id_card = s.get("/api/services/personalausweis-beantragen").json()
    fees = {(f["amount"], f["condition"].split(" (")[0]) for f in id_card["fees"]}
    assert {(46, "ab 24 Jahren"), (27.6, "unter 24 Jahren")} <= fees
    # A restart in demo mode keeps the stored catalogue (staff edits survive it).
    s.stop()
    s.start()
    assert s.get("/api/services/reisepass-beantragen").json()["version"] == passport["version"]
    assert "demo catalogue: keeping the stored" in s.stderr()


def test_without_demo_there_is_no_catalogue(make_server):
    s = make_server()
    assert s.get("/api/services").json()["total"] == 0
    assert s.get("/api/search", params={"q": "Reisepass"}).json()["no_answer"] is True
