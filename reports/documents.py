"""What each printed document says, read from the database in the document's language.

Each builder returns a DocumentSpec (plain data) for reports.pdf.render; its fingerprint is
the data version, so the same document for the same data is never built twice.
"""

import hashlib
from functools import lru_cache, partial

import icu
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import to_locale

from acts.models import Act
from acts.selectors import related_acts
from council import permissions
from council.models import Role
from departments.models import STAFF_FUNCTIONS, Equipment, SubmissionState
from departments.selectors import gap_dashboard
from elections.selectors import Status as CellStatus
from elections.selectors import compliance_matrix, item_compliance, open_alerts
from helpers.l10n import calendars
from helpers.l10n.digits import localize_digits
from meetings.models import ActionItem, Meeting
from meetings.selectors import listed_action_items_of, meeting_page_data
from reports.models import Document
from reports.pdf.render import DocumentSpec, Grid, Heading, Signatures, Text
from reports.pdf.text import BOLD, REGULAR, Run
from reports.registry import Printable, register


@lru_cache(maxsize=64)
def _number_formatter(language: str, currency: str):
    """ICU's formatter for the language, with the currency's full name after the number if one is given."""
    formatter = icu.NumberFormatter.withLocale(icu.Locale(language))
    if currency:
        formatter = (
            formatter.unit(icu.CurrencyUnit(currency))
            .precision(icu.Precision.integer())
            .unitWidth(icu.UNumberUnitWidth.FULL_NAME)
        )
    return formatter


@lru_cache(maxsize=16)
def _list_formatter(language: str):
    return icu.ListFormatter.createInstance(icu.Locale(language))


def fingerprint(spec: DocumentSpec) -> str:
    """The same for the same content in every process (the web server asks, a worker builds)."""
    return hashlib.sha256(repr(spec).encode()).hexdigest()[:32]


class Context:
    """The language, calendar and digits every builder formats with."""

    def __init__(self, council, language):
        self.council, self.language = council, language
        self.rtl = translation.get_language_info(language)["bidi"]
        self.digits = partial(localize_digits, language=language)

    def number(self, value) -> str:
        """Grouped in the language's way and digits, every digit exact: ۱۵٬۷۷۰, 15 770, 15,770."""
        return _number_formatter(self.language, "").formatDecimal(str(value).encode())

    def money(self, value) -> str:
        """A number with the council's currency, named in the language: ۱۵٬۷۷۰ ریال ایران, 15 770 euro."""
        return _number_formatter(self.language, self.council.currency).formatDecimal(str(value).encode())

    def language_name(self, code: str) -> str:
        """A language's name as it is written mid-sentence in this one: "албански", "Albanian"."""
        return icu.Locale(to_locale(code)).getDisplayName(icu.Locale(to_locale(self.language)))

    def listing(self, parts) -> str:
        """ "A, B and C" in the language's way."""
        return _list_formatter(self.language).format(list(parts))

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
    if meeting.chaired_by:
        rows.append([_("Chaired by"), meeting.chaired_by.display_name])
    if meeting.stream_url:
        rows.append([_("Online or stream link"), meeting.stream_url])
    return facts_table(rows)


def facts_table(rows) -> Grid:
    """Label and value pairs, the labels in bold (no header row)."""
    return Grid([[[Run(label, BOLD)], value] for label, value in rows], [0.28, 0.72], header=False)


def _people(meeting, role):
    membership = meeting.council.memberships.filter(role=role).select_related("user").first()
    return membership.user.display_name if membership else ""


def _attendance_status(attendance) -> str:
    status = attendance.get_status_display()
    return f"{status} ({attendance.delegate_name})" if attendance.delegate_name else status


