"""Every change to what departments submit: collections, submissions, training proposals and courses."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.concurrency import EditConflict
from departments.models import (
    ActivityPeriod,
    ActivityReport,
    Department,
    Enrolment,
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


def council_today(council):
    return timezone.localdate(timezone=council.tzinfo)


@transaction.atomic
def collection_create(*, model, council, departments, questions=(), **fields):
    """Open a survey round (model=SurveyRound) or a reporting period (model=ActivityPeriod)."""
    collection = model.objects.create(council=council, **fields)
    collection.departments.set(departments)
    for order, (text, kind, choices) in enumerate(questions):
        SurveyQuestion.objects.create(round=collection, text=text, kind=kind, choices=choices, order=order)
    return collection


def collection_close(*, collection) -> None:
    collection.closed_at = timezone.now()
    collection.save(update_fields=["closed_at"])


def collection_reopen(*, collection) -> None:
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


@transaction.atomic
def survey_response_start(*, round: SurveyRound, department: Department) -> SurveyResponse:
    """The department's answer to the round; a first visit creates a draft filled in from its previous answer."""
    response, created = SurveyResponse.objects.get_or_create(round=round, department=department)
    if created:
        response.round = round
        previous = previous_response(response)
        if previous:
            response.previous = previous
            for name in CARRIED_OVER:
                setattr(response, name, getattr(previous, name))
            response.save()
    return response


def activity_report_start(*, period: ActivityPeriod, department: Department) -> ActivityReport:
    report, _created = ActivityReport.objects.get_or_create(period=period, department=department)
    return report


@transaction.atomic
def submission_save(*, submission, values: dict, base_version: int | None, by, submit: bool):
    """Save a liaison's answers, and with `submit` hand them in.

    Refused when the collection is closed (unless the answer was returned for correction)
    or when someone saved the same answer since this edit began (EditConflict).
    """
    locked = type(submission).objects.select_for_update().get(pk=submission.pk)
    if base_version is not None and locked.version != base_version:
        raise EditConflict
    if not locked.is_editable:
        if locked.is_submitted:
            raise SubmissionError(_("This has been submitted and can no longer be changed."))
        raise SubmissionError(_("This collection is closed and takes no more answers."))
    for name, value in values.items():
        setattr(locked, name, value)
    locked.version += 1
    if submit:
        now = timezone.now()
        if locked.submitted_at is None:  # the first submission decides lateness; a correction does not
            collection = locked.collection
            locked.late = timezone.localdate(now, collection.council.tzinfo) > collection.deadline
        locked.state = SubmissionState.SUBMITTED
        locked.submitted_at = now
        locked.submitted_by = by
    locked.save()
    return locked


@transaction.atomic
def submission_return(*, submission, reason: str) -> None:
    """The secretariat sends a submitted answer back to its department for correction."""
    if not submission.is_submitted:
        raise SubmissionError(_("Only a submitted answer can be returned for correction."))
    submission.state = SubmissionState.RETURNED
    submission.return_reason = reason
    submission.version += 1
    submission.save()


def proposal_create(*, council, department, proposed_by, **fields) -> TrainingProposal:
    return TrainingProposal.objects.create(council=council, department=department, proposed_by=proposed_by, **fields)


@transaction.atomic
def proposal_decline(*, proposal: TrainingProposal, reason: str) -> None:
    if proposal.state != TrainingProposal.State.PROPOSED:
        raise SubmissionError(_("This proposal has already been reviewed."))
    proposal.state = TrainingProposal.State.DECLINED
    proposal.decline_reason = reason
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
        proposal.save()
    return course


def enrolment_add(*, course: TrainingCourse, department: Department, by, name: str, position: str) -> Enrolment:
    if course.state == TrainingCourse.State.CANCELLED:
        raise SubmissionError(_("This course has been cancelled."))
    return Enrolment.objects.create(course=course, department=department, name=name, position=position, enrolled_by=by)


@transaction.atomic
def attendance_record(*, course: TrainingCourse, attended_ids: set[int]) -> None:
    """Record who attended a course; everyone else enrolled did not."""
    enrolments = list(course.enrolments.all())
    for enrolment in enrolments:
        enrolment.attended = enrolment.pk in attended_ids
    Enrolment.objects.bulk_update(enrolments, ["attended"])
    if course.state == TrainingCourse.State.PLANNED:
        course.state = TrainingCourse.State.HELD
        course.save()
