"""The public-information office as its public meets it: a citizen finds an act in Serbian, and a requester is told
when the office extends the deadline of their request."""

from datetime import date, timedelta

import pytest
from django.core import mail

from acts import services as acts
from acts.models import KOSOVO, LegalProfile
from portal.models import DocumentRequest, RequestEvent
from tests.conftest import PASSWORD
from tests.factories import ActFactory, ActTypeFactory


@pytest.fixture
def gjilan(transactional_db, world):
    council = world.council
    council.language, council.official_languages = "sq", "sq,sr"
    council.save()
    LegalProfile.objects.create(council=council, **KOSOVO)
    return world


def test_a_citizen_finds_an_act_in_serbian(page, live_server, screenshot, gjilan):
    council = gjilan.council
    act = ActFactory(type=ActTypeFactory(council=council, name="Rregullore"), title="Rregullore për tregun")
    acts.act_approve(act=act, adopted_on=date(2026, 3, 2), by=gjilan.secretary)
    acts.act_version_save(
        act=act, language="sr", title="Правилник о пијаци", body="Члан 1. Пијаца ради сваког дана.", by=gjilan.secretary
    )
    acts.act_publish(act=act, published_on=date(2026, 3, 5), by=gjilan.secretary)

    page.goto(f"{live_server.url}/public/{council.slug}/")
    page.click("#language-menu")
    page.click("button[name=language][value=sr]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "sr"
    page.get_by_role("link", name="Регистар аката").click()
    page.get_by_label("Речи").fill("пијаци")
    page.get_by_role("button", name="Филтрирај").click()
    page.get_by_role("link", name="Правилник о пијаци").click()
    assert page.get_by_role("heading", name="Правилник о пијаци").is_visible()
    assert page.get_by_text("Пијаца ради сваког дана.").is_visible()
    screenshot(page, "act-in-serbian")
    page.get_by_role("link", name="srpski (latinica)").click()
    assert page.get_by_role("heading", name="Pravilnik o pijaci").is_visible()
    assert page.console_errors == []


def test_the_office_extends_a_request_and_the_requester_is_told(page, live_server, sign_in, screenshot, gjilan):
    council = gjilan.council
    page.goto(f"{live_server.url}/public/{council.slug}/requests/new/")
    page.fill("input[name=name]", "Milan Jovanović")
    page.fill("input[name=contact]", "milan@example.org")
    page.fill("textarea[name=text]", "Записници седница Скупштине општине за 2026. годину.")
    page.click("main button[type=submit]")
    code = page.locator(".display-6").inner_text().strip()
    request = DocumentRequest.objects.get(tracking_code=code)
    assert request.deadline == council.today() + timedelta(days=7)

    sign_in(page, "secretary", PASSWORD)
    page.goto(f"{live_server.url}/c/{council.slug}/requests/{request.pk}/")
    page.fill("input[name=days]", "10")
    page.fill("textarea[name=reason]", "Записници се чувају у архиви општине.")
    page.locator("form", has=page.locator("input[name=action][value=extend]")).locator("button[type=submit]").click()
    page.wait_for_load_state()
    screenshot(page, "request-extended")

    request.refresh_from_db()
    assert request.extended and request.events.filter(kind=RequestEvent.Kind.EXTENDED).count() == 1
    told = [m for m in mail.outbox if m.to == ["milan@example.org"] and "Записници се чувају" in m.body]
    assert len(told) == 1 and code in told[0].body
    page.goto(f"{live_server.url}/public/{council.slug}/requests/track/?code={code}")
    assert page.get_by_text("Записници се чувају у архиви општине.").is_visible()
