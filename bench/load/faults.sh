#!/usr/bin/env bash
# Faults under load, each with a pass/fail result: `bench/load/faults.sh [FAULT ...]`
# (default: all of postgres redis smtp worker). One stack (bench/load/stack.sh), a light load
# (20 browsing, 4 asking, 2 advisors) for each fault, the fault injected mid-run, then checks:
#   postgres  stopped for 10 s: requests answer the Dutch 503 meanwhile, the portal recovers by
#             itself (health 200 again without a restart), nothing accepted is lost
#   redis     stopped for 15 s: pages still served and questions still accepted (no 5xx at all);
#             e-mails wait and then go out once
#   smtp      the mail server away for 30 s: the outbox holds, then sends each message once
#   worker    a Celery worker killed with SIGKILL mid-run and started again: its tasks complete once
# verify.py then checks every accepted question: stored once, one confirmation e-mail, no 5xx
# outside the postgres window. Exits non-zero when any check fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
FAULTS=("$@")
[ ${#FAULTS[@]} -gt 0 ] || FAULTS=(postgres redis smtp worker)
STACK=${STACK_DIR:-/tmp/via-stack}
OUT=${LOAD_OUT:-$STACK-results}
export PY=${PY:-.venv/bin/python}
S=bench/load/stack.sh
failed=()

trap '$S down' EXIT
$S up 1
mkdir -p "$OUT"
: >"$OUT/allowed-5xx.txt"
export LOAD_ACCEPTED_FILE="$OUT/accepted-all.txt" LOAD_ADVISORS=adviseur,adviseur2
: >"$LOAD_ACCEPTED_FILE"

load() {  # background light load for $1 seconds; its accepted markers are appended to the total
  LOAD_ACCEPTED_FILE="$OUT/accepted-$2.txt" .venv/bin/locust -f bench/load/locustfile.py --headless \
    -u 26 -r 13 -t "${1}s" --host https://127.0.0.1:8443 --only-summary >"$OUT/locust-$2.txt" 2>&1 &
  echo $!
}
# The script's own probes say who they are: verify.py does not count the health endpoint's 503 to
# them while Redis is down (that 503 is the right answer, and checked here).
status() { curl -ks -A via-fault-probe -o /dev/null -w '%{http_code}' "https://127.0.0.1:8443$1" || true; }
check() { if [ "$2" = ok ]; then echo "  PASS: $1"; else echo "  FAIL: $1"; failed+=("$1"); fi; }

for fault in "${FAULTS[@]}"; do
  echo "== fault: $fault"
  pid=$(load 75 "$fault")
  sleep 25
  case "$fault" in
    postgres)
      start=$(date +%s); $S pg-stop
      sleep 3
      page=$(status /menukaart/)
      [ "$page" = 503 ] && check "database down: the catalogue answers 503 (got $page)" ok \
        || check "database down: the catalogue answers 503 (got $page)" no
      curl -ks -A via-fault-probe "https://127.0.0.1:8443/menukaart/" | grep -q "even niet bereikbaar" \
        && check "database down: the 503 page is the Dutch one" ok || check "database down: the 503 page is the Dutch one" no
      sleep 7; $S pg-start; end=$(( $(date +%s) + 10 ))
      echo "$start $end" >>"$OUT/allowed-5xx.txt"
      sleep 5
      [ "$(status /gezondheid/)" = 200 ] && check "database back: health 200 without restarting the portal" ok \
        || check "database back: health 200 without restarting the portal" no
      ;;
    redis)
      $S redis-stop
      sleep 3
      [ "$(status /menukaart/)" = 200 ] && check "Redis down: the catalogue is still served" ok \
        || check "Redis down: the catalogue is still served" no
      [ "$(status /gezondheid/)" = 503 ] && check "Redis down: the health endpoint says so (503)" ok \
        || check "Redis down: the health endpoint says so (503)" no
      sleep 12; $S redis-start
      ;;
    smtp)
      $S smtp-stop; sleep 30; $S smtp-start ;;
    worker)
      $S kill-worker 1; sleep 5; $S start-worker 1 ;;
  esac
  # The load runs in the background of a command substitution, so it is not this shell's child
  # (no `wait`): poll until it has finished.
  while kill -0 "$pid" 2>/dev/null; do sleep 1; done
  cat "$OUT/accepted-$fault.txt" >>"$LOAD_ACCEPTED_FILE"
  echo "  questions accepted during this fault's run: $(wc -l <"$OUT/accepted-$fault.txt")"
done

echo "== verify (waits for the outbox to drain; the SMTP backoff can take a few minutes)"
if env $(bench/load/stack.sh env | xargs) "$PY" bench/load/verify.py --stack "$STACK" --accepted "$LOAD_ACCEPTED_FILE" \
    --allow-5xx-file "$OUT/allowed-5xx.txt" --wait 600 | tee "$OUT/verify-faults.txt"; then
  check "every accepted question stored once with one confirmation; no 5xx outside the database window" ok
else
  check "every accepted question stored once with one confirmation; no 5xx outside the database window" no
fi
[ ${#failed[@]} -eq 0 ] && { echo "faults: PASS"; exit 0; }
echo "faults: FAIL (${#failed[@]})"; exit 1
