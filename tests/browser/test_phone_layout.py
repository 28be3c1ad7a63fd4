"""Polish of the redesign: nothing clipped on a phone, filters that show their text, meeting pages that keep their
rows and labels whole, in Persian and Albanian (the screenshots go to var/test-artifacts/)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from meetings.models import Meeting
from tests.browser.test_accessibility import AXE_SCRIPT, run_axe

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
USERS = [("pardis.secretary", "fa"), ("gjilan.secretary", "sq")]


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", "--password", "demo-password-1", stdout=io.StringIO())


@pytest.fixture
def signed_in(browser, live_server, sign_in):
    contexts = []

    def _open(username, viewport):
        context = browser.new_context(viewport=viewport, locale="en-US")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        sign_in(page, username, "demo-password-1")
        return page

    yield _open
    for context in contexts:
        context.close()


# Elements of main whose text or box is cut: wider than their own box while hiding the rest, or sticking out of
# the window. Table regions that scroll on purpose are left out (only what is inside them and out of sight counts).
CLIPPED = """selector => [...document.querySelectorAll(selector)].flatMap(e => {
    const box = e.getBoundingClientRect(), problems = [];
    if (box.width === 0) return [];
    if (box.left < -1 || box.right > window.innerWidth + 1) problems.push("off-screen");
    const style = getComputedStyle(e);
    if (style.overflowX !== "visible" && !e.classList.contains("table-scroll") && e.scrollWidth > e.clientWidth + 1)
        problems.push("cut");
    const region = e.closest(".table-scroll");
    if (region && region !== e) {
        const r = region.getBoundingClientRect();
        if (box.left < r.left - 1 || box.right > r.right + 1) problems.push("outside its region");
    }
    return problems.length ? [problems.join(",") + ": " + e.outerHTML.slice(0, 120)] : [];
})"""


# How many lines an element's text takes: its boxes (a right-to-left date is several on one line, a fallback font's
# a pixel lower) grouped by their vertical middles, a new line wherever a middle is more than 6px below the last.
LINES = """e => {
    const range = document.createRange(); range.selectNodeContents(e);
    const middles = [...range.getClientRects()].filter(r => r.width > 0).map(r => (r.top + r.bottom) / 2);
    middles.sort((a, b) => a - b);
    return middles.reduce((n, middle, i) => n + (i > 0 && middle - middles[i - 1] > 6 ? 1 : 0), middles.length ? 1 : 0);
}"""
# The distinct line counts of the elements a selector finds.
ONE_LINE = "s => [...new Set([...document.querySelectorAll(s)].map(" + LINES + "))]"


def page_fits(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize(("username", "language"), USERS)
def test_follow_up_list_is_cards_on_a_phone_with_nothing_cut(
    live_server, demo, signed_in, screenshot, username, language
):
    slug = username.split(".")[0]
    page = signed_in(username, PHONE)
    page.goto(live_server.url + reverse("meetings:action-list", args=[slug]))
    assert page.locator("html").get_attribute("lang") == language
    assert page_fits(page)
    assert page.locator("tr.overdue").count(), "the demo has overdue items"
    # every cell, date and badge is whole and on screen; the region does not need to scroll
    assert page.evaluate(CLIPPED, ".table-cards td, .table-cards td *") == []
    region = page.locator(".table-scroll").first
    assert region.evaluate("r => r.scrollWidth <= r.clientWidth + 1")
    # each cell says which column it is, in the page's language
    labels = page.evaluate(
        """() => [...document.querySelectorAll('.table-cards tbody tr:first-child td')]
            .map(td => getComputedStyle(td, '::before').content)"""
    )
    headers = page.evaluate("() => [...document.querySelectorAll('.table-cards thead th')].map(th => th.textContent)")
    assert labels == [f'"{header}"' for header in headers]
    # a date never breaks inside, and its badge stays on one line
    for selector in (".table-cards td .text-nowrap", ".table-cards td .badge"):
        assert page.evaluate(ONE_LINE, selector) == [1], selector
    screenshot(page, f"polish-follow-up-{language}-phone")


@pytest.mark.parametrize(("username", "language"), USERS)
def test_overdue_rows_show_the_scroll_shadow(live_server, demo, signed_in, username, language):
    """Between phone and desktop the table still scrolls: its shadows must show through an overdue row's tint."""
    slug = username.split(".")[0]
    page = signed_in(username, {"width": 700, "height": 900})
    page.goto(live_server.url + reverse("meetings:action-list", args=[slug]))
    tints = page.evaluate(
        """() => [...document.querySelectorAll('.table-scroll tr.overdue')].map(row => [
            getComputedStyle(row).backgroundColor,
            getComputedStyle(row.cells[1]).backgroundColor,
            getComputedStyle(row.cells[1]).boxShadow])"""
    )
    assert tints
    for row_background, cell_background, cell_tint in tints:
        assert row_background == "rgba(0, 0, 0, 0)"
        assert cell_background == "rgba(0, 0, 0, 0)"
        assert "rgba(220, 53, 69, 0.2)" in cell_tint  # see-through: the region's shadow shows under it


