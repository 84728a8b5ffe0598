"""The DCAT-AP.de catalogue: /opendata/catalog.{ttl,rdf,jsonld} and
/opendata/dataset/{name}.{ttl,rdf,jsonld} validate against the official
DCAT-AP.de 2.0 SHACL shapes with zero violations (tests/shacl/validate.mjs
with rdf-validate-shacl), the three formats carry the same triples, the
catalogue pages with hydra like ckanext-dcat and filters by modified_since."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import Server, assert_problem

ROOT = Path(__file__).resolve().parents[2]
SHACL = ROOT / "tests" / "shacl"
SHAPES = ROOT / "tests" / "data" / "dcat-ap-de" / "v2.0"
IMPORTS = ROOT / "tests" / "data" / "dcat-ap-de" / "imports"
FORMATS = {"ttl": "text/turtle", "rdf": "application/rdf+xml", "jsonld": "application/ld+json"}
DATASETS = ["leistungskatalog", "behoerdenstandorte", "termin-wartezeiten", "stadtbezirke",
            "sensoren-luftqualitaet"]
PUBLIC_COUNT = 13  # the demo's public datasets: four of the administration, nine of the sensors


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("opendata_dcat"), args=["--demo"]).start()
    yield s
    s.finish()


def validate(files: list[Path]) -> dict:
    node = shutil.which("node")
    assert node, "node is needed for the SHACL validation (scripts/install-deps.sh)"
    assert (SHACL / "node_modules" / "rdf-validate-shacl").is_dir(), \
        "tests/shacl/node_modules is missing: run scripts/install-deps.sh"
    out = subprocess.run([node, "validate.mjs", str(SHAPES), str(IMPORTS), *map(str, files)],
                         cwd=SHACL, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def fetch(s: Server, path: str, tmp: Path) -> Path:
    r = s.get(path)
    assert r.status_code == 200, r.text
    ext = path.rsplit(".", 1)[1].split("?")[0]
    assert r.headers["Content-Type"].startswith(FORMATS[ext])
    file = tmp / (path.strip("/").replace("/", "_").replace("?", "_") + "." + ext)
    file.write_bytes(r.content)
    return file


def assert_clean(report: dict) -> None:
    for name, result in report["files"].items():
        assert result["triples"] > 10, name
        assert result["violations"] == [], f"{name}: {json.dumps(result['violations'], indent=1)}"
    assert report["isomorphic"], "the formats must carry the same triples"


def test_catalog_is_shacl_clean_in_every_format(demo, tmp_path):
    assert_clean(validate([fetch(demo, f"/opendata/catalog.{ext}", tmp_path) for ext in FORMATS]))


@pytest.mark.parametrize("name", DATASETS)
def test_each_dataset_is_shacl_clean_in_every_format(demo, tmp_path, name):
    assert_clean(validate([fetch(demo, f"/opendata/dataset/{name}.{ext}", tmp_path)
                           for ext in FORMATS]))


def test_the_validator_does_find_violations(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("""@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
<http://x/ds> a dcat:Dataset ; dct:issued "gestern" ; dcat:distribution <http://x/d> .
<http://x/d> a dcat:Distribution .
""")
    paths = {v["path"] for v in validate([bad])["files"][str(bad)]["violations"]}
    assert {"http://purl.org/dc/terms/title", "http://purl.org/dc/terms/issued",
            "http://www.w3.org/ns/dcat#accessURL"} <= paths


def test_catalog_content_and_paging(demo):
    doc = demo.get("/opendata/catalog.jsonld").json()
    nodes = {n["@id"]: n for n in doc["@graph"]}
    catalog = nodes["http://localhost:8080/opendata/catalog"]
    assert len(catalog["dcat:dataset"]) == PUBLIC_COUNT
    page = nodes["http://localhost:8080/opendata/catalog.jsonld?page=1"]
    assert page["@type"] == ["hydra:PagedCollection"]
    assert page["hydra:totalItems"][0]["@value"] == str(PUBLIC_COUNT)
    assert "hydra:nextPage" not in page
    ds = nodes["http://localhost:8080/opendata/dataset/leistungskatalog"]
    assert ds["dcat:theme"][0]["@id"].endswith("/data-theme/GOVE")
    dist = nodes["http://localhost:8080/opendata/dataset/leistungskatalog/distribution/leistungen-csv"]
    assert dist["dcat:downloadURL"][0]["@id"] == \
        "http://localhost:8080/opendata/download/leistungskatalog/leistungen.csv"
    assert dist["dct:license"][0]["@id"] == "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
    assert dist["dcatde:licenseAttributionByText"][0]["@value"]
    # The download the catalogue points to exists.
    assert demo.get("/opendata/download/leistungskatalog/leistungen.csv").status_code == 200


def test_modified_since_and_bad_parameters(demo):
    future = demo.get("/opendata/catalog.ttl", params={"modified_since": "2999-01-01"})
    assert future.status_code == 200
    assert "dcat:Dataset" not in future.text and '"0"^^xsd:integer' in future.text
    past = demo.get("/opendata/catalog.ttl", params={"modified_since": "2000-01-01T00:00:00+01:00"})
    assert past.text.count("a dcat:Dataset") == PUBLIC_COUNT
    assert "modified_since=1999-12-31T23:00:00Z" in past.text  # page links keep the filter (UTC)
    assert_problem(demo.get("/opendata/catalog.ttl", params={"modified_since": "gestern"}), 400)
    for page in ("0", "-1", "x", "99999999999"):
        assert_problem(demo.get("/opendata/catalog.ttl", params={"page": page}), 400)
    assert_problem(demo.get("/opendata/catalog.ttl", params={"page": "2"}), 404)


@pytest.mark.parametrize("path", ["/opendata/dataset/gibt-es-nicht.ttl",
                                  "/opendata/dataset/leistungskatalog.xml",
                                  "/opendata/dataset/leistungskatalog",
                                  "/opendata/catalog.xml"])
def test_unknown_documents_are_404(demo, path):
    assert_problem(demo.get(path), 404)


def test_the_town_is_configured_and_every_dataset_has_its_landing_page(tmp_path_factory, tmp_path):
    s = Server(tmp_path_factory.mktemp("opendata_town"), args=["--demo"], env={
        "STADTKERN_OPENDATA_MUNICIPALITY_KEY": "05315000",
        "STADTKERN_OPENDATA_CONTRIBUTOR_ID": "beispielheim",
        "STADTKERN_OPENDATA_BBOX": "6.77,50.83,7.16,51.08"}).start()
    try:
        ttl = s.get("/opendata/dataset/leistungskatalog.ttl").text
        assert "politicalGeocoding/municipalityKey/05315000>" in ttl
        assert "05999000" not in ttl
        assert "<http://dcat-ap.de/def/contributors/beispielheim>" in ttl
        assert ("POLYGON((6.7700 50.8300, 7.1600 50.8300, 7.1600 51.0800, 6.7700 51.0800, "
                "6.7700 50.8300))") in ttl
        landing = re.search(r"dcat:landingPage <([^>]+)>", ttl)
        assert landing and landing.group(1).endswith("/daten/leistungskatalog")
        assert_clean(validate([fetch(s, f"/opendata/dataset/leistungskatalog.{ext}", tmp_path)
                               for ext in FORMATS]))
    finally:
        s.finish()
