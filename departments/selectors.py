"""Reads for the submission pages and the council-wide dashboards; each owns its queries (a fixed number)."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q

from departments.models import (
    CHANNELS,
    STAFF_FUNCTIONS,
    ActivityPeriod,
    ActivityReport,
    Equipment,
    Gap,
    SubmissionState,
    SurveyResponse,
    SurveyRound,
    TrainingCourse,
    TrainingProposal,
)
from helpers.caching import cached_read
from helpers.l10n.text import normalize_line, persian_sort_key


def by_name(departments):
    return sorted(departments, key=lambda d: persian_sort_key(d.name))


@dataclass
class Bar:
    """One bar of a chart: its label, value, and length as a percentage of the longest."""

    label: str
    value: int
    percent: float = 0.0


def bars(pairs) -> list[Bar]:
    pairs = list(pairs)
    longest = max((value for _label, value in pairs), default=0) or 1
    return [Bar(str(label), value, round(100 * value / longest, 1)) for label, value in pairs]


def delta(now: int | None, before: int | None) -> int | None:
    return None if now is None or before is None else now - before


# ---------------------------------------------------------------- staffing-gap survey


@dataclass
class GapTotals:
    """Council-wide sums over the submitted answers of one round."""

    answered: int = 0
    without_pr_unit: int = 0
    approved: int = 0
    filled: int = 0
    vacant: int = 0
    shortfall: dict = field(default_factory=dict)  # function → people missing
    equipment: dict = field(default_factory=dict)  # equipment → departments lacking it
    budget: int = 0

    @property
    def total_shortfall(self) -> int:
        return sum(self.shortfall.values())

    @property
    def shortfalls(self) -> list[int]:
        return [self.shortfall[function] for function, _label in STAFF_FUNCTIONS]

    @classmethod
    def of(cls, responses) -> "GapTotals":
        totals = cls(
            shortfall={function: 0 for function, _label in STAFF_FUNCTIONS},
            equipment=dict.fromkeys(Equipment.values, 0),
        )
        for response in responses:
            totals.answered += 1
            totals.without_pr_unit += response.has_pr_unit is False
            totals.approved += response.approved_positions or 0
            totals.filled += response.filled_positions or 0
            totals.vacant += response.vacant_positions
            totals.budget += response.annual_budget or 0
            for function in totals.shortfall:
                totals.shortfall[function] += response.shortfall(function)
            for item in response.missing_equipment:
                if item in totals.equipment:
                    totals.equipment[item] += 1
        return totals


@dataclass
class GapRow:
    department: object
    response: SurveyResponse | None  # submitted answers only
    state: str  # a SubmissionState, or "" when the department has not started
    late: bool
    previous: SurveyResponse | None

    @property
    def shortfalls(self) -> list[int]:
        return [self.response.shortfall(function) for function, _label in STAFF_FUNCTIONS] if self.response else []

    @property
    def equipment_labels(self) -> list[str]:
        labels = dict(Equipment.choices)
        return (
            [str(labels[item]) for item in self.response.missing_equipment if item in labels] if self.response else []
        )

    @property
    def shortfall_change(self) -> int | None:
        if not (self.response and self.previous):
            return None
        return self.response.total_shortfall - self.previous.total_shortfall


@dataclass
class GapDashboard:
    round: SurveyRound
    previous_round: SurveyRound | None
    rows: list[GapRow]
    totals: GapTotals
    previous_totals: GapTotals | None

    @property
    def missing(self) -> list[GapRow]:
        return [row for row in self.rows if row.response is None]

    @property
    def without_pr_unit(self) -> list[GapRow]:
        return [row for row in self.rows if row.response and row.response.has_pr_unit is False]

    @property
    def changes(self) -> dict:
        """The change since the previous round, among the departments that answered both (like with like)."""
        if self.previous_totals is None:
            return dict.fromkeys(("without_pr_unit", "vacant", "total_shortfall"))
        both = GapTotals.of(row.response for row in self.rows if row.response and row.previous)
        return {
            name: delta(getattr(both, name), getattr(self.previous_totals, name))
            for name in ("without_pr_unit", "vacant", "total_shortfall")
        }

    @property
    def shortfall_bars(self) -> list[Bar]:
        return bars((label, self.totals.shortfall[function]) for function, label in STAFF_FUNCTIONS)

    @property
    def equipment_bars(self) -> list[Bar]:
        return bars((label, self.totals.equipment[item]) for item, label in Equipment.choices)

    @property
    def department_bars(self) -> list[Bar]:
        answered = [row for row in self.rows if row.response]
        ranked = sorted(answered, key=lambda row: -row.response.total_shortfall)[:10]
        return bars((row.department.name, row.response.total_shortfall) for row in ranked)


def previous_round(round: SurveyRound) -> SurveyRound | None:
    return (
        SurveyRound.objects.filter(council_id=round.council_id, starts_on__lt=round.starts_on)
        .order_by("-starts_on", "-pk")
        .first()
    )


@cached_read(
    "gap-dashboard",
    council=lambda round: round.council_id,
    scopes=lambda round: [("submissions", round.council_id)],  # the previous round's answers too
    key=lambda round: (round.pk,),
)
def gap_dashboard(round: SurveyRound) -> GapDashboard:
    """Who answered, each department's gaps, the council's totals and the change since the previous round.

    Four queries whatever the number of departments: the round's departments, its answers,
    the previous round and that round's answers.
    """
    departments = by_name(round.departments.all())
    responses = {r.department_id: r for r in round.submissions.all()}
    before = previous_round(round)
    earlier = {}
    if before:
        earlier = {r.department_id: r for r in before.submissions.filter(state=SubmissionState.SUBMITTED)}
    rows = []
    for department in departments:
        response = responses.get(department.pk)
        submitted = response if response and response.is_submitted else None
        rows.append(
            GapRow(
                department=department,
                response=submitted,
                state=response.state if response else "",
                late=bool(response and response.late),
                previous=earlier.get(department.pk),
            )
        )
    return GapDashboard(
        round=round,
        previous_round=before,
        rows=rows,
        totals=GapTotals.of(row.response for row in rows if row.response),
        previous_totals=GapTotals.of(row.previous for row in rows if row.response and row.previous) if before else None,
    )


def collections_with_progress(council, model):
    """The council's survey rounds or reporting periods, newest first, with how many were asked and submitted."""
    return model.objects.filter(council=council).annotate(
        asked=Count("departments", distinct=True),
        submitted=Count("submissions", filter=Q(submissions__state=SubmissionState.SUBMITTED), distinct=True),
    )


