"""Locust users for `make bench-load`: council chairs working through the app's busiest pages, and writing
(about one request in ten of the mix: a progress report, a reply to an invitation, a save of the minutes), so
that pages are also served cold, right after their council's cache was dropped.

The targets (each council's chair, session and the addresses each page's users ask for) come from the
JSON file named by BENCH_TARGETS, written by scripts/bench_load.py. BENCH_ONLY=<page> keeps one page only
(the isolated runs that measure each page's throughput against the trivial view).
"""

import html
import json
import os
import random
import re
import secrets
from pathlib import Path

from locust import FastHttpUser, between, task

TARGETS = json.loads(Path(os.environ["BENCH_TARGETS"]).read_text())
ONLY = os.environ.get("BENCH_ONLY", "")

# page → weight in the realistic mix: 26 reads to 3 writes
MIX = {
    "chair dashboard": 6,
    "meeting detail": 6,
    "follow-up list": 4,
    "portal search": 4,
    "survey dashboard": 4,
    "pdf request": 2,
    "progress report": 1,
    "invitation reply": 1,
    "minutes save": 1,
    "trivial view": 0,
}
# the editor's fields: a hidden input's value, a textarea's text (the value's group is not optional on its own:
# a lazy match before an optional group would skip the value and post an empty version, a conflict every time)
FIELD = re.compile(r'name="(base_version|discussion_\d+)"(?:[^>]*?value="([^"]*)")?[^>]*>(?:([^<]*)</textarea>)?')


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
        self.form_headers = {**self.headers, "X-CSRFToken": self.csrf, "Referer": self.host + "/"}

    def write(self, address, fields, name, headers=None):
        """A form sent as a browser sends it; anything but the redirect after saving is counted as an error (the form
        shown again with an error: the write was not done), except the minutes editor showing the version saved
        meanwhile, when two users of a council saved the same minutes at once: that is the conflict working."""
        with self.client.post(
            address, fields, headers=headers or self.form_headers, allow_redirects=False, name=name, catch_response=True
        ) as response:
            if response.status_code == 302 or (response.status_code == 200 and "saved-version" in response.text):
                response.success()
            else:
                response.failure(f"not saved: {response.status_code}")

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

    @task(weight("progress report"))
    def progress_report(self):
        action = random.choice(self.target["open_actions"])
        self.write(
            f"/c/{self.target['slug']}/actions/{action}/",
            {"text": "Leaflets sent to the schools (benchmark)."},
            name="progress report",
        )

    @task(weight("invitation reply"))
    def invitation_reply(self):
        if not self.target["rsvp"]:
            return self.progress_report()
        self.write(
            self.target["rsvp"], {"reply": random.choice(["attending", "not_attending"])}, name="invitation reply"
        )

    @task(weight("minutes save"))
    def minutes_save(self):
        """Open the minutes editor and save it with one summary changed, as a secretary does."""
        if not self.target["minutes"]:
            return self.progress_report()
        page = self.client.get(self.target["minutes"], headers=self.headers, name="minutes editor").text
        fields = {
            name: html.unescape(textarea) if name.startswith("discussion") else value
            for name, value, textarea in FIELD.findall(page)
        }
        if "base_version" not in fields:
            return
        name = random.choice([n for n in fields if n.startswith("discussion")] or ["base_version"])
        fields[name] = (fields[name] + " ·") if name != "base_version" else fields[name]
        self.write(self.target["minutes"], fields, name="minutes save")

    @task(weight("trivial view"))
    def trivial(self):
        self.visit("trivial view")
