"""The public transparency portal: what a council has published, readable without an account.

Only agenda-published meetings and published minutes are ever shown here; the queryset
helpers below are the one place that decides what is public.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Prefetch, Q
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from council.l10n.text import normalize_line
from council.models import Council
from meetings.ical import public_calendar
from meetings.models import ActionItem, AgendaItem, Decision, Meeting

PUBLIC_STATES = [
    Meeting.State.AGENDA_PUBLISHED,
    Meeting.State.HELD,
    Meeting.State.MINUTES_DRAFTED,
    Meeting.State.MINUTES_APPROVED,
    Meeting.State.PUBLISHED,
]
SEARCH_MAX_LENGTH = 100


def public_meetings(council: Council):
    """Meetings whose agenda has been announced; their minutes are public only once published."""
    return council.meetings.filter(state__in=PUBLIC_STATES)


def published_decisions(council: Council):
    return Decision.objects.filter(council=council, item__meeting__state=Meeting.State.PUBLISHED, number__isnull=False)


def implementation(decision: Decision) -> str:
    """What citizens see of a decision's follow-up, from its action items (prefetched)."""
    statuses = {action.status for action in decision.action_items.all()}
    if not statuses:
        return ""
    if statuses == {ActionItem.Status.DONE}:
        return _("Implemented")
    if statuses & {ActionItem.Status.IN_PROGRESS, ActionItem.Status.DONE_PROPOSED, ActionItem.Status.DONE}:
        return _("In progress")
    return _("Not started")


def _speak_council_language(request, council: Council) -> None:
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or (
        request.user.is_authenticated and request.user.language
    )
    if not chosen:
        translation.activate(council.language)
        request.LANGUAGE_CODE = council.language


def portal_council(request, slug: str) -> Council:
    council = get_object_or_404(Council, slug=slug)
    _speak_council_language(request, council)
    return council


def index(request, slug):
    council = portal_council(request, slug)
    meetings = public_meetings(council)
    upcoming = meetings.filter(state=Meeting.State.AGENDA_PUBLISHED, starts_at__gte=timezone.now()).order_by(
        "starts_at"
    )
    published = Paginator(meetings.filter(state=Meeting.State.PUBLISHED).order_by("-starts_at"), 20)
    context = {"council": council, "upcoming": upcoming, "page": published.get_page(request.GET.get("page"))}
    return render(request, "portal/index.html", context)


def meeting(request, slug, pk):
    council = portal_council(request, slug)
    meeting = get_object_or_404(public_meetings(council), pk=pk)
    published = meeting.state == Meeting.State.PUBLISHED
    decisions = Decision.objects.prefetch_related("departments", "action_items").order_by("position")
    items = meeting.items.select_related("presenter").prefetch_related(Prefetch("decisions", queryset=decisions))
    rows = [
        (item, [(decision, implementation(decision)) for decision in item.decisions.all()] if published else [])
        for item in items
    ]
    return render(
        request, "portal/meeting.html", {"council": council, "meeting": meeting, "rows": rows, "published": published}
    )


def minutes_pdf(request, slug, pk):
    """The published minutes as PDF, built by the queue like every document; a page says when it is not ready yet."""
    from reports.models import Document
    from reports.services import document_request

    council = portal_council(request, slug)
    meeting = get_object_or_404(council.meetings, pk=pk, state=Meeting.State.PUBLISHED)
    language = (
        translation.get_language() if translation.get_language() in dict(settings.LANGUAGES) else council.language
    )
    document = document_request(
        kind=Document.Kind.MINUTES, council=council, meeting=meeting, language=language, user=None
    )
    if document.status == Document.Status.DONE and document.file and document.file.storage.exists(document.file.name):
        return FileResponse(document.file.open("rb"), as_attachment=False, filename=document.filename)
    return render(request, "portal/pdf_pending.html", {"council": council, "meeting": meeting}, status=202)


def search(request, slug):
    council = portal_council(request, slug)
    query = normalize_line(request.GET.get("q", ""))[:SEARCH_MAX_LENGTH]
    results = []
    if query:
        decisions = published_decisions(council).select_related("item__meeting")
        items = AgendaItem.objects.filter(
            meeting__council=council, meeting__state=Meeting.State.PUBLISHED
        ).select_related("meeting")
        if connection.vendor == "postgresql":
            terms = SearchQuery(query, config="simple", search_type="websearch")
            decisions = decisions.annotate(search=SearchVector("text", config="simple")).filter(search=terms)
            items = items.annotate(search=SearchVector("title", "discussion", config="simple")).filter(search=terms)
        else:  # SQLite: every word must appear
            for word in query.split():
                decisions = decisions.filter(text__icontains=word)
                items = items.filter(Q(title__icontains=word) | Q(discussion__icontains=word))
        results = {"decisions": list(decisions[:50]), "items": list(items[:50])}
    return render(request, "portal/search.html", {"council": council, "query": query, "results": results})


def meetings_ics(request, slug):
    council = get_object_or_404(Council, slug=slug)
    upcoming = (
        public_meetings(council)
        .filter(state=Meeting.State.AGENDA_PUBLISHED, starts_at__gte=timezone.now())
        .prefetch_related("items")
    )
    response = HttpResponse(public_calendar(upcoming), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{council.slug}-meetings.ics"'
    return response


class PublicationsFeed(Feed):
    """Atom feed of a council's publications: meetings whose minutes are published."""

    feed_type = Atom1Feed

    def get_object(self, request, slug):
        council = portal_council(request, slug)
        return council

    def title(self, council):
        return council.name

    def subtitle(self, council):
        return _("Published minutes and decisions")

    def link(self, council):
        return reverse("portal:index", args=[council.slug])

    def items(self, council):
        return council.meetings.filter(state=Meeting.State.PUBLISHED).order_by("-published_at")[:30]

    def item_title(self, meeting):
        return _("Minutes of %(meeting)s") % {
            "meeting": _("Meeting %(number)s of %(year)s") % {"number": meeting.number, "year": meeting.year}
        }

    def item_description(self, meeting):
        return meeting.title

    def item_link(self, meeting):
        return reverse("portal:meeting", args=[meeting.council.slug, meeting.pk])

    def item_pubdate(self, meeting):
        return meeting.published_at

    def item_updateddate(self, meeting):
        return meeting.published_at
