"""Building documents in django-q2 workers. Idempotent: a build repeated after a killed worker redoes it cleanly."""

import os
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from reports import documents
from reports.models import Document, private_storage
from reports.pdf.render import render
from reports.services import build_spec


class BuildTakenOver(Exception):
    """Another worker claimed the build after this one stopped reporting: this one must not write."""


def build_document(document_id: int) -> str:
    """Claim the build (one builder at a time), draw it reporting progress every page, and store the file only
    if the claim is still this build's: two builders never both write, and one file is kept."""
    document = Document.objects.select_related("council", "meeting__council").get(pk=document_id)
    attempt = document.attempts + 1
    now = timezone.now()
    # Compare-and-set on `attempts`: of two workers claiming at once, the database lets one through.
    claimed = (
        Document.objects.claimable()
        .filter(pk=document.pk, attempts=document.attempts)
        .update(status=Document.Status.RUNNING, started_at=now, heartbeat_at=now, attempts=attempt, error="")
    )
    if not claimed:
        return document.file.name  # built already, or being built by a worker that is alive
    ours = Document.objects.filter(pk=document.pk, status=Document.Status.RUNNING, attempts=attempt)
    temporary = None
    try:
        spec = build_spec(document)
        data = render(spec, on_page=_heartbeat(ours))
        name = f"documents/{document.council.slug}/{document.pk}-{document.filename}"
        path = Path(private_storage.path(name))
        temporary = _write_beside(path, data)
        with transaction.atomic():  # the row says "done" only once the file is in place, and only one build says it
            if ours.update(
                status=Document.Status.DONE, file=name, version=documents.fingerprint(spec), finished_at=timezone.now()
            ):
                os.replace(temporary, path)
                temporary = None
    except BuildTakenOver:
        return ""
    except Exception as error:
        ours.update(status=Document.Status.FAILED, error=str(error)[:500])
        raise  # django-q2 hands the task out again, up to Q_MAX_ATTEMPTS
    finally:
        if temporary:
            os.remove(temporary)
    return name


def _heartbeat(ours):
    """Called every page: every third of DOCUMENT_HEARTBEAT_SECONDS, say the build is alive, or stop if it was
    handed to another worker meanwhile."""
    interval = settings.DOCUMENT_HEARTBEAT_SECONDS / 3
    last = time.monotonic()

    def beat():
        nonlocal last
        if time.monotonic() - last >= interval:
            last = time.monotonic()
            if not ours.update(heartbeat_at=timezone.now()):
                raise BuildTakenOver

    return beat


def _write_beside(path: Path, data: bytes) -> str:
    """Write to a temporary file beside the target, to be renamed onto it: readers never see half a PDF."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    with os.fdopen(handle, "wb") as file:
        file.write(data)
    return temporary


def fail_stale_documents() -> int:
    """Every few minutes: a build not done after every retry could have happened, and not alive, is marked failed."""
    cluster = settings.Q_CLUSTER
    deadline = timezone.now() - timedelta(seconds=cluster["retry"] * cluster["max_attempts"] + cluster["timeout"])
    alive = Document.objects.filter(status=Document.Status.RUNNING).exclude(pk__in=Document.objects.stalled())
    return (
        Document.objects.filter(status__in=[Document.Status.QUEUED, Document.Status.RUNNING], requested_at__lt=deadline)
        .exclude(pk__in=alive.values("pk"))
        .update(status=Document.Status.FAILED, error="gave up after every retry")
    )
