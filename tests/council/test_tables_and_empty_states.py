"""Tables scroll in labelled regions, filters name their empty choice, empty lists offer a next step, titles differ."""

import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from tests.factories import ActionItemFactory, DecisionFactory

TEMPLATES = Path(settings.BASE_DIR) / "templates"
REGION = re.compile(r'<div class="table-scroll[^"]*" role="region" tabindex="0" aria-label=".+?">\s*<table\b')


def test_every_table_sits_in_a_labelled_focusable_scrolling_region():
    unwrapped = []
    for path in TEMPLATES.rglob("*.html"):
        if "allauth" in path.parts:
            continue  # allauth's own account pages draw their small tables themselves
        text = path.read_text()
        if text.count("<table") != len(REGION.findall(text)):
            unwrapped.append(str(path.relative_to(TEMPLATES)))
    assert unwrapped == []


def test_table_cells_keep_whole_words_and_the_first_column_stays_in_view():
    css = (Path(settings.BASE_DIR) / "static/css/hamahang.css").read_text()
    section = css.split("/* tables and charts */", 1)[1]
    # main's overflow-wrap: anywhere would let a narrow column split «وضعیت» into «وضعی/ت»
    assert (
        ".table-scroll > .table { --bs-table-bg: transparent; margin-bottom: 0; overflow-wrap: break-word; }" in section
    )
    assert ".table-scroll > .table > thead th { white-space: nowrap; }" in section
    assert ".table-scroll > .table > * > tr > :first-child { position: sticky; inset-inline-start: 0;" in section


def speaking(user, language):
    user.language = language
    user.save(update_fields=["language"])
    return user


def follow_up(world, query=""):
    return reverse("meetings:action-list", args=[world.council.slug]) + query


def test_the_follow_up_list_is_a_labelled_region_with_headers_and_whole_decision_texts(client, world):
    ActionItemFactory(council=world.council, decision__item__meeting__council=world.council, decision__text="x" * 300)
    client.force_login(speaking(world.secretary, "fa"))
    page = client.get(follow_up(world)).content.decode()
    assert '<div class="table-scroll" role="region" tabindex="0" aria-label="اقدامات">' in page
    assert '<th scope="col">وضعیت</th>' in page
    assert "text-truncate" not in page and "x" * 300 in page


def test_the_follow_up_filters_name_their_empty_choice(client, world):
    client.force_login(speaking(world.secretary, "sq"))
    page = client.get(follow_up(world)).content.decode()
    assert '<option value="" selected>Të gjitha drejtoritë</option>' in page
    assert '<option value="" selected>Çdo status</option>' in page
    assert "---------" not in page


def test_an_empty_meeting_list_offers_scheduling_only_to_the_secretariat(client, world):
    create = reverse("meetings:meeting-create", args=[world.council.slug])
    listing = reverse("meetings:meeting-list", args=[world.council.slug])
    client.force_login(world.secretary)
    page = client.get(listing).content.decode()
    assert (
        '<p class="mb-0">No meetings yet.</p>\n'
        f'  <a class="btn btn-sm btn-outline-primary mt-2" href="{create}">Schedule a meeting</a>'
    ) in page
    client.force_login(world.member)
    page = client.get(listing).content.decode()
    assert "No meetings yet." in page and f'href="{create}"' not in page


def test_an_empty_filtered_follow_up_list_offers_to_clear_the_filters(client, world):
    client.force_login(world.member)
    assert "Clear the filters" not in client.get(follow_up(world)).content.decode()
    page = client.get(follow_up(world, "?overdue=on")).content.decode()
    assert f'href="{follow_up(world)}">Clear the filters</a>' in page


def test_two_action_items_have_their_own_titles_in_the_users_digits(client, world):
    decision = DecisionFactory(item__meeting__council=world.council, year=1405, number=3)
    first = ActionItemFactory(decision=decision, department=world.department_a)
    second = ActionItemFactory(decision=decision, department=world.department_b)
    client.force_login(speaking(world.chair, "fa"))
    titles = []
    for action in (first, second):
        page = client.get(reverse("meetings:action-detail", args=[world.council.slug, action.pk])).content.decode()
        titles.append(re.search(r"<title>(.*?)</title>", page, re.S)[1])
    assert titles[0] != titles[1]
    assert "۱۴۰۵/۰۳ · Education · Pardis test council" in titles[0]
    assert "۱۴۰۵/۰۳ · Health · Pardis test council" in titles[1]
