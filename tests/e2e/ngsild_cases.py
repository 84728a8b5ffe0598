"""The table of NGSI-LD conformance cases, built on the payloads and expected
responses of the ETSI test suite (tests/e2e/data/ngsi-ld/data, see
REFERENCE below). A case is a dict:

  name      unique name (the pytest id)
  steps     requests run before the checked one; each must answer `status`
  request   the checked request
  status    the expected status
  expect    expected body: a file under data/ (relative), or a Python value
  problem   expected ProblemDetails type (last part: "BadRequestData")
  headers   expected response headers (exact values), or None to require absence
  unordered True: compare lists as sets (queries, types)
  count     the number of entities a query must return
  ids       the entity ids a query must return (any order)

A request is a dict: method, path, and optionally payload (a file under
data/ or a Python value), content_type, link (a context URL for the Link
header), accept, tenant, params. Every case runs in a tenant of its own,
so cases never see each other's entities. The literal `ENTITY` in paths and
ids stands for the case's entity id.

Subscriptions and temporal entities have their own case tables
(ngsild_cases_subscriptions.py, ngsild_cases_temporal.py). Not yet covered:
context sources, linked entity
retrieval, GeoJSON output, orderBy, scope queries, pick/omit on lists, language
filters on queries.
"""
import json
import os
from pathlib import Path



def _find_reference():
    """NGSILD_REFERENCE, else the suite's data copied into tests/e2e/data/ngsi-ld."""
    if os.environ.get("NGSILD_REFERENCE"):
        return Path(os.environ["NGSILD_REFERENCE"])
    return Path(__file__).resolve().parent / "data" / "ngsi-ld"


REFERENCE = _find_reference()
DATA = REFERENCE / "data"
SUITE = "https://forge.etsi.org/rep/cim/ngsi-ld-test-suite/-/raw/develop/resources/jsonld-contexts/"
COMPOUND = SUITE + "ngsi-ld-test-suite-compound.jsonld"
CORE = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld"
LD = "application/ld+json"


def load(rel):
    return json.loads((DATA / rel).read_text())


def create(payload, status=201):
    """The step that creates an entity from a payload file (.jsonld in the
    body, .json with the suite's context in a Link header)."""
    step = {"method": "POST", "path": "/entities", "payload": payload, "status": status}
    if payload.endswith(".json"):
        step["content_type"] = "application/json"
        step["link"] = COMPOUND
    else:
        step["content_type"] = LD
    return step


def get(path="/entities/ENTITY", *, link=COMPOUND, accept=LD, **params):
    r = {"method": "GET", "path": path, "accept": accept, "params": params}
    if link:
        r["link"] = link
    return r


def fragment(method, path, payload, params=None):
    r = {"method": method, "path": path, "payload": payload, "params": params or {}}
    if payload.endswith(".json"):
        r["content_type"] = "application/json"
        r["link"] = COMPOUND
    else:
        r["content_type"] = LD
    return r


# Payload files whose create is refused, with status and problem type.
# Payloads whose @context lives on a host outside the reference set (no
# network in the tests): not yet covered until remote contexts are fetched.
REMOTE_CONTEXT = {"entities/country-simple-attributes.jsonld"}

INVALID_CREATES = {
    "entities/invalid-json.jsonld": (400, "InvalidRequest"),
    "entities/empty.jsonld": (400, "BadRequestData"),
    "entities/invalid-type.jsonld": (400, "BadRequestData"),
    "entities/building-unretrievable-context.jsonld": (503, "LdContextNotAvailable"),
}


def entity_payloads():
    files = sorted(p for p in (DATA / "entities").iterdir() if p.is_file())
    out = []
    for p in files:
        rel = f"entities/{p.name}"
        if rel in INVALID_CREATES or rel in REMOTE_CONTEXT:
            continue
        body = load(rel)
        if isinstance(body, dict) and "id" in body and "type" in body:
            out.append(rel)
    return out


def roundtrip_cases():
    """018-style: create each payload, retrieve it with its own context and
    get the same entity back (normalized, no system attributes)."""
    cases = []
    for rel in entity_payloads():
        stem = Path(rel).stem + ("-json" if rel.endswith(".json") else "")
        cases.append({"name": f"create-{stem}", "steps": [], "request": create(rel), "status": 201,
                      "headers": {"Location": "/ngsi-ld/v1/entities/ENTITY"}})
        accept = "application/json" if rel.endswith(".json") else LD
        cases.append({"name": f"retrieve-{stem}", "steps": [create(rel)], "request": get(accept=accept),
                      "status": 200, "expect": {"same_as_payload": rel}})
        cases.append({"name": f"create-twice-{stem}", "steps": [create(rel)], "request": create(rel),
                      "status": 409, "problem": "AlreadyExists"})
        cases.append({"name": f"delete-{stem}",
                      "steps": [create(rel), {"method": "DELETE", "path": "/entities/ENTITY", "status": 204}],
                      "request": get(), "status": 404, "problem": "ResourceNotFound"})
    return cases


def invalid_create_cases():
    return [{"name": f"create-refused-{Path(rel).stem}", "steps": [], "request": create(rel),
             "status": status, "problem": problem} for rel, (status, problem) in INVALID_CREATES.items()]


