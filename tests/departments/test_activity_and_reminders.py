"""Activity reports' flow, and the scheduled reminders to liaisons."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule

from departments.models import ActivityReport, SubmissionState
from departments.tasks import send_submission_reminders
from tests.factories import ActivityPeriodFactory, ActivityReportFactory, SurveyResponseFactory, SurveyRoundFactory

COUNTS = {
    "press_releases": "۳",
    "news_published": "5",
    "interviews": "1",
    "press_conferences": "0",
    "social_posts": "40",
    "events_covered": "2",
    "enquiries_answered": "12",
}


def edit_url(period, department):
    return reverse("departments:activity-report-edit", args=[period.council.slug, period.pk, department.pk])


def test_a_liaison_reports_and_the_secretary_returns_it(client, world):
    period = ActivityPeriodFactory(council=world.council)
    client.force_login(world.liaison_a)
    client.get(edit_url(period, world.department_a))
    links = "https://edu.example.ir/news/1\n\nhttps://t.me/edu_news"
    client.post(edit_url(period, world.department_a), {**COUNTS, "links": links, "action": "submit", "base_version": 1})
    report = ActivityReport.objects.get()
    assert report.is_submitted and report.press_releases == 3 and report.total == 63
    assert report.link_list == ["https://edu.example.ir/news/1", "https://t.me/edu_news"]

    client.force_login(world.secretary)
    args = [world.council.slug, period.pk, world.department_a.pk]
    client.post(reverse("departments:activity-report-return", args=args), {"reason": "Add the interview link."})
    report.refresh_from_db()
    assert report.state == SubmissionState.RETURNED
    page = client.get(reverse("departments:activity-report", args=args)).content.decode()
    assert "Add the interview link." in page and "History" in page


def test_a_link_that_is_not_a_web_address_is_refused_and_kept(client, world):
    period = ActivityPeriodFactory(council=world.council)
    client.force_login(world.liaison_a)
    client.get(edit_url(period, world.department_a))
    page = client.post(
        edit_url(period, world.department_a),
        {**COUNTS, "links": "javascript:alert(1)", "highlights": "Our best month", "action": "submit"},
    ).content.decode()
    assert "is not a web address" in page and "Our best month" in page
    assert not ActivityReport.objects.exists()  # nothing saved, nothing typed lost


@pytest.fixture
def due_in_three_days(world):
    """A survey round due in three days: A has submitted, B has not."""
    round = SurveyRoundFactory(council=world.council, deadline=timezone.localdate() + timedelta(days=3))
    SurveyResponseFactory(round=round, department=world.department_a)
    return round


def test_liaisons_who_owe_an_answer_hear_three_days_before(world, due_in_three_days):
    assert send_submission_reminders() == 1
    assert [message.to for message in mail.outbox] == [[world.liaison_b.email]]
    assert "Due in three days" in mail.outbox[0].subject
    assert f"/answers/{world.department_b.pk}/edit/" in mail.outbox[0].body
    assert send_submission_reminders() == 0  # a second run the same day mails nobody twice


def test_and_the_day_after_the_deadline(world):
    period = ActivityPeriodFactory(council=world.council, deadline=timezone.localdate() - timedelta(days=1))
    ActivityReportFactory(period=period, department=world.department_b, state=SubmissionState.DRAFT)
    assert send_submission_reminders() == 2
    assert all("Overdue" in message.subject for message in mail.outbox)


def test_a_liaison_reads_the_reminder_in_their_language(world, due_in_three_days):
    world.liaison_b.language = "fa"
    world.liaison_b.save()
    send_submission_reminders()
    assert "سه روز" in mail.outbox[0].subject


def test_closed_rounds_and_other_days_send_nothing(world):
    SurveyRoundFactory(council=world.council, deadline=timezone.localdate() + timedelta(days=2))
    closed = SurveyRoundFactory(council=world.council, deadline=timezone.localdate() + timedelta(days=3))
    closed.closed_at = timezone.now()
    closed.save()
    assert send_submission_reminders() == 0


def test_the_reminders_are_scheduled_daily(db):
    schedule = Schedule.objects.get(func="departments.tasks.send_submission_reminders")
    assert schedule.schedule_type == Schedule.DAILY


def test_returning_an_answer_e_mails_the_liaison(client, world):
    period = ActivityPeriodFactory(council=world.council)
    ActivityReportFactory(period=period, department=world.department_a)
    client.force_login(world.secretary)
    args = [world.council.slug, period.pk, world.department_a.pk]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.db.transaction.on_commit", lambda f, *a, **k: f())
        client.post(reverse("departments:activity-report-return", args=args), {"reason": "Add the links."})
    assert [m.to for m in mail.outbox] == [[world.liaison_a.email]]
    assert "Add the links." in mail.outbox[0].body and "/edit/" in mail.outbox[0].body
