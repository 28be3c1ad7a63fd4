"""Printed documents from the database, the queue that builds them, and who may download them."""

import io
import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from helpers.l10n.digits import to_persian_digits
from meetings import services as meeting_services
from meetings.models import Attendance, Meeting
from reports import documents, services
from reports.models import Document
from reports.pdf.render import render
from tests.factories import AgendaItemFactory, AttendanceFactory, DecisionFactory, MeetingFactory
from tests.reports.pdf_helpers import pdf_text, squash


@pytest.fixture(autouse=True)
def _private(private_files):
    return private_files


@pytest.fixture
def approved(world):
    """A held meeting with approved minutes, attendance and a decision for department A."""
    meeting = MeetingFactory(
        council=world.council,
        state="minutes_drafted",
        starts_at=timezone.now() - timedelta(days=1),
        chaired_by=world.chair,
    )
    item = AgendaItemFactory(meeting=meeting, title="Information work", discussion="Departments reported shortages.")
    DecisionFactory(item=item, text="Send a monthly report.").departments.set([world.department_a])
    for membership in world.council.memberships.all():
        AttendanceFactory(meeting=meeting, membership=membership, status=Attendance.Status.PRESENT)
    meeting_services.minutes_approve(meeting=meeting, by=world.chair)
    meeting.refresh_from_db()
    return meeting


def test_english_minutes_say_what_the_meeting_decided(world, approved):
    _reader, text = pdf_text(render(documents.minutes(approved, "en")))
    for expected in (
        "Minutes of Meeting",
        "Information work",
        "Departments reported shortages.",
        "Send a monthly report.",
        "Education",
        world.chair.get_full_name(),
        world.secretary.get_full_name(),
        "Page 1 of",
    ):
        assert squash(expected) in squash(text), expected
    assert "DRAFT" not in text
    assert f"Decision {approved.year}/01" in text


def test_persian_minutes_use_persian_digits_and_the_jalali_calendar(world, approved):
    world.council.language, world.council.calendar, world.council.time_zone = "fa", "jalali", "Asia/Tehran"
    world.council.save()
    approved = Meeting.objects.get(pk=approved.pk)
    _reader, text = pdf_text(render(documents.minutes(approved, "fa")), rtl=True)
    assert squash(f"{to_persian_digits(str(approved.year))}/۰۱") in squash(text)
    months = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند")
    assert any(squash(month) in squash(text) for month in months)


def test_minutes_not_yet_approved_carry_the_draft_watermark(world):
    meeting = MeetingFactory(council=world.council, state="held", starts_at=timezone.now() - timedelta(hours=3))
    AgendaItemFactory(meeting=meeting)
    spec = documents.minutes(meeting, "en")
    assert spec.watermark == "DRAFT"
    assert documents.minutes(meeting, "sq").watermark  # translated, not empty


def test_agenda_and_attendance_sheet_list_the_items_and_members(world, approved):
    agenda_text = pdf_text(render(documents.agenda(approved, "en")))[1]
    assert "Information work" in agenda_text and "invited" in agenda_text
    sheet_text = pdf_text(render(documents.attendance_sheet(approved, "en")))[1]
    assert world.liaison_a.get_full_name() in sheet_text and "Signature" in sheet_text


def test_the_follow_up_report_lists_open_action_items(world, approved):
    text = pdf_text(render(documents.follow_up(world.council, "en")))[1]
    assert "Education" in text and f"{approved.year}/01" in text


def request(world, meeting, kind="minutes", language="en"):
    return services.document_request(
        kind=kind, council=world.council, meeting=meeting, language=language, user=world.chair
    )


