"""Locust users for `make bench-load`: council chairs working through the app's busiest pages.

The targets (each council's chair, session and the addresses each page's users ask for) come from the
JSON file named by BENCH_TARGETS, written by scripts/bench_load.py. BENCH_ONLY=<page> keeps one page only
(the isolated runs that measure each page's throughput against the trivial view).
"""

import json
import os
import random
import secrets
from pathlib import Path

from locust import FastHttpUser, between, task

TARGETS = json.loads(Path(os.environ["BENCH_TARGETS"]).read_text())
ONLY = os.environ.get("BENCH_ONLY", "")

# page → weight in the realistic mix
MIX = {
    "chair dashboard": 3,
    "meeting detail": 3,
    "follow-up list": 2,
    "portal search": 2,
    "survey dashboard": 2,
    "pdf request": 1,
    "trivial view": 0,
}


def weight(page):
    if ONLY:
        return 1 if page == ONLY else 0
    return MIX[page]


class Chair(FastHttpUser):
    # geventhttpclient, not requests: the load generator shares the server's two cores, so it must be cheap.
    # The mix: people reading pages; alone: back-to-back requests, to find the throughput.
    wait_time = between(0.5, 1.5) if not ONLY else between(0, 0)

    def on_start(self):
        """Signed in already: the session was made by bench_load.py (password hashing is not what is measured)."""
        self.target = random.choice(TARGETS)
        self.csrf = secrets.token_hex(16)  # any 32-character secret: Django compares the cookie and the header
        self.headers = {"Cookie": f"sessionid={self.target['session']}; csrftoken={self.csrf}"}

    def visit(self, page):
        self.client.get(random.choice(self.target["addresses"][page]), name=page, headers=self.headers)

    @task(weight("chair dashboard"))
    def chair_dashboard(self):
        self.visit("chair dashboard")

    @task(weight("meeting detail"))
    def meeting_detail(self):
        self.visit("meeting detail")

    @task(weight("follow-up list"))
    def follow_up(self):
        self.visit("follow-up list")

    @task(weight("portal search"))
    def portal_search(self):
        self.visit("portal search")

    @task(weight("survey dashboard"))
    def survey_dashboard(self):
        self.visit("survey dashboard")

    @task(weight("pdf request"))
    def pdf_request(self):
        t = self.target
        self.client.post(
            f"/c/{t['slug']}/documents/new/",
            {"kind": "minutes", "language": t["language"], "meeting": random.choice(t["printable"])},
            # as the page's print button sends it (htmx): the answer is the document's progress, not a redirect
            headers={**self.headers, "X-CSRFToken": self.csrf, "Referer": self.host + "/", "HX-Request": "true"},
            name="pdf request",
        )

    @task(weight("trivial view"))
    def trivial(self):
        self.visit("trivial view")
