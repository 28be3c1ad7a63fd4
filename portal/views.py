"""The public transparency portal: what a council has published, readable without an account, and the
secretariat's queue of the document requests citizens send through it. What is public is decided in
portal/selectors.py."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.postgres.search import SearchQuery
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from acts.models import STANDINGS, Act
from acts.selectors import related_acts
from council import permissions
from council.models import Council
from helpers import params, traffic
from helpers.exports import table_response
from helpers.files import file_response
from helpers.l10n import calendars
from helpers.l10n.digits import localize_digits
from meetings.ical import public_calendar
from meetings.models import AgendaItem, Decision, Meeting
from portal import services, statistics
from portal.forms import (
    ActFilterForm,
    PublicRequestForm,
    RequestAnswerForm,
    RequestAppealForm,
    RequestAssignForm,
    RequestExtendForm,
    RequestRefuseForm,
    RequestTransferForm,
)
from portal.models import DocumentRequest, RequestEvent
from portal.selectors import (
    filter_acts,
    implementation,
    public_acts,
    public_decisions_of,
    public_meetings,
    public_statements,
    published_decisions,
    reading_languages,
)
from reports import services as reports_services
from reports.models import Document

SEARCH_MAX_LENGTH = 100
SEARCH_RESULTS = 20  # of each kind, newest first; more words narrow the search


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
    context = {
        "council": council,
        "upcoming": upcoming,
        "page": published.get_page(params.integer(request.GET, "page")),
        "statements": [
            (statement, statement.version_in(translation.get_language()))
            for statement in public_statements(council).prefetch_related("versions").order_by("-published_at")[:10]
        ],
    }
    return render(request, "portal/index.html", context)


def statement(request, slug, pk):
    council = portal_council(request, slug)
    statement = get_object_or_404(
        public_statements(council)
        .select_related("meeting", "council")
        .prefetch_related("versions", "decisions__item__meeting", "decisions__action_items"),
        pk=pk,
    )
    decisions = [(d, implementation(d)) for d in public_decisions_of(statement)]
    context = {"council": council, "statement": statement, "decisions": decisions}
    return render(request, "portal/statement.html", context | _versions(request, statement))


def logo(request, slug):
    """The council's logo, shown on its portal (it is printed on every public document anyway)."""
    return file_response(get_object_or_404(Council, slug=slug).logo, as_attachment=False)


def statement_photo(request, slug, pk):
    council = get_object_or_404(Council, slug=slug)
    return file_response(get_object_or_404(public_statements(council), pk=pk).photo, as_attachment=False)


REQUESTS_PER_HOUR = 5


def request_new(request, slug):
    """A citizen asks for public documents; robots (the hidden field) and floods (per address) are turned away."""
    council = portal_council(request, slug)
    profile = services.legal_profile(council)
    form = PublicRequestForm(request.POST or None, council=council, urgent_hours=profile.urgent_hours)
    if request.method == "POST":
        key = f"document-requests:{council.pk}:{traffic.client_ip(request)}"
        if cache.get(key, 0) >= REQUESTS_PER_HOUR:
            return render(request, "portal/request_limit.html", {"council": council}, status=429)
        if form.is_valid():
            cache.add(key, 0, timeout=3600)
            cache.incr(key)
            if form.is_robot():  # answered like a person, recorded nowhere
                return render(request, "portal/request_received.html", {"council": council, "code": None})
            created = services.request_create(
                council=council,
                name=form.cleaned_data["name"],
                contact=form.cleaned_data["contact"],
                text=form.cleaned_data["text"],
                urgent=form.cleaned_data.get("urgent", False),
                language=translation.get_language(),
            )
            context = {"council": council, "code": created.tracking_code, "found": created}
            return render(request, "portal/request_received.html", context)
    return render(request, "portal/request_new.html", {"council": council, "form": form, "profile": profile})