ANSWER_FIELDS = [
    "has_pr_unit",
    "approved_positions",
    "filled_positions",
    *(f"{kind}_{function}" for function, _label in STAFF_FUNCTIONS for kind in ("staff", "needed")),
    "missing_equipment",
    "annual_budget",
]


def survey_answer_data(response: SurveyResponse, questions) -> dict:
    """What the page of one answer shows: its staff table, equipment, extra answers, changes and history."""
    changed = changed_fields(response, response.previous, ANSWER_FIELDS)
    labels = dict(Equipment.choices)
    return {
        "changed": changed,
        "staff": [
            {
                "label": label,
                "staff": getattr(response, f"staff_{function}"),
                "needed": getattr(response, f"needed_{function}"),
                "shortfall": response.shortfall(function),
                "staff_changed": f"staff_{function}" in changed,
                "needed_changed": f"needed_{function}" in changed,
            }
            for function, label in STAFF_FUNCTIONS
        ],
        "equipment": [str(labels[item]) for item in response.missing_equipment if item in labels],
        "answers": [(question, response.extra_answers.get(str(question.pk))) for question in questions],
        "history": history_of(response),
    }


def changed_fields(response, previous, names) -> set[str]:
    """Which of the answer's fields differ from the department's previous answer."""
    if previous is None:
        return set()
    return {name for name in names if getattr(response, name) != getattr(previous, name)}


