"""Locust users for `make bench-load`: council chairs working through the app's busiest pages.

The targets (council slugs, chair usernames, a meeting, a survey round) come from the JSON file
named by BENCH_TARGETS, written by scripts/bench_load.py. BENCH_ONLY=<page> keeps one page only
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

    @task(weight("chair dashboard"))
    def chair_dashboard(self):
        self.client.get("/", name="chair dashboard", headers=self.headers)

    @task(weight("meeting detail"))
    def meeting_detail(self):
        t = self.target
        self.client.get(
            f"/c/{t['slug']}/meetings/{random.choice(t['meetings'])}/", name="meeting detail", headers=self.headers
        )

    @task(weight("follow-up list"))
    def follow_up(self):
        t = self.target
        query = random.choice(["?open_only=on", f"?department={t['department']}", "?overdue=on&open_only=on"])
        self.client.get(f"/c/{t['slug']}/actions/{query}", name="follow-up list", headers=self.headers)

    @task(weight("portal search"))
    def portal_search(self):
        t = self.target
        self.client.get(
            f"/public/{t['slug']}/search/?q={random.choice(t['words'])}", name="portal search", headers=self.headers
        )

    @task(weight("survey dashboard"))
    def survey_dashboard(self):
        t = self.target
        self.client.get(
            f"/c/{t['slug']}/departments/surveys/{random.choice(t['rounds'])}/",
            name="survey dashboard",
            headers=self.headers,
        )

    @task(weight("pdf request"))
    def pdf_request(self):
        t = self.target
        self.client.post(
            f"/c/{t['slug']}/documents/new/",
            {"kind": "minutes", "language": t["language"], "meeting": random.choice(t["printable"])},
            headers={**self.headers, "X-CSRFToken": self.csrf, "Referer": self.host + "/"},
            name="pdf request",
        )

    @task(weight("trivial view"))
    def trivial(self):
        self.client.get("/ping", name="trivial view", headers=self.headers)
