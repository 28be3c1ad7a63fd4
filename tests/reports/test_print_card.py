"""The print card: each page offers the documents its subject can be printed as now, to those who may have them."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from reports.registry import PRINTABLES, printables_for
from tests.factories import MeetingFactory, SurveyRoundFactory


def offered(page) -> list[str]:
    return re.findall(r'name="kind" value="([a-z_]+)"', page.content.decode())


def meeting_page(client, meeting):
    return client.get(reverse("meetings:meeting-detail", args=[meeting.council.slug, meeting.pk]))


@pytest.mark.parametrize(
    ("state", "kinds"),
    [
        (Meeting.State.DRAFT, ["agenda", "attendance_sheet"]),
        (Meeting.State.AGENDA_PUBLISHED, ["agenda", "attendance_sheet"]),
        (Meeting.State.HELD, ["agenda", "attendance_sheet", "minutes"]),
        (Meeting.State.PUBLISHED, ["agenda", "attendance_sheet", "minutes"]),
        (Meeting.State.CANCELLED, []),
    ],
)
def test_a_meeting_offers_its_minutes_once_held_and_nothing_once_cancelled(world, login, state, kinds):
    meeting = MeetingFactory(council=world.council, state=state, starts_at=timezone.now() - timedelta(days=1))
    page = meeting_page(login(world.member), meeting)
    assert offered(page) == kinds
    assert ('name="meeting"' in page.content.decode()) == bool(kinds)


def test_the_follow_up_list_offers_the_follow_up_report(world, login):
    page = login(world.liaison_a).get(reverse("meetings:action-list", args=[world.council.slug]))
    assert offered(page) == ["follow_up"]


def test_a_survey_dashboard_offers_its_summary_to_the_secretariat_only(world):
    round = SurveyRoundFactory(council=world.council)
    assert [p.kind for p in printables_for(world.secretary, round)] == ["gap_summary"]
    assert printables_for(world.liaison_a, round) == []
    assert printables_for(world.outsider, round) == []


def test_minutes_of_a_meeting_not_yet_held_are_refused(world, login):
    meeting = MeetingFactory(council=world.council, state=Meeting.State.AGENDA_PUBLISHED)
    response = login(world.secretary).post(
        reverse("reports:document-create", args=[world.council.slug]),
        {"kind": "minutes", "language": "en", "meeting": meeting.pk},
    )
    assert response.status_code == 400


def test_every_kind_of_document_is_registered():
    from reports.models import Document

    assert set(PRINTABLES) == set(Document.Kind.values)
