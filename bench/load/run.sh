#!/usr/bin/env bash
# Load test against the production shape: `bench/load/run.sh [PAIRS] [DURATION]`.
#   PAIRS=1: one gunicorn (3 processes) and one Celery worker behind nginx;
#   PAIRS=2: the scale-out: two gunicorns and two workers behind nginx, sharing PostgreSQL and Redis.
# 50 visitors browse and search, 10 ask questions, 5 advisors work the queue, for DURATION
# (default 3m); then across.py checks that sessions, the log-in throttle, the rate limit and
# concurrent claims behave as one across the instances, and verify.py checks: zero 5xx, every
# accepted question stored once with one confirmation e-mail, no double claim. Prints locust's
# table; exits non-zero when a check fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
PAIRS=${1:-1}
DURATION=${2:-3m}
STACK=${STACK_DIR:-/tmp/via-stack}
OUT=${LOAD_OUT:-$STACK-results}
export PY=${PY:-.venv/bin/python}

trap 'bench/load/stack.sh down' EXIT
bench/load/stack.sh up "$PAIRS"
mkdir -p "$OUT"
export LOAD_ACCEPTED_FILE="$OUT/accepted.txt" LOAD_ADVISORS=adviseur,adviseur2
.venv/bin/locust -f bench/load/locustfile.py --headless -u 65 -r 10 -t "$DURATION" \
  --host https://127.0.0.1:8443 --csv "$OUT/locust" --only-summary 2>&1 | tee "$OUT/locust.txt" | tail -n 40
status=0
.venv/bin/python bench/load/across.py --instances "$PAIRS" --accepted "$LOAD_ACCEPTED_FILE" | tee "$OUT/across.txt" || status=1
env $(bench/load/stack.sh env | xargs) "$PY" bench/load/verify.py --stack "$STACK" --accepted "$LOAD_ACCEPTED_FILE" \
  | tee "$OUT/verify.txt" || status=1
exit $status