def request_track(request, slug):
    council = portal_council(request, slug)
    code = params.text(request.GET, "code", max_length=16).upper()
    if code and not traffic.allow(request, "request_track", settings.REQUEST_TRACK_RATE_LIMIT):
        return traffic.too_many_requests(request)  # tracking codes are not to be guessed
    found = council.document_requests.filter(tracking_code=code).first() if code else None
    context = {
        "council": council,
        "code": code,
        "found": found,
        "today": council.today(),
        "events": found.events.exclude(kind=RequestEvent.Kind.ASSIGNED) if found else [],  # not who handles it
        "profile": services.legal_profile(council) if found else None,
    }
    return render(request, "portal/request_track.html", context, status=404 if code and found is None else 200)


def request_file(request, slug, code):
    council = portal_council(request, slug)
    if not traffic.allow(request, "request_track", settings.REQUEST_TRACK_RATE_LIMIT):
        return traffic.too_many_requests(request)
    found = get_object_or_404(council.document_requests, tracking_code=code.upper()[:16], status="answered")
    return file_response(found.answer_file)


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
    council = portal_council(request, slug)
    meeting = get_object_or_404(council.meetings, pk=pk, state=Meeting.State.PUBLISHED)
    language = (
        translation.get_language() if translation.get_language() in dict(settings.LANGUAGES) else council.language
    )
    back = (reverse("portal:meeting", args=[council.slug, meeting.pk]), _("Back to the meeting"))
    return _public_pdf(request, council, back, kind=Document.Kind.MINUTES, meeting=meeting, language=language)


def _public_pdf(request, council, back: tuple[str, str], **about):
    """A public document from the queue, or a page saying it is being prepared (with a link back to its page)."""
    document = reports_services.document_request(council=council, user=None, **about)
    if document.status == Document.Status.DONE:
        return file_response(document.file, as_attachment=False, filename=document.filename)
    context = {"council": council, "back_url": back[0], "back_label": back[1]}
    return render(request, "portal/pdf_pending.html", context, status=202)


def search(request, slug):
    council = portal_council(request, slug)
    query = params.text(request.GET, "q", max_length=SEARCH_MAX_LENGTH)
    if query and not traffic.allow(request, "portal_search", settings.PORTAL_SEARCH_RATE_LIMIT):
        return traffic.too_many_requests(request)
    # Not cached: anyone can ask for any words, and every answer kept would be the asker's to fill the cache with.
    results = search_results(council, query) if query else None
    return render(request, "portal/search.html", {"council": council, "query": query, "results": results})


def search_results(council: Council, query: str) -> dict:
    """The council's published decisions and agenda items matching the query, newest first (SEARCH_RESULTS of each).

    Newest first is also what lets PostgreSQL walk the council's decisions and meetings backwards along their
    indexes and stop at the last one shown, instead of matching and sorting all of a council's years."""
    # Only the columns the page shows: not the stored words (`search`) nor an item's discussion, long both.
    decisions = (
        published_decisions(council)
        .select_related("item__meeting")
        .only("year", "number", "text", "item__meeting__id")
        .order_by("-year", "-number")
    )
    items = (
        AgendaItem.objects.filter(meeting__council=council, meeting__state=Meeting.State.PUBLISHED)
        .select_related("meeting")
        .only("title", "meeting__number", "meeting__year")
        .order_by("-meeting__starts_at", "position")
    )
    if connection.vendor == "postgresql":
        terms = SearchQuery(query, config="simple", search_type="websearch")
        decisions = decisions.filter(search=terms)
        items = items.filter(search=terms)
    else:  # SQLite: every word must appear
        for word in query.split():
            decisions = decisions.filter(text__icontains=word)
            items = items.filter(Q(title__icontains=word) | Q(discussion__icontains=word))
    decisions, items = list(decisions[: SEARCH_RESULTS + 1]), list(items[: SEARCH_RESULTS + 1])
    # What the page shows of each result, read once here: a template's tags and filters cost several times more
    # per row than the query that found it.
    language, label = translation.get_language(), _("Decision")
    meeting_url = reverse("portal:meeting", args=[council.slug, 0]).removesuffix("0/") + "{}/"  # reversed once
    return {
        "decisions": [
            {
                "url": meeting_url.format(decision.item.meeting.pk),
                "name": f"{label} {localize_digits(decision.reference, language)}",
                "text": decision.text if len(decision.text) <= 200 else Truncator(decision.text).chars(200),
            }
            for decision in decisions[:SEARCH_RESULTS]
        ],
        "items": [
            {
                "url": meeting_url.format(item.meeting.pk),
                "name": item.meeting.name,
                "text": item.title,
            }
            for item in items[:SEARCH_RESULTS]
        ],
        "more": len(decisions) > SEARCH_RESULTS or len(items) > SEARCH_RESULTS,
        "limit": SEARCH_RESULTS,
    }


