"""The citizen assistant's dialogue test set (tests/assistant/dialogues-de.json)
played through POST /api/assistant/turn against one `serve --demo` (playing
and scoring: assistant_dialogues.py). The run prints the failing turns and the
intent accuracy and dialogue success, writes them to
build/assistant-dialogues.json and asserts the floors below.

test_the_dialogue_files_are_well_formed checks the format of this set and of
the blind held-out set (dialogues-heldout-de.json, measured without floors by
bench/assistant-heldout.sh) without a server."""
from __future__ import annotations

import pytest

from assistant_dialogues import (FAST, HELDOUT_SET, MAIN_SET, check_turn, evaluate, format_errors, load,
                                 report)
from conftest import REPO, Server

REPORT = REPO / "build" / "assistant-dialogues.json"

INTENT_ACCURACY_FLOOR = 0.90
DIALOGUE_SUCCESS_FLOOR = 0.90


@pytest.mark.parametrize("path, min_dialogues, min_turns", [(MAIN_SET, 40, 150), (HELDOUT_SET, 30, 90)],
                         ids=["main", "heldout"])
def test_the_dialogue_files_are_well_formed(path, min_dialogues, min_turns):
    data = load(path)
    assert format_errors(data) == []
    dialogues = data["dialogues"]
    turns = [t for d in dialogues for t in d["turns"]]
    assert len(dialogues) >= min_dialogues and len(turns) >= min_turns, (len(dialogues), len(turns))
    # Enough of the turns say which intent they expect for the accuracy to mean something.
    assert sum("intent" in t for t in turns) >= 0.8 * len(turns)


def test_the_format_check_finds_mistakes():
    good = {"id": "x", "user": None, "description": "d", "turns": [{"text": "Hallo", "intent": "greeting"}]}
    assert format_errors({"dialogues": [good]}) == []
    bad_turns = [
        {"intent": "greeting"},                                  # neither text nor click_slot
        {"text": "Hallo", "click_slot": 0, "intent": "greeting"},  # both
        {"text": "Hallo", "intent": "small_talk"},               # unknown intent
        {"text": "Hallo", "intnet": "greeting"},                 # unknown key
        {"text": "Hallo"},                                       # checks nothing
        {"text": "Hallo", "actions": ["teleport"]},              # unknown action
        {"text": "Hallo", "contains": "Hallo"},                  # not a list
        {"text": "Hallo", "contains": [["a", 3]]},               # bad alternatives
        {"text": "Hallo", "actions": ["book"], "no_actions": ["book"]},
        {"text": "Hallo", "sources_min": 0},
        {"text": "x" * 501, "intent": "handoff"},
    ]
    for turn in bad_turns:
        dialogue = {**good, "turns": [{"text": "Hallo", "intent": "greeting"}, turn]}
        assert format_errors({"dialogues": [dialogue]}), turn
    assert format_errors({"dialogues": [{**good, "turns": [{"click_slot": 0, "actions": ["booked"]}]}]})
    assert format_errors({"dialogues": [{**good, "user": "mallory"}]})
    assert format_errors({"dialogues": [good, good]})  # duplicate id
    assert format_errors({"dialogues": [{**good, "colour": "blue"}]})
    assert format_errors([good])


def test_check_turn_reports_each_miss():
    body = {"intent": "travel.documents", "reply": {
        "text": "Hallo Tom! Für Marokko …", "sources": [{"title": "t", "url": "/u"}],
        "actions": [{"type": "offer_appointment"}, {"type": "book", "label": "Di., 1. Dezember, 9:30 Uhr"}]}}
    ok = {"text": "x", "intent": "travel.documents", "contains": ["hallo tom", ["Türkei", "marokko"]],
          "not_contains": ["Türkei"], "actions": ["book"], "no_actions": ["booked"],
          "labels_contain": ["Di."], "actions_mention": ["dezember"], "sources_min": 1}
    assert check_turn(ok, body) == []
    bad = {"text": "x", "intent": "affirm", "contains": ["Ägypten", ["Türkei", "Tunesien"]],
           "not_contains": ["marokko"], "actions": ["booked"], "no_actions": ["book"],
           "labels_contain": ["Do."], "actions_mention": ["Bürgerbüro"], "sources_min": 2}
    assert len(check_turn(bad, body)) == 9


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("assistant-dialogues"), env=FAST, args=["--demo"]).start()
    yield s
    s.finish()


def test_the_dialogues_meet_the_floors(demo):
    dialogues = load(MAIN_SET)["dialogues"]
    figs, failing, results = evaluate(demo, dialogues)
    demo.assert_alive()
    report(MAIN_SET, figs, failing, results, REPORT, (INTENT_ACCURACY_FLOOR, DIALOGUE_SUCCESS_FLOOR))
    assert figs["intent_accuracy"] >= INTENT_ACCURACY_FLOOR, \
        f"intent accuracy {figs['intent_accuracy']:.1%} below {INTENT_ACCURACY_FLOOR:.0%}"
    assert figs["dialogue_success"] >= DIALOGUE_SUCCESS_FLOOR, \
        f"dialogue success {figs['dialogue_success']:.1%} below {DIALOGUE_SUCCESS_FLOOR:.0%}"
