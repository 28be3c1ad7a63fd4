from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaAttachment, AgendaItem, AgendaProposal, Meeting
from tests.factories import AgendaItemFactory, AgendaProposalFactory, MeetingFactory


def url(name, meeting, *extra):
    return reverse(f"meetings:{name}", args=[meeting.council.slug, meeting.pk, *extra])


def test_the_secretary_schedules_a_meeting_in_jalali_with_persian_digits(client, world):
    world.council.calendar, world.council.time_zone = "jalali", "Asia/Tehran"
    world.council.save()
    client.force_login(world.secretary)
    next_year = timezone.now().year + 1
    import jdatetime

    jalali_year = jdatetime.date.fromgregorian(date=datetime(next_year, 6, 1).date()).year
    typed = f"{jalali_year}/03/11 10:30".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    response = client.post(
        reverse("meetings:meeting-create", args=[world.council.slug]),
        {"title": "جلسه ویژه", "starts_at": typed, "duration_minutes": "۹۰", "place": "فرمانداری"},
    )
    meeting = Meeting.objects.get(council=world.council)
    assert response.url == url("meeting-detail", meeting)
    assert meeting.starts_at == datetime(next_year, 6, 1, 7, 0, tzinfo=UTC)  # 10:30 in Tehran
    assert (meeting.year, meeting.number, meeting.duration_minutes) == (jalali_year, 1, 90)


def test_a_date_in_the_past_is_refused_and_nothing_typed_is_lost(client, world):
    client.force_login(world.secretary)
    response = client.post(
        reverse("meetings:meeting-create", args=[world.council.slug]),
        {"title": "Late", "starts_at": "2020-01-05T10:00", "duration_minutes": "90", "place": "Hall B"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "already passed" in body
    assert 'value="Hall B"' in body and 'value="2020-01-05T10:00"' in body
    assert not Meeting.objects.exists()


def test_an_agenda_item_needs_a_title(client, world):
    meeting = MeetingFactory(council=world.council)
    client.force_login(world.secretary)
    response = client.post(url("item-create", meeting), {"title": "", "description": "kept", "minutes_allotted": "10"})
    assert response.status_code == 200
    assert "Enter the title." in response.content.decode()
    assert "kept</textarea>" in response.content.decode()


def test_reordering_swaps_items_and_htmx_gets_the_agenda_back(client, world):
    meeting = MeetingFactory(council=world.council)
    first, _second, third = (AgendaItemFactory(meeting=meeting, title=t) for t in ("First", "Second", "Third"))
    client.force_login(world.secretary)
    response = client.post(url("item-move", meeting, third.pk), {"direction": "up"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert '<ol class="list-group agenda-list" id="agenda-list">' in response.content.decode()
    assert list(meeting.items.values_list("title", flat=True)) == ["First", "Third", "Second"]
    client.post(url("item-move", meeting, first.pk), {"direction": "up"})  # already first: stays
    client.post(url("item-move", meeting, first.pk), {"direction": "down"})
    assert list(meeting.items.values_list("title", flat=True)) == ["Third", "First", "Second"]
    assert list(meeting.items.values_list("position", flat=True)) == [0, 1, 2]


@pytest.mark.parametrize(
    ("name", "size", "message"),
    [("tool.exe", 10, "not allowed"), ("huge.pdf", 21 * 1024 * 1024, "the limit is 20 MB")],
)
def test_forbidden_or_oversized_attachments_are_refused(client, world, name, size, message):
    meeting = MeetingFactory(council=world.council)
    item = AgendaItemFactory(meeting=meeting)
    client.force_login(world.secretary)
    upload = SimpleUploadedFile(name, b"x" * size)
    response = client.post(url("attachment-add", meeting, item.pk), {"file": upload}, follow=True)
    assert message in response.content.decode()
    assert not AgendaAttachment.objects.exists()


def test_an_attachment_is_stored_and_served_only_to_members(client, world):
    meeting = MeetingFactory(council=world.council)
    item = AgendaItemFactory(meeting=meeting)
    client.force_login(world.secretary)
    client.post(url("attachment-add", meeting, item.pk), {"file": SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan")})
    attachment = AgendaAttachment.objects.get()
    assert (attachment.name, attachment.size) == ("plan.pdf", 13)
    download = url("attachment-download", meeting, attachment.pk)
    assert b"".join(client.get(download).streaming_content) == b"%PDF-1.4 plan"
    client.force_login(world.outsider)
    assert client.get(download).status_code == 404


def test_a_liaison_proposes_and_the_chair_accepts_onto_the_agenda(client, world):
    meeting = MeetingFactory(council=world.council)
    client.force_login(world.liaison_a)
    client.post(url("proposal-create", meeting), {"title": "School news week", "description": "Why"})
    proposal = AgendaProposal.objects.get()
    assert (proposal.department, proposal.state) == (world.department_a, "pending")
    client.force_login(world.chair)
    client.post(url("proposal-accept", meeting, proposal.pk))
    proposal.refresh_from_db()
    assert proposal.state == "accepted"
    item = AgendaItem.objects.get(meeting=meeting, title="School news week")
    assert item.presenter == world.department_a


def test_declining_a_proposal_needs_a_reason_which_the_proposer_sees(client, world):
    meeting = MeetingFactory(council=world.council)
    proposal = AgendaProposalFactory(meeting=meeting, proposed_by=world.liaison_a)
    client.force_login(world.chair)
    response = client.post(url("proposal-decline", meeting, proposal.pk), {"reason": ""})
    assert "Enter the reason." in response.content.decode()
    client.post(url("proposal-decline", meeting, proposal.pk), {"reason": "Covered at the next administrative council"})
    client.force_login(world.liaison_a)
    assert "Covered at the next administrative council" in client.get(url("meeting-detail", meeting)).content.decode()


def test_the_agenda_of_a_held_meeting_is_frozen(client, world):
    meeting = MeetingFactory(council=world.council, state="held", starts_at=timezone.now() - timedelta(hours=3))
    client.force_login(world.secretary)
    response = client.post(url("item-create", meeting), {"title": "Late item", "minutes_allotted": "5"})
    assert "cannot be changed" in response.content.decode()
    assert not meeting.items.exists()
