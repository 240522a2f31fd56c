"""Locust scenario for bench/load_bench.py: the public browsing and searching, citizens
submitting proposals, staff triaging and saving minutes, against a production set-up.

The site's cookies are Secure and the loopback is plain HTTP behind nginx (which tells the site
the request came over HTTPS), so the client marks them sendable itself. Each submission comes
from another loopback address (127.0.x.y, a connection bound to it), as real citizens come from
theirs, so the per-address submission limit does not turn the bench into a rate-limit test.
"""

import itertools
import os
import random
import re
from html.parser import HTMLParser

from locust import HttpUser, between, task
from requests.adapters import HTTPAdapter

WORDS = ["оңалту", "мектеп", "инклюзивті", "спорт", "реабилитация", "школа", "грант", "жабдық", "экзоскелет"]
REGIONS = os.environ.get("BENCH_REGION_SLUGS", "astana,almaty,shymkent").split(",")
MEETINGS = [int(m) for m in os.environ.get("BENCH_MEETINGS", "1").split(",")]
PROPOSALS = [int(p) for p in os.environ.get("BENCH_PROPOSAL_IDS", "1").split(",")]
CODES = os.environ.get("BENCH_PROPOSAL_CODES", "X").split(",")
REGION_IDS = os.environ.get("BENCH_REGION_IDS", "1").split(",")
STAFF_PASSWORD = os.environ.get("BENCH_STAFF_PASSWORD", "demo-password")
_addresses = itertools.count(1)
_meetings = itertools.count()


class _FromAddress(HTTPAdapter):
    """Connections bound to one local address (any of 127.0.0.0/8 reaches the loopback server)."""

    def __init__(self, address: str, **kwargs):
        self.address = address
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def _unsecure_cookies(client) -> None:
    """nginx stands for the TLS proxy here: keep the site's Secure cookies sendable over the loopback."""
    for cookie in list(client.cookies):
        if cookie.secure:
            client.cookies.set(cookie.name, cookie.value, domain=cookie.domain, path=cookie.path)


class _FormFields(HTMLParser):
    """The fields of the form with a given id, as a browser would post them."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.fields = form_id, False, {}
        self._textarea = self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or not attrs.get("name") and tag != "option":
            return
        if tag == "input" and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields[attrs["name"]] = attrs.get("value", "on")
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.fields[self._textarea] = ""
        elif tag == "select":
            self._select = attrs["name"]
            self.fields.setdefault(self._select, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


class _Site(HttpUser):
    abstract = True

    def on_start(self):
        # What the TLS proxy tells the site (nginx sets it itself; this lets the bench hit a node directly).
        self.client.headers["X-Forwarded-Proto"] = "https"

    def get(self, path: str, **kwargs):
        response = self.client.get(path, **kwargs)
        _unsecure_cookies(self.client)  # pages re-send the CSRF cookie
        return response

    def post(self, path: str, data: dict, name: str, expect_redirect: bool = True, **headers) -> None:
        """POST a form as a browser does; anything but the redirect of a saved form is a failure."""
        data = {**data, "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")}
        referer = f"https://{self.host.split('://', 1)[1]}{path}"
        with self.client.post(
            path, data=data, name=name, headers={"Referer": referer, **headers}, allow_redirects=False,
            catch_response=True,
        ) as response:  # fmt: skip
            if expect_redirect and response.status_code != 302:
                response.failure(f"not saved: {response.status_code}")
            else:
                response.success()
        _unsecure_cookies(self.client)


class PublicVisitor(_Site):
    """Reads the public site: home, regions, meetings, programs, statistics, proposals."""

    weight = 6
    wait_time = between(1, 3)

    @task(3)
    def home(self):
        self.get(f"/{random.choice(['kk', 'ru', 'en'])}/", name="/[lang]/")

    @task(2)
    def region(self):
        self.get(f"/kk/regions/{random.choice(REGIONS)}/", name="/kk/regions/[slug]/")

    @task(2)
    def meeting(self):
        self.get(f"/kk/meetings/{random.choice(MEETINGS)}/", name="/kk/meetings/[id]/")

    @task(2)
    def tracker(self):
        params = {"region": random.choice(REGION_IDS), "page": random.randint(1, 20)}
        self.get("/kk/proposals/", params=params, name="/kk/proposals/?region&page")

    @task(2)
    def proposal(self):
        self.get(f"/ru/proposals/{random.choice(CODES)}/", name="/ru/proposals/[code]/")

    @task(1)
    def statistics(self):
        self.get("/kk/proposals/statistics/", name="/kk/proposals/statistics/")

    @task(1)
    def programs(self):
        self.get("/en/programs/", name="/en/programs/")


class Searcher(_Site):
    weight = 2
    wait_time = between(1, 3)

    @task
    def search(self):
        query = " ".join(random.sample(WORDS, random.randint(1, 2)))
        self.get("/kk/proposals/", params={"q": query}, name="/kk/proposals/?q")


class Citizen(_Site):
    """Submits a proposal through the public form."""

    weight = 1
    wait_time = between(2, 5)

    @task
    def submit(self):
        self.get("/kk/proposals/submit/", name="/kk/proposals/submit/ (form)")
        data = {
            "text": f"Ауылда балаларға арналған {random.choice(WORDS)} орталығы керек",
            "direction": "rehabilitation",
            "region": random.choice(REGION_IDS),
            "author_name": "Жүктеме сынағы",
            "website": "",
        }
        n = next(_addresses)
        self.client.mount("http://", _FromAddress(f"127.0.{2 + n // 250 % 250}.{1 + n % 250}"))
        self.post("/kk/proposals/submit/", data, "/kk/proposals/submit/ (post)")


class Staff(_Site):
    """Foundation staff: triage with filters and search, a proposal's page, minutes saves."""

    weight = 1
    wait_time = between(2, 5)

    def on_start(self):
        super().on_start()
        self.get("/en/accounts/login/", name="/en/accounts/login/")
        self.post(
            "/en/accounts/login/", {"username": "staff", "password": STAFF_PASSWORD}, "/en/accounts/login/ (post)"
        )
        _unsecure_cookies(self.client)
        self.meeting = MEETINGS[next(_meetings) % len(MEETINGS)]  # one meeting each: no lost-update 409s

    @task(3)
    def triage(self):
        params = random.choice(
            [{}, {"status": "received"}, {"region": random.choice(REGION_IDS)}, {"q": random.choice(WORDS)}]
        )
        self.get("/en/proposals/staff/", params=params, name="/en/proposals/staff/?filters")

    @task(2)
    def proposal(self):
        self.get(f"/en/proposals/staff/{random.choice(PROPOSALS)}/", name="/en/proposals/staff/[id]/")

    @task(1)
    def save_minutes(self):
        page = self.get(f"/en/staff/meetings/{self.meeting}/", name="/en/staff/meetings/[id]/")
        form = _FormFields("minutes-form")
        form.feed(page.text)
        fields = form.fields
        # Only the participation rows already there; the blank extra rows stay unsent.
        initial = int(fields.get("participation-INITIAL_FORMS", 0))
        fields["participation-TOTAL_FORMS"] = str(initial)
        fields = {
            k: v
            for k, v in fields.items()
            if not re.match(r"participation-(\d+)-", k) or int(k.split("-")[1]) < initial
        }
        fields["minutes"] = re.sub(r"\s*Жүктеме сынағы \d+$", "", fields.get("minutes", "")) + (
            f"\n\nЖүктеме сынағы {random.randint(1, 10**6)}"
        )
        self.post(f"/en/staff/meetings/{self.meeting}/", fields, "/en/staff/meetings/[id]/ (save minutes)")