EXPECTATION_CASES = [
    # Retrieval with the core context only: names come back as IRIs.
    {"name": "retrieve-core-context-expanded-names",
     "steps": [create("entities/building-simple-attributes.jsonld")],
     "request": get(link=None), "status": 200,
     "expect": "entities/expectations/building-simple-attributes.jsonld"},
    {"name": "retrieve-core-context-application-json",
     "steps": [create("entities/building-simple-attributes.jsonld")],
     "request": get(link=None, accept="application/json"), "status": 200,
     "expect": "entities/expectations/building-simple-attributes-expanded.json",
     "headers": {"Link": f'<{CORE}>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"'}},
    {"name": "retrieve-keyvalues-core-context",
     "steps": [create("entities/building-simple-attributes.jsonld")],
     "request": get(link=None, accept="application/json", options="keyValues"), "status": 200,
     "expect": "entities/expectations/building-simple-attributes-simplified.json"},
    {"name": "retrieve-format-simplified-core-context",
     "steps": [create("entities/building-simple-attributes.jsonld")],
     "request": get(link=None, accept="application/json", format="simplified"), "status": 200,
     "expect": "entities/expectations/building-simple-attributes-simplified.json"},
    {"name": "retrieve-compacted-with-link",
     "steps": [create("entities/building-simple-attributes.jsonld")],
     "request": get(accept="application/json"), "status": 200,
     "expect": "entities/expectations/building-simple-attributes-compacted.json"},
    {"name": "retrieve-minimal-core-context",
     "steps": [create("entities/building-minimal.jsonld")],
     "request": get(link=None, accept="application/json"), "status": 200,
     "expect": "entities/expectations/building-minimal.json"},
    {"name": "retrieve-minimal-compacted",
     "steps": [create("entities/building-minimal.jsonld")],
     "request": get(accept="application/json"), "status": 200,
     "expect": "entities/expectations/building-minimal-compacted.json"},
    {"name": "retrieve-relationship-sub-attribute-core-context",
     "steps": [create("entities/vehicle-simple-attributes.jsonld")],
     "request": get(link=None, accept="application/json", attrs="https://ngsi-ld-test-suite/context#brandName,isParked"),
     "status": 200, "expect": "entities/expectations/vehicle-simple-attributes-core-context.json",
     "id": "urn:ngsi-ld:Vehicle:3542857210001312"},
    {"name": "retrieve-attrs-projection-none-match",
     "steps": [create("entities/building-simple-attributes.jsonld")],
     "request": get(attrs="doesNotExist"), "status": 200,
     "expect": "entities/expectations/building-no-attributes.jsonld"},
    {"name": "retrieve-attrs-projection-name",
     "steps": [create("entities/building-multi-instances-attributes.jsonld")],
     "request": get(attrs="name"), "status": 200,
     "expect": "entities/expectations/building-name-attribute.jsonld"},
    # Append with and without noOverwrite.
    {"name": "append-no-overwrite-keeps-existing-instance",
     "steps": [create("entities/vehicle-speed-two-datasetid.jsonld"),
               fragment("POST", "/entities/ENTITY/attrs",
                        "entities/fragmentEntities/vehicle-attribute-to-add-fragment.jsonld",
                        {"options": "noOverwrite"}) | {"status": 207}],
     "request": get(), "status": 200, "expect": "entities/expectations/vehicle-speed-appended.jsonld"},
    {"name": "append-no-overwrite-answers-207",
     "steps": [create("entities/vehicle-speed-two-datasetid.jsonld")],
     "request": fragment("POST", "/entities/ENTITY/attrs",
                         "entities/fragmentEntities/vehicle-attribute-to-add-fragment.jsonld",
                         {"options": "noOverwrite"}),
     "status": 207, "expect": {"updated": ["attribute_to_be_added"],
                               "notUpdated": [{"attributeName": "speed", "reason": "*"}]}},
    {"name": "append-overwrite-answers-204",
     "steps": [create("entities/vehicle-speed-two-datasetid.jsonld")],
     "request": fragment("POST", "/entities/ENTITY/attrs",
                         "entities/fragmentEntities/vehicle-attribute-to-add-fragment.jsonld"),
     "status": 204},
    {"name": "append-to-missing-entity",
     "steps": [create("entities/building-minimal.jsonld") | {"id": "urn:ngsi-ld:Building:other"}],
     "request": fragment("POST", "/entities/ENTITY/attrs",
                         "entities/fragmentEntities/vehicle-attribute-to-add-fragment.jsonld"),
     "status": 404, "problem": "ResourceNotFound"},
    {"name": "append-invalid-fragment",
     "steps": [create("entities/vehicle-speed-two-datasetid.jsonld")],
     "request": fragment("POST", "/entities/ENTITY/attrs", "entities/fragmentEntities/invalid-fragment.jsonld"),
     "status": 400},
    {"name": "update-missing-attribute-answers-207",
     "steps": [create("entities/vehicle-minimal.jsonld")],
     "request": fragment("PATCH", "/entities/ENTITY/attrs",
                         "entities/fragmentEntities/vehicle-attribute-to-add-fragment.jsonld"),
     "status": 207},
    {"name": "update-attrs-of-missing-entity",
     "steps": [create("entities/building-minimal.jsonld") | {"id": "urn:ngsi-ld:Building:other"}],
     "request": fragment("PATCH", "/entities/ENTITY/attrs",
                         "entities/fragmentEntities/vehicle-brandname-fragment.jsonld"),
     "status": 404, "problem": "ResourceNotFound"},
    {"name": "partial-update-brandname-fragment",
     "steps": [create("entities/vehicle-simple-attributes.jsonld")],
     "request": fragment("PATCH", "/entities/ENTITY/attrs/brandName",
                         "entities/fragmentEntities/vehicle-brandname-fragment.jsonld"),
     "status": 204},
    {"name": "update-attrs-speed-and-isparked",
     "steps": [create("entities/vehicle-speed-multi-instances.jsonld")],
     "request": fragment("PATCH", "/entities/ENTITY/attrs",
                         "entities/fragmentEntities/vehicle-speed-isParked-fragment.json"),
     "status": 204},
    # Delete attribute instances.
    {"name": "delete-default-instance",
     "steps": [create("entities/vehicle-speed-only-multi-instances.jsonld"),
               {"method": "DELETE", "path": "/entities/ENTITY/attrs/speed", "link": COMPOUND, "status": 204}],
     "request": get(), "status": 200, "expect": "entities/expectations/vehicle-delete-default-speed.jsonld",
     "id": "urn:ngsi-ld:Vehicle:0384085170704932"},
    {"name": "delete-instance-by-dataset",
     "steps": [create("entities/vehicle-speed-only-multi-instances.jsonld"),
               {"method": "DELETE", "path": "/entities/ENTITY/attrs/speed", "link": COMPOUND,
                "params": {"datasetId": "urn:ngsi-ld:Dataset:gps"}, "status": 204}],
     "request": get(), "status": 200, "expect": "entities/expectations/vehicle-delete-datasetid-speed.jsonld",
     "id": "urn:ngsi-ld:Vehicle:0384085170704932"},
    {"name": "delete-all-instances",
     "steps": [create("entities/vehicle-speed-two-datasetid.jsonld"),
               {"method": "DELETE", "path": "/entities/ENTITY/attrs/speed", "link": COMPOUND,
                "params": {"deleteAll": "true"}, "status": 204}],
     "request": get(attrs="speed,brandName"), "status": 200,
     "expect": {"id": "ENTITY", "type": "Vehicle", "brandName": {"type": "Property", "value": "Mercedes"},
                "@context": [COMPOUND]}},
    {"name": "delete-all-instances-suite",
     "steps": [create("entities/vehicle-speed-only-multi-instances.jsonld"),
               {"method": "DELETE", "path": "/entities/ENTITY/attrs/speed", "link": COMPOUND,
                "params": {"deleteAll": "true"}, "status": 204}],
     "request": get(), "status": 200, "expect": "entities/expectations/vehicle-delete-deleteall-speed.jsonld",
     "id": "urn:ngsi-ld:Vehicle:0384085170704932"},
    {"name": "delete-then-delete-again",
     "steps": [create("entities/vehicle-speed-only-multi-instances.jsonld"),
               {"method": "DELETE", "path": "/entities/ENTITY/attrs/speed", "link": COMPOUND, "status": 204}],
     "request": {"method": "DELETE", "path": "/entities/ENTITY/attrs/speed", "link": COMPOUND},
     "status": 404, "problem": "ResourceNotFound"},
    {"name": "delete-unknown-attribute",
     "steps": [create("entities/vehicle-speed-two-datasetid.jsonld")],
     "request": {"method": "DELETE", "path": "/entities/ENTITY/attrs/unknownAttribute", "link": COMPOUND},
     "status": 404, "problem": "ResourceNotFound"},
    {"name": "delete-unknown-dataset",
     "steps": [create("entities/vehicle-speed-two-datasetid.jsonld")],
     "request": {"method": "DELETE", "path": "/entities/ENTITY/attrs/speed", "link": COMPOUND,
                 "params": {"datasetId": "urn:ngsi-ld:Property:unknown"}},
     "status": 404, "problem": "ResourceNotFound"},
    {"name": "delete-attribute-bad-deleteall",
     "steps": [create("entities/vehicle-speed-two-datasetid.jsonld")],
     "request": {"method": "DELETE", "path": "/entities/ENTITY/attrs/speed", "link": COMPOUND,
                 "params": {"deleteAll": "maybe"}},
     "status": 400, "problem": "BadRequestData"},
    # Partial attribute update.
    {"name": "partial-update-missing-attribute",
     "steps": [create("entities/vehicle-simple-attributes.jsonld")],
     "request": {"method": "PATCH", "path": "/entities/ENTITY/attrs/speed", "content_type": "application/json",
                 "link": COMPOUND, "payload": {"value": 20}},
     "status": 404, "problem": "ResourceNotFound"},
    {"name": "partial-update-value",
     "steps": [create("entities/vehicle-simple-attributes.jsonld"),
               {"method": "PATCH", "path": "/entities/ENTITY/attrs/brandName", "content_type": "application/json",
                "link": COMPOUND, "payload": {"value": "BMW"}, "status": 204}],
     "request": get(accept="application/json", options="keyValues", attrs="brandName"), "status": 200,
     "expect": {"id": "ENTITY", "type": "Vehicle", "brandName": "BMW"}},
    # Replace the whole entity.
    {"name": "replace-entity",
     "steps": [create("entities/vehicle-simple-attributes.jsonld"),
               {"method": "PUT", "path": "/entities/ENTITY", "content_type": "application/json", "link": COMPOUND,
                "payload": {"type": "Vehicle", "speed": {"type": "Property", "value": 3}}, "status": 204}],
     "request": get(accept="application/json"), "status": 200,
     "expect": {"id": "ENTITY", "type": "Vehicle", "speed": {"type": "Property", "value": 3}}},
    {"name": "replace-missing-entity",
     "steps": [create("entities/building-minimal.jsonld") | {"id": "urn:ngsi-ld:Building:other"}],
     "request": {"method": "PUT", "path": "/entities/ENTITY", "content_type": "application/json", "link": COMPOUND,
                 "payload": {"type": "Vehicle"}},
     "status": 404, "problem": "ResourceNotFound"},
]


