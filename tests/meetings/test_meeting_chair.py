"""Who chaired a meeting: the council's chair by default, a stand-in when named, never whoever clicked."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from council.models import Role
from meetings import services
from meetings.models import Meeting
from reports import documents
from reports.pdf.render import render
from tests.factories import AgendaItemFactory, MembershipFactory, UserFactory
from tests.reports.pdf_helpers import pdf_text, squash


def _begun(world, **fields) -> Meeting:
    meeting = services.meeting_create(
        council=world.council,
        created_by=world.secretary,
        starts_at=timezone.now() + timedelta(hours=1),
        place="Hall",
        **fields,
    )
    AgendaItemFactory(meeting=meeting, title="Information work")
    Meeting.objects.filter(pk=meeting.pk).update(
        state=Meeting.State.AGENDA_PUBLISHED, starts_at=timezone.now() - timedelta(minutes=5)
    )
    return Meeting.objects.get(pk=meeting.pk)


def test_the_minutes_name_the_chair_when_the_secretary_marks_the_meeting_held(world, private_files):
    meeting = _begun(world)
    services.meeting_mark_held(meeting=meeting, by=world.secretary)

    meeting = Meeting.objects.get(pk=meeting.pk)
    assert meeting.chaired_by == world.chair
    assert meeting.recorded_by == world.secretary
    _reader, text = pdf_text(render(documents.minutes(meeting, "en")))
    chaired = text[text.index("Chaired by") :].split("\n")[0]
    assert squash(world.chair.get_full_name()) in squash(chaired)
    signatures = text[text.index("Chair of the meeting") :]
    assert squash(world.chair.get_full_name()) in squash(signatures)
    assert squash(world.secretary.get_full_name()) not in squash(chaired)


def test_a_deputy_named_when_convening_chairs_and_signs(world, private_files):
    deputy = UserFactory(username="deputy", first_name="Dana", last_name="Deputy")
    MembershipFactory(user=deputy, council=world.council, role=Role.MEMBER)
    meeting = _begun(world, chaired_by=deputy)
    services.meeting_mark_held(meeting=meeting, by=world.secretary)

    _reader, text = pdf_text(render(documents.minutes(Meeting.objects.get(pk=meeting.pk), "en")))
    assert squash("Chaired by Dana Deputy") in squash(text)
    assert squash(world.chair.get_full_name()) not in squash(text)


def test_the_schedule_form_offers_the_councils_chair_first(world, login):
    page = login(world.secretary).get(reverse("meetings:meeting-create", args=[world.council.slug]))
    assert page.context["form"].initial["chaired_by"] == world.chair
    choices = list(page.context["form"].fields["chaired_by"].queryset)
    assert world.chair in choices and world.outsider not in choices


def test_who_chaired_can_be_corrected_until_the_minutes_are_approved(world, login, private_files):
    meeting = _begun(world)
    services.meeting_mark_held(meeting=meeting, by=world.secretary)
    url = reverse("meetings:meeting-edit", args=[world.council.slug, meeting.pk])
    client = login(world.secretary)

    version = Meeting.objects.get(pk=meeting.pk).version
    response = client.post(url, {"chaired_by": world.member.pk, "base_version": version})
    assert response.status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).chaired_by == world.member

    meeting.refresh_from_db()
    services.minutes_submit(meeting=meeting, by=world.secretary)
    services.minutes_approve(meeting=Meeting.objects.get(pk=meeting.pk), by=world.chair)
    version = Meeting.objects.get(pk=meeting.pk).version
    response = client.post(url, {"chaired_by": world.chair.pk, "base_version": version}, follow=True)
    assert Meeting.objects.get(pk=meeting.pk).chaired_by == world.member
    assert "can no longer be rescheduled" in response.content.decode()


def test_someone_outside_the_council_cannot_be_named_chair(world, login):
    meeting = _begun(world)
    services.meeting_mark_held(meeting=meeting, by=world.secretary)
    response = login(world.secretary).post(
        reverse("meetings:meeting-edit", args=[world.council.slug, meeting.pk]),
        {"chaired_by": world.outsider.pk, "base_version": Meeting.objects.get(pk=meeting.pk).version},
    )
    assert response.status_code == 200
    assert "chaired_by" in response.context["form"].errors
    assert Meeting.objects.get(pk=meeting.pk).chaired_by == world.chair


@pytest.mark.parametrize("language", ["fa", "sq"])
def test_the_minutes_signature_is_translated(world, private_files, language):
    meeting = _begun(world)
    services.meeting_mark_held(meeting=meeting, by=world.secretary)
    spec = documents.minutes(Meeting.objects.get(pk=meeting.pk), language)
    assert "Chair of the meeting" not in repr(spec)
