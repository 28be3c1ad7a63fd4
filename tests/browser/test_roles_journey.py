"""Sign in as the chair and as a liaison, in English and in Persian, and check what each sees."""

import pytest

from tests.conftest import PASSWORD


@pytest.fixture
def browser_world(transactional_db, world):
    return world


@pytest.mark.parametrize("language", ["en", "fa"])
def test_the_chair_sees_the_council_members_and_every_department(
    page, live_server, sign_in, screenshot, browser_world, language
):
    world = browser_world
    world.chair.language = language
    world.chair.save()
    sign_in(page, "chair", PASSWORD)

    html = page.locator("html")
    assert html.get_attribute("lang") == language
    assert html.get_attribute("dir") == ("rtl" if language == "fa" else "ltr")
    card = page.locator("section.card", has_text=world.council.name)
    card.get_by_role("link", name=members_label(language)).click()
    assert page.get_by_role("cell", name="liaison_a@example.org").is_visible()
    page.goto(f"{live_server.url}/c/{world.council.slug}/departments/")
    assert page.get_by_role("link", name="Education").is_visible()
    assert page.get_by_role("link", name="Health").is_visible()
    screenshot(page, f"chair-departments-{language}")
    assert page.console_errors == []


@pytest.mark.parametrize("language", ["en", "fa"])
def test_a_liaison_sees_only_their_own_department(page, live_server, sign_in, screenshot, browser_world, language):
    world = browser_world
    world.liaison_a.language = language
    world.liaison_a.save()
    sign_in(page, "liaison_a", PASSWORD)

    card = page.locator("section.card", has_text=world.council.name)
    assert card.get_by_role("link", name=members_label(language)).count() == 0
    screenshot(page, f"liaison-home-{language}")
    page.goto(f"{live_server.url}/c/{world.council.slug}/departments/")
    assert page.get_by_role("link", name="Education").is_visible()
    assert page.get_by_role("link", name="Health").count() == 0  # listed, but not openable

    response = page.goto(f"{live_server.url}/c/{world.council.slug}/departments/{world.department_b.pk}/")
    assert response.status == 403
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "fa" else "ltr")
    screenshot(page, f"liaison-forbidden-{language}")


def test_the_language_switcher_changes_the_page_and_remembers_it(page, live_server, sign_in, browser_world):
    sign_in(page, "secretary", PASSWORD)
    page.click("#language-menu")
    page.click("button[name=language][value=fa]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == "rtl"
    browser_world.secretary.refresh_from_db()
    assert browser_world.secretary.language == "fa"


def members_label(language):
    from django.utils import translation

    with translation.override(language):
        return translation.gettext("Members")
