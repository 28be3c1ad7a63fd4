"""The follow-up list and the activity and survey dashboards on a phone and a desktop, in Persian and Albanian."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from departments.models import ActivityPeriod, SurveyRound

VIEWPORTS = {"phone": (390, 844), "desktop": (1366, 900)}


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", "--password", "demo-password-1", stdout=io.StringIO())


def pages(slug):
    survey = SurveyRound.objects.filter(council__slug=slug).latest("starts_on")
    return {
        "follow-up": reverse("meetings:action-list", args=[slug]),
        "activity": reverse("departments:activity-dashboard", args=[slug]),
        "survey": reverse("departments:survey-dashboard", args=[slug, survey.pk]),
    }


# What sticks out sideways (the phone's folded section menu is off-screen by design), to name it on failure.
WIDEST = """() => [...document.querySelectorAll("body *")]
    .filter(e => !e.closest(".offcanvas-lg"))
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 || e.getBoundingClientRect().left < -1)
    .slice(0, 5).map(e => e.outerHTML.slice(0, 160))"""


# For each table region: whether its table is wider than it, whether the hint above it shows, and its text.
HINTS = """() => [...document.querySelectorAll(".table-scroll")].map(region => {
    const hint = region.previousElementSibling;
    const isHint = hint && hint.classList.contains("table-scroll-hint");
    return [region.scrollWidth > region.clientWidth + 1, isHint && !hint.hidden && hint.offsetHeight > 0,
            isHint ? hint.textContent.trim() : null];
})"""
HINT = {
    "fa": "برای دیدن همهٔ ستون‌ها، جدول را به پهلو بکشید.",
    "sq": "Rrëshqitni tabelën anash për të parë të gjitha kolonat.",
}


@pytest.mark.parametrize(("username", "language"), [("pardis.chair", "fa"), ("gjilan.chair", "sq")])
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_tables_and_charts_fit_and_keep_their_labels(
    browser, live_server, sign_in, demo, screenshot, username, language, viewport
):
    assert ActivityPeriod.objects.filter(council__slug=username.split(".")[0]).exists()
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US")
    page = context.new_page()
    sign_in(page, username, "demo-password-1")
    for name, path in pages(username.split(".")[0]).items():
        page.goto(live_server.url + path)
        assert page.locator("html").get_attribute("lang") == language
        # the page itself never scrolls sideways: only the labelled table regions do
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (name, page.evaluate(WIDEST))
        for region in page.locator(".table-scroll").all():
            assert region.get_attribute("role") == "region" and region.get_attribute("tabindex") == "0"
            assert region.get_attribute("aria-label")
        # a region whose table is wider than it says so above it, in the page's language; the others say nothing
        hints = page.evaluate(HINTS)
        assert hints and all(shown == overflows for overflows, shown, _text in hints), (name, hints)
        assert all(text == HINT[language] for overflows, _shown, text in hints if overflows), (name, hints)
        if viewport == "phone" and name == "follow-up":
            # on a phone the follow-up rows are cards: nothing to scroll, so no hint
            assert not any(overflows for overflows, _shown, _text in hints), "the follow-up cards overflow a phone"
        # every chart label is shown whole
        cut = page.evaluate(
            "[...document.querySelectorAll('.bar-label')].filter(e => e.scrollWidth > e.clientWidth).length"
        )
        assert cut == 0, name
        if viewport == "desktop":
            page.evaluate("document.querySelectorAll('.bar-data').forEach(d => d.open = true)")
        screenshot(page, f"tables-{language}-{name}-{viewport}")
    context.close()
