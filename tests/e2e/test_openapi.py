"""The OpenAPI document matches the running server (structure only; a full
validation with an npm validator runs elsewhere)."""
from __future__ import annotations

import re

import pytest

from conftest import assert_problem

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
PLACEHOLDER = "e2e-placeholder"


@pytest.fixture(scope="module")
def doc(server):
    r = server.get("/api/openapi.json")
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("application/json")
    return r.json()


def operations(doc):
    for path, item in doc["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item, item[method]


def test_is_openapi_3_1_with_info(doc, server):
    assert doc["openapi"] == "3.1.0"
    assert isinstance(doc["info"]["title"], str) and doc["info"]["title"].strip()
    assert doc["info"]["version"] == server.version()["version"]
    assert isinstance(doc["paths"], dict) and doc["paths"]
    for path in ("/api/version", "/api/openapi.json", "/health"):
        assert path in doc["paths"], f"{path} is not documented"


def test_every_operation_has_responses(doc):
    for path, method, _, op in operations(doc):
        responses = op.get("responses")
        assert isinstance(responses, dict) and responses, f"{method.upper()} {path} has no responses"
        for code, response in responses.items():
            assert re.fullmatch(r"[1-5](\d\d|XX)|default", code), f"{method.upper()} {path}: response key {code!r}"
            assert "description" in response or "$ref" in response, f"{method.upper()} {path} {code}: no description"


def test_path_parameters_are_declared(doc):
    for path, method, item, op in operations(doc):
        names = re.findall(r"\{([^{}/]+)\}", path)
        declared = {p.get("name"): p for p in item.get("parameters", []) + op.get("parameters", [])
                    if isinstance(p, dict) and p.get("in") == "path"}
        for name in names:
            assert name in declared, f"{method.upper()} {path}: {{{name}}} is not declared as in: path"
            assert declared[name].get("required") is True, f"{method.upper()} {path}: {{{name}}} not required"
        for name in declared:
            assert name in names, f"{method.upper()} {path}: path parameter {name} is not in the path"


def test_operation_ids_are_unique(doc):
    ids = [op["operationId"] for _, _, _, op in operations(doc) if "operationId" in op]
    assert len(ids) == len(set(ids)), ids


def test_references_resolve(doc):
    def resolve(ref: str):
        node = doc
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            assert isinstance(node, dict) and part in node, f"unresolved $ref {ref}"
            node = node[part]

    def walk(node):
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/"):
                resolve(ref)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(doc)


def test_documented_api_paths_are_served(doc, server):
    api_paths = [p for p in doc["paths"] if p.startswith("/api/")]
    assert api_paths, "no /api/ path is documented"
    for path in api_paths:
        item = doc["paths"][path]
        method = next(m for m in item if m in METHODS)
        concrete = re.sub(r"\{[^{}/]+\}", PLACEHOLDER, path)
        r = server.request(method.upper(), concrete)
        assert r.status_code < 500, f"{method.upper()} {concrete}: {r.status_code} {r.text[:300]}"
        if r.status_code != 404:
            continue
        if "404" in item[method].get("responses", {}):
            # A documented 404 (e.g. /api/docs without a built web app).
            assert r.headers["Content-Type"].startswith("application/problem+json")
            continue
        # With a placeholder id a 404 can mean "no such thing"; the route
        # itself exists when another method is answered with 405.
        assert concrete != path, f"{method.upper()} {path} is documented but answers 404"
        unused = next(m for m in ("trace", "patch", "put", "delete", "post", "get") if m not in item)
        probe = server.request(unused.upper(), concrete)
        assert probe.status_code == 405, f"{path} is documented but not routed ({unused.upper()} gives {probe.status_code})"


def test_api_docs_without_web_app_is_a_documented_404(make_server):
    s = make_server(web_dir=None)
    problem = assert_problem(s.get("/api/docs"), 404)
    assert "/api/openapi.json" in problem["detail"]
    assert s.get("/api/openapi.json").status_code == 200
    # And the rest of the app is absent too, as a problem rather than a page.
    assert_problem(s.get("/"), 404)