def minutes(meeting: Meeting, language: str) -> DocumentSpec:
    with translation.override(language):
        ctx = Context(meeting.council, language)
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
        blocks += [Text(_numbered(ctx, n, item.title)) for n, item in enumerate(data["items"], start=1)]
        blocks.append(Heading(_("Discussion and decisions")))
        actions = []
        for n, item in enumerate(data["items"], start=1):
            blocks.append(Heading(_numbered(ctx, n, item.title), size=11.5))
            if item.discussion:
                blocks += [Text(paragraph) for paragraph in item.discussion.splitlines() if paragraph.strip()]
            for decision in item.decision_list:
                label = _("Decision %(ref)s: ") % {"ref": ctx.digits(decision.reference)} if decision.reference else ""
                blocks.append(Text([Run(label or _("Decision: "), BOLD), Run(decision.text, isolate=True)]))
                departments = [d.name for d in decision.department_list]
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
                    (_("Chair of the meeting"), meeting.chaired_by.display_name if meeting.chaired_by else ""),
                    (_("Secretary of the council"), _people(meeting, Role.SECRETARY)),
                ]
            )
        )
        watermark = "" if meeting.minutes_are_frozen else _("DRAFT")
        return ctx.spec(title, blocks, watermark=watermark)


def agenda(meeting: Meeting, language: str) -> DocumentSpec:
    with translation.override(language):
        ctx = Context(meeting.council, language)
        title = _("Agenda of %(meeting)s") % {"meeting": _meeting_name(meeting, ctx)}
        blocks = [
            Heading(title, size=15),
            Text(_("The members of the council are invited to the following meeting.")),
            _meeting_facts(meeting, ctx),
            Heading(_("Agenda")),
        ]
        for n, item in enumerate(meeting.items.select_related("presenter"), start=1):
            minutes_text = _("%(minutes)s min") % {"minutes": ctx.digits(str(item.minutes_allotted))}
            presenter = [Run(" · "), Run(item.presenter.name, isolate=True)] if item.presenter else []
            blocks.append(Text([*_numbered(ctx, n, item.title, BOLD), Run(f" ({minutes_text}"), *presenter, Run(")")]))
            if item.description:
                blocks += [Text(line, size=9.5) for line in item.description.splitlines() if line.strip()]
        blocks.append(Signatures([(_("Chair of the council"), _people(meeting, Role.CHAIR))]))
        return ctx.spec(title, blocks)


def attendance_sheet(meeting: Meeting, language: str) -> DocumentSpec:
    with translation.override(language):
        ctx = Context(meeting.council, language)
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
        ctx = Context(council, language)
        title = _("Follow-up of decisions")
        items = listed_action_items_of(council).filter(status__in=ActionItem.OPEN_STATUSES)
        if department is not None:
            items = items.filter(department=department)
            title = f"{title} — {department.name}"
        today = council.today()
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


def _numbered(ctx, n, title, font=REGULAR) -> list[Run]:
    """ "3. title": the number at the line's start in the document's direction, whatever the title's script."""
    return [Run(f"{ctx.digits(str(n))}. ", font), Run(title, font, isolate=True)]


def _number(ctx, value) -> str:
    return "—" if value is None else ctx.number(value)


def _change(ctx, value):
    """As the dashboards show it: +3, −2 (a minus sign, not a hyphen; isolated, so that the sign stays at the
    number's left in Persian too), no change."""
    if value is None:
        return "—"
    if value == 0:
        return _("no change")
    return [Run(("+" if value > 0 else "−") + ctx.number(abs(value)), isolate=True)]


