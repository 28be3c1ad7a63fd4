"""Persian and Albanian as their users see them: screenshots of the home, a meeting and a form page."""

import io

import pytest
from django.core.management import call_command

from meetings.models import Meeting
from tests.test_translations import english_words

PAGES = {
    "home": "/",
    "meeting": "/c/{slug}/meetings/{meeting}/",
    "form": "/c/{slug}/meetings/{meeting}/propose/",
    "follow-up": "/c/{slug}/actions/",
}


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", "--password", "demo-password-1", stdout=io.StringIO())


@pytest.mark.parametrize(
    ("username", "language", "direction"), [("pardis.chair", "fa", "rtl"), ("gjilan.chair", "sq", "ltr")]
)
def test_pages_in_the_councils_language(browser, live_server, sign_in, demo, screenshot, username, language, direction):
    slug = username.split(".")[0]
    meeting = Meeting.objects.filter(council__slug=slug, state="published").get()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    sign_in(page, username, "demo-password-1")
    for name, path in PAGES.items():
        page.goto(live_server.url + path.format(slug=slug, meeting=meeting.pk))
        html = page.locator("html")
        assert (html.get_attribute("lang"), html.get_attribute("dir")) == (language, direction), name
        screenshot(page, f"{language}-{name}")
        if language == "fa":
            assert english_words(page.content()) == set(), f"English on the Persian {name} page"
    context.close()
