"""Every change to what departments submit: collections, submissions, training proposals and courses."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from council.caching import council_changed
from council.concurrency import EditConflict, save_versioned
from council.models import Council, Department
from departments.models import (
    AccessRequest,
    ActivityPeriod,
    ActivityReport,
    Alert,
    Answer,
    Attestation,
    Complaint,
    ElectionPeriod,
    Enrolment,
    ReportingCycle,
    SubmissionState,
    SurveyQuestion,
    SurveyResponse,
    SurveyRound,
    TrainingCourse,
    TrainingProposal,
)

# What a new survey answer copies from the department's previous one.
CARRIED_OVER = [
    "has_pr_unit",
    "approved_positions",
    "filled_positions",
    "positions_note",
    "staff_spokesperson",
    "needed_spokesperson",
    "staff_writer",
    "needed_writer",
    "staff_photographer",
    "needed_photographer",
    "staff_social_media",
    "needed_social_media",
    "staff_graphic_design",
    "needed_graphic_design",
    "missing_equipment",
    "equipment_notes",
    "annual_budget",
    "training_needs",
]


class SubmissionError(Exception):
    """A change the submission's state does not allow; the message is for the user."""


def locked(instance):
    """The row as it is now, locked until the transaction ends: check states on this, not on what a view loaded."""
    return type(instance).objects.select_for_update().get(pk=instance.pk)


@transaction.atomic
def collection_create(*, model, council, departments, questions=(), **fields):
    """Open a survey round (model=SurveyRound) or a reporting period (model=ActivityPeriod)."""
    collection = model.objects.create(council=council, **fields)
    collection.departments.set(departments)
    for order, (text, kind, choices) in enumerate(questions):
        SurveyQuestion.objects.create(round=collection, text=text, kind=kind, choices=choices, order=order)
    return collection


@transaction.atomic
def collection_close(*, collection) -> None:
    collection = locked(collection)
    if not collection.is_open:
        raise SubmissionError(_("This is already closed."))
    collection.closed_at = timezone.now()
    collection.save(update_fields=["closed_at"])


@transaction.atomic
def collection_reopen(*, collection) -> None:
    collection = locked(collection)
    if collection.is_open:
        raise SubmissionError(_("This is already open."))
    collection.closed_at = None
    collection.save(update_fields=["closed_at"])


def previous_response(response: SurveyResponse) -> SurveyResponse | None:
    """The department's latest submitted answer to an earlier round of the same council."""
    return (
        SurveyResponse.objects.filter(
            department_id=response.department_id,
            state=SubmissionState.SUBMITTED,
            round__council_id=response.round.council_id,
            round__starts_on__lt=response.round.starts_on,
        )
        .order_by("-round__starts_on", "-pk")
        .first()
    )


def survey_response_start(*, round: SurveyRound, department: Department) -> SurveyResponse:
    """The department's answer to the round, or an unsaved one filled in from its previous answer.

    Writes nothing: the first save (submission_save) creates the row.
    """
    existing = SurveyResponse.objects.filter(round=round, department=department).first()
    if existing:
        return existing
    draft = SurveyResponse(round=round, department=department)
    previous = previous_response(draft)
    if previous:
        draft.previous = previous
        for name in CARRIED_OVER:
            setattr(draft, name, getattr(previous, name))
    return draft


def activity_report_start(*, period: ActivityPeriod, department: Department) -> ActivityReport:
    """The department's report for the period, or an unsaved one; writes nothing."""
    existing = ActivityReport.objects.filter(period=period, department=department).first()
    return existing or ActivityReport(period=period, department=department)


@transaction.atomic
def submission_save(*, submission, values: dict, base_version: int | None, by, submit: bool):
    """Save a liaison's answers, and with `submit` hand them in.

    Refused when the collection is closed (unless the answer was returned for correction)
    or when someone saved the same answer since this edit began (EditConflict).
    """
    collection = locked(submission.collection)  # a close meanwhile is seen, and two first saves queue here
    link = collection.link
    current = (
        type(submission)
        .objects.select_for_update()
        .filter(**{link: collection}, department_id=submission.department_id)
        .first()
    )
    if current is None:  # the first save creates the row (opening the form wrote nothing)
        current = submission
    elif submission.pk is None or current.version != base_version:
        raise EditConflict  # someone else started or saved this answer meanwhile
    setattr(current, link, collection)
    if not current.is_editable:
        if current.is_submitted:
            raise SubmissionError(_("This has been submitted and can no longer be changed."))
        raise SubmissionError(_("This collection is closed and takes no more answers."))
    for name, value in values.items():
        setattr(current, name, value)
    current.version += 1
    if submit:
        now = timezone.now()
        if current.submitted_at is None:  # the first submission decides lateness; a correction does not
            collection = current.collection
            current.late = timezone.localdate(now, collection.council.tzinfo) > collection.deadline
        current.state = SubmissionState.SUBMITTED
        current.submitted_at = now
        current.submitted_by = by
    current.save()
    return current


