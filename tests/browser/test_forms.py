"""A form with errors as a secretary meets it, in Persian (Jalali), Albanian and English, on a desktop and a phone:
focus on the error summary, its links leading to the fields, the date picker by keyboard, the file input in the
page's language. Screenshots in var/test-artifacts/forms-*.png."""

import re

import pytest

from tests.conftest import PASSWORD

SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
ERROR = {"fa": "خطا: ", "sq": "Gabim: ", "en": "Error: "}
DATE = {"fa": r"^[۰-۹]{4}/[۰-۹]{2}/[۰-۹]{2} $", "sq": r"^\d{2}\.\d{2}\.\d{4} $", "en": r"^\d{2}\.\d{2}\.\d{4} $"}


@pytest.fixture
def browser_world(transactional_db, world):
    return world


def open_as_secretary(browser, live_server, world, language, size):
    if language == "fa":
        world.council.calendar, world.council.time_zone = "jalali", "Asia/Tehran"
        world.council.save()
    world.secretary.language = language
    world.secretary.save()
    context = browser.new_context(viewport=SIZES[size], locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=login]", "secretary")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    return page


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ["fa", "sq", "en"])
def test_a_form_with_errors_by_keyboard(browser, live_server, screenshot, browser_world, language, size):
    world = browser_world
    page = open_as_secretary(browser, live_server, world, language, size)
    page.goto(f"{live_server.url}/c/{world.council.slug}/meetings/new/")
    page.fill("#id_title", "x")
    page.fill("#id_duration_minutes", "")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()

    assert page.title().startswith(ERROR[language])
    page.wait_for_function("document.activeElement.hasAttribute('data-error-summary')")  # focus moved to the box
    screenshot(page, f"forms-{language}-{size}")

    page.locator("[data-error-summary] a[href='#id_starts_at']").click()
    assert page.evaluate("document.activeElement.id") == "id_starts_at"

    # The date picker, by keyboard only: Tab to its button, open, move a week on, choose.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('date-picker-toggle')")
    page.keyboard.press("Enter")
    dialog = page.locator(".date-picker[role=dialog]")
    assert dialog.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('day')")
    field_box, dialog_box = page.locator(".date-input").bounding_box(), dialog.bounding_box()
    if language == "fa":  # opens at the start edge: the right on a right-to-left page
        assert abs((field_box["x"] + field_box["width"]) - (dialog_box["x"] + dialog_box["width"])) < 2
    else:
        assert abs(field_box["x"] - dialog_box["x"]) < 2
    screenshot(page, f"forms-{language}-{size}-picker")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("PageDown")
    page.keyboard.press("Enter")
    assert not dialog.is_visible()
    assert re.match(DATE[language], page.input_value("#id_starts_at"))
    assert page.evaluate("document.activeElement.id") == "id_starts_at"
    page.keyboard.press("End")
    page.keyboard.type("10:00")
    page.fill("#id_duration_minutes", "۹۰" if language == "fa" else "90")
    page.fill("#id_place", "Hall")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/meetings/\d+/$"))
    page.context.close()


@pytest.mark.parametrize("language", ["fa", "sq"])
def test_a_file_input_speaks_the_pages_language(browser, live_server, screenshot, browser_world, language, tmp_path):
    world = browser_world
    page = open_as_secretary(browser, live_server, world, language, "desktop")
    page.goto(f"{live_server.url}/c/{world.council.slug}/statements/new/")
    label = {"fa": "انتخاب فایل", "sq": "Zgjidhni skedarin"}[language]
    button = page.locator(".file-input-button")
    assert button.inner_text().strip() == label
    photo = tmp_path / "photo.png"
    photo.write_bytes(b"not a picture")
    page.focus("#id_photo")  # the native input is still focusable: the button shows its focus
    outline = page.eval_on_selector(".file-input-button", "b => getComputedStyle(b).outlineStyle")
    assert outline == "solid"
    page.set_input_files("#id_photo", str(photo))
    assert page.locator(".file-input-name").inner_text() == "photo.png"
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    page.wait_for_function("document.activeElement.hasAttribute('data-error-summary')")
    screenshot(page, f"forms-{language}-file-input")
    page.context.close()
