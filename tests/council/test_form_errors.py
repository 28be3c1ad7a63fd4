"""Form pages say what went wrong and what to do, in the user's language and digits (items 3 and 4 of the design
issue): an error summary linking each error to its field, "Error:" before the page title, field-specific
messages, Persian digits in values, help texts and messages, dates in the council's calendar and format."""

import re

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from council.forms import CouncilDateField, FormMixin
from council.templatetags.form_errors import summary_entries
from council.templatetags.hamahang import digits


def speaking(user, language):
    user.language = language
    user.save(update_fields=["language"])
    return user


def jalali(council):
    council.calendar, council.time_zone = "jalali", "Asia/Tehran"
    council.save()
    return council


def page_title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def summary(html: str) -> str:
    match = re.search(r'<div class="alert alert-danger error-summary" role="alert".*?</div>', html, re.S)
    assert match, "no error summary on the page"
    return match.group(0)


def new_meeting(client, world, data):
    client.force_login(world.secretary)
    return client.post(reverse("meetings:meeting-create", args=[world.council.slug]), data)


@pytest.mark.parametrize(
    ("language", "error", "enter_place", "enter_date"),
    [
        ("en", "Error: ", "Enter the place.", "Enter the date and time, for example 04.04.2026 14:30."),
        (
            "sq",
            "Gabim: ",
            "Plotësoni fushën «Vendi».",
            "Plotësoni fushën «Data dhe ora», për shembull 04.04.2026 14:30.",
        ),
        ("fa", "خطا: ", "«محل برگزاری» را وارد کنید.", "«تاریخ و ساعت» را وارد کنید، مثلاً ۱۴۰۵/۰۱/۱۵ ۱۴:۳۰."),
    ],
)
def test_the_error_summary_links_each_error_to_its_field_and_the_title_says_error(
    client, world, language, error, enter_place, enter_date
):
    if language == "fa":
        jalali(world.council)
    speaking(world.secretary, language)
    response = new_meeting(client, world, {"title": "x", "starts_at": "", "duration_minutes": "90", "place": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert page_title(html).startswith(error)
    box = summary(html)
    links = {text: href for href, text in re.findall(r'<a href="#([^"]+)" class="alert-link">(.*?)</a>', box)}
    assert links == {enter_place: "id_place", enter_date: "id_starts_at"}
    for target in links.values():
        assert f'id="{target}"' in html  # each link leads to its field
    assert 'tabindex="-1"' in box and "js/error-summary.js" in html  # focus moves to the box when the page opens


def test_a_page_without_errors_has_no_summary_and_a_plain_title(client, world):
    client.force_login(world.secretary)
    html = client.get(reverse("meetings:meeting-create", args=[world.council.slug])).content.decode()
    assert "error-summary" not in html and not page_title(html).startswith("Error")


def test_allauths_pages_have_the_summary_and_the_title_too(client, world):
    response = client.post(reverse("account_login"), {"login": "", "password": ""}, HTTP_ACCEPT_LANGUAGE="sq")
    html = response.content.decode()
    assert page_title(html).startswith("Gabim: ")
    assert 'href="#id_login"' in summary(html)


def test_a_persian_page_shows_a_mistyped_date_back_in_persian_digits(client, world):
    jalali(world.council)
    speaking(world.secretary, "fa")
    response = new_meeting(
        client, world, {"title": "جلسه", "starts_at": "۱۴۰۵/۱۳/۴۰ ۱۰:۰۰", "duration_minutes": "90", "place": "x"}
    )
    html = response.content.decode()
    assert 'value="۱۴۰۵/۱۳/۴۰ ۱۰:۰۰"' in html
    assert "1405/13/40" not in html
    assert 'value="۹۰"' in html  # the number typed in Latin digits, shown in Persian ones


def test_a_persian_page_shows_initial_values_and_numbers_in_messages_in_persian_digits(client, world):
    jalali(world.council)
    speaking(world.secretary, "fa")
    client.force_login(world.secretary)
    html = client.get(reverse("meetings:meeting-create", args=[world.council.slug])).content.decode()
    assert 'name="duration_minutes" value="۹۰"' in html
    response = new_meeting(client, world, {"title": "x" * 201, "starts_at": "", "duration_minutes": "-1", "place": "x"})
    box = summary(response.content.decode())
    assert "۲۰۰" in box and "۲۰۱" in box  # Django's "at most 200 characters (it has 201)"
    assert "۱۵" in box  # "greater than or equal to 15"
    assert not re.search(r">[^<]*[0-9][^<]*<", box), "a Latin digit in the text of the summary"


class HelpForm(FormMixin, forms.Form):
    files = forms.IntegerField(label="Files", help_text="At most 10 files.", min_value=1, max_value=10)
    note = forms.CharField(label="Note", help_text='<a href="/help/12/">Rule 12</a> &#39;quoted&#39;')
    day = CouncilDateField(label="Meeting date", error_messages={"required": "Say when."})
    due = CouncilDateField(label="Due date")
    starts = CouncilDateField(label="Campaign start")
    secret = forms.CharField(label="New PR Password")
    agree = forms.BooleanField(label="I agree")
    colour = forms.ChoiceField(label="Colour", choices=[("", "—"), ("r", "Red")])
    ok = forms.ChoiceField(label="Is it ready?", choices=[("y", "Yes")], widget=forms.RadioSelect)


def test_help_texts_and_messages_are_in_persian_digits_but_not_addresses_or_entities():
    with translation.override("fa"):
        form = HelpForm(data={"files": "۱۱", "note": "x"})
        assert not form.is_valid()
        assert "۱۰" in str(form["files"].help_text)
        assert str(form["note"].help_text) == '<a href="/help/12/">Rule ۱۲</a> &#39;quoted&#39;'
        assert form.errors["files"] == ["مطمئن شوید این مقدار کوچکتر و یا مساوی ۱۰ است."]
        assert digits(mark_safe('<a href="/m/12/">12</a>')) == '<a href="/m/12/">۱۲</a>'
        assert digits("<b>12</b>") == "<b>۱۲</b>"  # plain text: escaped when shown


def test_required_messages_say_what_to_do_and_a_fields_own_message_wins():
    with translation.override("en"):
        form = HelpForm(data={})
        assert not form.is_valid()
        assert form.errors["files"] == ["Enter the files."]
        assert form.errors["day"] == ["Say when."]
        assert form.errors["due"] == ["Enter the due date, for example 04.04.2026."]
        assert form.errors["starts"] == ["Enter the date for “Campaign start”, for example 04.04.2026."]
        assert form.errors["secret"] == ["Enter the new PR password."]
        assert form.errors["agree"] == ["Tick the box to continue."]
        assert form.errors["colour"] == ["Choose the colour."]
        assert form.errors["ok"] == ["Answer this question."]
        entries = {entry["href"]: entry for entry in summary_entries(form)}
        assert entries["#id_ok_0"]["label"] == "Is it ready?"  # the message does not name it: the label does
        assert entries["#id_colour"]["label"] == ""


def test_an_albanian_councils_date_field_is_no_browser_date_input(client, world):
    speaking(world.secretary, "sq")
    client.force_login(world.secretary)
    html = client.get(reverse("meetings:meeting-create", args=[world.council.slug])).content.decode()
    field = re.search(r'<input[^>]*id="id_starts_at"[^>]*>', html).group(0)
    assert 'type="text"' in field and "data-date-picker" in field
    assert 'type="date"' not in html and 'type="datetime-local"' not in html
