"""Every change in the election-neutrality domain: periods and their cycles, attestations, alerts, the registers."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from council.models import Council, Department
from elections.models import AccessRequest, Alert, Answer, Attestation, Complaint, ElectionPeriod, ReportingCycle
from helpers.caching import rows_changed
from helpers.concurrency import EditConflict, locked, save_versioned


class SubmissionError(Exception):
    """A change the period's, attestation's or alert's state does not allow; the message is for the user."""


@transaction.atomic
def cycles_generate(*, period: ElectionPeriod) -> list[ReportingCycle]:
    """Make the period's cycles (see ElectionPeriod.cycle_spans) afresh, while nobody has attested yet.

    Dates are the council's calendar days; a cycle is due at the end of its last day in the council's time zone.
    """
    period = locked(period)
    if period.cycles.filter(attestations__isnull=False).exists():
        raise SubmissionError(_("Departments have already attested; the cycles can no longer change."))
    period.cycles.all().delete()
    cycles = ReportingCycle.objects.bulk_create(
        ReportingCycle(period=period, number=number, starts_on=start, ends_on=end)
        for number, start, end in period.cycle_spans()
    )
    rows_changed(cycles)
    return cycles


@transaction.atomic
def election_period_create(*, council, **fields) -> ElectionPeriod:
    period = ElectionPeriod.objects.create(council=council, **fields)
    cycles_generate(period=period)
    return period


def attestation_draft(*, cycle: ReportingCycle, department: Department) -> Attestation:
    """The department's attestation for the cycle, or an unsaved one; writes nothing (attestation_save creates it).

    An unsaved one carries its unsaved answers, copied from the checklist as it is now, in `draft_answers`.
    """
    existing = Attestation.objects.filter(cycle=cycle, department=department).first()
    if existing:
        return existing
    template = cycle.period.template
    draft = Attestation(cycle=cycle, department=department, template_version=template.version)
    draft.draft_answers = [Answer.copied_from(item, attestation=draft) for item in template.items.all()]
    return draft


@transaction.atomic
def attestation_start(*, cycle: ReportingCycle, department: Department) -> Attestation:
    """The department's attestation for the cycle, created with the checklist's current wording if need be."""
    draft = attestation_draft(cycle=cycle, department=department)
    if draft.pk is None:
        draft.save()
        Answer.objects.bulk_create(draft.draft_answers)
        rows_changed(draft.draft_answers)
    return draft


@transaction.atomic
def attestation_save(
    *, attestation: Attestation, answers: dict, co_signer: str, by, submit: bool, base_version: int | None
) -> dict:
    """Save the answers ({answer id: {"value", "note", "evidence"}}); with `submit`, also sign and freeze them.

    They may also be keyed by Answer.key, which the form uses: it is known before the first save, which
    creates an unsaved attestation (attestation_draft).
    Returns what stops the submission ({answer id: message}); the answers are saved as a draft
    then. A "not compliant" answer in a submitted attestation raises an alert for the chair.
    Refused (EditConflict) when someone saved the attestation since this edit began.
    """
    cycle = attestation.cycle
    period = locked(cycle.period)  # a close meanwhile is seen, and two first saves queue here
    cycle.period = period
    current = Attestation.objects.select_for_update().filter(cycle=cycle, department=attestation.department).first()
    if current is None:
        if attestation.pk is not None:
            raise EditConflict  # deleted meanwhile
    elif attestation.pk is None or current.version != base_version:
        raise EditConflict  # someone else started or saved this attestation meanwhile
    if current is not None and current.is_submitted:
        raise SubmissionError(_("This attestation has been submitted and is frozen."))
    if not period.is_open:
        raise SubmissionError(_("This election period is closed and archived."))
    attestation = current or attestation_start(cycle=cycle, department=attestation.department)
    attestation.cycle = cycle
    saved = list(attestation.answers.all())
    rows = {answer.pk: answer for answer in saved} | {answer.key: answer for answer in saved}
    for key, values in answers.items():
        answer = rows.get(key)
        if answer is None:  # an item the checklist no longer has
            continue
        answer.value, answer.note = values["value"], values["note"]
        if values.get("evidence"):
            answer.evidence = values["evidence"]
        answer.save()
    attestation.co_signer = co_signer
    attestation.version += 1
    problems = attestation_problems(saved) if submit else {}
    today = period.council.today()
    if submit and cycle.starts_on > today:
        raise SubmissionError(_("This cycle has not started yet."))
    if submit and not problems:
        attestation.state = Attestation.State.SUBMITTED
        attestation.signed_by, attestation.signed_at = by, timezone.now()
        attestation.late = timezone.localdate(attestation.signed_at, period.council.tzinfo) > cycle.deadline
        for answer in saved:
            if answer.value == Answer.Value.NOT_COMPLIANT:
                alert_raise(cycle=cycle, department=attestation.department, answer=answer)
    attestation.save()
    return problems


