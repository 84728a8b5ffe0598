"""`stadtkern opendata import`: all records checked, nothing written when one
is invalid, versions kept; and with 250 imported datasets the DCAT-AP.de
catalogue pages (hydra) and package_search pages through all of them."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import Server, run_cli

ORG = {"name": "umwelt", "title": "Umweltamt", "email": "umwelt@musterstadt.example"}


def dataset(i: int, **changes) -> dict:
    d = {"name": f"messung-{i:03d}", "title": f"Messreihe {i}", "notes": "Messwerte",
         "organization": "umwelt", "contact_email": "umwelt@musterstadt.example",
         "license": "dl-zero-de/2.0", "themes": ["ENVI"], "keywords": [f"k{i % 7}"],
         "issued": "2025-01-01", "accrual_periodicity": "MONTHLY",
         "distributions": [{"id": "csv", "title": "CSV", "format": "CSV", "media_type": "text/csv",
                            "access_url": f"https://daten.example/{i}.csv", "byte_size": i}]}
    d.update(changes)
    return d


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    work = tmp_path_factory.mktemp("od_import")
    bad = work / "bad.json"
    bad.write_text(json.dumps({"organizations": [ORG], "datasets": [
        dataset(1), dataset(2, license="proprietär"), dataset(3, organization="nope"), dataset(1)]}))
    proc = run_cli(["opendata", "import", str(bad), "--data-dir", str(work / "var")], cwd=work)
    assert proc.returncode == 2
    assert "datasets[1] license" in proc.stderr and "datasets[2] organization" in proc.stderr
    assert "datasets[3] name: occurs twice" in proc.stderr and "nothing was imported" in proc.stderr
    good = work / "good.json"
    good.write_text(json.dumps({"organizations": [ORG], "datasets": [dataset(i) for i in range(250)]}))
    proc = run_cli(["opendata", "import", str(good), "--data-dir", str(work / "var")], cwd=work)
    assert proc.returncode == 0, proc.stderr
    assert "250 datasets" in proc.stdout
    s = Server(work).start()
    yield s
    s.finish()


def test_nothing_of_an_invalid_file_was_written_and_all_of_a_valid_one(imported):
    r = imported.get("/api/3/action/package_search", params={"rows": 1000}).json()["result"]
    assert r["count"] == 250 and len(r["results"]) == 250
    assert r["results"][0]["resources"][0]["size"] is not None


def test_catalog_pages_with_hydra(imported):
    seen = set()
    url = "/opendata/catalog.ttl"
    pages = 0
    while url:
        text = imported.get(url).text
        pages += 1
        seen |= set(re.findall(r"<http://localhost:8080/opendata/dataset/(messung-\d+)>\n    a dcat:Dataset", text))
        assert 'hydra:totalItems "250"^^xsd:integer' in text
        nxt = re.search(r'hydra:nextPage "http://localhost:8080(/opendata/catalog\.ttl\?page=\d+)"', text)
        url = nxt.group(1) if nxt else None
    assert pages == 3 and len(seen) == 250
    assert 'hydra:previousPage "http://localhost:8080/opendata/catalog.ttl?page=2"' in text
