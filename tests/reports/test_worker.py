"""The document queue with real django-q2 worker processes, not sync mode: a build, and a worker killed mid-build."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from django_q.conf import Conf
from django_q.tasks import async_task

from meetings.models import AgendaItem
from reports.models import Document
from tests.conftest import test_database_url
from tests.factories import MeetingFactory

ROOT = Path(settings.BASE_DIR)


@pytest.fixture
def worker(tmp_path, private_files):
    """Start django-q2 clusters on the test database; stop (or kill) them at the end."""
    started = []

    def start(name):
        env = {
            **os.environ,
            "DATABASE_URL": test_database_url(),
            "PRIVATE_MEDIA_ROOT": str(private_files),
            "Q_WORKERS": "1",
            # Long enough for the 1,500-item build below on a busy CI machine, which a retry must outlast.
            "Q_TIMEOUT": "40",
            "Q_RETRY": "42",
            "Q_MAX_ATTEMPTS": "3",
        }
        log = open(tmp_path / f"{name}.log", "w")  # noqa: SIM115  (closed with the process)
        process = subprocess.Popen(
            [sys.executable, "manage.py", "qcluster"], cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True
        )
        started.append((process, log))
        return process

    yield start
    for process, log in started:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def wait_for(predicate, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def queue_document(meeting) -> Document:
    document = Document.objects.create(
        kind="minutes", council=meeting.council, meeting=meeting, language="fa", version="requested"
    )
    previous, Conf.SYNC = Conf.SYNC, False  # through the database broker, as in production
    try:
        async_task("reports.tasks.build_document", document.pk)
    finally:
        Conf.SYNC = previous
    return document


def status(document) -> str:
    document.refresh_from_db()
    return document.status


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_builds_the_queued_document(world, worker):
    meeting = MeetingFactory(council=world.council, state="held", starts_at=timezone.now() - timedelta(hours=1))
    AgendaItem.objects.create(meeting=meeting, title="جلسه", discussion="گزارش‌ها بررسی شد.")
    document = queue_document(meeting)
    worker("a")
    assert wait_for(lambda: status(document) == "done", 60), status(document)
    assert Path(document.file.path).read_bytes().startswith(b"%PDF")
    assert document.attempts == 1


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_build_leaves_the_document_to_be_retried(world, worker):
    meeting = MeetingFactory(council=world.council, state="held", starts_at=timezone.now() - timedelta(hours=1))
    text = "حاضران درباره وضعیت اطلاع‌رسانی در شهرستان گفت‌وگو کردند و بر پیگیری مشکلات تأکید شد. " * 6
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=n, title=f"دستور {n}", discussion=text) for n in range(1500)
    )
    document = queue_document(meeting)
    first = worker("first")
    assert wait_for(lambda: status(document) == "running", 60)
    os.killpg(first.pid, signal.SIGKILL)  # the whole cluster, mid-build
    first.wait()
    assert status(document) == "running" and not document.file  # the build died with it

    worker("second")  # the database broker hands the unacknowledged task out again after Q_RETRY
    assert wait_for(lambda: status(document) == "done", 180), status(document)
    assert document.attempts == 2
    assert Path(document.file.path).read_bytes().startswith(b"%PDF")
    assert Path(document.file.path).read_bytes().rstrip().endswith(b"%%EOF")  # whole, not half-written