def fragment_cases():
    """Append and partial update with the suite's fragments, checked against
    its expected entities."""
    two = create("entities/vehicle-speed-two-datasetid.jsonld")
    frag = "entities/fragmentEntities/"
    exp = "entities/expectations/"
    table = [
        ("append-json-property", [two], ("POST", "/entities/ENTITY/attrs", "vehicle-new-json-property-fragment.jsonld"),
         "vehicle-json-property-appended.jsonld"),
        ("append-language-property", [two],
         ("POST", "/entities/ENTITY/attrs", "vehicle-new-language-property-fragment.jsonld"),
         "vehicle-language-property-appended.jsonld"),
        ("append-vocab-property", [create("entities/vehicle-minimal.jsonld")],
         ("POST", "/entities/ENTITY/attrs", "vehicle-new-vocab-property-fragment.jsonld"),
         "vehicle-vocab-property-appended.jsonld"),
        ("partial-update-relationship-sub-attribute", [two],
         ("PATCH", "/entities/ENTITY/attrs/isParked", "vehicle-isparked-fragment.jsonld"),
         "vehicle-isparked-update.jsonld"),
        ("partial-update-dataset-instance", [two],
         ("PATCH", "/entities/ENTITY/attrs/speed", "vehicle-speed-equal-datasetid-fragment.jsonld"),
         "vehicle-update-speed.jsonld"),
    ]
    return [{"name": name, "steps": steps + [fragment(method, path, frag + payload) | {"status": 204}],
             "request": get(), "status": 200, "expect": exp + expected}
            for name, steps, (method, path, payload), expected in table]


