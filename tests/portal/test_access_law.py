"""Requests for public documents under the council's law (Kosovo's Law No. 06/L-081 here): deadlines, the one
extension, the urgent route, transfer, refusal and appeal, silence, each step recorded and told to the requester."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from acts.models import KOSOVO, LegalProfile
from helpers.l10n.calendars import add_days
from portal import services
from portal.models import DocumentRequest, RequestEvent

CONTACT = "drita@example.org"


@pytest.fixture(autouse=True)
def _mail_at_once(monkeypatch):
    """The requester's e-mails are queued when the step commits; the test's transaction never does."""
    monkeypatch.setattr("django.db.transaction.on_commit", lambda run, *args, **kwargs: run())


@pytest.fixture
def kosovo(world):
    return LegalProfile.objects.create(council=world.council, **KOSOVO)


def register(world, **extra):
    return services.request_create(council=world.council, name="Drita", contact=CONTACT, text="Budget 2026", **extra)


def detail(world, request):
    return reverse("portal:request-detail", args=[world.council.slug, request.pk])


def track(client, world, request) -> str:
    url = reverse("portal:request-track", args=[world.council.slug])
    return client.get(url, {"code": request.tracking_code}).content.decode()


def test_working_days_skip_the_weekend_and_the_countrys_public_holidays():
    # Kosovo's Independence Day, Tuesday 17 February 2026; Iran's weekend is Friday
    assert add_days(date(2026, 2, 13), 3, working=True, country="XK") == date(2026, 2, 19)
    assert add_days(date(2026, 2, 13), 3, working=False) == date(2026, 2, 16)
    assert add_days(date(2026, 5, 14), 1, working=True, country="IR") == date(2026, 5, 16)


def test_a_request_is_decided_within_seven_days_or_48_hours_when_a_life_depends_on_it(world, kosovo):
    today = world.council.today()
    assert register(world).deadline == today + timedelta(days=7)
    urgent = register(world, urgent=True)
    assert urgent.urgent and urgent.deadline <= today + timedelta(days=2)
    event = urgent.events.get()
    assert event.kind == RequestEvent.Kind.REGISTERED and event.article == KOSOVO["law"]


def test_without_an_urgent_route_an_urgent_request_runs_the_usual_deadline(world):
    request = register(world, urgent=True)
    assert not request.urgent and request.deadline == world.council.today() + timedelta(days=10)


def test_the_deadline_is_extended_once_by_at_most_fifteen_days_and_the_requester_is_told_why(
    world, kosovo, login, settings
):
    request = register(world, language="sq")
    mail.outbox.clear()
    client = login(world.secretary)
    response = client.post(detail(world, request), {"action": "extend", "days": 20, "reason": "Many files"})
    assert response.status_code == 200  # the form again, with its error
    client.post(detail(world, request), {"action": "extend", "days": 15, "reason": "Dokumente në arkiv"})
    request.refresh_from_db()
    assert request.extended and request.deadline == world.council.today() + timedelta(days=7 + 15)
    (message,) = mail.outbox
    assert message.to == [CONTACT] and "Dokumente në arkiv" in message.body and request.tracking_code in message.body
    response = client.post(detail(world, request), {"action": "extend", "days": 3, "reason": "Again"}, follow=True)
    assert "already been extended once" in response.content.decode()
    assert request.events.filter(kind=RequestEvent.Kind.EXTENDED).count() == 1


def test_a_request_for_documents_held_elsewhere_is_transferred_and_the_requester_told(world, kosovo, login, client):
    request = register(world)
    mail.outbox.clear()
    login(world.secretary).post(
        detail(world, request), {"action": "transfer", "to": "Ministry of Finance", "note": "They hold the budget"}
    )
    request.refresh_from_db()
    assert request.status == DocumentRequest.Status.TRANSFERRED and request.transferred_to == "Ministry of Finance"
    assert "Ministry of Finance" in mail.outbox[0].body
    with pytest.raises(services.RequestClosed):
        services.request_answer(request=request, answer="Late")
    page = track(login(None), world, request)
    assert "Transferred" in page and "Ministry of Finance" in page and "They hold the budget" in page


def test_a_refusal_names_its_ground_tells_how_to_appeal_and_the_appeal_is_recorded_once(world, kosovo, login):
    request = register(world)
    client = login(world.secretary)
    client.post(detail(world, request), {"action": "refuse", "ground": "privacy", "reason": "Third parties' data"})
    request.refresh_from_db()
    assert (request.status, request.refusal_ground) == ("refused", "privacy")
    assert "Agjencia për Informim dhe Privatësi" in mail.outbox[-1].body
    assert "within 15 days" in track(login(None), world, request)
    client = login(world.secretary)
    client.post(detail(world, request), {"action": "appeal", "on": world.council.today().strftime("%d.%m.%Y")})
    request.refresh_from_db()
    assert request.appealed_on == world.council.today()
    with pytest.raises(services.RequestError):
        services.request_appeal(request=request, on=world.council.today())


def test_an_open_request_within_its_deadline_cannot_be_appealed_but_silence_past_it_can(world, kosovo):
    request = register(world)
    with pytest.raises(services.RequestError):
        services.request_appeal(request=request, on=world.council.today())
    DocumentRequest.objects.filter(pk=request.pk).update(deadline=world.council.today() - timedelta(days=1))
    services.request_appeal(request=request, on=world.council.today())
    assert request.events.filter(kind=RequestEvent.Kind.APPEALED).exists()


def test_the_tracking_page_says_silence_past_the_deadline_counts_as_refusal(world, kosovo, client):
    request = register(world)
    DocumentRequest.objects.filter(pk=request.pk).update(deadline=world.council.today() - timedelta(days=1))
    assert "counts your request as refused" in track(client, world, request)


def test_the_requester_is_written_to_in_the_language_they_wrote_in(world, kosovo, client):
    mail.outbox.clear()
    with translation.override("fa"):
        client.post(
            reverse("portal:request-new", args=[world.council.slug]),
            {"name": "Drita", "contact": CONTACT, "text": "بودجه", "website": ""},
            HTTP_ACCEPT_LANGUAGE="fa",
            headers={"cookie": "django_language=fa"},
        )
    request = DocumentRequest.objects.get()
    assert request.language == "fa"
    (message,) = mail.outbox
    assert "درخواست" in message.subject and request.tracking_code in message.body


def test_a_phone_number_gets_no_mail_and_each_step_is_mailed_once(world, kosovo):
    from portal.tasks import send_request_update

    mail.outbox.clear()
    services.request_create(council=world.council, name="Arben", contact="+383 44 123 456", text="Contract")
    assert mail.outbox == []
    request = register(world)
    event = request.events.get()
    assert event.mailed_at is not None and len(mail.outbox) == 1
    assert send_request_update(event.pk) is False and len(mail.outbox) == 1


def test_the_years_figures_count_outcomes_grounds_delays_and_months(world, kosovo, login):
    from datetime import datetime

    from django.utils import timezone

    def made(day, **fields):
        request = register(world)
        DocumentRequest.objects.filter(pk=request.pk).update(created_at=day, **fields)

    at = datetime(2026, 3, 10, 10, tzinfo=world.council.tzinfo)
    made(at, status="answered", outcome="full", closed_at=at + timedelta(days=3), deadline=date(2026, 3, 17))
    made(at, status="answered", outcome="part", closed_at=at + timedelta(days=9), deadline=date(2026, 3, 17))
    made(
        at + timedelta(days=30),
        status="refused",
        refusal_ground="privacy",
        closed_at=at + timedelta(days=35),
        deadline=date(2026, 4, 16),
        appealed_on=date(2026, 4, 20),
    )
    made(at + timedelta(days=30), status="transferred", closed_at=at + timedelta(days=31), deadline=date(2026, 4, 16))
    made(at, deadline=date(2026, 3, 17))  # never answered: overdue
    made(datetime(2025, 12, 31, 23, tzinfo=world.council.tzinfo))  # last year
    client = login(world.secretary)
    url = reverse("portal:request-statistics", args=[world.council.slug])
    figures = client.get(url, {"year": 2026}).context["figures"]
    assert (figures["received"], figures["granted_in_full"], figures["granted_in_part"]) == (5, 1, 1)
    assert (figures["refused"], figures["transferred"], figures["overdue"], figures["late"]) == (1, 1, 1, 1)
    assert figures["grounds"] == [(DocumentRequest.Ground.PRIVACY.label, 1)] and figures["appealed"] == 1
    assert figures["median_days"] == 4  # 3, 9, 5 and 1 days
    assert [count for _name, count in figures["months"]][2:4] == [3, 2]
    assert client.get(url, {"year": "1850"}).context["figures"]["year"] == timezone.localdate().year
    sheet = client.get(url, {"year": 2026, "export": "xlsx"})
    assert sheet["Content-Disposition"].endswith('requests-2026.xlsx"')
