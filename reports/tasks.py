"""Building documents in django-q2 workers. Idempotent: a build repeated after a killed worker redoes it cleanly."""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from reports import documents
from reports.models import Document, private_storage
from reports.pdf.render import render
from reports.services import build_spec


def build_document(document_id: int) -> str:
    document = Document.objects.select_related("council", "meeting__council").get(pk=document_id)
    if document.status == Document.Status.DONE and document.file:
        return document.file.name
    Document.objects.filter(pk=document.pk).update(
        status=Document.Status.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1, error=""
    )
    try:
        spec = build_spec(document)
        data = render(spec)
        name = f"documents/{document.council.slug}/{document.pk}-{document.filename}"
        _write_atomically(Path(private_storage.path(name)), data)
    except Exception as error:
        Document.objects.filter(pk=document.pk).update(status=Document.Status.FAILED, error=str(error)[:500])
        raise  # django-q2 hands the task out again, up to Q_MAX_ATTEMPTS
    Document.objects.filter(pk=document.pk).update(
        status=Document.Status.DONE, file=name, version=documents.fingerprint(spec), finished_at=timezone.now()
    )
    return name


def _write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: readers never see half a PDF."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    with os.fdopen(handle, "wb") as file:
        file.write(data)
    os.replace(temporary, path)


def fail_stale_documents() -> int:
    """Every few minutes: a build still 'running' after every retry could have happened is marked failed."""
    cluster = settings.Q_CLUSTER
    deadline = timezone.now() - timedelta(seconds=cluster["retry"] * cluster["max_attempts"] + cluster["timeout"])
    return Document.objects.filter(
        status__in=[Document.Status.QUEUED, Document.Status.RUNNING], requested_at__lt=deadline
    ).update(status=Document.Status.FAILED, error="gave up after every retry")
