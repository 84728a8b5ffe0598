"""Conformance cases of the temporal API (/temporal/entities), built on the
payloads and expectations of the ETSI test suite's temporalEntities
category; same table shape as ngsild_cases.py, which loads these."""
from ngsild_cases import COMPOUND, LD

T = "temporalEntities/"
AFTER_START = {"timerel": "after", "timeAt": "2020-08-01T12:03:00Z"}


def create_temporal(payload, status=201):
    step = {"method": "POST", "path": "/temporal/entities", "payload": T + payload, "status": status}
    if payload.endswith(".json"):
        step.update(content_type="application/json", link=COMPOUND)
    else:
        step["content_type"] = LD
    return step


def get_temporal(path="/temporal/entities/ENTITY", *, link=COMPOUND, accept="application/json", **params):
    r = {"method": "GET", "path": path, "accept": accept, "params": params}
    if link:
        r["link"] = link
    return r


VEHICLE = "2020-08-vehicle-temporal-representation.jsonld"


def temporal_cases():
    cases = [
        {"name": "temporal-create", "steps": [],
         "request": create_temporal("vehicle-temporal-representation.jsonld"), "status": 201},
        {"name": "temporal-create-existing-appends", "steps": [create_temporal(VEHICLE)],
         "request": create_temporal(VEHICLE, 204), "status": 204},
        {"name": "temporal-retrieve-core-context",
         "steps": [create_temporal(VEHICLE)],
         "request": get_temporal(link=None), "status": 200,
         "expect": T + "expectations/vehicle-temporal-representation-020-01.jsonld"},
        {"name": "temporal-retrieve-after-attrs",
         "steps": [create_temporal(VEHICLE)],
         "request": get_temporal(attrs="fuelLevel", timerel="after", timeAt="2020-08-01T12:05:00Z"),
         "status": 200, "expect": T + "expectations/vehicle-temporal-representation-020-04-01.jsonld"},
        {"name": "temporal-retrieve-temporal-values",
         "steps": [create_temporal(VEHICLE)],
         "request": get_temporal(options="temporalValues"), "status": 200,
         "expect": T + "expectations/2020-08-vehicle-temporal-representation-temporal-values.json"},
        {"name": "temporal-aggregated-avg-pt1h",
         "steps": [create_temporal(VEHICLE)],
         "request": get_temporal(options="aggregatedValues", aggrMethods="avg", aggrPeriodDuration="PT1H",
                                 **AFTER_START),
         "status": 200, "expect": T + "expectations/vehicle-temporal-representation-aggregated-avg-PT1H.json"},
        {"name": "temporal-aggregated-avg-pt1h-fuel-level",
         "steps": [create_temporal(VEHICLE)],
         "request": get_temporal(options="aggregatedValues", aggrMethods="avg", aggrPeriodDuration="PT1H",
                                 attrs="fuelLevel", **AFTER_START),
         "status": 200,
         "expect": T + "expectations/vehicle-temporal-representation-aggregated-avg-PT1H-fuelLevel.json"},
        {"name": "temporal-aggregated-avg-max-pt1h",
         "steps": [create_temporal(VEHICLE)],
         "request": get_temporal(options="aggregatedValues", aggrMethods="avg,max", aggrPeriodDuration="PT1H",
                                 **AFTER_START),
         "status": 200,
         "expect": T + "expectations/vehicle-temporal-representation-aggregated-avg-max-PT1H.json"},
        {"name": "temporal-aggregated-min-max-p1d",
         "steps": [create_temporal(VEHICLE)],
         "request": get_temporal(options="aggregatedValues", aggrMethods="min,max", aggrPeriodDuration="P1D",
                                 **AFTER_START),
         "status": 200,
         "expect": T + "expectations/vehicle-temporal-representation-aggregated-min-max-P1D.json"},
        {"name": "temporal-query-by-type",
         "steps": [create_temporal(VEHICLE)],
         "request": get_temporal("/temporal/entities", type="Vehicle", lastN="1"), "status": 200,
         "count": 1},
        {"name": "temporal-retrieve-unknown", "steps": [create_temporal(VEHICLE)],
         "request": get_temporal("/temporal/entities/urn:ngsi-ld:Vehicle:none"), "status": 404,
         "problem": "ResourceNotFound"},
        {"name": "temporal-retrieve-unknown-tenant", "steps": [],
         "request": get_temporal(), "status": 404, "problem": "NonexistentTenant"},
        {"name": "temporal-retrieve-bad-timerel", "steps": [create_temporal(VEHICLE)],
         "request": get_temporal(timerel="during", timeAt="2020-08-01T12:03:00Z"), "status": 400,
         "problem": "BadRequestData"},
        {"name": "temporal-delete", "steps": [create_temporal(VEHICLE)],
         "request": {"method": "DELETE", "path": "/temporal/entities/ENTITY"}, "status": 204},
        {"name": "temporal-delete-then-retrieve",
         "steps": [create_temporal(VEHICLE),
                   {"method": "DELETE", "path": "/temporal/entities/ENTITY", "status": 204}],
         "request": get_temporal(), "status": 404, "problem": "ResourceNotFound"},
        {"name": "temporal-append-attrs",
         "steps": [create_temporal(VEHICLE)],
         "request": {"method": "POST", "path": "/temporal/entities/ENTITY/attrs",
                     "content_type": "application/json", "link": COMPOUND,
                     "payload": {"speed": [{"type": "Property", "value": 10,
                                            "observedAt": "2020-08-01T15:00:00Z"}]}},
         "status": 204},
    ]
    for bad in ("vehicle-temporal-representation-invalid-json.jsonld",
                "vehicle-temporal-representation-empty-json.jsonld",
                "vehicle-temporal-representation-without-id.jsonld"):
        cases.append({"name": "temporal-create-" + bad.removesuffix(".jsonld"), "steps": [],
                      "request": create_temporal(bad, 400), "status": 400})
    return cases
