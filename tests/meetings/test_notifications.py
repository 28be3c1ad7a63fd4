"""The loop tells people what waits for them: the chair of minutes to approve, a department's liaisons of their new
action items, the secretariat of an item reported done. Each e-mail once, in its recipient's language."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from council.models import Role
from meetings import services, tasks
from meetings.models import ActionItem, Meeting, Notification
from tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    DecisionFactory,
    MeetingFactory,
    MembershipFactory,
    UserFactory,
)


@pytest.fixture
def held(world):
    """A held meeting with one decision for departments A and B and one for A alone."""
    meeting = MeetingFactory(
        council=world.council, state=Meeting.State.HELD, starts_at=timezone.now() - timedelta(hours=2)
    )
    item = AgendaItemFactory(meeting=meeting, title="Information network")
    both = DecisionFactory(item=item, text="Name a PR officer in every department", position=0)
    both.departments.set([world.department_a, world.department_b])
    DecisionFactory(item=item, text="Train the education office's staff", position=1).departments.set(
        [world.department_a]
    )
    return meeting


def to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def test_submitting_minutes_mails_each_chair_once(world, held, django_capture_on_commit_callbacks):
    deputy = UserFactory(username="deputy")
    MembershipFactory(user=deputy, council=world.council, role=Role.CHAIR)
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_submit(meeting=held, by=world.secretary)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.chair.email, deputy.email])
    message = to(world.chair)[0]
    assert message.subject.startswith("Minutes awaiting your approval: meeting")
    assert f"/meetings/{held.pk}/#minutes" in message.body
    assert f"/meetings/{held.pk}/#minutes" in message.alternatives[0][0]

    # A second click is refused by the state check and mails nobody.
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.MeetingError):
        services.minutes_submit(meeting=held, by=world.secretary)
    assert len(mail.outbox) == 2


def test_the_chairs_mail_is_in_their_language(world, held, django_capture_on_commit_callbacks):
    world.council.language, world.council.calendar, world.council.time_zone = "fa", "jalali", "Asia/Tehran"
    world.council.save()
    world.chair.language = "fa"
    world.chair.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_submit(meeting=held, by=world.secretary)
    message = to(world.chair)[0]
    assert message.subject.startswith("صورتجلسه در انتظار تأیید شما")
    assert "۲" in message.subject and "۱۴۰" in message.body  # Persian digits; the date in the Jalali calendar
    assert 'dir="rtl"' in message.alternatives[0][0]


def test_approving_mails_each_liaison_their_departments_new_items(world, held, django_capture_on_commit_callbacks):
    second_a = UserFactory(username="liaison_a2", language="sq")
    MembershipFactory(user=second_a, council=world.council, role=Role.LIAISON, department=world.department_a)
    services.minutes_submit(meeting=held, by=world.secretary)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_approve(meeting=held, by=world.chair)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.liaison_a.email, second_a.email, world.liaison_b.email]
    )
    for_a, for_b = to(world.liaison_a)[0], to(world.liaison_b)[0]
    assert "Education" in for_a.subject and "Health" in for_b.subject
    assert "Name a PR officer" in for_a.body and "Train the education office" in for_a.body
    assert "Name a PR officer" in for_b.body and "Train the education office" not in for_b.body
    b_item = ActionItem.objects.get(department=world.department_b)
    assert f"/actions/{b_item.pk}/" in for_b.body
    assert to(second_a)[0].subject.startswith("Veprime të reja")  # Albanian for the Albanian-speaking liaison

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.MeetingError):
        services.minutes_approve(meeting=held, by=world.chair)
    assert len(mail.outbox) == 3


def test_reporting_done_mails_the_secretariat_once(world, django_capture_on_commit_callbacks):
    action = ActionItemFactory(
        decision=DecisionFactory(item=AgendaItemFactory(meeting=MeetingFactory(council=world.council))),
        department=world.department_a,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.progress_post(action_item=action, author=world.liaison_a, text="Halfway")
    assert mail.outbox == []  # progress that is not "done" mails nobody

    with django_capture_on_commit_callbacks(execute=True):
        services.progress_post(action_item=action, author=world.liaison_a, text="Officer named", proposes_done=True)
    assert [m.to for m in mail.outbox] == [[world.secretary.email]]
    assert "Reported done" in mail.outbox[0].subject and "Officer named" in mail.outbox[0].body
    assert f"/actions/{action.pk}/" in mail.outbox[0].body

    # Reporting again while it already waits for the chair tells nobody again.
    with django_capture_on_commit_callbacks(execute=True):
        services.progress_post(action_item=action, author=world.liaison_a, text="Also trained", proposes_done=True)
    assert len(mail.outbox) == 1


def test_a_secretary_reporting_done_is_not_mailed_their_own_report(world, django_capture_on_commit_callbacks):
    action = ActionItemFactory(
        decision=DecisionFactory(item=AgendaItemFactory(meeting=MeetingFactory(council=world.council))),
        department=world.department_a,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.progress_post(action_item=action, author=world.secretary, text="Done", proposes_done=True)
    assert mail.outbox == []


def test_a_retry_mails_only_whom_the_failure_missed(world, held, django_capture_on_commit_callbacks, monkeypatch):
    deputy = UserFactory(username="deputy")
    MembershipFactory(user=deputy, council=world.council, role=Role.CHAIR)
    real_send = tasks.send_templated_mail

    def refuse_the_deputy(**kwargs):
        if kwargs["to"] == deputy.email:
            raise OSError("SMTP server refused")
        real_send(**kwargs)

    monkeypatch.setattr(tasks, "send_templated_mail", refuse_the_deputy)
    with pytest.raises(OSError), django_capture_on_commit_callbacks(execute=True):  # raised: the queue retries
        services.minutes_submit(meeting=held, by=world.secretary)
    assert [m.to for m in mail.outbox] == [[world.chair.email]]
    failed = Notification.objects.get(recipient=deputy)
    assert (failed.sent_at, failed.attempts, failed.error) == (None, 1, "SMTP server refused")

    monkeypatch.setattr(tasks, "send_templated_mail", real_send)
    for notification in Notification.objects.all():  # the queue hands every task out again: only one mails
        tasks.send_notification(notification.pk)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.chair.email, deputy.email])
    assert not Notification.objects.filter(sent_at=None).exists()
