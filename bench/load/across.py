"""What the instances share must behave as one: run against a stack (`bench/load/stack.sh up 2`).

Every request goes through nginx, which hands it to the next gunicorn in turn; the stack's nginx
names the instance that answered in an `X-Upstream` header (the load stack only). Checks:

- session: one advisor logs in once and opens the queue twelve times; every request is served as
  that advisor (a session only one instance knew would send the advisor back to the log-in page),
  and the requests were served by every instance;
- log-in throttle: LOGIN_THROTTLE_MAX_PER_PAIR wrong passwords for one account from one address,
  spread over the instances, then the right password: refused (429), as with one instance;
- rate limit: HELPDESK_ASK_RATE_LIMIT questions from one address are accepted, the next is refused
  (429), although the attempts went to different instances;
- concurrent claims: two advisors, each on their own instance, claim the same open questions at
  the same moment; `verify.py` then checks that no question was claimed twice.

The accepted questions' markers are added to --accepted, so `verify.py` also checks that each is
stored once with one confirmation e-mail. Exit 0 when every check holds. Loopback only.
"""

import argparse
import os
import re
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor

import requests
import urllib3

BASE = os.environ.get("LOAD_BASE_URL", "https://127.0.0.1:8443")
PASSWORD = os.environ.get("LOAD_PASSWORD", "demo-wachtwoord-2026")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_VISIT = re.compile(r'name="form_visit" value="([^"]*)"')
TICKET_LINK = re.compile(r'href="(/helpdesk/wachtrij/DIB-\d{4}-\d{6}/)"')


def session(address: str) -> requests.Session:
    """A browser standing for one visitor address (TEST-NET-3, RFC 5737: never routed)."""
    client = requests.Session()
    client.trust_env = False  # loopback only: no proxy, and no CA bundle from the environment that
    client.verify = False  # would override this (the stack's certificate is self-signed)
    client.headers["X-Forwarded-For"] = address
    return client


def csrf_of(response: requests.Response) -> str:
    found = CSRF.search(response.text)
    return found.group(1) if found else ""


def nudge(client: requests.Session, attempt: int) -> None:
    """On every other attempt one extra request, so that the attempts' POSTs (each after a GET of its
    form) do not all land on the same instance of nginx's round robin."""
    if attempt % 2:
        client.get(f"{BASE}/gezondheid/")


def log_in(client: requests.Session, username: str, password: str) -> requests.Response:
    page = client.get(f"{BASE}/account/inloggen/")
    return client.post(
        f"{BASE}/account/inloggen/",
        data={"csrfmiddlewaretoken": csrf_of(page), "username": username, "password": password},
        headers={"Referer": f"{BASE}/account/inloggen/"},
        allow_redirects=False,
    )


def ask(client: requests.Session, marker: str) -> requests.Response:
    form = client.get(f"{BASE}/helpdesk/vraag-stellen/")
    visit = FORM_VISIT.search(form.text)
    data = {
        "csrfmiddlewaretoken": csrf_of(form),
        "form_visit": visit.group(1) if visit else "",
        "subject": "Vraag over werving",
        "question": f"Hoe maken we onze werving objectiever? Kenmerk {marker}.",
        "employer_name": "Bakkerij De Proef",
        "contact_name": "Sam de Vries",
        "contact_email": f"{marker}@load.example",
        "charter_signatory": "onbekend",
        "consent": "on",
    }
    return client.post(
        f"{BASE}/helpdesk/vraag-stellen/",
        data=data,
        headers={"Referer": f"{BASE}/helpdesk/vraag-stellen/"},
        allow_redirects=False,
    )


class Checks:
    def __init__(self, instances: int):
        self.instances = instances
        self.failed: list[str] = []

    def check(self, what: str, ok: bool, detail: str = "") -> None:
        print(f"  {'PASS' if ok else 'FAIL'}: {what}{f' ({detail})' if detail else ''}")
        if not ok:
            self.failed.append(what)

    def spread(self, what: str, upstreams: list[str]) -> None:
        seen = sorted({u for u in upstreams if u})
        self.check(f"{what}: served by {self.instances} instance(s)", len(seen) >= self.instances, ", ".join(seen))


