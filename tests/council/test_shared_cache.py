"""`make run`'s processes share one cache: a page the web server cached shows what the worker wrote next time it is
loaded. A real web server and a real django-q2 cluster, on a temporary SQLite database, with nothing else set."""

import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, Request, build_opener

import pytest
from django.conf import settings

from tests.conftest import PASSWORD

ROOT = Path(settings.BASE_DIR)
pytestmark = pytest.mark.processes

SETUP = """
import json
from django.urls import reverse
from django.utils import timezone
from datetime import timedelta
from council.models import Role
from tests.factories import AgendaItemFactory, CouncilFactory, MeetingFactory, MembershipFactory, UserFactory

council = CouncilFactory(slug="pardis")
for name, role in [("chair", Role.CHAIR), ("member", Role.MEMBER), ("secretary", Role.SECRETARY)]:
    MembershipFactory(user=UserFactory(username=name), council=council, role=role)
meeting = MeetingFactory(council=council, starts_at=timezone.now() + timedelta(days=3))
AgendaItemFactory(meeting=meeting, title="Press day")
print(json.dumps({
    "page": reverse("meetings:meeting-detail", args=[council.slug, meeting.pk]),
    "publish": reverse("meetings:meeting-publish-agenda", args=[council.slug, meeting.pk]),
}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, deadline: float) -> bool:
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def mail_cells(html: str) -> list[str]:
    return re.findall(r"<td[^>]*>(Sent|Not sent|Failed)</td>", html)


@pytest.fixture
def run_env(tmp_path):
    """`make run`'s environment (Procfile): only the data folder moved to a temporary one."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "HAMAHANG_", "DATABASE_URL", "REDIS_URL", "Q_", "MEDIA_ROOT", "PRIVATE_MEDIA"))
    }
    return {**clean, "HAMAHANG_VAR_DIR": str(tmp_path)}


@pytest.fixture
def processes(tmp_path):
    started = []

    def start(*args, env):
        log = open(tmp_path / f"{args[0]}.log", "w")  # noqa: SIM115  (closed with the process)
        process = subprocess.Popen(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True
        )
        started.append((process, log))
        return process

    yield start
    for process, log in started:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def manage(*args, env) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_meeting_page_shows_the_mail_status_the_worker_wrote_on_the_next_load(tmp_path, run_env, processes):
    for command in (["migrate", "--no-input", "--verbosity", "0"], ["createcachetable"]):  # as `make migrate`
        manage(*command, env=run_env)
    urls = json.loads(manage("shell", "--no-imports", "-c", SETUP, env=run_env).strip().splitlines()[-1])

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    processes("runserver", "--noreload", f"127.0.0.1:{port}", env=run_env)
    browser = build_opener(HTTPCookieProcessor(cookies := CookieJar()))
    deadline = time.monotonic() + 60

    def get(path) -> str:
        return browser.open(base + path, timeout=10).read().decode()

    def post(path, data) -> None:
        token = next(c.value for c in cookies if c.name == "csrftoken")
        body = urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        browser.open(Request(base + path, data=body, headers={"Referer": base + path}), timeout=10).read()

    def serving() -> bool:
        try:
            get("/accounts/login/")
        except OSError:
            return False
        return True

    assert wait_for(serving, deadline), (tmp_path / "runserver.log").read_text()
    post("/accounts/login/", {"login": "chair", "password": PASSWORD})
    post(urls["publish"], {})
    # Loaded (and cached) while the invitations wait in the queue: no worker runs yet.
    assert mail_cells(get(urls["page"])) == ["Not sent"] * 3

    processes("qcluster", env=run_env)
    database = sqlite3.connect(tmp_path / "hamahang.sqlite3", timeout=20)

    def all_sent() -> bool:
        sent = database.execute("SELECT count(*) FROM meetings_attendance WHERE mail_status = 'sent'").fetchone()
        return sent[0] == 3

    try:
        assert wait_for(all_sent, deadline), (tmp_path / "qcluster.log").read_text()[-3000:]
    finally:
        database.close()
    assert mail_cells(get(urls["page"])) == ["Sent"] * 3
