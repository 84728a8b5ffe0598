"""The built web app: pages, SPA fallback, assets, caching, compression."""
from __future__ import annotations

import gzip
import http.client
import re

import pytest

from conftest import HTTP_TIMEOUT, WEB_SOURCE, assert_problem, served_web_dir

WEB = served_web_dir()

pytestmark = pytest.mark.skipif(
    WEB is None,
    reason=f"no built web app with an index.html at {WEB_SOURCE or '<repo>/web/dist'}: "
           "build it (npm run build in web/) or set STADTKERN_WEB_DIR")

IDENTITY = {"Accept-Encoding": "identity"}


def file_bytes(relative: str) -> bytes:
    return (WEB / relative).read_bytes()


def assets(suffix: str) -> list[str]:
    if WEB is None:
        return []
    return sorted(f"assets/{p.name}" for p in (WEB / "assets").glob(f"*{suffix}") if p.is_file())


def largest_asset() -> str:
    candidates = assets(".js") + assets(".css")
    return max(candidates, key=lambda a: (WEB / a).stat().st_size)


def test_root_is_the_app_page(server):
    r = server.get("/", headers=IDENTITY)
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/html")
    assert r.content == file_bytes("index.html")
    # The page itself is revalidated, so a new release shows at once.
    assert "immutable" not in r.headers.get("Cache-Control", "")


@pytest.mark.parametrize("route", ["/leistungen", "/leistungen/reisepass-beantragen", "/termine?datum=morgen",
                                   "/meine-daten/", "/karte/m%C3%A4ngel"])
def test_app_routes_fall_back_to_index(server, route):
    r = server.get(route, headers=IDENTITY)
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/html")
    assert r.content == file_bytes("index.html")


@pytest.mark.parametrize("suffix,ctype", [(".js", ("text/javascript", "application/javascript")),
                                          (".css", ("text/css",))])
def test_assets_are_immutable_with_the_right_type(server, suffix, ctype):
    found = assets(suffix)
    assert found, f"the web app has no {suffix} asset"
    for asset in found:
        r = server.get("/" + asset, headers=IDENTITY)
        assert r.status_code == 200, asset
        assert r.headers["Content-Type"].split(";")[0].strip() in ctype, (asset, r.headers["Content-Type"])
        cache = r.headers.get("Cache-Control", "")
        assert "immutable" in cache and "max-age=" in cache, (asset, cache)
        assert r.content == file_bytes(asset), asset


def test_every_asset_the_pages_reference_is_served(server):
    for page in ("index.html", "api-docs.html"):
        if not (WEB / page).is_file():
            continue
        refs = set(re.findall(r'(?:src|href)="(/[^"]+)"', (WEB / page).read_text(encoding="utf-8")))
        assert refs, f"{page} references nothing"
        for ref in refs:
            r = server.get(ref, headers=IDENTITY)
            assert r.status_code == 200, f"{page} references {ref}: {r.status_code}"


def test_favicon_type(server):
    if not (WEB / "favicon.svg").is_file():
        pytest.skip("no favicon.svg")
    r = server.get("/favicon.svg", headers=IDENTITY)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("image/svg+xml")


@pytest.mark.parametrize("path", ["/", "/leistungen", "ASSET"])
def test_etag_revalidation_gives_304(server, path):
    if path == "ASSET":
        path = "/" + largest_asset()
    first = server.get(path, headers=IDENTITY)
    etag = first.headers.get("ETag")
    assert first.status_code == 200 and etag, first.headers
    again = server.get(path, headers={**IDENTITY, "If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers.get("ETag") == etag
    listed = server.get(path, headers={**IDENTITY, "If-None-Match": f'"other", {etag}'})
    assert listed.status_code == 304
    changed = server.get(path, headers={**IDENTITY, "If-None-Match": '"not-the-current-version"'})
    assert changed.status_code == 200 and changed.content == first.content


def test_gzip_for_a_large_asset(server):
    asset = largest_asset()
    original = file_bytes(asset)
    assert len(original) > 1024
    r = server.get("/" + asset, headers={"Accept-Encoding": "gzip"}, stream=True)
    try:
        assert r.status_code == 200
        assert r.headers.get("Content-Encoding") == "gzip"
        assert "accept-encoding" in r.headers.get("Vary", "").lower()
        compressed = r.raw.read(decode_content=False)
    finally:
        r.close()
    assert len(compressed) < len(original)
    assert gzip.decompress(compressed) == original


def test_no_gzip_unless_asked(server):
    asset = largest_asset()
    r = server.get("/" + asset, headers=IDENTITY)
    assert "Content-Encoding" not in r.headers
    assert r.content == file_bytes(asset)


def test_head_gives_length_and_no_body(server):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=HTTP_TIMEOUT)
    try:
        for path, name in (("/", "index.html"), ("/" + largest_asset(), largest_asset())):
            conn.request("HEAD", path, headers=IDENTITY)
            r = conn.getresponse()
            assert r.status == 200
            assert r.read() == b""
            assert int(r.getheader("Content-Length")) == len(file_bytes(name))
        # Had the server sent a body after the HEAD answer, this response
        # would not parse on the same connection.
        conn.request("GET", "/health")
        r = conn.getresponse()
        assert r.status == 200 and r.read() == b'{"status":"ok"}'
    finally:
        conn.close()


@pytest.mark.parametrize("path", ["/missing.png", "/assets/missing.js", "/leistungen/bild.jpg"])
def test_missing_file_is_404_problem(server, path):
    problem = assert_problem(server.get(path), 404)
    assert problem["instance"] == path


@pytest.mark.parametrize("path", ["/", "ASSET"])
def test_post_to_a_page_is_405(server, path):
    if path == "ASSET":
        path = "/" + largest_asset()
    r = server.request("POST", path, data=b"x=1")
    assert_problem(r, 405)
    allow = [m.strip() for m in r.headers.get("Allow", "").split(",")]
    assert "GET" in allow and "POST" not in allow, r.headers.get("Allow")


def test_api_docs_page(server):
    r = server.get("/api/docs", headers=IDENTITY)
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/html")
    if (WEB / "api-docs.html").is_file():
        assert r.content == file_bytes("api-docs.html")


def test_api_paths_never_fall_back_to_the_app(server):
    r = server.get("/api/leistungen")
    assert_problem(r, 404)