def ngsild_null_cases():
    """urn:ngsi-ld:null in an update deletes the instance it names: the
    default instance, one datasetId, or the single instance."""
    null = "entities/fragmentEntities/ngsild-null/"
    exp = "entities/expectations/ngsild-null/building-deleted-"
    sources = {"instance": "building-different-attributes-instances-and-types.jsonld",
               "default-instance": "building-different-default-attributes-instances-and-types.jsonld",
               "": "building-different-attributes-types.jsonld"}
    attrs = {"property": "name", "relationship": "locatedAt", "geoproperty": "location", "languageproperty": "street"}
    cases = []
    for kind, attr in attrs.items():
        for variant, source in sources.items():
            suffix = f"-{variant}" if variant else ""
            fragment_file = f"null-{kind}-instance.jsonld" if variant == "instance" else f"null-{kind}.jsonld"
            attr_file = (f"null-{kind}-instance-fragment.jsonld" if variant == "instance"
                         else f"null-{kind}-fragment.jsonld")
            expected = f"{exp}{kind}{suffix}.jsonld"
            base = [create("entities/" + source)]
            cases.append({"name": f"null-update-attrs-{kind}{suffix}",
                          "steps": base + [fragment("PATCH", "/entities/ENTITY/attrs", null + fragment_file)
                                           | {"status": 204}],
                          "request": get(), "status": 200, "expect": expected})
            cases.append({"name": f"null-partial-update-{kind}{suffix}",
                          "steps": base + [fragment("PATCH", f"/entities/ENTITY/attrs/{attr}", null + attr_file)
                                           | {"status": 204}],
                          "request": get(), "status": 200, "expect": expected})
            cases.append({"name": f"null-append-{kind}{suffix}",
                          "steps": base + [fragment("POST", "/entities/ENTITY/attrs", null + fragment_file)
                                           | {"status": 204}],
                          "request": get(), "status": 200, "expect": expected})
    return cases


def merge_cases():
    base = [create("entities/merge/building-merge-data.jsonld")]
    exp = "entities/expectations/merge/"
    return [
        {"name": "merge-keeps-unit-code", "steps": base + [
            fragment("PATCH", "/entities/ENTITY", "entities/merge/building-only-airQualityLevel-value.jsonld")
            | {"status": 204}],
         "request": get(), "status": 200, "expect": exp + "building-with-changed-airQualityLevel.jsonld"},
        {"name": "merge-same-data-changes-nothing", "steps": base + [
            fragment("PATCH", "/entities/ENTITY", "entities/merge/building-merge-data.jsonld") | {"status": 204}],
         "request": get(), "status": 200, "expect": exp + "building-non-edited.jsonld"},
        {"name": "merge-adds-relationship", "steps": base + [
            {"method": "PATCH", "path": "/entities/ENTITY", "content_type": LD, "status": 204,
             "payload": {"locatedAt": {"type": "Relationship", "object": "urn:ngsi-ld:City:Paris"},
                         "@context": [COMPOUND]}}],
         "request": get(), "status": 200, "expect": exp + "building-with-relationship.jsonld"},
        {"name": "merge-missing-entity", "steps": [create("entities/building-minimal.jsonld")
                                                   | {"id": "urn:ngsi-ld:Building:other"}],
         "request": fragment("PATCH", "/entities/ENTITY", "entities/merge/building-merge-data.jsonld"),
         "status": 404, "problem": "ResourceNotFound"},
    ]


def pick_omit_cases():
    base = [create("entities/building-simple-attributes.jsonld")]
    table = [("pick-id-name", {"pick": "id,name"}), ("pick-id", {"pick": "id"}), ("pick-name", {"pick": "name"}),
             ("omit-id", {"omit": "id"}), ("omit-name", {"omit": "name"}), ("omit-type-name", {"omit": "type,name"})]
    cases = [{"name": f"retrieve-{name}", "steps": base, "request": get(accept="application/json", **params),
              "status": 200, "expect": f"entities/expectations/pick-omit/building-simple-attributes-{name}.json"}
             for name, params in table]
    cases.append({"name": "retrieve-pick-and-omit", "steps": base,
                  "request": get(pick="id", omit="name"), "status": 400, "problem": "BadRequestData"})
    return cases


def language_cases():
    base = [create("entities/building-language-property.jsonld")]
    exp = "entities/expectations/building-language-property-"
    return [
        {"name": "retrieve-lang-fr", "steps": base, "request": get(lang="fr"), "status": 200,
         "expect": exp + "fr-filter.jsonld"},
        {"name": "retrieve-lang-fr-simplified", "steps": base, "request": get(lang="fr", format="simplified"),
         "status": 200, "expect": exp + "fr-filter-simplified.jsonld"},
        {"name": "retrieve-lang-any", "steps": base, "request": get(lang="*"), "status": 200,
         "expect": exp + "any-language-filter.jsonld"},
        {"name": "retrieve-lang-any-simplified", "steps": base, "request": get(lang="*", options="keyValues"),
         "status": 200, "expect": exp + "any-language-filter-simplified.jsonld"},
    ]