def gap_summary(round, language: str) -> DocumentSpec:
    """A staffing-gap survey round: who answered, the council's totals, and each department's gaps."""
    council = round.council
    with translation.override(language):
        ctx = Context(council, language)
        dashboard = gap_dashboard(round)
        totals, changes = dashboard.totals, dashboard.changes
        title = _("Staffing-gap summary: %(round)s") % {"round": round.title}
        facts = [
            [_("Council"), council.name],
            [_("Period"), f"{ctx.day(round.starts_on)} – {ctx.day(round.ends_on)}"],
            [_("Deadline"), ctx.day(round.deadline)],
            [
                _("Answered"),
                _("%(answered)s of %(departments)s departments")
                % {"answered": ctx.digits(str(totals.answered)), "departments": ctx.digits(str(len(dashboard.rows)))},
            ],
        ]
        if dashboard.previous_round:
            facts.append([_("Compared with"), dashboard.previous_round.title])
        figures = [
            [_("Figure"), _("Total"), _("Change since the previous round")],
            [
                _("Departments without a PR unit"),
                _number(ctx, totals.without_pr_unit),
                _change(ctx, changes["without_pr_unit"]),
            ],
            [_("Approved PR positions"), _number(ctx, totals.approved), ""],
            [_("Filled PR positions"), _number(ctx, totals.filled), ""],
            [_("Vacant PR positions"), _number(ctx, totals.vacant), _change(ctx, changes["vacant"])],
            *[
                [_("Shortfall: %(function)s") % {"function": label}, _number(ctx, totals.shortfall[function]), ""]
                for function, label in STAFF_FUNCTIONS
            ],
            [_("Total shortfall"), _number(ctx, totals.total_shortfall), _change(ctx, changes["total_shortfall"])],
            *[
                [
                    _("Departments lacking: %(equipment)s") % {"equipment": label},
                    _number(ctx, totals.equipment[item]),
                    "",
                ]
                for item, label in Equipment.choices
            ],
            [_("Annual PR budget"), "—" if totals.budget is None else ctx.money(totals.budget), ""],
        ]
        rows = [[_("Department"), _("State"), _("PR unit"), _("Vacant"), _("Total shortfall"), _("Change")]]
        for row in dashboard.rows:
            state = str(SubmissionState(row.state).label) if row.state else _("Not started")
            if row.late:
                state = f"{state} — {_('Late')}"
            response = row.response
            if response is None:
                rows.append([row.department.name, state, "", "", "", ""])
                continue
            unit = "—" if response.has_pr_unit is None else (_("Yes") if response.has_pr_unit else _("No"))
            rows.append(
                [
                    row.department.name,
                    state,
                    unit,
                    _number(ctx, response.vacant_positions),
                    _number(ctx, response.total_shortfall),
                    _change(ctx, row.shortfall_change),
                ]
            )
        blocks = [
            Heading(title, size=15),
            facts_table(facts),
            Heading(_("The council's totals")),
            Grid(figures, [0.5, 0.2, 0.3]),
            Heading(_("Departments")),
            Grid(rows, [0.32, 0.22, 0.1, 0.1, 0.13, 0.13]),
        ]
        return ctx.spec(title, blocks)


def compliance_summary(period, language: str) -> DocumentSpec:
    """An election period's neutrality compliance: per department and per checklist item, up to today."""
    council = period.council
    with translation.override(language):
        ctx = Context(council, language)
        today = council.today()
        matrix = compliance_matrix(period, today=today)
        title = _("Neutrality compliance: %(period)s") % {"period": period.name}
        facts = [
            [_("Council"), council.name],
            [_("Campaign"), f"{ctx.day(period.campaign_starts_on)} – {ctx.day(period.campaign_ends_on)}"],
            [_("Election day"), ctx.day(period.election_day)],
            [_("Reporting cycles"), ctx.digits(str(len(matrix.cycles)))],
            [_("Open alerts"), ctx.digits(str(open_alerts(council).filter(cycle__period=period).count()))],
            [_("Situation on"), ctx.day(today)],
        ]
        rows = [[_("Department"), _("Compliant"), _("Not compliant"), _("Missing"), _("Compliance rate")]]
        for department, cells, rate in matrix.rows:
            count = {status: sum(cell.status == status for cell in cells) for status in CellStatus.values}
            rows.append(
                [
                    department.name,
                    ctx.digits(str(count[CellStatus.COMPLIANT])),
                    ctx.digits(str(count[CellStatus.NOT_COMPLIANT])),
                    ctx.digits(str(count[CellStatus.MISSING])),
                    "—" if rate is None else _("%(rate)s%%") % {"rate": ctx.digits(str(rate))},
                ]
            )
        items = [[_("Checklist item"), _("Answered"), _("Compliant")]] + [
            [
                f"{item['section']} · {item['text']}" if item["section"] else item["text"],
                ctx.digits(str(item["answered"])),
                ctx.digits(str(item["compliant"])),
            ]
            for item in item_compliance(period)
        ]
        blocks = [
            Heading(title, size=15),
            facts_table(facts),
            Heading(_("Departments")),
            Text(
                _("Cycles attested or past their deadline; the rate is the share attested fully compliant."), size=9.5
            ),
            Grid(rows, [0.4, 0.14, 0.16, 0.14, 0.16]),
            Heading(_("Checklist items")),
            Grid(items, [0.7, 0.15, 0.15]),
        ]
        return ctx.spec(title, blocks)


