"""Reads shared by the meeting views, dashboards, tasks and documents; each owns its joins."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from council.models import Council, Role
from council.permissions import RowScope, is_admin
from council.selectors import memberships_of
from helpers.caching import cached_read
from helpers.l10n import calendars
from helpers.l10n.digits import localize_digits
from meetings.models import QUORUM_STATUSES, ActionItem, Attendance, Decision, Meeting, ProgressUpdate

PER_PAGE = 50


def meetings_of(council: Council):
    return council.meetings.annotate(
        item_count=Count("items", distinct=True), decision_count=Count("items__decisions", distinct=True)
    ).order_by("-starts_at")


def attendance_counts(attendances: list[Attendance]) -> dict:
    """Who was invited and who counts towards the quorum, counted on the attendance rows already read."""
    invited = len(attendances)
    return {
        "invited_count": invited,
        "present_count": sum(attendance.status in QUORUM_STATUSES for attendance in attendances),
        "quorum": invited // 2 + 1 if invited else 0,
    }


def meeting_records(meeting: Meeting) -> dict:
    """The items, attendances and amendments. An item's attachments and decisions, and a decision's departments,
    come as plain lists (`to_attr`): a prefetched manager copies its queryset on every access, and a page of
    minutes makes about a hundred."""
    decisions = Decision.objects.prefetch_related(Prefetch("departments", to_attr="department_list"))
    items = meeting.items.select_related("presenter").prefetch_related(
        Prefetch("attachments", to_attr="attachment_list"),
        Prefetch("decisions", queryset=decisions.order_by("position"), to_attr="decision_list"),
    )
    return {
        "items": items,
        "attendances": meeting.attendances.select_related("membership__user", "membership__department"),
        "amendments": meeting.amendments.select_related("made_by", "item", "decision"),
    }


def meeting_page_data(meeting: Meeting) -> dict:
    """Everything the meeting page (and its printed minutes) shows, in a fixed number of queries."""
    records = {name: list(rows) for name, rows in meeting_records(meeting).items()}
    proposals = list(meeting.proposals.select_related("proposed_by", "department", "decided_by"))
    return {**attendance_counts(records["attendances"]), "proposals": proposals, **records}


@cached_read(
    "meeting-page",
    council=lambda council, pk: council.pk,
    scopes=lambda council, pk: [("meeting", pk)],
    key=lambda council, pk: (pk,),
)
def meeting_page(council: Council, pk: int) -> dict | None:
    """The meeting and everything its page shows; None when the council has no such meeting."""
    meeting = Meeting.objects.select_related("minutes_approved_by", "chaired_by").filter(council=council, pk=pk).first()
    return None if meeting is None else {"meeting": meeting, **meeting_page_data(meeting)}


def latest_update_text():
    latest = ProgressUpdate.objects.filter(action_item=OuterRef("pk")).order_by("-created_at", "-pk")
    return Subquery(latest.values("text")[:1])


def action_items_of(council: Council):
    """Action items with what a list shows about them: decision, meeting, department, latest progress."""
    return listed_action_items_of(council).select_related("decision__item__meeting")


def listed_action_items_of(council: Council):
    """Action items with what the follow-up list and report show: decision, department, latest progress. Not
    the meeting: they are cached reads, and what they read decides which writes drop them."""
    return (
        # The department filter says nothing new, but lets PostgreSQL join the council's few departments
        # instead of hashing every department of every council.
        ActionItem.objects.filter(council=council, department__council=council)
        .select_related("decision", "department")
        .annotate(latest_progress=latest_update_text())
        .order_by("due_date", "department__name", "pk")
    )


def follow_up_page(council: Council, query: str, scope: RowScope) -> Page:
    """A page of the follow-up list for a query string (its filters and page number), limited to the rows the
    person may see (a liaison: their own department's)."""
    from meetings.forms import ActionItemFilter

    queryset = scope.filter(listed_action_items_of(council))
    data = QueryDict(query)
    filters = ActionItemFilter(data, queryset=queryset, council=council)
    return Paginator(filters.qs if filters.is_valid() else queryset.none(), PER_PAGE).get_page(data.get("page"))


def open_action_items_digest(council: Council, *, before: Meeting) -> str:
    """The open action items decided before a meeting, as the text of its follow-up agenda item."""
    items = action_items_of(council).filter(status__in=ActionItem.OPEN_STATUSES).exclude(decision__item__meeting=before)
    lines = []
    with translation.override(council.language):
        for action in items:
            due = (
                calendars.format_date(action.due_date, calendar=council.calendar, language=council.language)
                if action.due_date
                else _("no due date")
            )
            progress = action.latest_progress or _("no progress reported yet")
            reference = localize_digits(action.decision.reference, council.language)
            lines.append(
                f"• {reference} — {action.department.name} — {due} — {action.get_status_display()}: {progress}"
            )
    return "\n".join(lines)


@cached_read("next-meeting", council=lambda council: council.pk, scopes=lambda council: [("meetings", council.pk)])
def _upcoming(council: Council) -> Meeting | None:
    upcoming = council.meetings.filter(
        state__in=[Meeting.State.DRAFT, Meeting.State.AGENDA_PUBLISHED], starts_at__gte=timezone.now()
    )
    return upcoming.order_by("starts_at").first()


def next_meeting(council: Council) -> Meeting | None:
    """The council's next meeting, read again once the one cached has started."""
    meeting = _upcoming(council)
    return meeting if meeting is None or meeting.starts_at >= timezone.now() else _upcoming.uncached(council)


@cached_read(
    "chair-counts",
    council=lambda council, today: council.pk,
    scopes=lambda council, today: [("meetings", council.pk), ("follow-up", council.pk)],
    key=lambda council, today: (today,),
)
def chair_counts(council: Council, today) -> dict:
    """What awaits the chair and the secretariat: minutes to approve, action items reported done, overdue action
    items per department, proposed agenda items. The one source of the chair's card and of their badge."""
    overdue = (
        ActionItem.objects.filter(council=council, status__in=ActionItem.OPEN_STATUSES, due_date__lt=today)
        .values("department__id", "department__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "department__name")
    )
    return {
        "awaiting_approval": list(council.meetings.filter(state=Meeting.State.MINUTES_DRAFTED).order_by("starts_at")),
        "done_to_accept": ActionItem.objects.filter(council=council, status=ActionItem.Status.DONE_PROPOSED).count(),
        "overdue_by_department": list(overdue),
        "pending_proposals": council.meetings.filter(proposals__state="pending").count(),
    }


RECENT_DECISIONS = 5


@cached_read(
    "recent-decisions",
    council=lambda council: council.pk,
    scopes=lambda council: [("follow-up", council.pk), ("meetings", council.pk)],
)
def recent_decisions(council: Council) -> list[Decision]:
    """The council's latest numbered decisions (their minutes approved), with their meetings, newest first."""
    numbered = Decision.objects.filter(council=council, number__isnull=False).select_related("item__meeting")
    return list(numbered.order_by("-year", "-number")[:RECENT_DECISIONS])


def department_open_actions(membership) -> list[ActionItem]:
    """The open action items of a liaison's department, soonest due first: the one source of their card, their
    council home's list and their badge."""
    council = membership.council
    return list(action_items_of(council).filter(department=membership.department, status__in=ActionItem.OPEN_STATUSES))


def liaison_dashboard(membership) -> dict:
    """A liaison's home: their department's open action items and what is due from them."""
    council = membership.council
    items = department_open_actions(membership)
    today = council.today()
    return {
        "next_meeting": next_meeting(council),
        "open_actions": items,
        "overdue_count": sum(1 for item in items if item.is_overdue(today)),
        "today": today,
    }


def pending_replies(user) -> list[Attendance]:
    """Invitations this person has not answered yet, for meetings still to come, the soonest first. Cached per
    council until its data changes (a reply is a write); the clock is checked on every read."""
    unanswered = [attendance for m in memberships_of(user).values() for attendance in _unanswered(m)]
    now = timezone.now()
    return sorted((a for a in unanswered if a.meeting.starts_at >= now), key=lambda a: a.meeting.starts_at)


@cached_read(
    "pending-replies",
    council=lambda membership: membership.council_id,
    scopes=lambda membership: [("replies", membership.pk), ("meetings", membership.council_id)],
    key=lambda membership: (membership.pk,),
)
def _unanswered(membership) -> list[Attendance]:
    return list(
        Attendance.objects.filter(
            membership=membership,
            reply="",
            meeting__state=Meeting.State.AGENDA_PUBLISHED,
            meeting__starts_at__gte=timezone.now(),
        )
        .select_related("meeting__council")
        .order_by()  # no joins for the attendance's own ordering (by role and department): sorted by the caller
    )


@dataclass(frozen=True)
class Waiting:
    """What waits for one person in one council: the home page's badge. Built only from what their cards list
    (`chair_counts`, `department_open_actions`), so the badge and the cards cannot disagree."""

    minutes_to_approve: int = 0  # a chair's (or an admin's): minutes sent for approval
    new_action_items: int = 0  # a liaison's department's: open, nothing reported on them yet
    overdue_action_items: int = 0  # a liaison's department's: open and past their due date
    reported_done: int = 0  # the secretariat's and the chair's: reported done, awaiting the chair's acceptance
    department_items: int = 0  # a liaison's: the items that are new or overdue, each counted once

    @property
    def total(self) -> int:
        """The badge's number: each thing that waits counted once."""
        return self.minutes_to_approve + self.reported_done + self.department_items

    @classmethod
    def of_secretariat(cls, counts: dict, *, approves: bool) -> "Waiting":
        """From `chair_counts`: the minutes count only for those who approve them (the chair, an admin)."""
        return cls(
            minutes_to_approve=len(counts["awaiting_approval"]) if approves else 0,
            reported_done=counts["done_to_accept"],
        )

    @classmethod
    def of_department(cls, open_actions: list[ActionItem], today) -> "Waiting":
        """From a department's open action items (`department_open_actions`)."""
        waiting = waiting_action_items(open_actions, today)
        return cls(
            new_action_items=sum(item.status == ActionItem.Status.OPEN for item in open_actions),
            overdue_action_items=sum(item.is_overdue(today) for item in open_actions),
            department_items=len(waiting),
        )


def waiting_action_items(open_actions: list[ActionItem], today) -> list[ActionItem]:
    """The open items that wait for the department: new (nothing reported yet) or overdue, each once."""
    return [item for item in open_actions if item.status == ActionItem.Status.OPEN or item.is_overdue(today)]


def waiting_for(user, council: Council, *, open_actions: list[ActionItem] | None = None) -> Waiting:
    """What waits for this person in this council, by their role there: for the chair, the secretary and an
    admin, from the cached `chair_counts` their card shows; for a liaison, from their department's open action
    items (one query, none if the caller passes the `open_actions` it has read). Their memberships come from
    `memberships_of` (loaded once per request)."""
    membership = memberships_of(user).get(council.pk)
    role = membership.role if membership else ("admin" if is_admin(user) else None)
    if role in (Role.CHAIR, Role.SECRETARY, "admin"):
        return Waiting.of_secretariat(chair_counts(council, council.today()), approves=role != Role.SECRETARY)
    if role == Role.LIAISON and membership.department_id:
        if open_actions is None:
            open_actions = department_open_actions(membership)
        return Waiting.of_department(open_actions, council.today())
    return Waiting()
