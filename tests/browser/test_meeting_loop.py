"""The council's whole loop in a real browser, once in Persian (Jalali dates) and once in English:

secretary schedules → chair publishes → a liaison replies → secretary records attendance and
minutes → chair approves → the liaison reports progress → chair closes the action item.
"""

from datetime import timedelta

import jdatetime
import pytest
from django.utils import timezone

from helpers.l10n.digits import to_persian_digits
from meetings.models import ActionItem, Meeting
from meetings.services import rsvp_token
from tests.conftest import PASSWORD


def as_user(browser, live_server, username, language):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == language
    return page


def press(page, action):
    """Click the button of the form posting to an address ending in `action`."""
    page.click(f"form[action$='{action}'] button[type=submit]")
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["fa", "en"])
def test_the_whole_meeting_loop(browser, live_server, transactional_db, world, screenshot, language):
    council = world.council
    if language == "fa":
        council.language, council.calendar, council.time_zone = "fa", "jalali", "Asia/Tehran"
        council.save()
    base = f"{live_server.url}/c/{council.slug}"
    in_ten_days = timezone.localtime(timezone.now() + timedelta(days=10), council.tzinfo)
    when = in_ten_days.replace(hour=10, minute=0, second=0, microsecond=0)
    due = (timezone.localdate() + timedelta(days=40)).replace(day=15)

    # The secretary schedules the meeting and adds an item.
    secretary = as_user(browser, live_server, "secretary", language)
    secretary.goto(f"{base}/meetings/new/")
    secretary.fill("#id_title", "Information work" if language == "en" else "جلسه اطلاع‌رسانی")
    if language == "fa":
        typed = to_persian_digits(jdatetime.datetime.fromgregorian(datetime=when).strftime("%Y/%m/%d %H:%M"))
        secretary.click("#id_starts_at + .date-picker-toggle")
        assert secretary.locator(".date-picker[role=dialog]").is_visible()  # the offline Jalali picker opens
        screenshot(secretary, "loop-fa-jalali-picker")
        secretary.fill("#id_starts_at", typed)
        secretary.keyboard.press("Escape")
    else:
        secretary.fill("#id_starts_at", when.strftime("%Y-%m-%dT%H:%M"))
    secretary.fill("#id_place", "Governorate hall")
    secretary.click("main form button[type=submit]")
    secretary.wait_for_url(f"{base}/meetings/*/")
    meeting = Meeting.objects.get(council=council)
    assert meeting.starts_at == when
    secretary.click("a[href$='/items/new/']")
    secretary.fill("#id_title", "State of public information")
    secretary.click("main form button[type=submit]")
    secretary.wait_for_url(f"{base}/meetings/{meeting.pk}/#agenda")
    screenshot(secretary, f"loop-{language}-1-draft")

    # The chair publishes the agenda: everyone is invited.
    chair = as_user(browser, live_server, "chair", language)
    chair.goto(f"{base}/meetings/{meeting.pk}/")
    press(chair, "/publish-agenda/")
    meeting.refresh_from_db()
    assert meeting.state == "agenda_published"

    # A liaison replies from the link in the e-mail.
    liaison = as_user(browser, live_server, "liaison_a", language)
    attendance = meeting.attendances.get(membership__user=world.liaison_a)
    liaison.goto(f"{live_server.url}/rsvp/{rsvp_token(attendance)}/")
    liaison.check("input[name=reply][value=attending]")
    liaison.click("main form button[type=submit]")
    liaison.wait_for_load_state()
    attendance.refresh_from_db()
    assert attendance.reply == "attending"

    # The day comes. The secretary marks it held, records attendance and minutes, and a decision.
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    secretary.goto(f"{base}/meetings/{meeting.pk}/")
    press(secretary, "/held/")
    secretary.click("a[href$='/attendance/']")
    for select in secretary.locator("select[name^=status_]").all():
        select.select_option("present")
    secretary.click("main form button[type=submit]:not([name=all_present])")
    secretary.wait_for_load_state()
    secretary.click("a[href$='/minutes/']")
    secretary.locator("textarea[name^=discussion_]").first.fill("Departments reported their shortages.")
    secretary.click("main form button[type=submit]:not([name=add_decision])")
    secretary.wait_for_load_state()
    secretary.locator("a[href*='/decisions/new/']").first.click()
    secretary.fill("#id_text", "Each department sends a monthly report of its achievements.")
    secretary.check(f"input[name=departments][value='{world.department_a.pk}']")
    if language == "fa":
        secretary.fill("#id_due_date", to_persian_digits(jdatetime.date.fromgregorian(date=due).strftime("%Y/%m/%d")))
        secretary.keyboard.press("Escape")
    else:
        secretary.fill("#id_due_date", due.isoformat())
    secretary.click("main form button[type=submit]")
    secretary.wait_for_load_state()
    press(secretary, "/minutes/submit/")
    screenshot(secretary, f"loop-{language}-2-minutes-drafted")

    # The chair approves: the decision gets its number and an action item for department A.
    chair.goto(f"{base}/meetings/{meeting.pk}/")
    press(chair, "/minutes/approve/")
    meeting.refresh_from_db()
    assert meeting.state == "minutes_approved"
    action = ActionItem.objects.get(decision__item__meeting=meeting)
    assert (action.department, action.due_date) == (world.department_a, due)
    reference = action.decision.reference
    shown = to_persian_digits(reference) if language == "fa" else reference
    assert chair.get_by_text(shown).first.is_visible()
    screenshot(chair, f"loop-{language}-3-approved")

    # The chair prints the minutes: the page shows the progress, then the download.
    chair.click("#print-heading ~ form button[name=kind][value=minutes]")
    download_link = chair.locator("#documents a[href$='/download/']")
    download_link.wait_for()
    with chair.expect_download() as download:
        download_link.click()
    assert download.value.suggested_filename.endswith(f"-{language}.pdf")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"

    # The liaison reports progress and proposes done; the chair closes the item.
    liaison.goto(f"{base}/actions/")
    liaison.click(f"a[href$='/actions/{action.pk}/']")
    liaison.fill("#id_text", "The first monthly report was published.")
    liaison.check("#id_proposes_done")
    liaison.click("main form button[type=submit]")
    liaison.wait_for_load_state()
    action.refresh_from_db()
    assert action.status == "done_proposed"
    chair.goto(f"{base}/actions/{action.pk}/")
    press(chair, "/close/")
    action.refresh_from_db()
    assert action.status == "done"
    screenshot(chair, f"loop-{language}-4-closed")
    for page in (secretary, chair, liaison):
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "fa" else "ltr")
        page.context.close()