# The width the selected text of each select needs, against the room its box gives it.
SELECT_ROOM = """() => [...document.querySelectorAll('.filter-form select')].map(select => {
    const style = getComputedStyle(select);
    const context = document.createElement('canvas').getContext('2d');
    context.font = style.font;
    const text = select.options[select.selectedIndex].text;
    const room = select.clientWidth - parseFloat(style.paddingInlineStart) - parseFloat(style.paddingInlineEnd);
    return [select.name, text, Math.ceil(context.measureText(text).width), Math.floor(room),
            select.scrollWidth <= select.clientWidth];
})"""

# Each checkbox beside the first line of its label: their middles within 3px of each other.
CHECKS = """() => [...document.querySelectorAll('.filter-form input[type=checkbox]')].map(box => {
    const label = document.querySelector(`label[for="${box.id}"]`);
    const lineHeight = parseFloat(getComputedStyle(label).lineHeight);
    const b = box.getBoundingClientRect(), l = label.getBoundingClientRect();
    return [box.name, Math.abs((b.top + b.bottom) / 2 - (l.top + lineHeight / 2)), Math.round(l.height / lineHeight)];
})"""


@pytest.mark.parametrize(("username", "language"), USERS)
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_filter_selects_show_their_whole_text(live_server, demo, signed_in, screenshot, username, language, viewport):
    slug = username.split(".")[0]
    page = signed_in(username, DESKTOP if viewport == "desktop" else PHONE)
    page.goto(live_server.url + reverse("meetings:action-list", args=[slug]))
    rooms = page.evaluate(SELECT_ROOM)
    assert rooms
    for name, text, needed, room, no_scroll in rooms:
        assert no_scroll and needed <= room, (name, text, needed, room)
    for name, offset, lines in page.evaluate(CHECKS):
        assert offset <= 3, (name, offset)
        if viewport == "desktop":
            assert lines == 1, (name, lines)
    screenshot(page, f"polish-filters-{language}-{viewport}")


def meeting_path(slug):
    meeting = Meeting.objects.filter(council__slug=slug, state="published").get()
    return reverse("meetings:meeting-detail", args=[slug, meeting.pk])


@pytest.mark.parametrize(("username", "language"), USERS)
def test_meeting_page_on_a_phone_cuts_nothing(live_server, demo, signed_in, screenshot, username, language):
    slug = username.split(".")[0]
    page = signed_in(username, PHONE)
    page.goto(live_server.url + meeting_path(slug))
    assert page.locator("html").get_attribute("lang") == language
    assert page_fits(page)
    # the attendance rows are cards: every cell whole, nothing to scroll sideways
    assert page.locator("#attendance table tbody tr").count() > 5
    assert page.evaluate(CLIPPED, "#attendance td, #attendance td *, .meeting-facts, .meeting-facts *") == []
    region = page.locator("#attendance .table-scroll")
    assert region.evaluate("r => r.scrollWidth <= r.clientWidth + 1")
    # an agenda item's number and dot on one line, at the top beside its title (which wraps beside it)
    assert page.evaluate(ONE_LINE, ".agenda-number") == [1]
    offsets = page.evaluate(
        """() => [...document.querySelectorAll('.agenda-number')].map(n => {
            const title = n.nextElementSibling.firstElementChild.getBoundingClientRect();
            const number = n.getBoundingClientRect();
            return [Math.abs(number.top - title.top), number.right <= title.left || number.left >= title.right];
        })"""
    )
    assert offsets and all(offset <= 2 and beside for offset, beside in offsets), offsets
    # an icon never ends a line alone: each fact of the meeting moves to the next line whole
    assert page.evaluate(ONE_LINE, ".meeting-facts a[href$='meeting.ics']") == [1]
    screenshot(page, f"polish-meeting-{language}-phone")


