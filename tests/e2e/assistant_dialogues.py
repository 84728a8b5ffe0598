"""Plays and scores the citizen assistant's dialogue sets (tests/assistant/*.json)
through POST /api/assistant/turn; shared by tests/e2e/test_assistant_dialogues.py
(the tuned set with its floors) and bench/assistant-heldout.sh (the blind
held-out set, a measurement without floors).

Every dialogue runs in a fresh HTTP session (logged in as its user, or
anonymous) and keeps the conversation_id of the first answer. A turn sends
its text, or presses a slot button of the previous reply (click_slot), and
is checked against its expectations; a dialogue succeeds when all its turns
do. Two figures:

  intent accuracy  = turns whose intent matched / turns with an expected intent
  dialogue success = dialogues that succeeded / all dialogues

Run as a script it plays one file against a running server:
  python3 tests/e2e/assistant_dialogues.py --url http://127.0.0.1:PORT \\
      --file tests/assistant/dialogues-heldout-de.json --report build/x.json"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import requests

REPO = Path(__file__).resolve().parents[2]
MAIN_SET = REPO / "tests" / "assistant" / "dialogues-de.json"
HELDOUT_SET = REPO / "tests" / "assistant" / "dialogues-heldout-de.json"

FAST = {"STADTKERN_ACCOUNTS_PASSWORD_COST": "minimal"}
PASSWORDS = {"tom": "tom", "anna": "anna", "admin": "admin"}

# The intent strings of the HTTP contract and the action types a reply can carry.
INTENTS = {
    "greeting", "thanks", "travel.documents", "service.info", "service.cost",
    "service.documents", "service.location", "service.hours", "service.online",
    "service.duration", "document.status", "appointment.book", "appointment.choose",
    "appointment.list", "appointment.cancel", "affirm", "deny", "handoff",
}
ACTIONS = {"offer_appointment", "book", "booked", "cancelled", "handoff", "login_required",
           "link", "reply"}
DIALOGUE_KEYS = {"id", "user", "description", "turns"}
TURN_KEYS = {"text", "click_slot", "intent", "contains", "not_contains", "actions", "no_actions",
             "labels_contain", "actions_mention", "sources_min"}


# --- the format ---------------------------------------------------------------


def _strings(value) -> bool:
    return isinstance(value, list) and value and all(isinstance(s, str) and s for s in value)


def format_errors(data) -> list[str]:
    """Everything wrong with the file's structure (empty when well formed)."""
    if not isinstance(data, dict) or not isinstance(data.get("dialogues"), list):
        return ["top level must be an object with a list 'dialogues'"]
    errors: list[str] = []
    unknown = set(data) - {"_about", "dialogues"}
    if unknown:
        errors.append(f"unknown top-level keys {sorted(unknown)}")
    seen: set[str] = set()
    for i, d in enumerate(data["dialogues"]):
        where = f"dialogue {i} ({d.get('id') if isinstance(d, dict) else '?'})"
        if not isinstance(d, dict):
            errors.append(f"{where}: not an object")
            continue
        if set(d) - DIALOGUE_KEYS:
            errors.append(f"{where}: unknown keys {sorted(set(d) - DIALOGUE_KEYS)}")
        if not isinstance(d.get("id"), str) or not d["id"]:
            errors.append(f"{where}: id must be a non-empty string")
        elif d["id"] in seen:
            errors.append(f"{where}: duplicate id")
        else:
            seen.add(d["id"])
        if d.get("user") is not None and d.get("user") not in PASSWORDS:
            errors.append(f"{where}: user must be null or one of {sorted(PASSWORDS)}")
        if not isinstance(d.get("description"), str) or not d["description"]:
            errors.append(f"{where}: description must be a non-empty string")
        turns = d.get("turns")
        if not isinstance(turns, list) or not turns:
            errors.append(f"{where}: turns must be a non-empty list")
            continue
        for j, t in enumerate(turns):
            errors += [f"{where} turn {j}: {e}" for e in _turn_errors(t, first=j == 0)]
    return errors


def _turn_errors(t, *, first: bool) -> list[str]:
    if not isinstance(t, dict):
        return ["not an object"]
    errors = []
    if set(t) - TURN_KEYS:
        errors.append(f"unknown keys {sorted(set(t) - TURN_KEYS)}")
    has_text, has_click = "text" in t, "click_slot" in t
    if has_text == has_click:
        errors.append("needs exactly one of text and click_slot")
    if has_text and (not isinstance(t["text"], str) or not t["text"].strip() or len(t["text"]) > 500):
        errors.append("text must be a non-empty string of at most 500 characters")
    if has_click:
        if not isinstance(t["click_slot"], int) or isinstance(t["click_slot"], bool) \
                or not 0 <= t["click_slot"] <= 2:
            errors.append("click_slot must be 0, 1 or 2 (one of the three slot buttons)")
        if first:
            errors.append("click_slot needs a previous reply with slot buttons")
    if "intent" in t and t["intent"] not in INTENTS:
        errors.append(f"unknown intent {t['intent']!r}")
    for key in ("contains",):
        if key in t and not (isinstance(t[key], list) and t[key] and all(
                (isinstance(c, str) and c) or _strings(c) for c in t[key])):
            errors.append(f"{key} must be a non-empty list of strings or lists of alternatives")
    for key in ("not_contains", "labels_contain", "actions_mention"):
        if key in t and not _strings(t[key]):
            errors.append(f"{key} must be a non-empty list of strings")
    for key in ("actions", "no_actions"):
        if key in t and not (_strings(t[key]) and set(t[key]) <= ACTIONS):
            errors.append(f"{key} must be a non-empty list of action types {sorted(ACTIONS)}")
    if set(t.get("actions", [])) & set(t.get("no_actions", [])):
        errors.append("an action is both required and forbidden")
    if "sources_min" in t and (not isinstance(t["sources_min"], int) or t["sources_min"] < 1):
        errors.append("sources_min must be a positive integer")
    if not set(t) & (TURN_KEYS - {"text", "click_slot"}):
        errors.append("checks nothing")
    return errors


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


