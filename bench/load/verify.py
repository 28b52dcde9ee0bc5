"""After a load or fault run: did the portal keep its promises? Exit 0 when all hold, 1 when not.

- zero server errors (5xx) in nginx's access log, outside the windows a fault script declares
  (`--allow-5xx-file`: lines "start end" in epoch seconds, where a Dutch 503 is the right answer);
- every accepted submission (a marker in LOAD_ACCEPTED_FILE) is in the database exactly once;
- every such question got exactly one confirmation e-mail at the SMTP sink, and the outbox is
  empty of pending mail (waits up to --wait seconds for it to drain);
- no ticket was claimed twice (one claim audit event at most per ticket, and it names its assignee).

Run with the stack's environment: `env $(bench/load/stack.sh env | xargs) .venv/bin/python bench/load/verify.py`.
"""

import argparse
import json
import re
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the project, for portal's settings

import django  # noqa: E402

PROBE = '"via-fault-probe"'  # the user agent of faults.sh's own requests
LOG_LINE = re.compile(r'\[(?P<time>[^\]]+)\] "(?P<request>[^"]*)" (?P<status>\d{3}) ')


def server_errors(access_log: Path, allowed: list[tuple[float, float]]) -> list[str]:
    errors = []
    for line in access_log.read_text(errors="replace").splitlines():
        match = LOG_LINE.search(line)
        if not match or not match["status"].startswith("5"):
            continue
        if PROBE in line and " /gezondheid/ " in match["request"]:
            continue  # faults.sh asking the health endpoint during a fault: a 503 is the right answer
        when = datetime.strptime(match["time"], "%d/%b/%Y:%H:%M:%S %z").timestamp()
        if any(start <= when <= end for start, end in allowed):
            continue
        errors.append(line)
    return errors


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stack", default="/tmp/via-stack")  # noqa: S108
    parser.add_argument("--accepted", default="/tmp/via-load-accepted.txt")  # noqa: S108
    parser.add_argument("--allow-5xx-file", default="")
    parser.add_argument("--wait", type=int, default=180)
    args = parser.parse_args()
    stack = Path(args.stack)

    django.setup()
    from core.models import OutboxMessage, OutboxStatus
    from helpdesk.models import AuditAction, AuditEvent, Ticket

    problems: list[str] = []
    allowed = []
    if args.allow_5xx_file and Path(args.allow_5xx_file).exists():
        for line in Path(args.allow_5xx_file).read_text().split("\n"):
            if line.strip():
                start, end = line.split()
                allowed.append((float(start), float(end)))
    errors = server_errors(stack / "nginx.access.log", allowed)
    if errors:
        problems.append(f"{len(errors)} server errors, first: {errors[0]}")

    deadline = time.monotonic() + args.wait
    while OutboxMessage.objects.filter(status=OutboxStatus.PENDING).exists() and time.monotonic() < deadline:
        time.sleep(2)
    pending = OutboxMessage.objects.filter(status=OutboxStatus.PENDING).count()
    if pending:
        problems.append(f"{pending} e-mails still pending after {args.wait} s")

    markers = [m for m in Path(args.accepted).read_text().split() if m]
    emails = [f"{m}@load.example" for m in markers]
    stored = Counter(Ticket.objects.filter(contact_email__in=emails).values_list("contact_email", flat=True))
    received = Counter(
        row["to"] for row in map(json.loads, (stack / "mail.jsonl").read_text().splitlines()) if row["to"] in emails
    ) if (stack / "mail.jsonl").exists() else Counter()  # fmt: skip
    for email in emails:
        if stored[email] != 1:
            problems.append(f"{email}: {stored[email]} tickets (expected 1)")
        if received[email] != 1:
            problems.append(f"{email}: {received[email]} confirmation e-mails (expected 1)")

    claims = Counter(AuditEvent.objects.filter(action=AuditAction.CLAIMED).values_list("ticket_id", flat=True))
    double = [ticket for ticket, count in claims.items() if count > 1]
    if double:
        problems.append(f"{len(double)} tickets claimed more than once")

    stored_once = sum(1 for e in emails if stored[e] == 1)
    mailed_once = sum(1 for e in emails if received[e] == 1)
    print(f"accepted submissions: {len(markers)}; stored once: {stored_once}; one confirmation each: {mailed_once}; "
          f"claims: {len(claims)}; server errors outside fault windows: {len(errors)}; "
          f"checked at {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")  # fmt: skip
    for problem in problems[:20]:
        print("FAIL:", problem)
    print("PASS" if not problems else f"FAIL ({len(problems)} problems)")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
