"""Public document requests: a citizen asks without an account and follows the request by its code."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule

from portal.models import DocumentRequest
from portal.tasks import send_request_reminders

CONTACT = "citizen-private@example.org"


def new_url(world):
    return reverse("portal:request-new", args=[world.council.slug])


def ask(client, world, text="Minutes of 2025 budget meetings", **extra):
    data = {"name": "Drita K.", "contact": CONTACT, "text": text, "website": "", **extra}
    return client.post(new_url(world), data, REMOTE_ADDR=extra.pop("ip", "10.0.0.1"))


def test_a_citizen_asks_gets_a_tracking_code_and_follows_the_request(client, world):
    response = ask(client, world)
    request = DocumentRequest.objects.get()
    assert request.tracking_code in response.content.decode()
    assert request.deadline == timezone.localdate() + timedelta(days=10)  # no legal profile: 10 calendar days
    page = client.get(
        reverse("portal:request-track", args=[world.council.slug]), {"code": request.tracking_code.lower()}
    )
    body = page.content.decode()
    assert page.status_code == 200 and "Received" in body
    assert CONTACT not in body and "Drita" not in body  # the requester's details are never public


def test_an_unknown_tracking_code_gets_a_clear_answer(client, world):
    response = client.get(reverse("portal:request-track", args=[world.council.slug]), {"code": "NOPE<script>"})
    assert response.status_code == 404
    assert "No request has this tracking code" in response.content.decode()
    assert "<script>" not in response.content.decode()


def test_html_in_a_request_is_shown_escaped_to_the_council(client, world):
    ask(client, world, text="<script>alert('x')</script> please")
    request = DocumentRequest.objects.get()
    client.force_login(world.secretary)
    body = client.get(reverse("portal:request-detail", args=[world.council.slug, request.pk])).content.decode()
    assert "<script>alert" not in body and "&lt;script&gt;" in body


def test_a_robot_filling_the_hidden_field_is_thanked_and_ignored(client, world):
    response = ask(client, world, website="http://spam.example")
    assert response.status_code == 200
    assert not DocumentRequest.objects.exists()


def test_a_flood_from_one_address_is_stopped(client, world):
    for n in range(5):
        assert ask(client, world, text=f"request {n}").status_code == 200
    flood = ask(client, world, text="one too many")
    assert flood.status_code == 429
    assert "Too many requests" in flood.content.decode()
    assert DocumentRequest.objects.count() == 5
    assert ask(client, world, text="another citizen", ip="10.0.0.2").status_code == 200


def test_an_empty_request_keeps_what_was_typed(client, world):
    response = client.post(new_url(world), {"name": "Arben", "contact": "", "text": ""})
    body = response.content.decode()
    assert response.status_code == 200 and 'value="Arben"' in body
    assert "Enter the e-mail or phone." in body and "Say which documents you are requesting." in body


def test_the_council_assigns_answers_with_a_file_and_the_citizen_downloads_it(client, world, private_files):
    ask(client, world)
    request = DocumentRequest.objects.get()
    detail = reverse("portal:request-detail", args=[world.council.slug, request.pk])
    client.force_login(world.secretary)
    client.post(detail, {"action": "assign", "assigned_to": world.secretary.pk})
    request.refresh_from_db()
    assert (request.status, request.assigned_to) == ("assigned", world.secretary)
    client.post(
        detail,
        {
            "action": "answer",
            "outcome": "full",
            "answer": "Here they are.",
            "answer_file": SimpleUploadedFile("b.pdf", b"%PDF-1.4 b"),
        },
    )
    request.refresh_from_db()
    assert request.status == "answered"
    assert request.answer_file.path.startswith(str(private_files))  # reachable only through the tracking code
    response = client.post(detail, {"action": "refuse", "ground": "privacy", "reason": "too late"}, follow=True)
    assert "already been answered, refused or transferred" in response.content.decode()
    client.logout()
    track = client.get(reverse("portal:request-track", args=[world.council.slug]), {"code": request.tracking_code})
    assert "Here they are." in track.content.decode()
    download = client.get(reverse("portal:request-file", args=[world.council.slug, request.tracking_code]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 b"


def test_a_refusal_needs_a_legal_reason_which_the_citizen_reads(client, world):
    ask(client, world)
    request = DocumentRequest.objects.get()
    detail = reverse("portal:request-detail", args=[world.council.slug, request.pk])
    client.force_login(world.chair)
    client.post(detail, {"action": "refuse", "ground": "privacy", "reason": ""})
    request.refresh_from_db()
    assert request.status == "received"
    client.post(
        detail,
        {"action": "refuse", "ground": "privacy", "reason": "Personal data of third parties (Law on access, art. 17)"},
    )
    client.logout()
    track = client.get(reverse("portal:request-track", args=[world.council.slug]), {"code": request.tracking_code})
    assert "Refused" in track.content.decode() and "art. 17" in track.content.decode()


def test_reminders_go_out_two_days_before_the_deadline_once_a_day(client, world):
    ask(client, world)
    request = DocumentRequest.objects.get()
    assert send_request_reminders() == 0  # ten days left
    DocumentRequest.objects.filter(pk=request.pk).update(deadline=timezone.localdate() + timedelta(days=2))
    assert send_request_reminders() == 2  # nobody assigned: the secretary and the chair
    assert {m.to[0] for m in mail.outbox} == {world.secretary.email, world.chair.email}
    assert send_request_reminders() == 0  # not twice the same day
    DocumentRequest.objects.filter(pk=request.pk).update(assigned_to=world.member, reminded_on=None)
    mail.outbox.clear()
    assert send_request_reminders() == 1 and mail.outbox[0].to == [world.member.email]


def test_the_reminders_are_scheduled_daily_under_the_tasks_path(db):
    schedule = Schedule.objects.get(name="Document request reminders")
    assert schedule.func == "portal.tasks.send_request_reminders"
    assert schedule.schedule_type == Schedule.DAILY


@pytest.mark.parametrize("size", [10, 200])
def test_the_queue_query_count_does_not_grow(client, world, size, django_assert_max_num_queries):
    DocumentRequest.objects.bulk_create(
        DocumentRequest(
            council=world.council,
            tracking_code=f"C{n:09d}",
            name="n",
            contact="c",
            text="t",
            deadline=timezone.localdate(),
        )
        for n in range(size)
    )
    client.force_login(world.secretary)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("portal:request-list", args=[world.council.slug])).status_code == 200


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("answer.html", b"<html><script>alert(document.cookie)</script></html>"),
        ("answer.pdf", b"<html><script>alert(document.cookie)</script></html>"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * (30 * 1024 * 1024)),
    ],
)
def test_an_answer_file_that_is_a_page_an_svg_or_a_program_is_refused_keeping_the_answer(
    client, world, private_files, name, data
):
    ask(client, world)
    request = DocumentRequest.objects.get()
    world.secretary.language = "fa"
    world.secretary.save()
    client.force_login(world.secretary)
    detail = reverse("portal:request-detail", args=[world.council.slug, request.pk])
    upload = SimpleUploadedFile(name, data, content_type="application/pdf")
    response = client.post(
        detail, {"action": "answer", "outcome": "full", "answer": "پاسخ درخواست شما", "answer_file": upload}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "پاسخ درخواست شما" in body  # what was typed is kept
    assert any(message in body for message in ("همخوانی ندارد", "مجاز نیست", "حداکثر حجم مجاز"))  # in Persian
    request.refresh_from_db()
    assert (request.status, request.answer_file.name) == ("received", "")
    assert not list(private_files.rglob("*.*"))


def test_the_answer_file_is_downloaded_as_an_attachment_never_sniffed(client, world, private_files, settings):
    settings.SECURE_CONTENT_TYPE_NOSNIFF = False  # the file's own response says it, whatever the site-wide setting
    ask(client, world)
    request = DocumentRequest.objects.get()
    client.force_login(world.secretary)
    detail = reverse("portal:request-detail", args=[world.council.slug, request.pk])
    upload = SimpleUploadedFile("notes.txt", "متن سند".encode())
    client.post(detail, {"action": "answer", "outcome": "full", "answer": "Here.", "answer_file": upload})
    client.logout()
    download = client.get(reverse("portal:request-file", args=[world.council.slug, request.tracking_code]))
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Type"].startswith("text/plain")
