"""Staffing-gap surveys: a liaison's draft → submitted → returned → resubmitted, and everything that can go wrong."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from departments.models import SubmissionState, SurveyQuestion, SurveyResponse
from tests.factories import SurveyResponseFactory, SurveyRoundFactory

COMPLETE = {
    "has_pr_unit": "False",
    "approved_positions": "2",
    "filled_positions": "1",
    "staff_spokesperson": "0",
    "needed_spokesperson": "1",
    "staff_writer": "1",
    "needed_writer": "2",
    "staff_photographer": "0",
    "needed_photographer": "1",
    "staff_social_media": "0",
    "needed_social_media": "0",
    "staff_graphic_design": "0",
    "needed_graphic_design": "0",
    "missing_equipment": ["camera", "vehicle"],
    "annual_budget": "5000",
    "training_needs": "Photography",
}


def edit_url(round, department):
    return reverse("departments:survey-answer-edit", args=[round.council.slug, round.pk, department.pk])


def post(client, round, department, data, action="submit"):
    client.get(edit_url(round, department))  # opens the form; the first save creates the answer
    response = SurveyResponse.objects.filter(round=round, department=department).first()
    version = response.version if response else 1
    return client.post(edit_url(round, department), {**data, "action": action, "base_version": version})


@pytest.fixture
def round(world):
    return SurveyRoundFactory(council=world.council)


def test_it_goes_draft_submitted_returned_resubmitted(client, world, round):
    client.force_login(world.liaison_a)
    post(client, round, world.department_a, {"approved_positions": "2"}, action="save")
    answer = SurveyResponse.objects.get(round=round, department=world.department_a)
    assert (answer.state, answer.approved_positions) == (SubmissionState.DRAFT, 2)

    post(client, round, world.department_a, COMPLETE)
    answer.refresh_from_db()
    assert answer.state == SubmissionState.SUBMITTED
    assert answer.submitted_by == world.liaison_a and not answer.late
    assert answer.missing_equipment == ["camera", "vehicle"] and answer.has_pr_unit is False

    client.force_login(world.secretary)
    return_url = reverse("departments:survey-answer-return", args=[world.council.slug, round.pk, world.department_a.pk])
    client.post(return_url, {"reason": "The budget looks like last year's."})
    answer.refresh_from_db()
    assert answer.state == SubmissionState.RETURNED and "budget" in answer.return_reason

    client.force_login(world.liaison_a)
    page = client.get(edit_url(round, world.department_a))
    assert "The budget looks like last year" in page.content.decode()
    post(client, round, world.department_a, {**COMPLETE, "annual_budget": "7000"})
    answer.refresh_from_db()
    assert (answer.state, answer.annual_budget) == (SubmissionState.SUBMITTED, 7000)

    history = list(answer.history.order_by("history_date"))
    assert [h.state for h in history][-3:] == ["submitted", "returned", "submitted"]
    assert history[-1].history_user == world.liaison_a


def test_a_submitted_answer_cannot_be_changed(client, world, round):
    client.force_login(world.liaison_a)
    post(client, round, world.department_a, COMPLETE)
    answer = SurveyResponse.objects.get(round=round, department=world.department_a)
    response = client.post(edit_url(round, world.department_a), {**COMPLETE, "annual_budget": "1", "action": "save"})
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.annual_budget == 5000


def test_a_submission_after_the_deadline_is_accepted_and_flagged_late(client, world):
    round = SurveyRoundFactory(council=world.council, deadline=timezone.localdate() - timedelta(days=2))
    client.force_login(world.liaison_a)
    post(client, round, world.department_a, COMPLETE)
    answer = SurveyResponse.objects.get(round=round)
    assert answer.is_submitted and answer.late


def test_a_correction_after_the_deadline_keeps_an_on_time_answer_on_time(world, round):
    answer = SurveyResponseFactory(round=round, department=world.department_a, late=False)
    round.deadline = timezone.localdate() - timedelta(days=5)
    round.save()
    from departments import services

    services.submission_return(submission=answer, reason="Fix it")
    answer.refresh_from_db()
    services.submission_save(submission=answer, values={}, base_version=answer.version, by=world.liaison_a, submit=True)
    answer.refresh_from_db()
    assert answer.is_submitted and not answer.late


def test_a_closed_round_refuses_answers_unless_returned(client, world, round):
    client.force_login(world.liaison_a)
    post(client, round, world.department_a, {}, action="save")
    round.closed_at = timezone.now()
    round.save()
    response = post(client, round, world.department_a, COMPLETE)
    assert response.status_code == 302
    assert SurveyResponse.objects.get(round=round).state == SubmissionState.DRAFT

    answer = SurveyResponse.objects.get(round=round)
    answer.state = SubmissionState.RETURNED
    answer.save()
    post(client, round, world.department_a, COMPLETE)
    assert SurveyResponse.objects.get(round=round).is_submitted


def test_persian_and_arabic_digits_are_read(client, world, round):
    client.force_login(world.liaison_a)
    persian = {**COMPLETE, "approved_positions": "۱۲", "filled_positions": "٣", "annual_budget": "۲۵٬۰۰۰٬۰۰۰"}
    post(client, round, world.department_a, persian)
    answer = SurveyResponse.objects.get(round=round)
    assert (answer.approved_positions, answer.filled_positions, answer.annual_budget) == (12, 3, 25_000_000)


def test_bad_counts_are_refused_and_nothing_typed_is_lost(client, world, round):
    client.force_login(world.liaison_a)
    bad = {**COMPLETE, "staff_writer": "-1", "needed_writer": "many", "training_needs": "Video editing, urgently"}
    page = post(client, round, world.department_a, bad)
    assert page.status_code == 200
    html = page.content.decode()
    assert "greater than or equal to 0" in html and "Enter a whole number" in html
    assert 'value="-1"' in html and 'value="many"' in html and "Video editing, urgently" in html
    assert not SurveyResponse.objects.exists()  # nothing saved, nothing typed lost


def test_submitting_needs_every_figure_but_a_draft_does_not(client, world, round):
    client.force_login(world.liaison_a)
    page = post(client, round, world.department_a, {"approved_positions": "1"})
    assert page.status_code == 200 and "Not submitted yet" in page.content.decode()
    assert post(client, round, world.department_a, {"approved_positions": "1"}, action="save").status_code == 302


def test_more_filled_than_approved_positions_needs_a_note(client, world, round):
    client.force_login(world.liaison_a)
    over = {**COMPLETE, "approved_positions": "1", "filled_positions": "3"}
    page = post(client, round, world.department_a, over)
    assert "explain it in this note" in page.content.decode()
    post(client, round, world.department_a, {**over, "positions_note": "Two are on loan from the governorate."})
    assert SurveyResponse.objects.get(round=round).is_submitted


def test_a_new_round_starts_from_the_previous_answer_with_changes_highlighted(client, world):
    today = timezone.localdate()
    earlier = SurveyRoundFactory(council=world.council, starts_on=today - timedelta(days=200))
    SurveyResponseFactory(round=earlier, department=world.department_a, approved_positions=4, annual_budget=900)
    round = SurveyRoundFactory(council=world.council)
    client.force_login(world.liaison_a)
    page = client.get(edit_url(round, world.department_a)).content.decode()
    assert 'name="approved_positions" value="4"' in page and "changed-field" not in page

    post(client, round, world.department_a, {**COMPLETE, "approved_positions": "4", "annual_budget": "1200"}, "save")
    answer = SurveyResponse.objects.get(round=round)
    assert answer.previous.round == earlier
    page = client.get(edit_url(round, world.department_a)).content.decode()
    budget = page.index('name="annual_budget"')
    assert "changed-field" in page[budget - 400 : budget]
    positions = page.index('name="approved_positions"')
    assert "changed-field" not in page[positions - 300 : positions]


def test_extra_questions_are_asked_and_required_to_submit(client, world, round):
    number = SurveyQuestion.objects.create(round=round, text="Followers?", kind="number")
    yes_no = SurveyQuestion.objects.create(round=round, text="Website?", kind="yes_no")
    choice = SurveyQuestion.objects.create(round=round, text="Platform?", kind="choice", choices="Telegram\nEitaa")
    client.force_login(world.liaison_a)
    page = post(client, round, world.department_a, COMPLETE)
    assert page.status_code == 200 and "Followers?" in page.content.decode()
    extra = {f"extra_{number.pk}": "۱۲۰۰", f"extra_{yes_no.pk}": "True", f"extra_{choice.pk}": "Eitaa"}
    post(client, round, world.department_a, {**COMPLETE, **extra})
    answer = SurveyResponse.objects.get(round=round)
    assert answer.is_submitted
    assert answer.extra_answers == {str(number.pk): "1200", str(yes_no.pk): True, str(choice.pk): "Eitaa"}


def test_two_liaisons_saving_the_same_draft_do_not_overwrite_each_other(client, world, round):
    client.force_login(world.liaison_a)
    post(client, round, world.department_a, {}, action="save")
    stale = SurveyResponse.objects.get(round=round).version
    client.post(
        edit_url(round, world.department_a), {"approved_positions": "2", "action": "save", "base_version": stale}
    )
    page = client.post(
        edit_url(round, world.department_a), {"approved_positions": "9", "action": "save", "base_version": stale}
    )
    html = page.content.decode()
    assert page.status_code == 200 and "Someone else saved this" in html
    assert 'value="9"' in html  # what this person typed
    assert "Saved meanwhile by someone else" in html and '<strong dir="auto">2</strong>' in html  # and theirs
    assert SurveyResponse.objects.get(round=round).approved_positions == 2


def test_a_liaison_cannot_open_another_departments_answer(client, world, round):
    SurveyResponseFactory(round=round, department=world.department_b)
    client.force_login(world.liaison_a)
    args = [world.council.slug, round.pk, world.department_b.pk]
    assert client.get(reverse("departments:survey-answer", args=args)).status_code == 403
    assert client.post(edit_url(round, world.department_b), COMPLETE).status_code == 403


def test_a_department_the_round_does_not_ask_gets_404(client, world):
    round = SurveyRoundFactory(council=world.council, departments=[world.department_b])
    client.force_login(world.liaison_a)
    assert client.get(edit_url(round, world.department_a)).status_code == 404


def test_the_secretary_opens_a_round_with_extra_questions(client, world):
    client.force_login(world.secretary)
    data = {
        "title": "Survey 1405",
        "starts_on": "2026-01-01",
        "ends_on": "2026-06-30",
        "deadline": "2026-07-10",
        "departments": [world.department_a.pk],
        "questions-TOTAL_FORMS": "2",
        "questions-INITIAL_FORMS": "0",
        "questions-0-text": "Which platform?",
        "questions-0-kind": "choice",
        "questions-0-choices": "Telegram\nEitaa",
        "questions-1-text": "",
        "questions-1-kind": "text",
    }
    assert client.post(reverse("departments:survey-create", args=[world.council.slug]), data).status_code == 302
    round = world.council.survey_rounds.get(title="Survey 1405")
    assert list(round.departments.all()) == [world.department_a]
    assert [(q.text, q.choice_list) for q in round.questions.all()] == [("Which platform?", ["Telegram", "Eitaa"])]


def test_a_choice_question_needs_two_choices_and_nothing_is_lost(client, world):
    client.force_login(world.secretary)
    data = {
        "title": "Survey",
        "starts_on": "2026-01-01",
        "ends_on": "2025-06-30",
        "deadline": "2026-07-10",
        "departments": [world.department_a.pk],
        "questions-TOTAL_FORMS": "1",
        "questions-INITIAL_FORMS": "0",
        "questions-0-text": "Which platform?",
        "questions-0-kind": "choice",
        "questions-0-choices": "Telegram",
    }
    page = client.post(reverse("departments:survey-create", args=[world.council.slug]), data).content.decode()
    assert "at least two choices" in page and "cannot end before it starts" in page and "Which platform?" in page
    assert not world.council.survey_rounds.exists()


def test_the_liaisons_home_lists_what_their_department_still_owes(client, world, round):
    client.force_login(world.liaison_a)
    assert round.title in client.get(reverse("home:home")).content.decode()
    post(client, round, world.department_a, COMPLETE)
    assert round.title not in client.get(reverse("home:home")).content.decode()


def test_opening_a_closed_rounds_form_creates_nothing(client, world, round):
    round.closed_at = timezone.now()
    round.save()
    client.force_login(world.liaison_a)
    response = client.get(edit_url(round, world.department_a), follow=True)
    assert "closed and takes no more answers" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_prefilled_draft_has_one_history_record(client, world):
    earlier = SurveyRoundFactory(council=world.council, starts_on=timezone.localdate() - timedelta(days=200))
    SurveyResponseFactory(round=earlier, department=world.department_a)
    round = SurveyRoundFactory(council=world.council)
    client.force_login(world.liaison_a)
    post(client, round, world.department_a, {}, action="save")
    assert SurveyResponse.objects.get(round=round).history.count() == 1


def test_an_answer_without_history_still_opens(client, world, round):
    answer = SurveyResponseFactory(round=round, department=world.department_a)
    answer.history.all().delete()  # as rows written in bulk would be
    client.force_login(world.secretary)
    args = [world.council.slug, round.pk, world.department_a.pk]
    assert client.get(reverse("departments:survey-answer", args=args)).status_code == 200


def test_a_persian_page_shows_the_counts_typed_back_in_persian_digits(client, world, round):
    world.liaison_a.language = "fa"
    world.liaison_a.save(update_fields=["language"])
    client.force_login(world.liaison_a)
    page = post(client, round, world.department_a, {**COMPLETE, "staff_writer": "-1", "needed_writer": "12"})
    html = page.content.decode()
    assert page.status_code == 200 and 'value="-۱"' in html and 'value="۱۲"' in html
    assert 'value="5000"' not in html and 'value="۵۰۰۰"' in html  # the budget, drawn by the widget