def types_cases():
    buildings = [create("entities/building-simple-attributes.jsonld") | {"id": "urn:ngsi-ld:Building:b1"},
                 create("entities/building-simple-attributes.jsonld") | {"id": "urn:ngsi-ld:Building:b2"}]
    both = buildings + [create("entities/vehicle-simple-attributes.jsonld") | {"id": "urn:ngsi-ld:Vehicle:v1"}]
    return [
        {"name": "types-list-core-context", "steps": both, "request": get("/types", link=None, accept="application/json"),
         "status": 200, "expect": "types/expectations/entity-type-list-022-01-01.json"},
        {"name": "types-list-compacted", "steps": both, "request": get("/types", accept="application/json"),
         "status": 200, "expect": "types/expectations/entity-type-list-022-01-02.json"},
        {"name": "types-details-core-context", "steps": both,
         "request": get("/types", link=None, accept="application/json", details="true"),
         "status": 200, "expect": "types/expectations/entity-type-023-01-01.json", "unordered": True},
        {"name": "types-details-compacted", "steps": both,
         "request": get("/types", accept="application/json", details="true"),
         "status": 200, "expect": "types/expectations/entity-type-023-01-02.json", "unordered": True},
        {"name": "type-info", "steps": both, "request": get("/types/Building", accept="application/json"),
         "status": 200, "expect": "types/expectations/entity-type-info-024-01.json", "unordered": True},
        {"name": "type-info-unknown", "steps": both, "request": get("/types/Unknown", accept="application/json"),
         "status": 404, "problem": "ResourceNotFound"},
        {"name": "attributes-list-core-context", "steps": buildings,
         "request": get("/attributes", link=None, accept="application/json"),
         "status": 200, "expect": "types/expectations/attribute-list-025-01-01.json", "unordered": True},
        {"name": "attributes-list-compacted", "steps": buildings, "request": get("/attributes", accept="application/json"),
         "status": 200, "expect": "types/expectations/attribute-list-025-01-02.json", "unordered": True},
        {"name": "attributes-details-core-context", "steps": buildings,
         "request": get("/attributes", link=None, accept="application/json", details="true"),
         "status": 200, "expect": "types/expectations/attribute-026-01-01.json", "unordered": True},
        {"name": "attributes-details-compacted", "steps": buildings,
         "request": get("/attributes", accept="application/json", details="true"),
         "status": 200, "expect": "types/expectations/attribute-026-01-02.json", "unordered": True},
        {"name": "attribute-info", "steps": buildings[:1], "request": get("/attributes/airQualityLevel", accept="application/json"),
         "status": 200, "expect": "types/expectations/attribute-027-01.json", "unordered": True},
        {"name": "attribute-info-unknown", "steps": buildings,
         "request": get("/attributes/unknownAttr", accept="application/json"),
         "status": 404, "problem": "ResourceNotFound"},
    ]


def media_type_cases():
    ent = "entities/building-minimal.jsonld"
    return [
        {"name": "create-unsupported-media-type", "steps": [],
         "request": {"method": "POST", "path": "/entities", "content_type": "text/plain", "payload": ent},
         "status": 415},
        {"name": "create-without-content-type", "steps": [],
         "request": {"method": "POST", "path": "/entities", "content_type": "", "payload": ent}, "status": 415},
        {"name": "create-json-with-context-in-body", "steps": [],
         "request": {"method": "POST", "path": "/entities", "content_type": "application/json", "payload": ent},
         "status": 400, "problem": "BadRequestData"},
        {"name": "create-ld-json-with-link-header", "steps": [],
         "request": {"method": "POST", "path": "/entities", "content_type": LD, "payload": ent, "link": COMPOUND},
         "status": 400, "problem": "BadRequestData"},
        {"name": "create-ld-json-without-context", "steps": [],
         "request": {"method": "POST", "path": "/entities", "content_type": LD,
                     "payload": {"id": "ENTITY", "type": "Building"}},
         "status": 400, "problem": "BadRequestData"},
        {"name": "create-json-link-unretrievable", "steps": [],
         "request": {"method": "POST", "path": "/entities", "content_type": "application/json",
                     "payload": "entities/building-minimal.json", "link": "https://nowhere.example/ctx.jsonld"},
         "status": 503, "problem": "LdContextNotAvailable"},
        {"name": "retrieve-not-acceptable", "steps": [create(ent)],
         "request": get(accept="text/html"), "status": 406},
        {"name": "retrieve-any-accept-gives-json", "steps": [create(ent)],
         "request": get(accept="*/*"), "status": 200,
         "expect": "entities/expectations/building-minimal-compacted.json",
         "headers": {"Content-Type": "application/json"}},
        {"name": "retrieve-invalid-id", "steps": [],
         "request": get("/entities/not-a-uri"), "status": 400, "problem": "BadRequestData"},
        {"name": "retrieve-missing-entity", "steps": [create(ent)],
         "request": get("/entities/urn:ngsi-ld:Building:nothere"), "status": 404, "problem": "ResourceNotFound"},
        {"name": "retrieve-unknown-option", "steps": [create(ent)],
         "request": get(options="fancy"), "status": 400, "problem": "BadRequestData"},
    ]


