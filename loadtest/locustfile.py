"""Load scenario: leadership, programme and partner officers and staff on the main pages and the API.

Every user signs in through the login form (sessions, CSRF and login throttling
are exercised as in a browser) and reads the pages of their role. The writes
are the ones these roles really make:

- programme and partner officers create draft schemes through the API with
  their token (`POST /api/v1/promotion/schemes/`); each scheme's code carries
  the run id, so the runner counts them back from the database;
- leadership starts background report jobs from the dashboard
  (`POST /reports/jobs/programme_xlsx/start/`); the job ids come back in the
  redirect, and the runner checks each one exists and was built by a worker.

Run through `python -m loadtest` (see loadtest/__main__.py), or standalone with
`locust -f loadtest/locustfile.py` (then nothing is counted back).
"""

import os
import re
import threading
import uuid

from locust import HttpUser, between, task
from locust.exception import StopUser

# The runner overwrites RUN_ID before the users start; standalone runs get their own.
RUN_ID = os.environ.get("XTTM_LOAD_RUN_ID") or uuid.uuid4().hex[:8]
SCHEME_PREFIX = "lt-"
REPORT_KIND = "programme_xlsx"  # the cheapest job a leader really starts: an Excel workbook

# What this process made; the runner compares it with the database after the run.
made: dict[str, list] = {"schemes": [], "report_jobs": []}
_lock = threading.Lock()
_counter = iter(range(1, 10**9))

TOKEN_RE = re.compile(r"<code>([0-9a-f]{40})</code>")
JOB_RE = re.compile(r"/reports/jobs/(\d+)/")


def next_scheme_code() -> str:
    with _lock:
        return f"{SCHEME_PREFIX}{RUN_ID}-{next(_counter)}"


class XttmUser(HttpUser):
    """Signs in through the form; `token` is the API key shown on the profile page."""

    abstract = True
    wait_time = between(0.5, 2.0)
    username = ""
    token = ""

    def on_start(self):
        self.client.get("/accounts/login/", name="/accounts/login/")
        with self.client.post(
            "/accounts/login/",
            data={
                "username": self.username,
                "password": self.username,  # the demo convention (xttm/core/demo.py)
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            headers={"Referer": self.host + "/accounts/login/"},
            name="/accounts/login/ [POST]",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            # A refused login shows the form again with 200: that is a failure here.
            if response.status_code != 302:
                response.failure(f"{self.username} could not sign in ({response.status_code})")
                raise StopUser()

    def csrf_headers(self) -> dict:
        return {
            "X-CSRFToken": self.client.cookies.get("csrftoken", ""),
            "Referer": self.host + "/",
        }

    def api_headers(self) -> dict:
        if not self.token:
            page = self.client.get("/accounts/profile/", name="/accounts/profile/")
            found = TOKEN_RE.search(page.text)
            if found is None:
                raise RuntimeError(f"{self.username} has no API token on the profile page")
            self.token = found.group(1)
        return {"Authorization": f"Token {self.token}"}


class Leadership(XttmUser):
    """Reads the dashboards and the schemes; now and then starts a report job."""

    weight = 2
    username = "lanhdao"

    @task(4)
    def programme_dashboard(self):
        self.client.get("/reports/", name="/reports/")

    @task(2)
    def emulation_dashboard(self):
        self.client.get("/reports/emulation/", name="/reports/emulation/")

    @task(2)
    def home(self):
        self.client.get("/", name="/")

    @task(2)
    def schemes(self):
        self.client.get("/promotion/schemes/", name="/promotion/schemes/")

    @task(1)
    def programme_figures_api(self):
        self.client.get(
            "/api/v1/reports/programme/",
            headers=self.api_headers(),
            name="/api/v1/reports/programme/",
        )

    @task(1)
    def start_report_job(self):
        with self.client.post(
            f"/reports/jobs/{REPORT_KIND}/start/",
            data={"csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")},
            headers=self.csrf_headers(),
            name="/reports/jobs/[kind]/start/ [POST]",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            found = JOB_RE.search(response.headers.get("Location", ""))
            if response.status_code != 302 or found is None:
                response.failure(f"no job started ({response.status_code})")
                return
            with _lock:
                made["report_jobs"].append(int(found.group(1)))
        self.client.get(f"/reports/jobs/{found.group(1)}/", name="/reports/jobs/[id]/")


class SchemeWriter(XttmUser):
    """An officer who lists schemes and activities and drafts new schemes through the API."""

    abstract = True

    def on_start(self):
        super().on_start()
        headers = self.api_headers()
        year = self.client.get(
            "/api/v1/promotion/years/", headers=headers, name="/api/v1/promotion/years/"
        ).json()["results"]
        contents = self.client.get(
            "/api/v1/promotion/contents/", headers=headers, name="/api/v1/promotion/contents/"
        ).json()["results"]
        self.year = max(y["year"] for y in year)
        self.content_type = contents[0]["id"]
        self.line = contents[0]["line"]
        # The API asks for a lead organisation; for a partner the service puts their own.
        self.lead = self.client.get(
            "/api/v1/directory/organizations/?page_size=1",
            headers=headers,
            name="/api/v1/directory/organizations/",
        ).json()["results"][0]["id"]

    @task(3)
    def scheme_list(self):
        self.client.get("/promotion/schemes/", name="/promotion/schemes/")

    @task(2)
    def activity_list(self):
        self.client.get("/promotion/activities/", name="/promotion/activities/")

    @task(2)
    def schemes_api(self):
        self.client.get(
            "/api/v1/promotion/schemes/?page_size=20",
            headers=self.api_headers(),
            name="/api/v1/promotion/schemes/",
        )

    @task(1)
    def draft_scheme(self):
        code = next_scheme_code()
        payload = {
            "code": code,
            "year": self.year,
            "content_type": self.content_type,
            "line": self.line,
            "lead": self.lead,
            "title": f"Đề án thử tải {code}",
            "country": "VN",
            "planned_booths": 10,
            "support_requested": "0",
        }
        with self.client.post(
            "/api/v1/promotion/schemes/",
            json=payload,
            headers=self.api_headers(),
            name="/api/v1/promotion/schemes/ [POST]",
            catch_response=True,
        ) as response:
            if response.status_code != 201:
                response.failure(f"{response.status_code}: {response.text[:300]}")
                return
            with _lock:
                made["schemes"].append(code)


class ProgrammeOfficer(SchemeWriter):
    weight = 3
    username = "chuongtrinh"

    @task(2)
    def enterprises(self):
        self.client.get("/directory/enterprises/?q=may", name="/directory/enterprises/?q")


class PartnerOfficer(SchemeWriter):
    weight = 3
    username = "doitac"


class Staff(XttmUser):
    """Reads their own profile, the movements and their registrations."""

    weight = 2
    username = "canbo"

    @task(2)
    def home(self):
        self.client.get("/", name="/")

    @task(2)
    def my_profile(self):
        self.client.get("/emulation/me/", name="/emulation/me/")

    @task(2)
    def movements(self):
        self.client.get("/emulation/", name="/emulation/")

    @task(1)
    def registrations(self):
        self.client.get("/emulation/registrations/", name="/emulation/registrations/")

    @task(1)
    def movements_api(self):
        self.client.get(
            "/api/v1/emulation/movements/",
            headers=self.api_headers(),
            name="/api/v1/emulation/movements/",
        )
