"""Problems found by trying the product as its users would, pinned down."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import AgendaAttachment, Meeting
from reports.models import Document
from tests.factories import ActionItemFactory, AgendaItemFactory, MeetingFactory


def url(name, meeting, *extra):
    return reverse(f"meetings:{name}", args=[meeting.council.slug, meeting.pk, *extra])


@pytest.fixture
def published(world, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(council=world.council)
    AgendaItemFactory(meeting=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_publish_agenda(meeting=meeting, by=world.chair)
    mail.outbox.clear()
    return Meeting.objects.get(pk=meeting.pk)


def test_rescheduling_from_the_page_sends_everyone_the_update(
    client, world, published, django_capture_on_commit_callbacks
):
    client.force_login(world.secretary)
    new_time = timezone.localtime(published.starts_at + timedelta(days=2))
    data = {
        "title": published.title,
        "starts_at": new_time.strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": "90",
        "place": "Another hall",
        "stream_url": "",
        "base_version": published.version,
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url("meeting-edit", published), data).status_code == 302
    published.refresh_from_db()
    assert (published.place, published.ical_sequence) == ("Another hall", 1)
    assert len(mail.outbox) == world.council.memberships.count()
    assert all(message.subject.startswith("Changed:") for message in mail.outbox)


def test_a_cancelled_meeting_cannot_be_opened_for_editing(client, world):
    meeting = MeetingFactory(council=world.council, state="cancelled")
    client.force_login(world.secretary)
    response = client.get(url("meeting-edit", meeting))
    assert response.status_code == 302


def test_number_fields_take_persian_digits_in_the_browser_too(client, world):
    client.force_login(world.secretary)
    body = client.get(reverse("meetings:meeting-create", args=[world.council.slug])).content.decode()
    assert 'type="number"' not in body  # the browser would throw Persian digits away
    assert 'inputmode="numeric"' in body


def test_a_gregorian_year_typed_into_a_jalali_date_is_refused(client, world):
    world.council.calendar, world.council.time_zone = "jalali", "Asia/Tehran"
    world.council.save()
    client.force_login(world.secretary)
    response = client.post(
        reverse("meetings:meeting-create", args=[world.council.slug]),
        {"title": "x", "starts_at": "2026/12/30 10:00", "duration_minutes": "90", "place": "Hall"},
    )
    assert response.status_code == 200
    assert "Enter a valid date and time" in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_reply_page_speaks_the_invitees_language(client, world, published):
    world.council.language = "fa"
    world.council.save()
    attendance = published.attendances.get(membership__user=world.liaison_a)
    page = client.get(reverse("rsvp", args=[services.rsvp_token(attendance)]), HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="fa" dir="rtl">' in page.content.decode()


def test_a_program_renamed_to_pdf_is_refused(client, world):
    meeting = MeetingFactory(council=world.council)
    item = AgendaItemFactory(meeting=meeting)
    client.force_login(world.secretary)
    upload = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 this is a Windows program")
    response = client.post(url("attachment-add", meeting, item.pk), {"file": upload}, follow=True)
    assert "does not match its type" in response.content.decode()
    assert not AgendaAttachment.objects.exists()


def test_opening_a_button_address_gets_a_page_not_a_blank(client, world, published):
    client.force_login(world.chair)
    response = client.get(url("meeting-publish-agenda", published))
    assert response.status_code == 405
    assert "used by a button" in response.content.decode()
    assert response["Allow"] == "POST"


def test_minutes_of_a_meeting_not_yet_held_cannot_be_printed(client, world, published):
    client.force_login(world.chair)
    response = client.post(
        reverse("reports:document-create", args=[world.council.slug]),
        {"kind": "minutes", "language": "en", "meeting": published.pk},
    )
    assert response.status_code == 400
    assert not Document.objects.exists()


def test_a_liaisons_follow_up_report_covers_their_department_only(
    client, world, private_files, django_capture_on_commit_callbacks
):
    ActionItemFactory(
        council=world.council, decision__item__meeting__council=world.council, department=world.department_a
    )
    ActionItemFactory(
        council=world.council, decision__item__meeting__council=world.council, department=world.department_b
    )
    create = reverse("reports:document-create", args=[world.council.slug])
    client.force_login(world.liaison_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(create, {"kind": "follow_up", "language": "en"})
    document = Document.objects.get()
    assert document.department == world.department_a
    from tests.reports.pdf_helpers import pdf_text

    text = pdf_text(document.file.read())[1]
    assert "Education" in text and "Health" not in text

    # The council-wide report is not theirs to download.
    client.force_login(world.chair)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(create, {"kind": "follow_up", "language": "en"})
    council_wide = Document.objects.get(department=None)
    client.force_login(world.liaison_a)
    assert (
        client.get(reverse("reports:document-download", args=[world.council.slug, council_wide.pk])).status_code == 403
    )
    client.force_login(world.member)
    assert (
        client.get(reverse("reports:document-download", args=[world.council.slug, council_wide.pk])).status_code == 200
    )


def test_a_file_missing_on_disk_is_not_found_rather_than_an_error(client, world, meetings):
    meetings.attachment.file.storage.delete(meetings.attachment.file.name)
    client.force_login(world.chair)
    url = reverse(
        "meetings:attachment-download", args=[world.council.slug, meetings.meeting.pk, meetings.attachment.pk]
    )
    assert client.get(url).status_code == 404