# --- evaluation -----------------------------------------------------------------


@dataclass
class TurnResult:
    dialogue: str
    index: int
    said: str
    expected_intent: str | None
    intent: str | None = None
    failures: list[str] = field(default_factory=list)
    reply: str = ""


def check_turn(turn: dict, body: dict) -> list[str]:
    """The expectations of `turn` that the answer `body` misses."""
    reply = body.get("reply") or {}
    text = str(reply.get("text", ""))
    low = text.lower()
    actions = [a for a in reply.get("actions", []) if isinstance(a, dict)]
    types = [a.get("type") for a in actions]
    misses = []
    if "intent" in turn and body.get("intent") != turn["intent"]:
        misses.append(f"intent {body.get('intent')!r}, expected {turn['intent']!r}")
    for wanted in turn.get("contains", []):
        options = wanted if isinstance(wanted, list) else [wanted]
        if not any(o.lower() in low for o in options):
            misses.append("text lacks " + " | ".join(repr(o) for o in options))
    for unwanted in turn.get("not_contains", []):
        if unwanted.lower() in low:
            misses.append(f"text contains {unwanted!r}")
    for t in turn.get("actions", []):
        if t not in types:
            misses.append(f"no {t} action")
    for t in turn.get("no_actions", []):
        if t in types:
            misses.append(f"unexpected {t} action")
    labels = [str(a.get("label", "")) for a in actions]
    for wanted in turn.get("labels_contain", []):
        if not any(wanted.lower() in label.lower() for label in labels):
            misses.append(f"no action label with {wanted!r} (labels {labels})")
    mentioned = " ".join(str(v) for a in actions for v in a.values() if isinstance(v, str)).lower()
    for wanted in turn.get("actions_mention", []):
        if wanted.lower() not in mentioned:
            misses.append(f"no action mentions {wanted!r}")
    sources = reply.get("sources", [])
    if len(sources if isinstance(sources, list) else []) < turn.get("sources_min", 0):
        misses.append(f"{len(sources)} sources, expected at least {turn['sources_min']}")
    return misses


def session_for(server: Endpoint, user: str | None) -> requests.Session:
    """A fresh HTTP session, logged in as `user` (with the own Origin, like the
    web app), whose upcoming appointments are cancelled so that every dialogue
    starts from the same calendar."""
    s = requests.Session()
    s.headers["Origin"] = f"http://127.0.0.1:{server.port}"
    if user is None:
        return s
    r = s.post(server.url("/api/auth/login"), json={"username": user, "password": PASSWORDS[user]},
               timeout=20)
    assert r.status_code == 200, f"login of {user}: {r.status_code} {r.text[:300]}"
    mine = s.get(server.url("/api/me/appointments"), timeout=20)
    assert mine.status_code == 200, mine.text[:300]
    for a in mine.json()["items"]:
        if a["status"] == "booked":
            r = s.delete(server.url(f"/api/appointments/{a['code']}"), timeout=20)
            assert r.status_code == 200, f"cancelling {a['code']}: {r.status_code} {r.text[:300]}"
    return s


def play(server: Endpoint, dialogue: dict) -> list[TurnResult]:
    s = session_for(server, dialogue["user"])
    conversation_id = None
    last_reply: dict = {}
    results = []
    for i, turn in enumerate(dialogue["turns"]):
        request: dict = {"conversation_id": conversation_id}
        if "click_slot" in turn:
            said = f"[slot button {turn['click_slot'] + 1}]"
            buttons = [a for a in last_reply.get("actions", []) if a.get("type") == "book"]
            if turn["click_slot"] >= len(buttons):
                results.append(TurnResult(dialogue["id"], i, said, turn.get("intent"),
                                          failures=[f"the previous reply has {len(buttons)} slot buttons"]))
                continue
            b = buttons[turn["click_slot"]]
            request["slot"] = {"office_id": b.get("office_id"), "start": b.get("start")}
        else:
            said = turn["text"]
            request["text"] = turn["text"]
        result = TurnResult(dialogue["id"], i, said, turn.get("intent"))
        results.append(result)
        try:
            r = s.post(server.url("/api/assistant/turn"), json=request, timeout=20)
        except requests.RequestException as e:
            result.failures.append(f"no answer: {e!r}")
            continue
        if r.status_code != 200:
            result.failures.append(f"HTTP {r.status_code}: {r.text[:160]}")
            continue
        try:
            body = r.json()
        except ValueError:
            result.failures.append(f"not JSON: {r.text[:160]}")
            continue
        if not isinstance(body, dict) or not isinstance(body.get("reply"), dict):
            result.failures.append(f"no reply object: {r.text[:160]}")
            continue
        conversation_id = body.get("conversation_id", conversation_id)
        last_reply = body["reply"]
        result.intent = body.get("intent")
        result.reply = str(last_reply.get("text", ""))
        result.failures += check_turn(turn, body)
    return results