# ---------------------------------------------------------------- activity reports


@dataclass
class ActivityDashboard:
    periods: list[ActivityPeriod]  # oldest first
    departments: list
    cells: dict  # (department id, period id) → ActivityReport
    silent: list  # (department, the last period it reported for, or None)

    def cell(self, department, period) -> ActivityReport | None:
        return self.cells.get((department.pk, period.pk))

    @property
    def matrix(self):
        """Rows of (department, [(period, report or None, asked)], volumes per channel, total) for the template."""
        rows = []
        for department in self.departments:
            reports = [self.cell(department, period) for period in self.periods]
            submitted = [r for r in reports if r and r.is_submitted]
            volumes = [sum(getattr(r, channel) or 0 for r in submitted) for channel, _label in CHANNELS]
            rows.append((department, list(zip(self.periods, reports, strict=True)), volumes, sum(volumes)))
        return rows

    @property
    def channel_rows(self):
        """Per channel: its label and the council-wide volume in each period."""
        submitted = [r for r in self.cells.values() if r.is_submitted]
        totals = defaultdict(int)
        for report in submitted:
            for channel, _label in CHANNELS:
                totals[channel, report.period_id] += getattr(report, channel) or 0
        return [(label, [totals[channel, period.pk] for period in self.periods]) for channel, label in CHANNELS]

    @property
    def period_bars(self) -> list[Bar]:
        submitted = [r for r in self.cells.values() if r.is_submitted]
        volume = Counter()
        for report in submitted:
            volume[report.period_id] += report.total
        return bars((period.title, volume[period.pk]) for period in self.periods)


def activity_dashboard(council, *, today, periods: int = 6) -> ActivityDashboard:
    """The last `periods` reporting periods: who reported what, per channel, and who went silent.

    A department went silent when it was asked for the last two periods whose deadline has passed
    and submitted nothing for either. Four queries whatever the number of departments and periods.
    """
    shown = list(ActivityPeriod.objects.filter(council=council).order_by("-starts_on", "-pk")[:periods])[::-1]
    asked = set(
        ActivityPeriod.departments.through.objects.filter(activityperiod__in=shown).values_list(
            "activityperiod_id", "department_id"
        )
    )
    departments = by_name(d for d in council.departments.all() if any((p.pk, d.pk) in asked for p in shown))
    cells = {(r.department_id, r.period_id): r for r in ActivityReport.objects.filter(period__in=shown)}

    def submitted(department, period) -> bool:
        report = cells.get((department.pk, period.pk))
        return bool(report and report.is_submitted)

    due = [p for p in shown if p.deadline < today][-2:]
    silent = []
    for department in departments:
        owed = [p for p in due if (p.pk, department.pk) in asked]
        if len(owed) == len(due) and due and not any(submitted(department, p) for p in owed):
            last = next((p for p in reversed(shown) if submitted(department, p)), None)
            silent.append((department, last))
    return ActivityDashboard(periods=shown, departments=departments, cells=cells, silent=silent)


# ---------------------------------------------------------------- training


@dataclass
class Demand:
    """Pending proposals on one topic, and how strongly the council's survey supports them."""

    topic: str
    proposals: list = field(default_factory=list)
    gaps: set = field(default_factory=set)
    departments_with_gap: int = 0  # departments whose latest survey answer shows the gap

    @property
    def departments(self) -> int:
        return len({p.department_id for p in self.proposals})

    @property
    def participants(self) -> int:
        return sum(p.expected_participants for p in self.proposals)

    @property
    def top_priority(self) -> int:
        return min(p.priority for p in self.proposals)

    @property
    def gap_labels(self) -> list[str]:
        labels = dict(Gap.choices)
        return [str(labels[gap]) for gap in sorted(self.gaps)]

    @property
    def rank_key(self):
        return (-self.departments, -self.departments_with_gap, self.top_priority, -self.participants)


