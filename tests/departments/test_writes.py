"""Writes in the departments app: a GET never writes, two tabs never overwrite each other, a second click is refused."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from departments import services
from departments.models import (
    ActivityReport,
    SubmissionState,
    SurveyResponse,
    TrainingCourse,
    TrainingProposal,
)
from helpers.concurrency import EditConflict
from tests.factories import (
    ActivityPeriodFactory,
    SurveyResponseFactory,
    SurveyRoundFactory,
    TrainingCourseFactory,
    TrainingProposalFactory,
)


def url(world, name, *args):
    return reverse(f"departments:{name}", args=[world.council.slug, *args])


# ---------------------------------------------------------------- a GET never writes


def test_opening_a_survey_answer_creates_no_row_and_the_first_save_does(client, world):
    earlier = SurveyRoundFactory(council=world.council, starts_on=date(2020, 1, 1), ends_on=date(2020, 1, 31))
    SurveyResponseFactory(round=earlier, department=world.department_a, training_needs="Photography")
    round = SurveyRoundFactory(council=world.council)
    edit = url(world, "survey-answer-edit", round.pk, world.department_a.pk)
    client.force_login(world.liaison_a)

    page = client.get(edit)
    assert page.status_code == 200 and "Photography" in page.content.decode()  # prefilled from the previous answer
    assert not SurveyResponse.objects.filter(round=round).exists()
    client.force_login(world.secretary)
    dashboard = client.get(url(world, "survey-dashboard", round.pk)).content.decode()
    assert "Not started" in dashboard and "submission-draft" not in dashboard

    client.force_login(world.liaison_a)
    client.post(edit, {"approved_positions": "3", "training_needs": "Photography", "action": "save", "base_version": 1})
    answer = SurveyResponse.objects.get(round=round)
    assert answer.state == SubmissionState.DRAFT and answer.approved_positions == 3
    assert answer.previous.round == earlier


def test_opening_an_activity_report_creates_no_row_and_the_first_save_does(client, world):
    period = ActivityPeriodFactory(council=world.council)
    edit = url(world, "activity-report-edit", period.pk, world.department_a.pk)
    client.force_login(world.liaison_a)
    assert client.get(edit).status_code == 200
    assert ActivityReport.objects.filter(period=period).count() == 0

    client.force_login(world.secretary)
    dashboard = client.get(url(world, "activity-dashboard")).content.decode()
    assert "submission-draft" not in dashboard

    client.force_login(world.liaison_a)
    client.post(edit, {"press_releases": "4", "action": "save", "base_version": 1})
    assert ActivityReport.objects.get(period=period).press_releases == 4


# ---------------------------------------------------------------- two tabs: the second save gets the conflict


def proposal_data(proposal, **changes):
    data = {
        "department": proposal.department_id,
        "topic": proposal.topic,
        "audience": proposal.audience,
        "expected_participants": proposal.expected_participants,
        "duration_hours": proposal.duration_hours,
        "trainer": proposal.trainer,
        "estimated_cost": "",
        "priority": proposal.priority,
        "gap": proposal.gap,
        "base_version": proposal.version,
    }
    return {**data, **changes}


def test_two_tabs_editing_a_proposal_show_both_versions(client, world):
    proposal = TrainingProposalFactory(department=world.department_a, proposed_by=world.liaison_a)
    edit = url(world, "proposal-edit", proposal.pk)
    client.force_login(world.liaison_a)
    client.post(edit, proposal_data(proposal, topic="Saved first"))
    page = client.post(edit, proposal_data(proposal, topic="Typed second"))
    html = page.content.decode()
    assert "Someone else saved this" in html and 'value="Typed second"' in html
    assert "Saved meanwhile by someone else" in html and "Saved first" in html
    assert TrainingProposal.objects.get().topic == "Saved first"


def test_a_proposal_reviewed_meanwhile_is_not_edited(client, world):
    proposal = TrainingProposalFactory(department=world.department_a, proposed_by=world.liaison_a)
    data = proposal_data(proposal, topic="Too late")
    services.proposal_decline(proposal=proposal, reason="No budget", by=world.secretary)
    client.force_login(world.liaison_a)
    client.post(url(world, "proposal-edit", proposal.pk), data)
    assert TrainingProposal.objects.get().topic != "Too late"


def course_data(course, **changes):
    data = {"title": course.title, "gap": course.gap, "audience": "", "trainer": "", "duration_hours": "8"}
    return {**data, "estimated_cost": "", "starts_on": "", "place": "", "state": course.state, **changes}


def test_two_tabs_editing_a_course_show_both_versions(client, world):
    course = TrainingCourseFactory(council=world.council)
    edit = url(world, "course-edit", course.pk)
    client.force_login(world.secretary)
    client.post(edit, course_data(course, place="Hall A", base_version=course.version))
    html = client.post(edit, course_data(course, place="Hall B", base_version=course.version)).content.decode()
    assert "Someone else saved this" in html and 'value="Hall B"' in html
    assert "Saved meanwhile by someone else" in html and "Hall A" in html
    assert TrainingCourse.objects.get().place == "Hall A"


# ---------------------------------------------------------------- a second click, a stale object


def test_closing_and_reopening_a_round_twice_is_refused(client, world):
    round = SurveyRoundFactory(council=world.council)
    stale = type(round).objects.get(pk=round.pk)
    services.collection_close(collection=round)
    closed_at = type(round).objects.get().closed_at
    with pytest.raises(services.SubmissionError):
        services.collection_close(collection=stale)
    assert type(round).objects.get().closed_at == closed_at
    client.force_login(world.secretary)
    client.post(url(world, "survey-reopen", round.pk))
    page = client.post(url(world, "survey-reopen", round.pk), follow=True)
    assert page.status_code == 200 and "already open" in page.content.decode()


def test_a_draft_is_not_saved_into_a_round_closed_meanwhile(world):
    round = SurveyRoundFactory(council=world.council)
    draft = services.survey_response_start(round=round, department=world.department_a)
    type(round).objects.filter(pk=round.pk).update(closed_at=timezone.now())
    with pytest.raises(services.SubmissionError):
        services.submission_save(submission=draft, values={}, base_version=None, by=world.liaison_a, submit=False)
    assert not SurveyResponse.objects.exists()


def test_returning_an_answer_twice_is_refused(world):
    answer = SurveyResponseFactory(round=SurveyRoundFactory(council=world.council), department=world.department_a)
    stale = SurveyResponse.objects.get(pk=answer.pk)
    services.submission_return(submission=answer, reason="Fix the budget")
    with pytest.raises(services.SubmissionError):
        services.submission_return(submission=stale, reason="Second click")
    assert SurveyResponse.objects.get().return_reason == "Fix the budget"


def test_declining_a_proposal_approved_meanwhile_is_refused(world):
    proposal = TrainingProposalFactory(department=world.department_a, proposed_by=world.liaison_a)
    stale = TrainingProposal.objects.get(pk=proposal.pk)
    services.course_create(council=world.council, proposals=[proposal], title="Photography")
    with pytest.raises(services.SubmissionError):
        services.proposal_decline(proposal=stale, reason="No budget", by=world.secretary)
    assert TrainingProposal.objects.get().state == TrainingProposal.State.APPROVED


def test_enrolling_in_a_course_cancelled_meanwhile_is_refused(world):
    course = TrainingCourseFactory(council=world.council)
    TrainingCourse.objects.filter(pk=course.pk).update(state=TrainingCourse.State.CANCELLED)
    with pytest.raises(services.SubmissionError):
        services.enrolment_add(
            course=course, department=world.department_a, by=world.liaison_a, name="Sara", position=""
        )
    assert not course.enrolments.exists()


@pytest.mark.parametrize("base_version", [None, 0])
def test_saving_an_answer_without_its_current_version_is_a_conflict(world, base_version):
    answer = SurveyResponseFactory(round=SurveyRoundFactory(council=world.council), department=world.department_a)
    with pytest.raises(EditConflict):
        services.submission_save(
            submission=answer,
            values={"equipment_notes": "x"},
            base_version=base_version,
            by=world.liaison_a,
            submit=False,
        )
    assert SurveyResponse.objects.get().equipment_notes != "x"
