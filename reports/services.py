"""Asking for a document: reuse the one built from the same data, or queue a new build."""

from django.db import transaction
from django_q.tasks import async_task

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
    document.version = documents.fingerprint(build_spec(document))
    existing = Document.objects.filter(**same, version=document.version).exclude(status=Document.Status.FAILED).first()
    if existing:
        return existing
    document.save()
    transaction.on_commit(lambda: async_task("reports.tasks.build_document", document.pk))
    return document