def attestation_problems(answers) -> dict:
    """What an attestation lacks before it can be signed, per answer."""
    problems = {}
    for answer in answers:
        if not answer.value:
            problems[answer.pk] = _("Answer this item.")
        elif answer.evidence_required and answer.value == Answer.Value.COMPLIANT and not answer.evidence:
            problems[answer.pk] = _("This item needs an evidence file.")
        elif answer.evidence_required and answer.value == Answer.Value.NOT_APPLICABLE and not answer.note:
            problems[answer.pk] = _("Say in the note why this item does not apply.")
    return problems


def alert_raise(*, cycle, department, answer=None) -> Alert | None:
    """Record an alert once per cause, and e-mail the chair after the transaction commits."""
    kind = Alert.Kind.NOT_COMPLIANT if answer else Alert.Kind.MISSING
    alert, created = Alert.objects.get_or_create(cycle=cycle, department=department, kind=kind, answer=answer)
    if created:
        transaction.on_commit(lambda: async_task("elections.tasks.send_alert", alert.pk))
    return alert if created else None


@transaction.atomic
def missing_attestations_escalate(*, today_of=Council.today) -> int:
    """Raise an alert for every department without a submitted attestation once a cycle's deadline has passed."""
    raised = 0
    cycles = ReportingCycle.objects.filter(escalated=False, period__closed_at__isnull=True).select_related(
        "period__council"
    )
    for cycle in cycles:
        if cycle.deadline >= today_of(cycle.period.council):
            continue
        attested = cycle.attestations.filter(state=Attestation.State.SUBMITTED).values_list("department_id", flat=True)
        for department in cycle.period.council.departments.exclude(pk__in=list(attested)):
            raised += alert_raise(cycle=cycle, department=department) is not None
        cycle.escalated = True
        cycle.save(update_fields=["escalated"])
    return raised


@transaction.atomic
def alert_close(*, alert: Alert, follow_up: str, by) -> None:
    _open_period(alert.cycle.period)  # an archived period's alerts stay as they were
    alert = locked(alert)
    if not alert.is_open:
        raise SubmissionError(_("This alert is already closed."))
    alert.follow_up, alert.closed_at, alert.closed_by = follow_up, timezone.now(), by
    alert.save()


@transaction.atomic
def election_period_close(*, period: ElectionPeriod) -> None:
    """Archive the period: from now on it is read-only."""
    period = locked(period)
    if not period.is_open:
        raise SubmissionError(_("This election period is already closed."))
    period.closed_at = timezone.now()
    period.save(update_fields=["closed_at"])


def _open_period(period: ElectionPeriod) -> ElectionPeriod:
    """The period locked, so it cannot be archived while a register row is written; refused once archived."""
    period = locked(period)
    if not period.is_open:
        raise SubmissionError(_("This election period is closed and archived."))
    return period


@transaction.atomic
def access_request_create(*, period: ElectionPeriod, by, **fields) -> AccessRequest:
    return AccessRequest.objects.create(period=_open_period(period), recorded_by=by, **fields)


@transaction.atomic
def complaint_create(*, period: ElectionPeriod, by, **fields) -> Complaint:
    return Complaint.objects.create(period=_open_period(period), recorded_by=by, **fields)


@transaction.atomic
def register_row_edit(*, form):
    """Save an edited equal-access request or complaint while its period is open (EditConflict if it moved on)."""
    _open_period(form.instance.period)
    return save_versioned(form)