@pytest.mark.parametrize(("username", "language"), USERS)
def test_meeting_attendance_on_a_desktop_keeps_rows_short(live_server, demo, signed_in, screenshot, username, language):
    slug = username.split(".")[0]
    page = signed_in(username, DESKTOP)
    page.goto(live_server.url + meeting_path(slug))
    lines = page.evaluate(
        "() => [...document.querySelectorAll('#attendance table tbody tr')].map(row => [...row.cells].map("
        + LINES
        + "))"
    )
    assert lines
    assert {row[0] for row in lines} == {1}, "a name on one line"
    assert max(row[1] for row in lines) <= 2, ("a role on two lines at most", lines)
    assert page.evaluate(ONE_LINE, ".meeting-facts .icon-label") == [1]
    assert page.evaluate(CLIPPED, "#attendance td, #attendance td *") == []
    screenshot(page, f"polish-meeting-{language}-desktop")


@pytest.mark.parametrize(("username", "language"), [*USERS, ("gjilan.secretary", "en")])
def test_council_home_has_its_breadcrumb(live_server, demo, signed_in, username, language):
    slug = username.split(".")[0]
    get_user_model().objects.filter(username=username).update(language=language)
    page = signed_in(username, DESKTOP)
    page.goto(live_server.url + reverse("council:council-detail", args=[slug]))
    assert page.locator("html").get_attribute("lang") == language
    crumbs = page.locator("main nav .breadcrumb-item")
    assert crumbs.count() == 2
    assert crumbs.nth(0).locator("a").get_attribute("href") == reverse("home:home")
    current = crumbs.nth(1)
    assert current.get_attribute("aria-current") == "page"
    assert current.inner_text().strip() == page.locator("h1").inner_text().strip()


@pytest.mark.parametrize(("username", "language"), USERS)
def test_phone_page_head_takes_two_lines_at_most(live_server, demo, signed_in, screenshot, username, language):
    slug = username.split(".")[0]
    page = signed_in(username, PHONE)
    paths = {
        "council": reverse("council:council-detail", args=[slug]),
        "follow-up": reverse("meetings:action-list", args=[slug]),
        "meeting": meeting_path(slug),
    }
    for name, path in paths.items():
        page.goto(live_server.url + path)
        head = page.evaluate(
            """() => {
                const main = document.querySelector('main').getBoundingClientRect();
                const button = document.querySelector('[data-bs-target="#section-menu"]').getBoundingClientRect();
                const list = document.querySelector('main nav .breadcrumb');
                const h1 = document.querySelector('main h1').getBoundingClientRect();
                return [h1.top - main.top, button.height, list.getBoundingClientRect().height,
                        parseFloat(getComputedStyle(list).lineHeight)];
            }"""
        )
        h1_offset, button_height, list_height, line_height = head
        assert list_height <= line_height * 1.5, (name, "the breadcrumb on one line", head)
        # the sections button and the breadcrumb: two rows at most (each with its 1rem below)
        assert h1_offset <= button_height + line_height + 2 * 16 + 4, (name, head)
        assert page_fits(page), name
        screenshot(page, f"polish-page-head-{language}-{name}-phone")


@pytest.mark.parametrize(("username", "language"), USERS)
def test_changed_pages_pass_axe(live_server, demo, signed_in, username, language):
    slug = username.split(".")[0]
    paths = [
        reverse("council:council-detail", args=[slug]),
        reverse("meetings:action-list", args=[slug]),
        meeting_path(slug),
    ]
    if not AXE_SCRIPT.exists():
        pytest.skip("node_modules/axe-core is missing: run `make node-deps`")
    problems = []
    for viewport in (PHONE, DESKTOP):
        page = signed_in(username, viewport)
        page.context.add_init_script(path=str(AXE_SCRIPT))
        for path in paths:
            page.goto(live_server.url + path)
            problems += [(path, viewport["width"], violation) for violation in run_axe(page)]
    assert problems == []
