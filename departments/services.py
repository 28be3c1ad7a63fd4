"""Every change to what departments submit: collections, submissions, training proposals and courses."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from council.models import Department
from departments.models import (
    ActivityPeriod,
    ActivityReport,
    Enrolment,
    SubmissionState,
    SurveyQuestion,
    SurveyResponse,
    SurveyRound,
    TrainingCourse,
    TrainingProposal,
)
from helpers.caching import rows_changed
from helpers.concurrency import EditConflict, locked, save_versioned

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
def enrolment_delete(*, enrolment: Enrolment) -> None:
    """Take a name off a course still planned; once it is held or cancelled, who was enrolled is kept."""
    course = locked(enrolment.course)
    if course.state != TrainingCourse.State.PLANNED:
        raise SubmissionError(_("This course is no longer open for enrolment: its list of names is kept."))
    enrolment.delete()


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
    rows_changed(enrolments)
    held = course.starts_on is None or course.starts_on <= course.council.today()
    if course.state == TrainingCourse.State.PLANNED and held:
        course.state = TrainingCourse.State.HELD
        course.version += 1  # an edit begun before would set the state back
        course.save()
