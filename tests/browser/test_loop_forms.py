"""The attendance form and the minutes editor in a real browser, in Persian: "All present" in place, and a decision
added inside the editor (htmx) without losing the minutes typed. Screenshots at 1366×900 in var/test-artifacts/."""

from datetime import timedelta

import pytest
from django.utils import timezone

from meetings.models import Decision, Meeting
from tests.conftest import PASSWORD
from tests.factories import AgendaItemFactory, AttendanceFactory, MeetingFactory


@pytest.fixture
def persian_meeting(transactional_db, world):
    council = world.council
    council.language, council.calendar, council.time_zone = "fa", "jalali", "Asia/Tehran"
    council.save()
    meeting = MeetingFactory(
        council=council,
        state=Meeting.State.HELD,
        starts_at=timezone.now() - timedelta(hours=1),
        title="جلسه اطلاع‌رسانی",
    )
    AgendaItemFactory(meeting=meeting, title="وضعیت اطلاع‌رسانی در شهرستان", position=0)
    AgendaItemFactory(meeting=meeting, title="دوره‌های آموزشی پیشنهادی", position=1)
    replies = {
        world.chair: {"reply": "attending"},
        world.secretary: {},
        world.member: {"reply": "not_attending"},
        world.liaison_a: {"reply": "attending"},
        world.liaison_b: {"reply": "delegate", "reply_delegate": "آقای کریمی"},
    }
    for user, fields in replies.items():
        AttendanceFactory(meeting=meeting, membership=user.memberships.get(), **fields)
    return meeting


def signed_in(browser, sign_in, username):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fa-IR")
    page = context.new_page()
    page.set_default_timeout(15000)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.console_errors = errors
    sign_in(page, username, PASSWORD)
    return page


def test_attendance_and_minutes_editor_in_persian(browser, live_server, sign_in, world, persian_meeting, screenshot):
    meeting = persian_meeting
    base = f"{live_server.url}/c/{world.council.slug}/meetings/{meeting.pk}"
    page = signed_in(browser, sign_in, "secretary")

    page.goto(f"{base}/attendance/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    delegate_row = meeting.attendances.get(membership__user=world.liaison_b).pk
    assert page.locator(f"select[name=status_{delegate_row}]").input_value() == "delegate"
    page.click("button[name=all_present]")  # in place: no request
    assert page.url == f"{base}/attendance/"
    values = [select.input_value() for select in page.locator("select[data-attendance-status]").all()]
    assert sorted(values) == ["delegate", "present", "present", "present", "present"]
    assert page.locator("#all-present-status").inner_text() != ""
    screenshot(page, "loop-fa-attendance-form")
    page.click("main form button[type=submit]:not([name=all_present])")
    page.wait_for_load_state()
    assert meeting.attendances.filter(status="present").count() == 4

    page.goto(f"{base}/minutes/")
    first = meeting.items.first()
    page.fill(f"textarea[name=discussion_{first.pk}]", "ادارات کمبودهای خود را گزارش کردند.")
    page.click(f"#item-{first.pk} details summary")
    page.fill(f"textarea[name=decision-{first.pk}-text]", "هر اداره یک کارشناس روابط عمومی معرفی کند.")
    page.check(f"input[name=decision-{first.pk}-departments][value='{world.department_a.pk}']")
    with page.expect_response(lambda response: "/minutes/" in response.url and response.request.method == "POST"):
        page.click(f"button[name=add_decision][value='{first.pk}']")
    page.wait_for_selector(f"#item-{first.pk} .decision")
    assert page.locator("#minutes-form [role=status] .alert-success").is_visible()  # said inside the swapped form
    assert page.input_value(f"textarea[name=discussion_{first.pk}]") == "ادارات کمبودهای خود را گزارش کردند."
    assert Decision.objects.get(item=first).text == "هر اداره یک کارشناس روابط عمومی معرفی کند."
    page.click(f"#item-{meeting.items.last().pk} details summary")  # the form of a decision, opened, for the picture
    screenshot(page, "loop-fa-minutes-editor")
    assert page.console_errors == []