def batch_cases():
    def batch(op, body, **kw):
        return {"method": "POST", "path": f"/entityOperations/{op}", "content_type": LD, "payload": body,
                "params": kw}

    def two(kind="Building"):
        a = load("entities/building-simple-attributes.jsonld")
        b = dict(a)
        return [dict(a, id="ENTITY"), dict(b, id="ENTITY-2")]

    return [
        {"name": "batch-create-201", "steps": [], "request": batch("create", two()), "status": 201,
         "expect": ["ENTITY", "ENTITY-2"], "unordered": True},
        {"name": "batch-create-207-existing", "steps": [create("entities/building-simple-attributes.jsonld")],
         "request": batch("create", two()), "status": 207,
         "expect": {"success": ["ENTITY-2"],
                    "errors": [{"entityId": "ENTITY", "error": {"type": "https://uri.etsi.org/ngsi-ld/errors/AlreadyExists",
                                                                 "title": "*", "status": 409, "detail": "*"}}]}},
        {"name": "batch-create-invalid-json", "steps": [],
         "request": batch("create", "entities/batch/invalid-json.jsonld"), "status": 400, "problem": "InvalidRequest"},
        {"name": "batch-create-empty", "steps": [],
         "request": batch("create", "entities/batch/empty.jsonld"), "status": 400, "problem": "BadRequestData"},
        {"name": "batch-create-not-an-array", "steps": [],
         "request": batch("create", load("entities/building-minimal.jsonld")), "status": 400, "problem": "BadRequestData"},
        {"name": "batch-create-invalid-entity-207", "steps": [],
         "request": batch("create", [dict(load("entities/building-minimal.jsonld"), id="ENTITY"),
                                     {"id": "not a uri", "type": "Building", "@context": [COMPOUND]}]),
         "status": 207},
        {"name": "batch-upsert-creates-201", "steps": [], "request": batch("upsert", two()), "status": 201,
         "expect": ["ENTITY", "ENTITY-2"], "unordered": True},
        {"name": "batch-upsert-existing-204",
         "steps": [batch("create", two()) | {"status": 201}],
         "request": batch("upsert", two()), "status": 204},
        {"name": "batch-upsert-mixed-201-lists-created",
         "steps": [create("entities/building-simple-attributes.jsonld")],
         "request": batch("upsert", two()), "status": 201, "expect": ["ENTITY-2"]},
        {"name": "batch-upsert-replace-drops-attributes",
         "steps": [create("entities/building-simple-attributes.jsonld"),
                   batch("upsert", [dict(load("entities/building-minimal.jsonld"), id="ENTITY")]) | {"status": 204}],
         "request": get(accept="application/json"), "status": 200,
         "expect": "entities/expectations/building-minimal-compacted.json"},
        {"name": "batch-upsert-update-keeps-attributes",
         "steps": [create("entities/building-simple-attributes.jsonld"),
                   batch("upsert", [dict(load("entities/building-minimal.jsonld"), id="ENTITY")], options="update")
                   | {"status": 204}],
         "request": get(), "status": 200, "expect": {"same_as_payload": "entities/building-simple-attributes.jsonld"}},
        {"name": "batch-update-204", "steps": [batch("create", two()) | {"status": 201}],
         "request": batch("update", [dict(load("entities/fragmentEntities/name-fragment.jsonld"), id="ENTITY")]),
         "status": 204},
        {"name": "batch-update-missing-207", "steps": [create("entities/building-simple-attributes.jsonld")],
         "request": batch("update", [dict(load("entities/fragmentEntities/name-fragment.jsonld"), id="ENTITY"),
                                     dict(load("entities/fragmentEntities/name-fragment.jsonld"), id="ENTITY-2")]),
         "status": 207},
        {"name": "batch-delete-204", "steps": [batch("create", two()) | {"status": 201}],
         "request": batch("delete", ["ENTITY", "ENTITY-2"]) | {"content_type": "application/json"}, "status": 204},
        {"name": "batch-delete-207-missing", "steps": [create("entities/building-simple-attributes.jsonld")],
         "request": batch("delete", ["ENTITY", "ENTITY-2"]) | {"content_type": "application/json"}, "status": 207,
         "expect": {"success": ["ENTITY"],
                    "errors": [{"entityId": "ENTITY-2", "error": {"type": "https://uri.etsi.org/ngsi-ld/errors/ResourceNotFound",
                                                                   "title": "*", "status": 404, "detail": "*"}}]}},
        {"name": "batch-delete-then-gone",
         "steps": [batch("create", two()) | {"status": 201},
                   batch("delete", ["ENTITY"]) | {"content_type": "application/json", "status": 204}],
         "request": get(), "status": 404, "problem": "ResourceNotFound"},
        {"name": "batch-query-by-type", "steps": [batch("create", two()) | {"status": 201}],
         "request": {"method": "POST", "path": "/entityOperations/query", "content_type": "application/json",
                     "link": COMPOUND, "payload": {"type": "Query", "entities": [{"type": "Building"}]}},
         "status": 200, "count": 2},
        {"name": "batch-query-not-a-query", "steps": [],
         "request": {"method": "POST", "path": "/entityOperations/query", "content_type": "application/json",
                     "payload": {"entities": [{"type": "Building"}]}},
         "status": 400, "problem": "BadRequestData"},
    ]