@transaction.atomic
def submission_return(*, submission, reason: str) -> None:
    """The secretariat sends a submitted answer back to its department for correction; its liaisons are e-mailed."""
    submission = locked(submission)
    if not submission.is_submitted:
        raise SubmissionError(_("Only a submitted answer can be returned for correction."))
    submission.state = SubmissionState.RETURNED
    submission.return_reason = reason
    submission.version += 1
    submission.save()
    label = submission._meta.label_lower
    transaction.on_commit(lambda: async_task("departments.tasks.send_return_notice", label, submission.pk))


def proposal_create(*, council, department, proposed_by, **fields) -> TrainingProposal:
    return TrainingProposal.objects.create(council=council, department=department, proposed_by=proposed_by, **fields)


@transaction.atomic
def proposal_edit(*, form) -> TrainingProposal:
    """Save a department's changes to its proposal while it still awaits review (EditConflict if it moved on)."""
    if locked(form.instance).state != TrainingProposal.State.PROPOSED:
        raise SubmissionError(_("This proposal has already been reviewed and can no longer be changed."))
    return save_versioned(form)


@transaction.atomic
def proposal_decline(*, proposal: TrainingProposal, reason: str, by) -> None:
    proposal = locked(proposal)
    if proposal.state != TrainingProposal.State.PROPOSED:
        raise SubmissionError(_("This proposal has already been reviewed."))
    proposal.state = TrainingProposal.State.DECLINED
    proposal.decline_reason = reason
    proposal.version += 1  # an edit begun before the review is refused
    proposal._history_user = by
    proposal.save()


@transaction.atomic
def course_create(*, council, proposals, **fields) -> TrainingCourse:
    """Approve one proposal as a course, or merge several departments' proposals into one course."""
    proposals = list(TrainingProposal.objects.select_for_update().filter(pk__in=[p.pk for p in proposals]))
    if not proposals:
        raise SubmissionError(_("Choose at least one proposal."))
    if any(p.state != TrainingProposal.State.PROPOSED or p.council_id != council.pk for p in proposals):
        raise SubmissionError(_("Some of the chosen proposals have already been reviewed."))
    course = TrainingCourse.objects.create(council=council, **fields)
    for proposal in proposals:
        proposal.state = TrainingProposal.State.APPROVED
        proposal.course = course
        proposal.version += 1  # an edit begun before the review is refused
        proposal.save()
    return course


@transaction.atomic
def enrolment_add(*, course: TrainingCourse, department: Department, by, name: str, position: str) -> Enrolment:
    course = locked(course)  # also queues two enrolments of the same name
    if course.state != TrainingCourse.State.PLANNED:
        raise SubmissionError(_("This course is no longer open for enrolment."))
    if course.enrolments.filter(department=department, name=name).exists():
        raise SubmissionError(_("%(name)s is already enrolled.") % {"name": name})
    return Enrolment.objects.create(course=course, department=department, name=name, position=position, enrolled_by=by)


@transaction.atomic
def attendance_record(*, course: TrainingCourse, attended_ids: set[int]) -> None:
    """Record who attended a course; everyone else enrolled did not."""
    course = locked(course)
    if course.state == TrainingCourse.State.CANCELLED:
        raise SubmissionError(_("This course was cancelled."))
    enrolments = list(course.enrolments.all())
    for enrolment in enrolments:
        enrolment.attended = enrolment.pk in attended_ids
    Enrolment.objects.bulk_update(enrolments, ["attended"])
    council_changed(course.council_id)
    held = course.starts_on is None or course.starts_on <= course.council.today()
    if course.state == TrainingCourse.State.PLANNED and held:
        course.state = TrainingCourse.State.HELD
        course.version += 1  # an edit begun before would set the state back
        course.save()


# ---------------------------------------------------------------- election-period neutrality


@transaction.atomic
def cycles_generate(*, period: ElectionPeriod) -> list[ReportingCycle]:
    """Make the period's cycles (see ElectionPeriod.cycle_spans) afresh, while nobody has attested yet.

    Dates are the council's calendar days; a cycle is due at the end of its last day in the council's time zone.
    """
    period = locked(period)
    if period.cycles.filter(attestations__isnull=False).exists():
        raise SubmissionError(_("Departments have already attested; the cycles can no longer change."))
    period.cycles.all().delete()
    council_changed(period.council_id)
    return ReportingCycle.objects.bulk_create(
        ReportingCycle(period=period, number=number, starts_on=start, ends_on=end)
        for number, start, end in period.cycle_spans()
    )


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
        transaction.on_commit(lambda: async_task("departments.tasks.send_alert", alert.pk))
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
