"""A liaison answers a staffing-gap survey in Persian, with Persian digits; the chair reads the dashboard."""

import pytest

from departments.models import SurveyResponse
from tests.conftest import PASSWORD
from tests.factories import SurveyRoundFactory


@pytest.fixture
def survey_world(transactional_db, world):
    world.council.language, world.council.calendar = "fa", "jalali"
    world.council.save()
    for person in (world.liaison_a, world.chair):
        person.language = "fa"
        person.save()
    return world, SurveyRoundFactory(council=world.council, title="پیمایش کمبودهای روابط عمومی ۱۴۰۵")


def test_a_liaison_fills_a_survey_in_persian_and_the_chair_reads_the_dashboard(
    page, live_server, sign_in, screenshot, survey_world
):
    world, round = survey_world
    sign_in(page, "liaison_a", PASSWORD)
    page.goto(f"{live_server.url}/c/{world.council.slug}/departments/surveys/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.locator("table a.btn-primary").click()  # "answer" for the liaison's own department

    page.check("input[name=has_pr_unit][value=False]")
    page.fill("input[name=approved_positions]", "۳")
    page.fill("input[name=filled_positions]", "۱")
    for function, (staff, needed) in {
        "spokesperson": ("۱", "۱"),
        "writer": ("۰", "۲"),
        "photographer": ("۰", "۱"),
        "social_media": ("۱", "۳"),
        "graphic_design": ("۰", "۰"),
    }.items():
        page.fill(f"input[name=staff_{function}]", staff)
        page.fill(f"input[name=needed_{function}]", needed)
    page.check("input[name=missing_equipment][value=camera]")
    page.fill("input[name=annual_budget]", "۵۰۰۰۰۰۰۰")
    page.fill("textarea[name=training_needs]", "عکاسی خبری و تدوین ویدئو")

    page.click("button[name=action][value=save]")  # a draft first
    page.wait_for_load_state()
    assert page.input_value("input[name=approved_positions]") == "۳"
    screenshot(page, "survey-liaison-form-fa")
    page.click("button[name=action][value=submit]")
    page.wait_for_url("**/answers/*/")
    screenshot(page, "survey-liaison-submitted-fa")

    answer = SurveyResponse.objects.get(round=round, department=world.department_a)
    assert answer.is_submitted
    assert (answer.approved_positions, answer.filled_positions, answer.annual_budget) == (3, 1, 50_000_000)
    assert answer.total_shortfall == 2 + 1 + 2

    page.context.clear_cookies()
    sign_in(page, "chair", PASSWORD)
    page.goto(f"{live_server.url}/c/{world.council.slug}/departments/surveys/{round.pk}/")
    row = page.locator("tbody tr:visible", has_text="Education")  # the answers table, not a chart's folded data table
    assert "۵" in row.inner_text()  # the total shortfall, in Persian digits
    assert page.locator("h1").inner_text() == round.title
    assert "Health" in page.inner_text("main")  # listed among those who have not answered
    screenshot(page, "survey-chair-dashboard-fa")
    assert page.console_errors == []
