"""The chair's council home in Persian, Albanian and English, on a desktop and a phone: the skip link first, the
section menu (sidebar, or off-canvas on a phone), no sideways scrolling; screenshots in var/test-artifacts/."""

import io

import pytest
from django.core.management import call_command

from council.models import User

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", "--password", "demo-password-1", stdout=io.StringIO())


@pytest.mark.parametrize(
    ("username", "language", "direction"),
    [("pardis.chair", "fa", "rtl"), ("gjilan.chair", "sq", "ltr"), ("pardis.chair", "en", "ltr")],
)
def test_the_chairs_home_on_a_desktop_and_a_phone(
    browser, live_server, sign_in, demo, screenshot, username, language, direction
):
    User.objects.filter(username=username).update(language=language)
    slug = username.split(".")[0]
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        context = browser.new_context(viewport=viewport, locale="en-US")
        page = context.new_page()
        sign_in(page, username, "demo-password-1")
        page.goto(f"{live_server.url}/c/{slug}/")
        html = page.locator("html")
        assert (html.get_attribute("lang"), html.get_attribute("dir")) == (language, direction)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"  # the skip link first
        screenshot(page, f"design-focus-skip-link-{language}-{name}")
        page.keyboard.press("Tab")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline == "solid", "the focus ring on the top bar"
        screenshot(page, f"design-focus-top-bar-{language}-{name}")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
        menu = page.locator("#section-menu")
        if name == "desktop":
            assert menu.is_visible()
        else:
            assert not menu.is_visible()
        page.evaluate("document.activeElement.blur()")
        screenshot(page, f"design-council-home-{language}-{name}")
        if name == "phone":
            page.click("main [data-bs-target='#section-menu']")
            menu.wait_for(state="visible")
            page.wait_for_timeout(400)  # the slide-in
            assert menu.get_by_role("link").first.is_visible()
            screenshot(page, f"design-council-home-{language}-phone-menu")
        page.goto(f"{live_server.url}/public/{slug}/")
        screenshot(page, f"design-portal-{language}-{name}")
        context.close()
