"""The assistant's travel knowledge over HTTP (GET /api/travel/destinations):
destinations resolve to their country with the entry rules for German
citizens, the Auswärtiges Amt is named as authoritative, GeoNames is
attributed, and bad input gets a 400 problem."""
from conftest import assert_problem


def test_a_city_resolves_to_its_country_with_the_entry_rules(server):
    r = server.get("/api/travel/destinations", params={"q": "Marrakesch"})
    assert r.status_code == 200
    body = r.json()
    best = body["items"][0]
    assert best["country"]["code"] == "MA"
    assert best["country"]["name_de"] == "Marokko"
    assert best["typo"] is False
    entry = best["entry"]
    assert entry["documents"] == ["reisepass"]
    assert entry["validity"] == {"kind": "after_entry", "months": 6, "days": 0, "confirmed": True}
    assert "sechs Monate" in entry["text"]
    assert "Verbindlich sind allein die Reise- und Sicherheitshinweise des Auswärtigen Amts" in entry["text"]
    assert entry["link"].startswith("https://www.auswaertiges-amt.de/")
    assert body["stand"] == "2026-11-26"
    assert "GeoNames" in body["attribution"] and "CC BY 4.0" in body["attribution"]
    assert body["mention"] is None


def test_typos_islands_and_ambiguous_names(server):
    def best(q):
        return server.get("/api/travel/destinations", params={"q": q}).json()["items"][0]

    typo = best("Marakesch")
    assert typo["country"]["code"] == "MA" and typo["typo"] is True
    assert best("Malle")["country"]["code"] == "ES"
    assert best("Kreta")["kind"] == "island"
    paris = server.get("/api/travel/destinations", params={"q": "Paris", "limit": "3"}).json()["items"]
    assert paris[0]["country"]["code"] == "FR"
    assert len({p["country"]["code"] for p in paris}) == len(paris) >= 2


def test_a_question_names_its_destination(server):
    body = server.get("/api/travel/destinations",
                      params={"q": "Brauche ich für Marrakesch einen Pass?"}).json()
    assert body["mention"]["text"] == "Marrakesch"
    assert body["items"][0]["country"]["code"] == "MA"


def test_nothing_found_is_an_empty_list(server):
    for q in ("", "Wann hat das Bürgerbüro geöffnet?", "\u0000\u00ff<script>"):
        r = server.get("/api/travel/destinations", params={"q": q})
        assert r.status_code == 200
        assert r.json()["items"] == []
    # A country without compiled entry rules still resolves, with entry null.
    r = server.get("/api/travel/destinations", params={"q": "Antarktis"}).json()
    assert r["items"][0]["country"]["code"] == "AQ"
    assert r["items"][0]["entry"] is None


def test_bad_input_is_a_problem(server):
    assert_problem(server.get("/api/travel/destinations", params={"q": "x" * 301}), 400)
    for limit in ("0", "21", "abc", "-1"):
        assert_problem(server.get("/api/travel/destinations", params={"q": "Rom", "limit": limit}), 400)
