"""Progress updates, closing, overdue, the follow-up list with filters and exports, carry-over, dashboards."""

import csv
import io
from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from meetings import services, tasks
from meetings.models import ActionItem, AgendaItem
from tests.factories import ActionItemFactory, MeetingFactory, ProgressUpdateFactory


def detail(action):
    return reverse("meetings:action-detail", args=[action.council.slug, action.pk])


def follow_up(world, query=""):
    return reverse("meetings:action-list", args=[world.council.slug]) + query


def test_the_liaison_reports_progress_and_proposes_done_then_the_chair_closes(client, world):
    action = ActionItemFactory(
        council=world.council, decision__item__meeting__council=world.council, department=world.department_a
    )
    client.force_login(world.liaison_a)
    client.post(detail(action), {"text": "Two press releases published", "proposes_done": "on"})
    action.refresh_from_db()
    assert action.status == ActionItem.Status.DONE_PROPOSED
    client.force_login(world.chair)
    client.post(reverse("meetings:action-close", args=[world.council.slug, action.pk]))
    action.refresh_from_db()
    assert (action.status, action.closed_by) == (ActionItem.Status.DONE, world.chair)
    client.force_login(world.liaison_a)
    response = client.post(detail(action), {"text": "more"})
    assert "This action item is closed" in response.content.decode()


def test_another_departments_liaison_cannot_report_progress(client, world):
    action = ActionItemFactory(
        council=world.council, decision__item__meeting__council=world.council, department=world.department_a
    )
    client.force_login(world.liaison_b)
    assert client.post(detail(action), {"text": "Not mine"}).status_code == 403
    assert not action.updates.exists()


def test_a_member_reads_progress_but_cannot_report(client, world):
    action = ActionItemFactory(
        council=world.council, decision__item__meeting__council=world.council, department=world.department_a
    )
    client.force_login(world.member)
    assert client.get(detail(action)).status_code == 200
    assert client.post(detail(action), {"text": "x"}).status_code == 403


def make_actions(world, n, **kwargs):
    return [
        ActionItemFactory(council=world.council, decision__item__meeting__council=world.council, **kwargs)
        for _ in range(n)
    ]


def test_overdue_items_are_highlighted_and_filterable(client, world):
    late = ActionItemFactory(
        council=world.council,
        decision__item__meeting__council=world.council,
        department=world.department_a,
        due_date=timezone.localdate() - timedelta(days=3),
    )
    ActionItemFactory(
        council=world.council, decision__item__meeting__council=world.council, department=world.department_b
    )
    client.force_login(world.chair)
    body = client.get(follow_up(world, "?overdue=on")).content.decode()
    assert body.count('class="overdue"') == 1
    assert detail(late) in body
    body = client.get(follow_up(world, f"?department={world.department_b.pk}")).content.decode()
    assert detail(late) not in body


def test_a_liaison_sees_only_their_departments_items(client, world):
    mine = ActionItemFactory(
        council=world.council, decision__item__meeting__council=world.council, department=world.department_a
    )
    theirs = ActionItemFactory(
        council=world.council, decision__item__meeting__council=world.council, department=world.department_b
    )
    client.force_login(world.liaison_a)
    body = client.get(follow_up(world)).content.decode()
    assert detail(mine) in body and detail(theirs) not in body


