"""Reads for the election-neutrality pages, the home page and the compliance PDF; each owns its queries."""

from dataclasses import dataclass

from django.db import models
from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from elections.models import AccessRequest, Alert, Answer, Attestation, ReportingCycle
from helpers.l10n.text import persian_sort_key


class Status(models.TextChoices):
    """A compliance-matrix cell's state; pages show its label and an icon, never colour alone."""

    COMPLIANT = "compliant", _("Compliant")
    NOT_COMPLIANT = "not_compliant", _("Not compliant")
    MISSING = "missing", _("Missing")  # deadline passed, nothing submitted
    DUE = "due", _("Due")  # the cycle is running or its attestation is a draft
    FUTURE = "future", _("Not yet")


@dataclass
class Cell:
    cycle: object
    attestation: object | None
    status: str
    problems: int = 0

    @property
    def label(self) -> str:
        return Status(self.status).label


def _status(cycle, attestation, today) -> tuple[str, int]:
    if attestation is not None and attestation.is_submitted:
        problems = attestation.not_compliant
        return (Status.NOT_COMPLIANT if problems else Status.COMPLIANT), problems
    if cycle.starts_on > today:
        return Status.FUTURE, 0
    return (Status.MISSING if cycle.deadline < today else Status.DUE), 0


@dataclass
class ComplianceMatrix:
    period: object
    cycles: list
    rows: list  # (department, [Cell], compliance rate) per department

    @staticmethod
    def rate(cells) -> int | None:
        """Percentage of cycles due so far that were attested fully compliant."""
        counted = [c for c in cells if c.status not in (Status.FUTURE, Status.DUE)]
        if not counted:
            return None
        return round(100 * sum(c.status == Status.COMPLIANT for c in counted) / len(counted))


def compliance_matrix(period, *, today, departments=None) -> ComplianceMatrix:
    """Departments (all of the council's unless given) × cycles of one election period. Three queries at most."""
    cycles = list(period.cycles.all())
    departments = departments or sorted(period.council.departments.all(), key=lambda d: persian_sort_key(d.name))
    attestations = Attestation.objects.filter(cycle__period=period, department__in=departments).annotate(
        not_compliant=Count("answers", filter=Q(answers__value=Answer.Value.NOT_COMPLIANT))
    )
    found = {(a.department_id, a.cycle_id): a for a in attestations}
    rows = []
    for department in departments:
        cells = []
        for cycle in cycles:
            attestation = found.get((department.pk, cycle.pk))
            status, problems = _status(cycle, attestation, today)
            cells.append(Cell(cycle, attestation, status, problems))
        rows.append((department, cells, ComplianceMatrix.rate(cells)))
    return ComplianceMatrix(period=period, cycles=cycles, rows=rows)


def department_cells(period, department, *, today) -> list[Cell]:
    """One department's row of the matrix: its attestation and status for each cycle. Two queries."""
    return compliance_matrix(period, today=today, departments=[department]).rows[0][1]


def item_compliance(period) -> list[dict]:
    """Per checklist item (as worded in the attestations): how often it was answered compliant. One query."""
    return list(
        Answer.objects.filter(attestation__cycle__period=period, attestation__state=Attestation.State.SUBMITTED)
        .values("section", "text")
        .annotate(
            answered=Count("pk", filter=~Q(value=Answer.Value.NOT_APPLICABLE)),
            compliant=Count("pk", filter=Q(value=Answer.Value.COMPLIANT)),
            order=Min("order"),
        )
        .order_by("order", "text")
    )


def open_alerts(council):
    return (
        Alert.objects.filter(cycle__period__council=council, closed_at__isnull=True)
        .select_related("cycle__period", "department", "answer")
        .order_by("raised_at")
    )


@dataclass
class AccessComparison:
    """One department's requests of one kind: who asked, what each got, and whether answers differed."""

    department: object
    kind: str
    requests: list

    @property
    def kind_label(self) -> str:
        return AccessRequest.Kind(self.kind).label

    @property
    def outcomes(self) -> set[str]:
        return {r.outcome for r in self.requests if r.outcome != AccessRequest.Outcome.PENDING}

    @property
    def unequal(self) -> bool:
        """Comparable requests (same department, same kind) got different answers for different candidates."""
        candidates = {r.candidate for r in self.requests if r.outcome != AccessRequest.Outcome.PENDING}
        return len(self.outcomes) > 1 and len(candidates) > 1


def equal_access(period, requests=None) -> list[AccessComparison]:
    """The period's requests grouped by department and kind, unequal groups first. One query."""
    requests = requests if requests is not None else period.access_requests.select_related("department")
    groups: dict = {}
    for request in requests:
        groups.setdefault((request.department_id, request.kind), AccessComparison(request.department, request.kind, []))
        groups[request.department_id, request.kind].requests.append(request)
    return sorted(groups.values(), key=lambda g: (not g.unequal, persian_sort_key(g.department.name), g.kind))


def alert_counts(council) -> list[tuple]:
    """(period id, period name, open alerts) for each election period of the council with open alerts."""
    return list(
        Alert.objects.filter(cycle__period__council=council, closed_at__isnull=True)
        .values_list("cycle__period_id", "cycle__period__name")
        .annotate(count=Count("pk"))
        .order_by("cycle__period_id")
    )


@dataclass
class OwedAttestation:
    """A running cycle the department has not attested yet (shaped like departments' Owed, for the home page)."""

    title: str
    deadline: object
    url: str
    state: str = ""


def attestations_owed(department) -> list[OwedAttestation]:
    """The running cycles of the council's open election periods still waiting for the department's attestation.

    Soonest deadline first. One query.
    """
    today = department.council.today()
    cycles = ReportingCycle.objects.filter(
        period__council_id=department.council_id, period__closed_at__isnull=True, starts_on__lte=today
    ).exclude(
        pk__in=Attestation.objects.filter(department=department, state=Attestation.State.SUBMITTED).values("cycle_id")
    )
    slug, owed = department.council.slug, []
    for cycle in cycles.select_related("period"):
        url = reverse("elections:attestation-edit", args=[slug, cycle.period_id, cycle.pk, department.pk])
        owed.append(OwedAttestation(f"{cycle.period.name} · {cycle.number}", cycle.deadline, url))
    return sorted(owed, key=lambda entry: entry.deadline)