def check_session(checks: Checks) -> None:
    client = session("203.0.113.10")
    response = log_in(client, "adviseur", PASSWORD)
    checks.check("session: the advisor is logged in", response.status_code in (302, 303), str(response.status_code))
    statuses, upstreams = [], []
    for _ in range(12):
        page = client.get(f"{BASE}/helpdesk/wachtrij/", allow_redirects=False)
        statuses.append(page.status_code)
        upstreams.append(page.headers.get("X-Upstream", ""))
    checks.check("session: every queue request served as the advisor", set(statuses) == {200}, str(statuses))
    checks.spread("session", upstreams)


def check_login_throttle(checks: Checks, limit: int) -> None:
    client = session("203.0.113.20")
    upstreams = []
    for attempt in range(limit):
        nudge(client, attempt)
        response = log_in(client, "adviseur2", "een-fout-wachtwoord")
        upstreams.append(response.headers.get("X-Upstream", ""))
    nudge(client, limit)
    response = log_in(client, "adviseur2", PASSWORD)
    upstreams.append(response.headers.get("X-Upstream", ""))
    checks.check(
        f"log-in throttle: after {limit} wrong passwords the right one is refused (429)",
        response.status_code == 429,
        f"got {response.status_code}",
    )
    checks.spread("log-in throttle", upstreams)


def check_rate_limit(checks: Checks, limit: int, accepted_file: str) -> None:
    client = session("203.0.113.30")
    statuses, upstreams, markers = [], [], []
    for attempt in range(limit + 1):
        nudge(client, attempt)
        marker = f"across-{uuid.uuid4().hex}"
        response = ask(client, marker)
        statuses.append(response.status_code)
        upstreams.append(response.headers.get("X-Upstream", ""))
        if response.status_code in (302, 303):
            markers.append(marker)
    with open(accepted_file, "a") as accepted:
        accepted.writelines(f"{marker}\n" for marker in markers)
    checks.check(
        f"rate limit: {limit} questions from one address accepted, the next refused (429)",
        statuses == [302] * limit + [429],
        str(statuses),
    )
    checks.spread("rate limit", upstreams)


def check_concurrent_claims(checks: Checks) -> None:
    advisors = [session("203.0.113.40"), session("203.0.113.41")]
    for client, username in zip(advisors, ["adviseur", "adviseur2"], strict=True):
        log_in(client, username, PASSWORD)
    queue = advisors[0].get(f"{BASE}/helpdesk/wachtrij/?unassigned=true")
    tickets = list(dict.fromkeys(TICKET_LINK.findall(queue.text)))[:8]
    claimed = 0
    for ticket in tickets:
        tokens = [csrf_of(client.get(f"{BASE}{ticket}")) for client in advisors]

        def claim(pair, ticket=ticket):
            client, token = pair
            return client.post(
                f"{BASE}{ticket}oppakken/",
                data={"csrfmiddlewaretoken": token},
                headers={"Referer": f"{BASE}{ticket}"},
                allow_redirects=False,
            ).status_code

        with ThreadPoolExecutor(max_workers=2) as pool:
            statuses = list(pool.map(claim, zip(advisors, tokens, strict=True)))
        claimed += all(status < 500 for status in statuses)
    checks.check(
        f"concurrent claims: {len(tickets)} questions claimed by two advisors at once, no server error",
        bool(tickets) and claimed == len(tickets),
        f"{claimed} of {len(tickets)}",
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--instances", type=int, default=2)
    parser.add_argument("--accepted", required=True, help="file of accepted markers that verify.py checks")
    parser.add_argument("--login-limit", type=int, default=int(os.environ.get("LOGIN_THROTTLE_MAX_PER_PAIR", 5)))
    parser.add_argument("--ask-limit", type=int, default=int(os.environ.get("HELPDESK_ASK_RATE_LIMIT", 5)))
    args = parser.parse_args()
    urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)

    checks = Checks(args.instances)
    print(f"== shared state across {args.instances} instance(s)")
    check_session(checks)
    check_login_throttle(checks, args.login_limit)
    check_rate_limit(checks, args.ask_limit, args.accepted)
    check_concurrent_claims(checks)
    print("across: PASS" if not checks.failed else f"across: FAIL ({len(checks.failed)})")
    return 0 if not checks.failed else 1


if __name__ == "__main__":
    sys.exit(main())
