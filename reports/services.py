"""Asking for a document: reuse the one built from the same data, or queue a new build."""

from django.db import transaction
from django.utils import timezone
from django_q.tasks import async_task

from council.caching import cached
from reports import documents
from reports.models import Document


def build_spec(document: Document):
    if document.kind == Document.Kind.FOLLOW_UP:
        return documents.follow_up(document.council, document.language, department=document.department)
    return documents.BUILDERS[document.kind](document.meeting, document.language)


@transaction.atomic
def document_request(*, kind: str, council, meeting=None, department=None, language: str, user) -> Document:
    """The document for today's data: an existing one (ready or on its way) or a newly queued build."""
    same = {"kind": kind, "council": council, "meeting": meeting, "department": department, "language": language}
    document = Document(**same, requested_by=user)
    # Fingerprinting reads and formats the whole document (a minutes: 8 queries, about 25 ms), so it is
    # cached like any other read of the council: the next write anywhere in the council drops it.
    document.version = cached(
        council.pk,
        "document-version",
        lambda: documents.fingerprint(build_spec(document)),
        kind,
        meeting and meeting.pk,
        department and department.pk,
        language,
        timezone.localdate(timezone=council.tzinfo),  # the follow-up report says what is overdue today
    )
    existing = Document.objects.filter(**same, version=document.version).exclude(status=Document.Status.FAILED).first()
    if existing:
        return existing
    document.save()
    transaction.on_commit(lambda: async_task("reports.tasks.build_document", document.pk))
    return document