def test_a_request_is_built_by_the_queue_and_the_same_data_is_not_built_twice(
    world, approved, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = request(world, approved)
    document.refresh_from_db()
    assert (document.status, document.attempts) == ("done", 1)
    assert document.file.read().startswith(b"%PDF")
    again = request(world, approved)
    assert again.pk == document.pk  # same data: the stored file
    item = approved.items.first()
    item.title = "Information work (revised)"
    item.save()  # a change anywhere in the council: the cached fingerprint is dropped with the rest
    with django_capture_on_commit_callbacks(execute=True):
        changed = request(world, approved)
    assert changed.pk != document.pk and changed.version != document.version


def test_members_download_and_outsiders_cannot(client, world, approved, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = request(world, approved)
    document.refresh_from_db()
    url = reverse("reports:document-download", args=[world.council.slug, document.pk])
    client.force_login(world.liaison_b)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    assert not Path(document.file.path).is_relative_to(settings.MEDIA_ROOT)  # outside the public media space


def test_the_page_asks_and_htmx_polls_until_the_download_is_offered(client, world, approved):
    client.force_login(world.secretary)
    create = reverse("reports:document-create", args=[world.council.slug])
    response = client.post(
        create, {"kind": "minutes", "language": "fa", "meeting": approved.pk}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert 'hx-trigger="every 1s"' in body  # still waiting: the fragment polls itself
    document = Document.objects.get()
    from reports.tasks import build_document

    build_document(document.pk)
    fragment = client.get(
        reverse("reports:document-detail", args=[world.council.slug, document.pk]), HTTP_HX_REQUEST="true"
    )
    assert "every 1s" not in fragment.content.decode()
    assert reverse("reports:document-download", args=[world.council.slug, document.pk]) in fragment.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "nonsense", "language": "en"},
        {"kind": "minutes", "language": "xx"},
        {"kind": "minutes", "language": "en", "meeting": "abc"},
    ],
)
def test_bad_requests_get_a_clear_answer(client, world, data):
    client.force_login(world.chair)
    response = client.post(reverse("reports:document-create", args=[world.council.slug]), data)
    assert response.status_code in (400, 404)


def test_print_minutes_writes_the_file(world, approved, tmp_path):
    target = tmp_path / "minutes.pdf"
    out = io.StringIO()
    call_command("print_minutes", approved.pk, "--output", str(target), "--lang", "sq", stdout=out)
    assert target.read_bytes().startswith(b"%PDF")
    assert "minutes of meeting" in out.getvalue()
    with pytest.raises(CommandError, match="no meeting"):
        call_command("print_minutes", 999999, "--output", str(target))
    with pytest.raises(CommandError, match="Unknown language"):
        call_command("print_minutes", approved.pk, "--output", str(target), "--lang", "de")


def test_the_councils_logo_is_printed_above_the_letterhead(world, approved, settings, tmp_path):
    from django.core.files.base import ContentFile
    from PIL import Image as PillowImage
    from pypdf import PdfReader

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    PillowImage.new("RGB", (64, 64), "navy").save(buffer, "PNG")
    world.council.logo.save("logo.png", ContentFile(buffer.getvalue()))
    approved = Meeting.objects.select_related("council").get(pk=approved.pk)
    with_logo = PdfReader(io.BytesIO(render(documents.minutes(approved, "en")))).pages[0]
    assert len(with_logo.images) == 1
    world.council.logo = ""
    world.council.save()
    approved = Meeting.objects.select_related("council").get(pk=approved.pk)
    assert len(PdfReader(io.BytesIO(render(documents.minutes(approved, "en")))).pages[0].images) == 0


def test_the_fingerprint_is_the_same_in_another_process(world, approved, transactional_db):
    """The web process asks and a worker builds: both must agree on the data version, or nothing is reused."""
    import subprocess
    import sys

    from tests.conftest import test_database_url

    here = documents.fingerprint(documents.minutes(approved, "fa"))
    assert "0x" not in repr(documents.minutes(approved, "fa"))  # no memory addresses in what is hashed
    script = (
        "from meetings.models import Meeting; from reports import documents; "
        f"print(documents.fingerprint(documents.minutes(Meeting.objects.get(pk={approved.pk}), 'fa')))"
    )
    there = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        env={**os.environ, "DATABASE_URL": test_database_url()},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert there == here
