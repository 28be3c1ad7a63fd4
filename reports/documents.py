"""What each printed document says, read from the database in the document's language.

Each builder returns a DocumentSpec (plain data) for reports.pdf.render; its fingerprint is
the data version, so the same document for the same data is never built twice.
"""

import hashlib
from functools import partial

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from council.l10n import calendars
from council.l10n.digits import localize_digits
from council.models import Role
from meetings.models import ActionItem, Meeting
from meetings.selectors import action_items_of, meeting_page_data
from reports.pdf.render import DocumentSpec, Grid, Heading, Signatures, Text
from reports.pdf.text import BOLD, Run


def fingerprint(spec: DocumentSpec) -> str:
    """The same for the same content in every process (the web server asks, a worker builds)."""
    return hashlib.sha256(repr(spec).encode()).hexdigest()[:32]


class _Context:
    """The language, calendar and digits every builder formats with."""

    def __init__(self, council, language):
        self.council, self.language = council, language
        self.rtl = translation.get_language_info(language)["bidi"]
        self.digits = partial(localize_digits, language=language)

    def day(self, value) -> str:
        if not value:
            return "—"
        return calendars.format_date(
            value, calendar=self.council.calendar, language=self.language, tz=self.council.tzinfo
        )

    def moment(self, value) -> str:
        return calendars.format_datetime(
            value, calendar=self.council.calendar, language=self.language, tz=self.council.tzinfo
        )

    def spec(self, title, blocks, *, watermark="") -> DocumentSpec:
        return DocumentSpec(
            title=title,
            author=self.council.name,
            subject=self.council.name,
            language=self.language,
            rtl=self.rtl,
            letterhead=[line for line in self.council.letterhead.splitlines() if line.strip()] or [self.council.name],
            blocks=blocks,
            footer=_("Page %(page)s of %(pages)s"),
            digits=self.digits,
            watermark=watermark,
            logo=self.council.logo.path if self.council.logo else "",
        )


def _meeting_name(meeting, ctx) -> str:
    return _("Meeting %(number)s of %(year)s") % {
        "number": ctx.digits(str(meeting.number)),
        "year": ctx.digits(str(meeting.year)),
    }


def _meeting_facts(meeting, ctx) -> Grid:
    rows = [
        [_("Council"), meeting.council.name],
        *([[_("Title"), meeting.title]] if meeting.title else []),
        [_("Date and time"), ctx.moment(meeting.starts_at)],
        [_("Place"), meeting.place],
    ]
    if meeting.chair_name:
        rows.append([_("Chaired by"), meeting.chair_name])
    if meeting.stream_url:
        rows.append([_("Online or stream link"), meeting.stream_url])
    return Grid([[[Run(label, BOLD)], value] for label, value in rows], [0.28, 0.72])


def _people(meeting, role):
    membership = meeting.council.memberships.filter(role=role).select_related("user").first()
    return membership.user.display_name if membership else ""


def _attendance_status(attendance) -> str:
    status = attendance.get_status_display()
    return f"{status} ({attendance.delegate_name})" if attendance.delegate_name else status


def minutes(meeting: Meeting, language: str) -> DocumentSpec:
    with translation.override(language):
        ctx = _Context(meeting.council, language)
        data = meeting_page_data(meeting)
        title = _("Minutes of %(meeting)s") % {"meeting": _meeting_name(meeting, ctx)}
        blocks = [Heading(title, size=15), _meeting_facts(meeting, ctx), Heading(_("Attendance"))]
        blocks.append(
            Grid(
                [[_("Member"), _("Role"), _("Attendance")]]
                + [
                    [
                        a.membership.user.display_name,
                        a.membership.get_role_display()
                        + (f" · {a.membership.department.name}" if a.membership.department else ""),
                        _attendance_status(a),
                    ]
                    for a in data["attendances"]
                ],
                [0.3, 0.45, 0.25],
            )
        )
        blocks.append(
            Text(
                _("%(present)s present, quorum %(quorum)s.")
                % {"present": ctx.digits(str(data["present_count"])), "quorum": ctx.digits(str(data["quorum"]))}
            )
        )
        blocks.append(Heading(_("Agenda")))
        blocks += [Text(f"{ctx.digits(str(n))}. {item.title}") for n, item in enumerate(data["items"], start=1)]
        blocks.append(Heading(_("Discussion and decisions")))
        actions = []
        for n, item in enumerate(data["items"], start=1):
            blocks.append(Heading(f"{ctx.digits(str(n))}. {item.title}", size=11.5))
            if item.discussion:
                blocks += [Text(paragraph) for paragraph in item.discussion.splitlines() if paragraph.strip()]
            for decision in item.decisions.all():
                label = _("Decision %(ref)s: ") % {"ref": ctx.digits(decision.reference)} if decision.reference else ""
                blocks.append(Text([Run(label or _("Decision: "), BOLD), Run(decision.text)]))
                departments = [d.name for d in decision.departments.all()]
                if departments or decision.due_date:
                    names = ("، " if ctx.rtl else ", ").join(departments) or "—"
                    line = _("Responsible: %(departments)s · due %(date)s") % {
                        "departments": names,
                        "date": ctx.day(decision.due_date),
                    }
                    blocks.append(Text(line, size=9.5))
                actions += [
                    [ctx.digits(decision.reference) or "—", name, ctx.day(decision.due_date)] for name in departments
                ]
        if actions:
            blocks.append(Heading(_("Action items")))
            blocks.append(Grid([[_("Decision"), _("Department"), _("Due date")], *actions], [0.2, 0.55, 0.25]))
        if meeting.minutes_approved_at:
            blocks.append(
                Text(_("Approved on %(date)s.") % {"date": ctx.moment(meeting.minutes_approved_at)}, size=9.5)
            )
        blocks.append(
            Signatures(
                [
                    (_("Chair of the council"), meeting.chair_name or _people(meeting, Role.CHAIR)),
                    (_("Secretary of the council"), _people(meeting, Role.SECRETARY)),
                ]
            )
        )
        watermark = "" if meeting.minutes_are_frozen else _("DRAFT")
        return ctx.spec(title, blocks, watermark=watermark)


