"""Load test: employers browsing and searching the menukaart, employers asking questions, advisors
working the queue, all at once against a running portal (one gunicorn, or the scale-out behind nginx).

Run by `bench/load/run.sh` (which starts and checks everything); on its own:

    locust -f bench/load/locustfile.py --headless -u 65 -r 10 -t 3m --host https://127.0.0.1:8443

Three kinds of users, in the proportion of the issue (50 browsing : 10 asking : 5 advisors):
- Browser: catalogue, filters, search, a measure page, materials, examples.
- Asker: opens the question form and sends one question with a unique marker; each accepted
  submission's marker is written to ACCEPTED_FILE, so `verify.py` can check that every one is in
  the database exactly once with exactly one confirmation e-mail.
- Advisor: logs in through the real log-in form, opens the queue (default, filtered, searched),
  a ticket, and claims open ones (concurrent claims: one winner each).

Every client says which address it stands for in X-Forwarded-For (the proxy turns that into the
client address, as a real proxy does for real visitors), so the per-client rate limits see many
visitors rather than one. Only loopback addresses are ever contacted.
"""

import os
import random
import re
import uuid

from locust import HttpUser, between, events, task

ACCEPTED_FILE = os.environ.get("LOAD_ACCEPTED_FILE", "/tmp/via-load-accepted.txt")  # noqa: S108
ADVISOR_USERS = [u for u in os.environ.get("LOAD_ADVISORS", "adviseur").split(",") if u]
ADVISOR_PASSWORD = os.environ.get("LOAD_PASSWORD", "demo-wachtwoord-2026")
SEARCHES = ["anoniem solliciteren", "werving", "leiderschap", "medewerkersnetwerk", "beloning", "taal", "doorstroom"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
MEASURE_LINK = re.compile(r'href="(/menukaart/maatregel/[^"/]+/)"')
TICKET_LINK = re.compile(r'href="(/helpdesk/wachtrij/DIB-\d{4}-\d{6}/)"')
FORM_VISIT = re.compile(r'name="form_visit" value="([^"]*)"')
THEME_VALUE = re.compile(r'name="themes" value="(\d+)"')


def _fake_client_address() -> str:
    # TEST-NET-2 (RFC 5737): documentation addresses, never routed; only used as a header value.
    return f"198.51.100.{random.randint(1, 254)}"  # noqa: S311


@events.test_start.add_listener
def _reset_accepted(environment, **kwargs):
    open(ACCEPTED_FILE, "w").close()  # noqa: SIM115


class PortalUser(HttpUser):
    abstract = True

    def on_start(self):
        self.client.verify = False  # the local proxy's certificate is self-signed
        self.client.headers["X-Forwarded-For"] = _fake_client_address()


class Browser(PortalUser):
    weight = 50
    wait_time = between(1, 4)

    @task(4)
    def catalogue(self):
        response = self.client.get("/menukaart/", name="catalogus")
        links = MEASURE_LINK.findall(response.text)
        if links:
            self.client.get(random.choice(links), name="maatregel")  # noqa: S311

    @task(3)
    def search(self):
        self.client.get("/menukaart/", params={"q": random.choice(SEARCHES)}, name="catalogus zoeken")  # noqa: S311

    @task(2)
    def filtered(self):
        self.client.get("/menukaart/?niveau=organisatie&kosten=laag", name="catalogus gefilterd")

    @task(1)
    def other_lists(self):
        self.client.get("/menukaart/materialen/", name="materialen")
        self.client.get("/menukaart/praktijkvoorbeelden/", name="praktijkvoorbeelden")


def _fake_visitor_network() -> str:
    # One /64 of 2001:db8::/32 (RFC 3849, documentation only, never routed) per question: the
    # rate limit counts per /64, and a real employer asks one question, not one every few seconds.
    return f"2001:db8:{random.randrange(1 << 16):x}:{random.randrange(1 << 16):x}::1"  # noqa: S311


class Asker(PortalUser):
    """Ten people asking at once, each question from another employer (another address): the rate
    limit per address is checked by across.py, not here, so nearly every question is accepted."""

    weight = 10
    wait_time = between(2, 6)

    @task
    def ask_a_question(self):
        self.client.headers["X-Forwarded-For"] = _fake_visitor_network()
        form = self.client.get("/helpdesk/vraag-stellen/", name="vraagformulier")
        csrf = CSRF.search(form.text)
        visit = FORM_VISIT.search(form.text)
        themes = THEME_VALUE.findall(form.text)
        if not csrf:
            form.failure("no CSRF token on the question form")
            return
        marker = f"load-{uuid.uuid4().hex}"
        data = {
            "csrfmiddlewaretoken": csrf.group(1),
            "form_visit": visit.group(1) if visit else "",
            "subject": "Vraag over werving",
            "question": f"Hoe maken we onze werving en selectie objectiever? Kenmerk {marker}.",
            "employer_name": "Bakkerij De Proef",
            "contact_name": "Sam de Vries",
            "contact_email": f"{marker}@load.example",
            "contact_phone": "",
            "sector": "",
            "size_band": "",
            "province": "",
            "charter_signatory": "onbekend",
            "consent": "on",
            "website": "",
        }
        if themes:
            data["themes"] = random.choice(themes)  # noqa: S311
        with self.client.post(
            "/helpdesk/vraag-stellen/", data=data, name="vraag versturen",
            headers={"Referer": self.host + "/helpdesk/vraag-stellen/"}, catch_response=True, allow_redirects=False,
        ) as response:  # fmt: skip
            if response.status_code in (302, 303):
                with open(ACCEPTED_FILE, "a") as accepted:
                    accepted.write(marker + "\n")
                response.success()
            elif response.status_code == 429:
                response.success()  # refused by the rate limit, visibly: not an error, not accepted
            else:
                response.failure(f"question not accepted: {response.status_code}")


class Advisor(PortalUser):
    weight = 5
    wait_time = between(1, 3)

    def on_start(self):
        super().on_start()
        username = random.choice(ADVISOR_USERS)  # noqa: S311
        page = self.client.get("/account/inloggen/", name="inloggen")
        csrf = CSRF.search(page.text)
        self.client.post(
            "/account/inloggen/",
            data={"csrfmiddlewaretoken": csrf.group(1) if csrf else "", "username": username,
                  "password": ADVISOR_PASSWORD},
            headers={"Referer": self.host + "/account/inloggen/"}, name="inloggen",
        )  # fmt: skip

    @task(3)
    def queue(self):
        response = self.client.get("/helpdesk/wachtrij/", name="wachtrij")
        links = TICKET_LINK.findall(response.text)
        if links:
            ticket = random.choice(links)  # noqa: S311
            page = self.client.get(ticket, name="ticket")
            csrf = CSRF.search(page.text)
            if csrf and "oppakken/" in page.text:
                self.client.post(
                    ticket + "oppakken/", data={"csrfmiddlewaretoken": csrf.group(1)},
                    headers={"Referer": self.host + ticket}, name="ticket oppakken",
                )  # fmt: skip

    @task(1)
    def queue_filtered(self):
        self.client.get("/helpdesk/wachtrij/?status=nieuw&prioriteit=hoog", name="wachtrij gefilterd")

    @task(1)
    def queue_searched(self):
        self.client.get("/helpdesk/wachtrij/?q=werving", name="wachtrij zoeken")
