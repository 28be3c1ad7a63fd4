from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from council import permissions
from council.files import file_response
from council.models import Role
from council.selectors import memberships_of
from meetings.models import Meeting
from reports import services
from reports.models import Document

MEETING_KINDS = {Document.Kind.MINUTES, Document.Kind.AGENDA, Document.Kind.ATTENDANCE_SHEET}


def _document(request, slug, pk) -> Document:
    council = permissions.get_council_for_user(request.user, slug)
    document = get_object_or_404(
        Document.objects.select_related("council", "meeting", "department"), council=council, pk=pk
    )
    # A follow-up report shows departments' work: a liaison only gets their own department's.
    predicate = (
        permissions.can_view_department if document.kind == Document.Kind.FOLLOW_UP else permissions.can_read_drafts
    )
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
    meeting = department = None
    if kind in MEETING_KINDS:
        meeting_id = request.POST.get("meeting", "")
        if not meeting_id.isdigit():
            raise Http404
        meeting = get_object_or_404(Meeting, council=council, pk=meeting_id)
        if kind not in meeting.printable_kinds:  # e.g. minutes of a meeting not yet held
            return render(request, "400.html", status=400)
    else:
        membership = memberships_of(request.user).get(council.pk)
        if membership and membership.role == Role.LIAISON and not permissions.is_admin(request.user):
            department = membership.department  # a liaison's report covers their department only
    document = services.document_request(
        kind=kind, council=council, meeting=meeting, department=department, language=language, user=request.user
    )
    if request.htmx:
        return render(request, "reports/_document.html", {"document": document, "council": council})
    return redirect("reports:document-detail", slug=council.slug, pk=document.pk)


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
