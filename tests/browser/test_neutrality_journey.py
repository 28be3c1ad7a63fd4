"""A liaison attests neutrality in Persian; the chair sees the alert and closes it with the follow-up."""

import pytest

from elections.models import Alert, Attestation
from tests.conftest import PASSWORD
from tests.factories import ElectionPeriodFactory


@pytest.fixture
def election_world(transactional_db, world):
    world.council.language, world.council.calendar = "fa", "jalali"
    world.council.save()
    for person in (world.liaison_a, world.chair):
        person.language = "fa"
        person.save()
    return world, ElectionPeriodFactory(council=world.council, name="انتخابات شورای شهر")


def test_a_liaison_attests_in_persian_and_the_chair_closes_the_alert(
    page, live_server, sign_in, screenshot, election_world
):
    world, election = election_world
    cycle = election.cycles.all()[1]  # the running cycle
    sign_in(page, "liaison_a", PASSWORD)
    page.goto(f"{live_server.url}/c/{world.council.slug}/departments/elections/")
    page.locator("main a.btn-primary").first.click()  # the department's attestations
    page.locator(f"a[href$='/cycles/{cycle.pk}/{world.department_a.pk}/edit/']").click()
    assert page.locator("html").get_attribute("dir") == "rtl"
    fieldsets = page.locator("form fieldset.answer")
    fieldsets.nth(0).locator("input[value=not_compliant]").check()
    fieldsets.nth(0).locator("textarea").fill("خودروی اداره یک روز در اختیار ستاد یک نامزد قرار گرفت.")
    fieldsets.nth(1).locator("input[value=not_applicable]").check()
    fieldsets.nth(1).locator("textarea").fill("در این نوبت هیچ نامزدی درخواست سالن نداد.")
    fieldsets.nth(2).locator("input[value=compliant]").check()
    screenshot(page, "neutrality-liaison-form-fa")
    page.click("button[name=action][value=submit]")
    page.wait_for_url("**/cycles/*/*/")
    screenshot(page, "neutrality-liaison-submitted-fa")
    assert Attestation.objects.get(cycle=cycle).is_submitted

    page.context.clear_cookies()
    sign_in(page, "chair", PASSWORD)
    assert "انتخابات شورای شهر" in page.inner_text("main")  # the home page's alert line
    page.goto(f"{live_server.url}/c/{world.council.slug}/departments/elections/{election.pk}/")
    screenshot(page, "neutrality-chair-matrix-fa")
    page.locator(f"a[href$='/alerts/{Alert.objects.get(kind='not_compliant').pk}/close/']").click()
    page.fill("textarea[name=reason]", "با مدیر اداره تماس گرفته شد و خودرو بازگردانده شد.")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/elections/{election.pk}/")
    alert = Alert.objects.get(kind="not_compliant")
    assert not alert.is_open and alert.closed_by == world.chair
    screenshot(page, "neutrality-chair-closed-fa")
    assert page.console_errors == []
