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


# ---------------------------------------------------------------- the summary's labels, and each error once


def summary_links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a href="#([^"]+)" class="alert-link">(.*?)</a>', summary(html))


def attest(client, world, language="en"):
    """An attestation posted with a "not compliant" answer without its note and an item left unanswered."""
    from elections import services
    from tests.factories import ElectionPeriodFactory

    cycle = ElectionPeriodFactory(council=world.council).cycles.first()
    attestation = services.attestation_start(cycle=cycle, department=world.department_a)
    first, second, third = attestation.answers.all()
    data = {"action": "submit", "base_version": attestation.version, f"{first.key}-value": "not_compliant"}
    data |= {f"{second.key}-value": "compliant", f"{third.key}-value": ""}
    client.force_login(speaking(world.liaison_a, language))
    url = reverse(
        "elections:attestation-edit", args=[world.council.slug, cycle.period.pk, cycle.pk, world.department_a.pk]
    )
    first_page = client.post(url, data).content.decode()
    data[f"{first.key}-note"] = "The hall was lent once."
    return first_page, client.post(url, data).content.decode(), (first, second, third)


def test_the_attestations_summary_names_each_item_by_its_number_not_its_question(client, world):
    field_errors, item_errors, (first, second, third) = attest(client, world)
    assert summary_links(field_errors) == [
        (f"id_{first.key}-note", "Item 1: Note — Say what happened and what is being done about it.")
    ]
    # An item's own errors (no evidence, unanswered) link to the item, whose box can take the focus.
    assert summary_links(item_errors) == [
        (f"answer-{second.key}", "Item 2 — This item needs an evidence file."),
        (f"answer-{third.key}", "Item 3 — Answer this item."),
    ]
    assert f'id="answer-{third.key}" tabindex="-1"' in item_errors
    assert first.text not in summary(field_errors) and third.text not in summary(item_errors)


def test_the_attestations_summary_numbers_items_in_persian_digits(client, world):
    field_errors, _item_errors, (first, _second, _third) = attest(client, world, "fa")
    ((target, text),) = summary_links(field_errors)
    assert target == f"id_{first.key}-note" and text.startswith("مورد ۱: ")


def test_a_long_label_is_cut_short_in_the_summary():
    class Question(forms.Form):
        answer = forms.CharField(label="How many of the department's staff work on public relations, " * 3)

    ((entry,),) = [summary_entries(Question(data={"answer": ""}))]
    assert len(entry["label"]) <= 48 and entry["label"].endswith("…")


def test_an_error_of_the_whole_form_is_shown_once_in_the_summary(client, world):
    html = client.post("/accounts/login/", {"login": "chair", "password": "wrong"}).content.decode()
    message = "The username and/or password you specified are not correct."
    assert message in summary(html)
    assert html.count(message) == 1


def test_crispy_draws_no_box_of_whole_form_errors():
    from django.template import Context, Template

    class Whole(forms.Form):
        name = forms.CharField(required=False)

        def clean(self):
            raise forms.ValidationError("Nothing to save.")

    form = Whole(data={})
    html = Template("{% load crispy_forms_tags %}{{ form|crispy }}{% crispy form %}").render(Context({"form": form}))
    assert not form.is_valid() and "Nothing to save." not in html