def topic_key(topic: str) -> str:
    return normalize_line(topic).casefold()


def latest_gaps(council) -> Counter:
    """How many departments show each gap in the latest survey round that has answers."""
    latest = (
        SurveyRound.objects.filter(council=council, submissions__state=SubmissionState.SUBMITTED)
        .order_by("-starts_on", "-pk")
        .first()
    )
    counts = Counter()
    if latest is None:
        return counts
    for response in latest.submissions.filter(state=SubmissionState.SUBMITTED):
        for function, _label in STAFF_FUNCTIONS:
            counts[function] += response.shortfall(function) > 0
        counts[Gap.EQUIPMENT] += bool(response.missing_equipment)
    return counts


def training_demand(council) -> list[Demand]:
    """Proposals awaiting review, grouped by topic and ranked: most departments first, then survey support."""
    groups: dict[str, Demand] = {}
    for proposal in TrainingProposal.objects.filter(
        council=council, state=TrainingProposal.State.PROPOSED
    ).select_related("department"):
        demand = groups.setdefault(topic_key(proposal.topic), Demand(topic=proposal.topic))
        demand.proposals.append(proposal)
        demand.gaps.add(proposal.gap)
    gaps = latest_gaps(council)
    for demand in groups.values():
        demand.departments_with_gap = max((gaps[gap] for gap in demand.gaps), default=0)
    return sorted(groups.values(), key=lambda d: d.rank_key)


def training_plan(council, first, last):
    """The courses dated within [first, last], with their departments and enrolment counts."""
    return (
        council.training_courses.filter(starts_on__range=(first, last))
        .annotate(
            enrolled=Count("enrolments", distinct=True),
            attended=Count("enrolments", filter=Q(enrolments__attended=True), distinct=True),
        )
        .prefetch_related("proposals__department")
        .order_by("starts_on", "pk")
    )


def undated_courses(council):
    return council.training_courses.filter(starts_on__isnull=True, state=TrainingCourse.State.PLANNED)


# ---------------------------------------------------------------- history


@dataclass
class Version:
    when: object
    who: object
    kind: str  # "+" created, "~" changed
    changes: list  # labels of the fields that changed


def history_of(obj) -> list[Version]:
    """Every saved version of a submission, newest first: who saved it, when, and which fields changed."""
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id"))
    if not records:  # rows written in bulk (imports, generated load data) have no history
        return []
    versions = []
    for record, older in zip(records, [*records[1:], None], strict=True):
        changes = []
        if older is not None:
            delta = record.diff_against(older)
            changes = [str(obj._meta.get_field(change.field).verbose_name) for change in delta.changes]
        versions.append(Version(record.history_date, record.history_user, record.history_type, changes))
    return versions


@dataclass
class Owed:
    """Something a department still has to hand in: a survey answer or an activity report."""

    title: str
    deadline: object
    url: str
    state: str = ""  # the draft's state label, if one was started


def submissions_owed(department) -> list[Owed]:
    """Open survey rounds and reporting periods still waiting for the department, soonest deadline first.

    A fixed number of queries. (The home page adds the election attestations owed: elections.selectors.)
    """
    from django.urls import reverse

    slug, owed = department.council.slug, []
    for model, url_name in (
        (SurveyRound, "departments:survey-answer-edit"),
        (ActivityPeriod, "departments:activity-report-edit"),
    ):
        collections = list(getattr(department, model.department_relation).filter(closed_at__isnull=True))
        submissions = {
            getattr(s, f"{model.link}_id"): s
            for s in model.submission_model().objects.filter(
                department=department, **{f"{model.link}__in": collections}
            )
        }
        for collection in collections:
            submission = submissions.get(collection.pk)
            if submission is None or not submission.is_submitted:
                url = reverse(url_name, args=[slug, collection.pk, department.pk])
                state = submission.get_state_display() if submission else ""
                owed.append(Owed(collection.title, collection.deadline, url, state))
    return sorted(owed, key=lambda entry: entry.deadline)