# The register of acts: published acts (and repealed ones, kept on the record)


def act_list(request, slug):
    council = portal_council(request, slug)
    form = ActFilterForm(request.GET or None, council=council)
    acts = public_acts(council).select_related("type").prefetch_related("versions").order_by("-published_on", "-pk")
    today = council.today()
    if form.is_valid():
        acts = filter_acts(acts, form.cleaned_data, today)
    page = Paginator(acts, 25).get_page(params.integer(request.GET, "page"))
    language = translation.get_language()
    rows = [(act, STANDINGS[act.standing(today)], act.version_in(language).title) for act in page]
    context = {"council": council, "form": form, "page": page, "rows": rows, "query": request.GET.urlencode()}
    return render(request, "portal/acts.html", context)


def _public_act(council, pk) -> Act:
    return get_object_or_404(public_acts(council).select_related("type", "council").prefetch_related("versions"), pk=pk)


def _reading(request, text) -> str:
    """The language an act or a statement is read in: the one asked for (?lang=), else the reader's, among the
    council's."""
    return params.choice(request.GET, "lang", set(reading_languages(text.council))) or translation.get_language()


def _versions(request, text) -> dict:
    """An act's or a statement's text `shown` in the reader's language, and its `reading_languages` for the switch
    (code, name, whether it has a version there)."""
    council = text.council
    languages = [
        (
            code,
            translation.get_language_info(code)["name_local"],
            text.version_in(code) is not text or code == council.language,
        )
        for code in reading_languages(council)
    ]
    return {"shown": text.version_in(_reading(request, text)), "reading_languages": languages}


def act(request, slug, pk):
    council = portal_council(request, slug)
    found = _public_act(council, pk)
    context = {
        "council": council,
        "act": found,
        "standing": STANDINGS[found.standing(council.today())],
        "decisions": found.decisions.filter(item__meeting__state=Meeting.State.PUBLISHED),
        "related": related_acts(found, public_only=True),
    }
    return render(request, "portal/act.html", context | _versions(request, found))


def act_pdf(request, slug, pk):
    """A published act printed on the council's letterhead, in the version the reader reads it in."""
    council = portal_council(request, slug)
    found = _public_act(council, pk)
    language = _reading(request, found)
    if language not in dict(settings.LANGUAGES):
        language = council.language
    back = (reverse("portal:act", args=[council.slug, found.pk]) + f"?lang={language}", _("Back to the act"))
    return _public_pdf(request, council, back, kind=Document.Kind.ACT, act=found, language=language)


def act_file(request, slug, pk):
    found = _public_act(portal_council(request, slug), pk)
    return file_response(found.version_in(_reading(request, found)).file, as_attachment=False)


OPEN_REGISTERS = {  # api/views.py's REGISTERS
    "meetings": gettext_lazy("Meetings and their agendas"),
    "decisions": gettext_lazy("Decisions of published minutes, with their implementation"),
    "acts": gettext_lazy("Register of acts"),
    "statements": gettext_lazy("Press statements"),
}


def open_data(request, slug):
    """Where to download each public register whole (api/), and the API's reference."""
    council = portal_council(request, slug)
    return render(request, "portal/open_data.html", {"council": council, "registers": OPEN_REGISTERS.items()})


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


# Public document requests: the council's queue


def _document_request(request, slug, pk) -> DocumentRequest:
    council = permissions.get_council_for_user(request.user, slug)
    permissions.authorize(request.user, permissions.can_handle_document_requests, council)
    return get_object_or_404(DocumentRequest.objects.select_related("council", "assigned_to"), council=council, pk=pk)


