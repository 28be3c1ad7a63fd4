"""Asking for a document: reuse the one built from the same data, or queue a new build."""

from django.conf import settings
from django.db import transaction
from django_q.tasks import async_task

from helpers.caching import cached_read
from reports import documents
from reports.models import Document
from reports.registry import PRINTABLES


def build_spec(document: Document):
    return PRINTABLES[document.kind].build(document)


@cached_read(
    "document-version",
    council=lambda document: document.council_id,
    scopes=lambda document: PRINTABLES[document.kind].scopes(document),
    key=lambda document: (
        document.kind,
        document.language,
        document.meeting_id,
        document.department_id,
        document.survey_round_id,
        document.election_period_id,
        document.act_id,
        document.year,
        document.council.today(),  # the follow-up report says what is overdue today
    ),
)
def document_version(document: Document) -> str:
    """The fingerprint of what the document would show now. It reads and formats the whole document, so it is
    cached like any read: the next write to what its kind shows drops it."""
    return documents.fingerprint(build_spec(document))


@transaction.atomic
def document_request(
    *,
    kind: str,
    council,
    language: str,
    user,
    meeting=None,
    department=None,
    survey_round=None,
    election_period=None,
    act=None,
    year=None,
) -> Document:
    """The document for today's data: an existing one (ready or on its way) or a newly queued build.

    Besides the council, a document is about a meeting, a department (a liaison's follow-up report),
    a survey round, an election period, an act or a year, or about the council as a whole.
    """
    subject = {
        "meeting": meeting,
        "department": department,
        "survey_round": survey_round,
        "election_period": election_period,
        "act": act,
        "year": year,
    }
    same = {"kind": kind, "council": council, "language": language, **subject}
    document = Document(**same, requested_by=user)
    document.version = document_version(document)
    existing = Document.objects.filter(**same, version=document.version).exclude(status=Document.Status.FAILED).first()
    if existing:
        return document_revive(document=existing)
    document.save()
    transaction.on_commit(lambda: async_task("reports.tasks.build_document", document.pk))
    return document


def document_revive(*, document: Document) -> Document:
    """Whenever someone asks for a document or watches its progress: a build whose worker stopped reporting
    (killed) is queued again at once rather than after Q_RETRY, or given up once Q_MAX_ATTEMPTS builds began.
    The conditional update lets one caller re-queue it; the build's own claim keeps it to one builder."""
    if document.status != Document.Status.RUNNING:
        return document
    stalled = Document.objects.stalled().filter(pk=document.pk, attempts=document.attempts)
    if document.attempts >= settings.Q_CLUSTER["max_attempts"]:
        stalled.update(status=Document.Status.FAILED, error="the build stopped on every attempt")
    elif stalled.update(status=Document.Status.QUEUED, heartbeat_at=None):
        transaction.on_commit(lambda: async_task("reports.tasks.build_document", document.pk))
    document.refresh_from_db()
    return document
