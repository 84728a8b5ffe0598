#!/usr/bin/env bash
# Blind held-out measurement of the citizen assistant: plays
# tests/assistant/dialogues-heldout-de.json (written from the data only,
# never tuned on) through POST /api/assistant/turn against `serve --demo`
# and prints intent accuracy, dialogue success and the failing turns; the
# same goes to build/assistant-heldout.json. A measurement, not a pass/fail
# floor: the script fails only when the server or the file is broken.
# Playing and scoring: tests/e2e/assistant_dialogues.py (shared with the
# tuned set's test tests/e2e/test_assistant_dialogues.py).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/common.sh

PORT=${PORT:-$(bench_free_port)}
FILE=${FILE:-tests/assistant/dialogues-heldout-de.json}
REPORT=${REPORT:-build/assistant-heldout.json}

# Fast password hashing for the demo logins, as in the end-to-end tests.
export STADTKERN_ACCOUNTS_PASSWORD_COST=minimal
bench_start "$PORT" --data-dir "$work/var" --log-level warn --demo

/usr/bin/python3 tests/e2e/assistant_dialogues.py --url "http://127.0.0.1:$PORT" \
  --file "$FILE" --report "$REPORT"
kill -0 "$pid" 2>/dev/null || { echo "stadtkern died during the run" >&2; cat "$work/server.out" >&2; exit 1; }