def test_exports_open_back_with_the_same_rows(client, world):
    action = ActionItemFactory(
        council=world.council, decision__item__meeting__council=world.council, department=world.department_a
    )
    action.decision.year, action.decision.number = 2026, 3
    action.decision.save()
    ProgressUpdateFactory(action_item=action, text="Halfway there")
    client.force_login(world.chair)
    response = client.get(follow_up(world, "?open_only=on&export=csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Decision"
    assert rows[1][0] == "2026/03" and rows[1][2] == "Education" and rows[1][6] == "Halfway there"
    response = client.get(follow_up(world, "?open_only=on&export=xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[2]][:3] == ["2026/03", str(action.decision.item.meeting), "Education"]


def test_exports_in_persian_are_right_to_left_with_jalali_dates(client, world):
    world.council.calendar = "jalali"
    world.council.save()
    world.chair.language = "fa"
    world.chair.save()
    ActionItemFactory(
        council=world.council, decision__item__meeting__council=world.council, department=world.department_a
    )
    client.force_login(world.chair)
    sheet = load_workbook(io.BytesIO(client.get(follow_up(world, "?export=xlsx")).content)).active
    assert sheet.sheet_view.rightToLeft
    assert "۱۴۰" in sheet["D2"].value


def test_open_action_items_are_carried_into_the_next_meetings_agenda(world):
    action = ActionItemFactory(
        council=world.council, decision__item__meeting__council=world.council, department=world.department_a
    )
    action.decision.year, action.decision.number = 2026, 5
    action.decision.save()
    ProgressUpdateFactory(action_item=action, text="Draft circulated")
    ActionItemFactory(
        council=world.council, decision__item__meeting__council=world.council, status=ActionItem.Status.DONE
    )
    meeting = services.meeting_create(
        council=world.council, created_by=world.secretary, starts_at=timezone.now() + timedelta(days=5), place="Hall"
    )
    follow = meeting.items.get(kind=AgendaItem.Kind.FOLLOW_UP)
    assert follow.position == 0
    assert "2026/05" in follow.description and "Education" in follow.description
    assert "Draft circulated" in follow.description
    assert follow.description.count("•") == 1  # the closed one is not carried


def test_no_follow_up_item_when_nothing_is_open(world):
    meeting = services.meeting_create(
        council=world.council, created_by=world.secretary, starts_at=timezone.now() + timedelta(days=5), place="Hall"
    )
    assert not meeting.items.exists()


def test_the_chairs_home_shows_the_next_meeting_approvals_and_overdue_by_department(client, world):
    upcoming = MeetingFactory(council=world.council, state="agenda_published", title="Next one")
    MeetingFactory(
        council=world.council, state="minutes_drafted", starts_at=timezone.now() - timedelta(days=2), number=77
    )
    make_actions(world, 2, department=world.department_b, due_date=timezone.localdate() - timedelta(days=1))
    client.force_login(world.chair)
    body = client.get(reverse("home:home")).content.decode()
    assert reverse("meetings:meeting-detail", args=[world.council.slug, upcoming.pk]) in body
    assert "Minutes of meeting 77/2026 await approval" in body
    assert 'Health</a> <span class="badge text-bg-danger">2</span>' in body


def test_the_liaisons_home_lists_their_open_items(client, world):
    mine = make_actions(world, 1, department=world.department_a)[0]
    theirs = make_actions(world, 1, department=world.department_b)[0]
    client.force_login(world.liaison_a)
    body = client.get(reverse("home:home")).content.decode()
    assert detail(mine) in body and detail(theirs) not in body


def test_the_weekly_digest_goes_to_liaisons_with_open_items(world):
    make_actions(world, 2, department=world.department_a)
    make_actions(world, 1, department=world.department_a, due_date=timezone.localdate() - timedelta(days=1))
    assert tasks.send_liaison_digests() == 1
    assert mail.outbox[0].to == [world.liaison_a.email]
    assert "3 open action items; 1 of them are overdue" in mail.outbox[0].body


def test_the_follow_up_list_pages_by_50_keeping_its_filters(client, world):
    from tests.meetings.test_query_counts import add_actions

    add_actions(world, MeetingFactory(council=world.council), 60)
    client.force_login(world.chair)
    first = client.get(follow_up(world, f"?department={world.department_a.pk}&open_only=on")).content.decode()
    assert first.count('class="small action-text"') == 50
    assert f"department={world.department_a.pk}&amp;open_only=on&amp;page=2" in first
    second = client.get(follow_up(world, f"?department={world.department_a.pk}&open_only=on&page=2")).content.decode()
    assert second.count('class="small action-text"') == 10 and "Page 2 of 2" in second
    assert client.get(follow_up(world, "?page=zzz")).status_code == 200


def test_the_default_open_items_filter_holds_on_every_page(client, world):
    from tests.meetings.test_query_counts import add_actions

    add_actions(world, MeetingFactory(council=world.council), 60)
    ActionItem.objects.filter(pk__in=ActionItem.objects.order_by("pk").values("pk")[:5]).update(status="done")
    client.force_login(world.chair)
    first = client.get(follow_up(world)).content.decode()
    assert "Page 1 of 2" in first and "?page=2" in first
    second = client.get(follow_up(world, "?page=2")).content.decode()
    assert second.count('class="small action-text"') == 5  # 55 open items: 50, then 5
    assert ">Done</td>" not in second and ">Done</td>" not in first
