from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from council import permissions
from helpers import params
from helpers.files import file_response
from helpers.l10n import calendars
from reports import services
from reports.models import Document
from reports.registry import PRINTABLES


def _document(request, slug, pk) -> Document:
    council = permissions.get_council_for_user(request.user, slug)
    document = get_object_or_404(
        Document.objects.select_related("council", "meeting", "department", "survey_round", "election_period", "act"),
        council=council,
        pk=pk,
    )
    permissions.authorize(request.user, PRINTABLES[document.kind].may_download, document)
    return document


@require_POST
@login_required
def document_create(request, slug):
    """Ask for a PDF: the page then shows its progress (htmx) and the download once ready."""
    council = permissions.get_council_for_user(request.user, slug)
    permissions.authorize(request.user, permissions.can_read_drafts, council)
    printable = PRINTABLES.get(params.choice(request.POST, "kind", PRINTABLES))
    language = params.choice(request.POST, "language", dict(settings.LANGUAGES))
    if printable is None or language is None:
        return render(request, "400.html", status=400)
    subject = council
    if printable.subject_field:
        subject = get_object_or_404(
            printable.subject_model, council=council, pk=_posted_id(request, printable.subject_field)
        )
    permissions.authorize(request.user, printable.may_ask, subject)
    if not printable.offered(subject):  # e.g. minutes of a meeting not yet held
        return render(request, "400.html", status=400)
    about = {printable.subject_field: subject} if printable.subject_field else {}
    if printable.yearly:
        about["year"] = params.integer(request.POST, "year")
        if about["year"] not in calendars.PLAUSIBLE_YEARS[council.calendar]:
            return render(request, "400.html", status=400)
    if printable.per_department:  # a liaison's copy shows their own department's rows only
        scope = permissions.row_scope(request.user, council, sees_all=permissions.sees_every_department)
        if not scope.every:
            about["department"] = scope.department
    document = services.document_request(
        kind=printable.kind, council=council, language=language, user=request.user, **about
    )
    if request.htmx:
        return render(request, "reports/_document.html", {"document": document, "council": council})
    return redirect("reports:document-detail", slug=council.slug, pk=document.pk)


def _posted_id(request, field: str) -> int:
    value = params.integer(request.POST, field)
    if value is None:
        raise Http404
    return value


@login_required
def document_detail(request, slug, pk):
    document = services.document_revive(document=_document(request, slug, pk))
    template = "reports/_document.html" if request.htmx else "reports/document_detail.html"
    return render(request, template, {"document": document, "council": document.council})


@login_required
def document_download(request, slug, pk):
    document = _document(request, slug, pk)
    if document.status != Document.Status.DONE:
        raise Http404
    return file_response(document.file, filename=document.filename)