def query_cases():
    setup = [create("entities/building-simple-attributes.jsonld"),
             create("entities/vehicle-speed-two-datasetid.jsonld") | {"id": "urn:ngsi-ld:Vehicle:q1"},
             create("entities/vehicle-simple-attributes.jsonld") | {"id": "urn:ngsi-ld:Vehicle:q2"},
             create("entities/city-simple-attributes.jsonld") | {"id": "urn:ngsi-ld:City:q3"}]

    def q(count, **params):
        return {"steps": setup, "request": get("/entities", accept="application/json", **params), "status": 200,
                "count": count}

    table = [
        ("type", 1, {"type": "Building"}),
        ("type-list", 3, {"type": "Building,Vehicle"}),
        ("type-or", 3, {"type": "Building|Vehicle"}),
        ("type-unknown", 0, {"type": "Nothing"}),
        ("id-list", 2, {"id": "urn:ngsi-ld:Vehicle:q1,urn:ngsi-ld:City:q3"}),
        ("id-pattern", 2, {"idPattern": "^urn:ngsi-ld:Vehicle:.*"}),
        ("attrs-filter", 2, {"attrs": "brandName"}),
        ("q-number", 1, {"type": "Building", "q": "airQualityLevel>3"}),
        ("q-number-none", 0, {"type": "Building", "q": "airQualityLevel>4"}),
        ("q-string", 2, {"type": "Vehicle", "q": 'brandName=="Mercedes"'}),
        ("q-pattern", 1, {"q": 'name~="^Eiffel"'}),
        ("q-range", 1, {"q": "airQualityLevel==1..5"}),
        ("q-list", 1, {"q": "airQualityLevel==3,4"}),
        ("q-and", 1, {"q": 'airQualityLevel>3;almostFull==false'}),
        ("q-or", 3, {"q": 'airQualityLevel>3|brandName=="Mercedes"'}),
        ("q-parentheses", 1, {"q": '(airQualityLevel>3|brandName=="BMW");almostFull==false'}),
        ("q-relationship", 2, {"q": 'isParked=="urn:ngsi-ld:OffStreetParking:Downtown1"'}),
        ("q-existence", 1, {"q": "speed"}),
        ("q-datasets", 1, {"q": "speed>54"}),
        ("q-sub-attribute", 2, {"q": 'isParked.providedBy=="urn:ngsi-ld:Person:Bob"'}),
        ("q-observed-at", 1, {"q": "airQualityLevel.observedAt>2020-01-01T00:00:00Z"}),
        ("q-unit-code", 1, {"q": 'airQualityLevel.unitCode=="C62"'}),
        ("limit-offset", 1, {"type": "Building,Vehicle", "limit": "1", "offset": "2"}),
        ("offset-beyond", 0, {"type": "Building,Vehicle", "offset": "10"}),
    ]
    cases = [{"name": f"query-{name}", **q(count, **params)} for name, count, params in table]
    cases += [
        {"name": "query-count-header", "steps": setup,
         "request": get("/entities", accept="application/json", type="Vehicle", count="true", limit="1"),
         "status": 200, "count": 1, "headers": {"NGSILD-Results-Count": "2"}},
        {"name": "query-count-limit-zero", "steps": setup,
         "request": get("/entities", accept="application/json", type="Vehicle", count="true", limit="0"),
         "status": 200, "count": 0, "headers": {"NGSILD-Results-Count": "2"}},
        {"name": "query-limit-zero-without-count", "steps": setup,
         "request": get("/entities", type="Vehicle", limit="0"), "status": 400, "problem": "BadRequestData"},
        {"name": "query-limit-too-large", "steps": setup,
         "request": get("/entities", type="Vehicle", limit="5000"), "status": 403, "problem": "TooManyResults"},
        {"name": "query-negative-offset", "steps": setup,
         "request": get("/entities", type="Vehicle", offset="-1"), "status": 400, "problem": "BadRequestData"},
        {"name": "query-without-filter", "steps": setup,
         "request": get("/entities"), "status": 400, "problem": "BadRequestData"},
        {"name": "query-invalid-q", "steps": setup,
         "request": get("/entities", type="Vehicle", q="speed>>"), "status": 400, "problem": "BadRequestData"},
        {"name": "query-unbalanced-q", "steps": setup,
         "request": get("/entities", type="Vehicle", q="(speed>1"), "status": 400, "problem": "BadRequestData"},
        {"name": "query-invalid-id-pattern", "steps": setup,
         "request": get("/entities", idPattern="(unclosed"), "status": 400, "problem": "BadRequestData"},
        {"name": "query-paging-next-link", "steps": setup,
         "request": get("/entities", accept="application/json", type="Vehicle", limit="1"), "status": 200,
         "count": 1, "link_rel": "next"},
        {"name": "query-keyvalues", "steps": setup,
         "request": get("/entities", accept="application/json", link=None, type="https://ngsi-ld-test-suite/context#Building",
                        options="keyValues"),
         "status": 200, "expect": ["entities/expectations/building-simple-attributes-simplified.json"]},
    ]
    return cases