@login_required
def request_list(request, slug):
    council = permissions.get_council_for_user(request.user, slug)
    permissions.authorize(request.user, permissions.can_handle_document_requests, council)
    requests = council.document_requests.select_related("assigned_to")
    if not params.choice(request.GET, "show", {"all"}):
        requests = requests.filter(status__in=[DocumentRequest.Status.RECEIVED, DocumentRequest.Status.ASSIGNED])
    context = {"council": council, "requests": requests, "today": council.today()}
    return render(request, "portal/request_list.html", context)


@login_required
def request_statistics(request, slug):
    """The year's figures of the council's requests, as the law asks them kept; ?export=xlsx for the yearly report."""
    council = permissions.get_council_for_user(request.user, slug)
    permissions.authorize(request.user, permissions.can_handle_document_requests, council)
    this_year = calendars.year_of(council.today(), calendar=council.calendar)
    year = params.integer(request.GET, "year") or this_year
    if year not in calendars.PLAUSIBLE_YEARS[council.calendar]:
        year = this_year
    figures = statistics.request_statistics(council, year)
    if params.choice(request.GET, "export", {"xlsx"}):
        header = [_("Public document requests"), str(year)]
        return table_response(
            header,
            statistics.statistics_rows(figures),
            kind="xlsx",
            filename=f"{council.slug}-requests-{year}",
            title=_("Public document requests"),
        )
    context = {"council": council, "figures": figures, "years": range(this_year, this_year - 5, -1)}
    return render(request, "portal/request_statistics.html", context)


@login_required
def request_detail(request, slug, pk):
    """A request, its steps, and what the law lets the office do next: assign, extend, transfer, answer (in full or
    in part, with a file), refuse on a legal ground, or record an appeal."""
    document_request = _document_request(request, slug, pk)
    council = document_request.council
    profile = services.legal_profile(council)
    action = params.choice(request.POST, "action", {"assign", "extend", "transfer", "answer", "refuse", "appeal"})

    def bound(name):
        return request.POST if action == name else None

    forms_ = {
        "assign": RequestAssignForm(bound("assign"), council=council),
        "answer": RequestAnswerForm(bound("answer"), request.FILES or None, instance=document_request),
        "refuse": RequestRefuseForm(bound("refuse")),
        "extend": RequestExtendForm(bound("extend"), most=profile.extension_days) if profile.extension_days else None,
        "transfer": RequestTransferForm(bound("transfer")) if profile.transfer_working_days else None,
        "appeal": RequestAppealForm(bound("appeal"), council=council),
    }
    form = forms_.get(action)
    if form is not None and form.is_valid():
        data, by = form.cleaned_data, request.user
        steps = {
            "assign": lambda: services.request_assign(request=document_request, to=data["assigned_to"], by=by),
            "extend": lambda: services.request_extend(
                request=document_request, days=data["days"], reason=data["reason"], by=by
            ),
            "transfer": lambda: services.request_transfer(
                request=document_request, to=data["to"], note=data["note"], by=by
            ),
            "answer": lambda: services.request_answer(
                request=document_request,
                answer=data["answer"],
                outcome=data["outcome"],
                file=data["answer_file"],
                by=by,
            ),
            "refuse": lambda: services.request_refuse(
                request=document_request, reason=data["reason"], ground=data["ground"], by=by
            ),
            "appeal": lambda: services.request_appeal(request=document_request, on=data["on"], by=by),
        }
        try:
            steps[action]()
        except services.RequestError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Request updated."))
        return redirect("portal:request-detail", slug=slug, pk=pk)
    today = council.today()
    context = {
        "council": council,
        "document_request": document_request,
        "profile": profile,
        "today": today,
        "events": document_request.events.select_related("by"),
        "silent_refusal": profile.silence_is_refusal and document_request.is_overdue(today),
        **{f"{k}_form": f for k, f in forms_.items()},
    }
    return render(request, "portal/request_detail.html", context)
