"""Keyboard walks: Tab through the meeting page and a form page as the Pardis secretary, in Persian.

The first Tab lands on the skip link, which leads into the main content; every control on the page (links, buttons,
fields, anything with a tabindex) is reached by Tab; the focused control always shows a focus indicator (an outline,
or a box shadow it does not have unfocused).
"""

import io

import pytest
from django.core.management import call_command

from meetings.models import Meeting

PASSWORD = "demo-password-1"

# Every control Tab should reach, of those shown and enabled; one radio button per group is reached.
CONTROLS = """() => {
    const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]";
    const controls = [...document.querySelectorAll(selector)].filter(element =>
        element.tabIndex >= 0 && !element.disabled && !element.closest("[inert], [aria-hidden=true]")
        && element.checkVisibility({visibilityProperty: true}));
    return controls.map((element, index) => {
        const html = element.outerHTML.slice(0, 160);
        element.dataset.keyboardWalk = index;
        element.dataset.unfocusedShadow = getComputedStyle(element).boxShadow;
        const group = element.type === "radio" ? `radio:${element.name}` : `${index}`;
        return {group, html};
    });
}"""

# The focused element once its transitions have finished: which control it is and whether its focus shows.
# A control hidden visually behind its label (the file inputs' translated button) shows its focus on that label.
FOCUSED = """async () => {
    const element = document.activeElement;
    await Promise.all(element.getAnimations().map(animation => animation.finished.catch(() => null)));
    const hidden = element.getBoundingClientRect().width <= 1 && element.labels && element.labels.length;
    const visible = hidden ? element.labels[0] : element;
    const style = getComputedStyle(visible);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
        && !/rgba\\(.*, 0\\)$/.test(style.outlineColor);
    const shadow = style.boxShadow !== "none" && style.boxShadow !== visible.dataset.unfocusedShadow;
    const box = visible.getBoundingClientRect();
    return {
        index: element.dataset.keyboardWalk ?? null,
        body: element === document.body,
        html: element.outerHTML.replace(/ data-(keyboard-walk|unfocused-shadow)="[^"]*"/g, "").slice(0, 160),
        href: element.getAttribute("href"),
        inMain: !!element.closest("main"),
        indicator: outline || shadow,
        shown: box.width > 1 && box.height > 1,
    };
}"""


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", "--password", PASSWORD, stdout=io.StringIO())


def page_kinds():
    upcoming = Meeting.objects.filter(council__slug="pardis", state="agenda_published").first()
    return {
        "meeting": f"/c/pardis/meetings/{upcoming.pk}/",
        "form": "/c/pardis/meetings/new/",  # with the Jalali date picker
    }


@pytest.mark.parametrize("kind", ["meeting", "form"])
def test_tab_reaches_every_control_with_a_visible_focus(page, live_server, sign_in, demo, kind):
    sign_in(page, "pardis.secretary", PASSWORD)
    url = live_server.url + page_kinds()[kind]
    page.goto(url)
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED)
    assert first["href"] == "#main", f"the first Tab lands on {first['html']}, not the skip link"
    assert first["shown"], "the skip link does not show when focused"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["inMain"], "after the skip link, Tab does not go into the main content"

    page.goto(url)  # the whole page from the top
    controls = page.evaluate(CONTROLS)
    reached, unseen_focus = set(), []
    for _ in range(len(controls) + 20):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["body"]:
            break  # past the last control
        if focused["index"] is not None:
            reached.add(controls[int(focused["index"])]["group"])
        if not (focused["indicator"] and focused["shown"]):
            unseen_focus.append(focused["html"])
    unreached = [control["html"] for control in controls if control["group"] not in reached]
    if unreached or unseen_focus:
        pytest.fail(
            f"{kind} page {url}\n{len(unreached)} of {len(controls)} controls never reached by Tab:\n  "
            + "\n  ".join(unreached)
            + f"\n{len(unseen_focus)} focused controls show no focus indicator:\n  "
            + "\n  ".join(unseen_focus),
            pytrace=False,
        )
