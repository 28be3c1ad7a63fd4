from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from council import permissions
from council.files import file_response
from council.models import Role
from council.selectors import memberships_of
from departments.models import SurveyRound
from elections.models import ElectionPeriod
from meetings.models import Meeting
from reports import services
from reports.models import Document

MEETING_KINDS = {Document.Kind.MINUTES, Document.Kind.AGENDA, Document.Kind.ATTENDANCE_SHEET}
# The summaries the secretariat prints from its dashboards: the field naming what each is about, and its model.
SUMMARY_KINDS = {
    Document.Kind.GAP_SUMMARY: ("survey_round", SurveyRound),
    Document.Kind.COMPLIANCE_SUMMARY: ("election_period", ElectionPeriod),
}


def _document(request, slug, pk) -> Document:
    council = permissions.get_council_for_user(request.user, slug)
    document = get_object_or_404(
        Document.objects.select_related("council", "meeting", "department", "survey_round", "election_period"),
        council=council,
        pk=pk,
    )
    # A follow-up report shows departments' work: a liaison only gets their own department's.
    predicate = permissions.can_read_drafts
    if document.kind == Document.Kind.FOLLOW_UP:
        predicate = permissions.can_view_department
    elif document.kind in SUMMARY_KINDS:
        predicate = permissions.can_run_submissions
    permissions.authorize(request.user, predicate, document)
    return document


@require_POST
@login_required
def document_create(request, slug):
    """Ask for a PDF: the page then shows its progress (htmx) and the download once ready."""
    council = permissions.get_council_for_user(request.user, slug)
    permissions.authorize(request.user, permissions.can_read_drafts, council)
    kind = request.POST.get("kind", "")
    language = request.POST.get("language", "")
    if kind not in Document.Kind.values or language not in dict(settings.LANGUAGES):
        return render(request, "400.html", status=400)
    subject = {}
    if kind in MEETING_KINDS:
        meeting = get_object_or_404(Meeting, council=council, pk=_posted_id(request, "meeting"))
        if kind not in meeting.printable_kinds:  # e.g. minutes of a meeting not yet held
            return render(request, "400.html", status=400)
        subject["meeting"] = meeting
    elif kind in SUMMARY_KINDS:
        field, model = SUMMARY_KINDS[kind]
        subject[field] = get_object_or_404(model, council=council, pk=_posted_id(request, field))
        permissions.authorize(request.user, permissions.can_run_submissions, subject[field])
    else:
        membership = memberships_of(request.user).get(council.pk)
        if membership and membership.role == Role.LIAISON and not permissions.is_admin(request.user):
            subject["department"] = membership.department  # a liaison's report covers their department only
    document = services.document_request(kind=kind, council=council, language=language, user=request.user, **subject)
    if request.htmx:
        return render(request, "reports/_document.html", {"document": document, "council": council})
    return redirect("reports:document-detail", slug=council.slug, pk=document.pk)


def _posted_id(request, field: str) -> str:
    value = request.POST.get(field, "")
    if not value.isdigit():
        raise Http404
    return value


@login_required
def document_detail(request, slug, pk):
    document = _document(request, slug, pk)
    template = "reports/_document.html" if request.htmx else "reports/document_detail.html"
    return render(request, template, {"document": document, "council": document.council})


@login_required
def document_download(request, slug, pk):
    document = _document(request, slug, pk)
    if document.status != Document.Status.DONE:
        raise Http404
    return file_response(document.file, filename=document.filename)