def figures(dialogues: list[dict], results: dict[str, list[TurnResult]]) -> dict:
    with_intent = [t for rs in results.values() for t in rs if t.expected_intent]
    matched = [t for t in with_intent if t.intent == t.expected_intent]
    succeeded = [d["id"] for d in dialogues if not any(t.failures for t in results[d["id"]])]
    turns = sum(len(rs) for rs in results.values())
    return {
        "dialogues": len(dialogues),
        "turns": turns,
        "turns_with_intent": len(with_intent),
        "intent_matched": len(matched),
        "intent_accuracy": round(len(matched) / len(with_intent), 4) if with_intent else 0.0,
        "dialogues_succeeded": len(succeeded),
        "dialogue_success": round(len(succeeded) / len(dialogues), 4) if dialogues else 0.0,
        "turns_failed": sum(1 for rs in results.values() for t in rs if t.failures),
    }


def failure_table(results: dict[str, list[TurnResult]]) -> str:
    rows = [("dialogue", "turn", "said", "intent", "misses")]
    for rs in results.values():
        for t in rs:
            if t.failures:
                rows.append((t.dialogue, str(t.index), t.said[:48], str(t.intent), "; ".join(t.failures)))
    widths = [max(len(r[c]) for r in rows) for c in range(4)]
    return "\n".join("  ".join(r[c].ljust(widths[c]) for c in range(4)) + "  " + r[4] for r in rows)


class Endpoint(Protocol):
    """What the player needs of a server: its port (for the Origin header) and
    the URL of a path. conftest.Server is one; RunningServer another."""
    port: int | None

    def url(self, path: str = "/") -> str: ...


@dataclass
class RunningServer:
    """A server started elsewhere (e.g. by a bench script), addressed by its base URL."""
    base: str
    port: int | None = None

    def url(self, path: str = "/") -> str:
        return self.base.rstrip("/") + path


def evaluate(server: Endpoint, dialogues: list[dict]) -> tuple[dict, list[dict], dict[str, list[TurnResult]]]:
    """Plays every dialogue; returns the figures, the failing turns (as JSON-ready
    rows) and the results per dialogue."""
    results = {d["id"]: play(server, d) for d in dialogues}
    failing = [
        {"dialogue": t.dialogue, "turn": t.index, "said": t.said, "expected_intent": t.expected_intent,
         "intent": t.intent, "misses": t.failures, "reply": t.reply}
        for rs in results.values() for t in rs if t.failures
    ]
    return figures(dialogues, results), failing, results


def report(path: Path, figs: dict, failing: list[dict], results: dict[str, list[TurnResult]],
           report_path: Path, floors: tuple[float, float] | None = None) -> None:
    """Writes figures and failing turns to report_path and prints them."""
    report_path.parent.mkdir(parents=True, exist_ok=True)
    report_path.write_text(json.dumps({"file": _shown(path), "figures": figs, "failing_turns": failing},
                                      ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    intent_floor = f" (floor {floors[0]:.0%})" if floors else ""
    success_floor = f" (floor {floors[1]:.0%})" if floors else ""
    print(f"\n=== Assistant dialogues: {_shown(path)} ===")
    if failing:
        print(failure_table(results))
    print(f"intent accuracy  {figs['intent_matched']}/{figs['turns_with_intent']} = "
          f"{figs['intent_accuracy']:.1%}{intent_floor}")
    print(f"dialogue success {figs['dialogues_succeeded']}/{figs['dialogues']} = "
          f"{figs['dialogue_success']:.1%}{success_floor}")
    print(f"turns failed     {figs['turns_failed']}/{figs['turns']}")
    print(f"report: {report_path}")


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO))
    except ValueError:
        return str(path)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Play a dialogue file against a running stadtkern.")
    parser.add_argument("--url", required=True, help="base URL, e.g. http://127.0.0.1:8080")
    parser.add_argument("--file", type=Path, default=HELDOUT_SET)
    parser.add_argument("--report", type=Path, required=True)
    args = parser.parse_args(argv)
    data = load(args.file)
    errors = format_errors(data)
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 2
    port = int(args.url.rsplit(":", 1)[1].split("/")[0])
    figs, failing, results = evaluate(RunningServer(args.url, port), data["dialogues"])
    report(args.file, figs, failing, results, args.report)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