def geo_cases():
    """Geo-queries over five buildings in Berlin from the suite's payloads:
    three points and two polygons."""
    setup = [create("entities/building-location-attribute.jsonld") | {"id": "urn:ngsi-ld:Building:g1"},
             create("entities/building-location-attribute-second.jsonld") | {"id": "urn:ngsi-ld:Building:g2"},
             create("entities/building-location-attribute-third.jsonld") | {"id": "urn:ngsi-ld:Building:g3"},
             create("entities/building-location-polygon.jsonld") | {"id": "urn:ngsi-ld:Building:p1"},
             create("entities/building-location-polygon-second.jsonld") | {"id": "urn:ngsi-ld:Building:p2"}]
    g1 = "[13.3986,52.5547]"
    box = "[[[13.39,52.55],[13.41,52.55],[13.41,52.56],[13.39,52.56],[13.39,52.55]]]"
    berlin = "[[[13.0,52.3],[13.8,52.3],[13.8,52.7],[13.0,52.7],[13.0,52.3]]]"
    table = [
        # g1 itself; the polygon p1 passes about 450 m north-west of it.
        ("near-max-100", ["urn:ngsi-ld:Building:g1"], "near;maxDistance==100", "Point", g1),
        ("near-max-1000", ["urn:ngsi-ld:Building:g1", "urn:ngsi-ld:Building:p1"], "near;maxDistance==1000", "Point", g1),
        ("near-min-1000", ["urn:ngsi-ld:Building:g2", "urn:ngsi-ld:Building:g3", "urn:ngsi-ld:Building:p2"],
         "near;minDistance==1000", "Point", g1),
        ("within-berlin", ["urn:ngsi-ld:Building:g1", "urn:ngsi-ld:Building:g2", "urn:ngsi-ld:Building:g3",
                           "urn:ngsi-ld:Building:p1", "urn:ngsi-ld:Building:p2"], "within", "Polygon", berlin),
        ("within-box", ["urn:ngsi-ld:Building:g1"], "within", "Polygon", box),
        ("intersects-box", ["urn:ngsi-ld:Building:g1", "urn:ngsi-ld:Building:p1"], "intersects", "Polygon", box),
        ("disjoint-box", ["urn:ngsi-ld:Building:g2", "urn:ngsi-ld:Building:g3", "urn:ngsi-ld:Building:p2"],
         "disjoint", "Polygon", box),
        ("contains-point", ["urn:ngsi-ld:Building:p1"], "contains", "Point", "[13.35,52.52]"),
        ("equals-point", ["urn:ngsi-ld:Building:g1"], "equals", "Point", g1),
        ("within-multipolygon", ["urn:ngsi-ld:Building:g1"], "within", "MultiPolygon", "[" + box + "]"),
    ]
    cases = [{"name": f"geo-{name}", "steps": setup,
              "request": get("/entities", accept="application/json", type="Building", georel=georel,
                             geometry=geometry, coordinates=coords, options="keyValues", attrs="name"),
              "status": 200, "ids": ids} for name, ids, georel, geometry, coords in table]
    for name, georel, geometry, coords in (("near-without-distance", "near", "Point", g1),
                                            ("near-bad-distance", "near;maxDistance==far", "Point", g1),
                                            ("unknown-georel", "touches", "Point", g1),
                                            ("unknown-geometry", "within", "Circle", g1),
                                            ("coordinates-not-json", "within", "Polygon", "[[[13.0,52.3"),
                                            ("within-needs-polygon", "within", "Point", g1),
                                            ("latitude-out-of-range", "near;maxDistance==5", "Point", "[13.0,95.0]"),
                                            ("open-ring", "within", "Polygon", "[[[13.0,52.3],[13.8,52.3]]]")):
        cases.append({"name": f"geo-refused-{name}", "steps": setup,
                      "request": get("/entities", type="Building", georel=georel, geometry=geometry,
                                     coordinates=coords),
                      "status": 400, "problem": "BadRequestData"})
    cases.append({"name": "geo-post-query-geoq", "steps": setup,
                  "request": {"method": "POST", "path": "/entityOperations/query", "content_type": "application/json",
                              "link": COMPOUND,
                              "payload": {"type": "Query", "entities": [{"type": "Building"}],
                                          "geoQ": {"georel": "near;maxDistance==100", "geometry": "Point",
                                                   "coordinates": [13.3986, 52.5547]}}},
                  "status": 200, "ids": ["urn:ngsi-ld:Building:g1"]})
    cases.append({"name": "geo-geoproperty-missing-attribute", "steps": setup,
                  "request": get("/entities", accept="application/json", type="Building", georel="within",
                                 geometry="Polygon", coordinates=berlin, geoproperty="observationSpace"),
                  "status": 200, "ids": []})
    return cases


def tenant_cases():
    return [
        {"name": "tenant-isolates-entities",
         "steps": [create("entities/building-minimal.jsonld") | {"tenant": "other"}],
         "request": get(), "status": 404},
        {"name": "tenant-unknown-on-read",
         "steps": [], "request": get() | {"tenant": "never-written"}, "status": 404, "problem": "NonexistentTenant"},
        {"name": "tenant-echoed",
         "steps": [create("entities/building-minimal.jsonld")],
         "request": get(accept="application/json"), "status": 200,
         "headers": {"NGSILD-Tenant": "TENANT"}},
        {"name": "tenant-invalid-name",
         "steps": [], "request": get() | {"tenant": "bad tenant!"}, "status": 400, "problem": "BadRequestData"},
    ]


def jsonld_context_cases():
    """@context values from the jsonldContext folder used inline in a create."""
    cases = []
    for name in ("@context-minimal-valid.json", "@context-minimal-second-valid.json",
                 "@context-minimal-third-valid.json"):
        ctx = load(f"jsonldContext/{name}")
        payload = {"id": "ENTITY", "type": "Building", "A1": {"type": "Property", "value": "x"},
                   "@context": ctx.get("@context", ctx)}
        cases.append({"name": f"inline-context-{Path(name).stem.lstrip('@')}", "steps": [],
                      "request": {"method": "POST", "path": "/entities", "content_type": LD, "payload": payload},
                      "status": 201})
    # Contexts on other hosts: no network here and nothing preloaded, so 503.
    for name in ("@context-cached-valid.json", "@context-cached-one-valid.json"):
        payload = {"id": "ENTITY", "type": "Building", "@context": load(f"jsonldContext/{name}")["@context"]}
        cases.append({"name": f"remote-context-unavailable-{Path(name).stem.lstrip('@')}", "steps": [],
                      "request": {"method": "POST", "path": "/entities", "content_type": LD, "payload": payload},
                      "status": 503, "problem": "LdContextNotAvailable"})
    cases.append({"name": "inline-context-wrong-json", "steps": [],
                  "request": {"method": "POST", "path": "/entities", "content_type": LD,
                              "payload": "jsonldContext/@context-wrong-json.json"},
                  "status": 400, "problem": "InvalidRequest"})
    # An inline context that redefines a term: the IRI follows the definition.
    cases.append({"name": "inline-context-term-expansion",
                  "steps": [{"method": "POST", "path": "/entities", "content_type": LD, "status": 201,
                             "payload": {"id": "ENTITY", "type": "Building",
                                         "A1": {"type": "Property", "value": 1},
                                         "@context": load("jsonldContext/@context-minimal-valid.json")["@context"]}}],
                  "request": get("/attributes", link=None, accept="application/json"), "status": 200,
                  "expect": {"id": "*", "type": "AttributeList", "attributeList": ["urn:ngsi-ld:attributes:A1"]}})
    return cases


def all_cases():
    return (roundtrip_cases() + invalid_create_cases() + EXPECTATION_CASES + fragment_cases() + ngsild_null_cases() + merge_cases() + pick_omit_cases() + language_cases()
            + types_cases() + media_type_cases()
            + batch_cases() + query_cases() + geo_cases() + tenant_cases() + jsonld_context_cases())