def agenda(meeting: Meeting, language: str) -> DocumentSpec:
    with translation.override(language):
        ctx = _Context(meeting.council, language)
        title = _("Agenda of %(meeting)s") % {"meeting": _meeting_name(meeting, ctx)}
        blocks = [
            Heading(title, size=15),
            Text(_("The members of the council are invited to the following meeting.")),
            _meeting_facts(meeting, ctx),
            Heading(_("Agenda")),
        ]
        for n, item in enumerate(meeting.items.select_related("presenter"), start=1):
            minutes_text = _("%(minutes)s min") % {"minutes": ctx.digits(str(item.minutes_allotted))}
            presenter = f" · {item.presenter.name}" if item.presenter else ""
            blocks.append(
                Text([Run(f"{ctx.digits(str(n))}. {item.title}", BOLD), Run(f" ({minutes_text}{presenter})")])
            )
            if item.description:
                blocks += [Text(line, size=9.5) for line in item.description.splitlines() if line.strip()]
        blocks.append(Signatures([(_("Chair of the council"), _people(meeting, Role.CHAIR))]))
        return ctx.spec(title, blocks)


def attendance_sheet(meeting: Meeting, language: str) -> DocumentSpec:
    with translation.override(language):
        ctx = _Context(meeting.council, language)
        title = _("Attendance sheet of %(meeting)s") % {"meeting": _meeting_name(meeting, ctx)}
        memberships = meeting.council.memberships.select_related("user", "department").order_by(
            "role", "department__name"
        )
        rows = [[_("Member"), _("Role"), _("Signature")]] + [
            [m.user.display_name, m.get_role_display() + (f" · {m.department.name}" if m.department else ""), ""]
            for m in memberships
        ]
        return ctx.spec(title, [Heading(title, size=15), _meeting_facts(meeting, ctx), Grid(rows, [0.3, 0.42, 0.28])])


def follow_up(council, language: str, department=None) -> DocumentSpec:
    """The council's open action items, or one department's (what a liaison may see)."""
    with translation.override(language):
        ctx = _Context(council, language)
        title = _("Follow-up of decisions")
        items = action_items_of(council).filter(status__in=ActionItem.OPEN_STATUSES)
        if department is not None:
            items = items.filter(department=department)
            title = f"{title} — {department.name}"
        today = timezone.localdate(timezone=council.tzinfo)
        rows = [[_("Decision"), _("Department"), _("Due date"), _("Status"), _("Latest progress")]] + [
            [
                ctx.digits(a.decision.reference),
                a.department.name,
                ctx.day(a.due_date) + (f" — {_('Overdue')}" if a.is_overdue(today) else ""),
                a.get_status_display(),
                a.latest_progress or "—",
            ]
            for a in items
        ]
        date_line = _("Open action items on %(date)s") % {"date": ctx.day(today)}
        return ctx.spec(title, [Heading(title, size=15), Text(date_line), Grid(rows, [0.12, 0.25, 0.17, 0.14, 0.32])])


BUILDERS = {
    "minutes": minutes,
    "agenda": agenda,
    "attendance_sheet": attendance_sheet,
}