def printed_act(act: Act, language: str) -> DocumentSpec:
    """An act as the register keeps it: its facts, its links to decisions and other acts, and its text in the
    language's version (else in the council's language, said so). A published act's copy shows only what is public:
    the same copy is served on the portal."""
    with translation.override(language):
        ctx = Context(act.council, language)
        shown = act.version_in(language)
        public = act.is_public
        rows = [[_("Type"), act.type.name]]
        if act.number:
            rows.append([_("Number"), ctx.digits(act.reference)])
        rows += [
            [_("Adopted"), ctx.day(act.adopted_on)],
            [_("Published"), ctx.day(act.published_on)],
            [_("In force from"), ctx.day(act.in_force_on)],
        ]
        if act.repealed_on:
            rows.append([_("Repealed on"), ctx.day(act.repealed_on)])
        if act.counterparty:
            rows.append([_("Counterparty"), act.counterparty])
        if act.value is not None:
            rows.append([_("Value"), ctx.money(act.value)])
        decisions = act.decisions.select_related("item__meeting").order_by("year", "number")
        if public:
            decisions = decisions.filter(item__meeting__state=Meeting.State.PUBLISHED)
        if decisions:
            names = (_("Decision %(ref)s") % {"ref": ctx.digits(d.reference)} for d in decisions)
            rows.append([_("Council decisions"), ctx.listing(names)])
        for label, linked in related_acts(act, public_only=public):
            if linked:
                names = ctx.listing(f"{a.type.name} {ctx.digits(a.reference)} {a.title}" for a in linked)
                rows.append([str(label), names])  # the lazy label, in this language now
        blocks = [Heading(f"{act.type.name} {ctx.digits(act.reference)}".strip()), Heading(shown.title, size=15)]
        blocks.append(facts_table(rows))
        if shown is act and language != act.council.language:
            note = _("This act has no version in %(language)s yet; its text is in %(original)s.")
            names = {"language": ctx.language_name(language), "original": ctx.language_name(act.council.language)}
            blocks.append(Text(note % names, size=9.5))
        blocks += [Text(line) for line in shown.body.splitlines() if line.strip()]
        if shown.file and not shown.body.strip():
            blocks.append(Text(_("The text of the act is in its file, on the council's public portal.")))
        return ctx.spec(shown.title, blocks, watermark="" if public else _("DRAFT"))


def _meeting_document(kind: str, build, offered=lambda meeting: True) -> Printable:
    return Printable(
        kind,
        build=lambda document: build(document.meeting, document.language),
        may_ask=permissions.can_read_drafts,
        may_download=permissions.can_read_drafts,
        scopes=lambda document: [("meeting", document.meeting_id)],
        subject_field="meeting",
        offered=lambda meeting: meeting.state != Meeting.State.CANCELLED and offered(meeting),
    )


register(_meeting_document(Document.Kind.AGENDA, agenda))
register(_meeting_document(Document.Kind.ATTENDANCE_SHEET, attendance_sheet))
register(_meeting_document(Document.Kind.MINUTES, minutes, offered=lambda meeting: meeting.has_been_held))
register(
    Printable(
        Document.Kind.FOLLOW_UP,
        build=lambda document: follow_up(document.council, document.language, department=document.department),
        may_ask=permissions.can_read_drafts,
        may_download=permissions.can_view_department,  # a liaison's copy names their department
        scopes=lambda document: [("follow-up", document.council_id)],
        per_department=True,
    )
)
register(
    Printable(
        Document.Kind.GAP_SUMMARY,
        build=lambda document: gap_summary(document.survey_round, document.language),
        may_ask=permissions.can_run_submissions,
        may_download=permissions.can_run_submissions,
        scopes=lambda document: [("submissions", document.council_id)],
        subject_field="survey_round",
    )
)
register(
    Printable(
        Document.Kind.COMPLIANCE_SUMMARY,
        build=lambda document: compliance_summary(document.election_period, document.language),
        may_ask=permissions.can_run_submissions,
        may_download=permissions.can_run_submissions,
        scopes=lambda document: [("elections", document.council_id)],
        subject_field="election_period",
    )
)
register(
    Printable(
        Document.Kind.ACT,
        build=lambda document: printed_act(document.act, document.language),
        may_ask=permissions.can_register_acts,
        may_download=permissions.can_register_acts,  # the portal serves published acts' copies to everyone
        scopes=lambda document: [("acts", document.council_id), ("meetings", document.council_id)],
        subject_field="act",
    )
)
