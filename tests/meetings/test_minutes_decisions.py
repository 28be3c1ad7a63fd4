"""Decisions are added inside the minutes editor, saved with the minutes: what was typed in them is never lost."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Decision, Meeting
from tests.factories import AgendaItemFactory, DecisionFactory, MeetingFactory


@pytest.fixture
def held(world):
    meeting = MeetingFactory(
        council=world.council, state=Meeting.State.HELD, starts_at=timezone.now() - timedelta(hours=2)
    )
    AgendaItemFactory(meeting=meeting, title="Information work", position=0)
    AgendaItemFactory(meeting=meeting, title="Training", position=1)
    return meeting


def editor(meeting):
    return reverse("meetings:minutes-edit", args=[meeting.council.slug, meeting.pk])


def data(meeting, text="We discussed the information network.", version=None, **extra):
    first, second = meeting.items.all()
    return {
        "base_version": meeting.version if version is None else version,
        f"discussion_{first.pk}": text,
        f"discussion_{second.pk}": "",
        **extra,
    }


def test_adding_a_decision_saves_the_minutes_typed_and_comes_back_to_the_editor(world, login, held):
    item = held.items.first()
    client = login(world.secretary)
    response = client.post(
        editor(held),
        data(
            held,
            **{
                f"decision-{item.pk}-text": "Every department names a PR officer.",
                f"decision-{item.pk}-departments": [str(world.department_a.pk), str(world.department_b.pk)],
                f"decision-{item.pk}-due_date": "2099-05-01",
                "add_decision": str(item.pk),
            },
        ),
    )
    assert response.status_code == 302 and response.url == f"{editor(held)}#item-{item.pk}"
    item.refresh_from_db()
    assert item.discussion == "We discussed the information network."
    decision = Decision.objects.get(item=item)
    assert decision.text == "Every department names a PR officer."
    assert set(decision.departments.all()) == {world.department_a, world.department_b}
    assert str(decision.due_date) == "2099-05-01"

    page = client.get(editor(held)).content.decode()
    assert "We discussed the information network." in page and "Every department names a PR officer." in page
    assert "Minutes saved and decision added." in page


def test_a_decision_without_text_is_refused_and_everything_typed_is_kept(world, login, held):
    item = held.items.first()
    response = login(world.secretary).post(
        editor(held),
        data(
            held,
            **{f"decision-{item.pk}-departments": [str(world.department_a.pk)], "add_decision": str(item.pk)},
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "A decision needs its text." in page
    assert "We discussed the information network." in page  # the minutes typed are still in the form
    assert (
        f'value="{world.department_a.pk}" class="form-check-input" id="id_decision-{item.pk}-departments_0" checked'
        in page
    )
    item.refresh_from_db()
    assert item.discussion == "" and not Decision.objects.exists()


def test_saving_the_minutes_adds_the_decisions_drafted(world, login, held):
    second = held.items.last()
    response = login(world.secretary).post(
        editor(held), data(held, **{f"decision-{second.pk}-text": "Hold two courses a year."})
    )
    assert response.status_code == 302 and response.url.endswith("#minutes")
    assert list(Decision.objects.values_list("item", "text")) == [(second.pk, "Hold two courses a year.")]


def test_after_someone_elses_save_no_decision_is_added_and_the_draft_is_kept(world, login, held):
    item = held.items.first()
    stale = held.version
    assert login(world.chair).post(editor(held), data(held, text="The chair's summary")).status_code == 302
    response = login(world.secretary).post(
        editor(held),
        data(held, version=stale, **{f"decision-{item.pk}-text": "My decision", "add_decision": str(item.pk)}),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else saved this" in page and "My decision" in page and "The chair&#x27;s summary" in page
    assert not Decision.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("outsider", 404),
        ("member", 403),
        ("liaison_a", 403),
        ("liaison_b", 403),
        ("secretary", 302),
        ("chair", 302),
        ("admin", 302),
    ],
)
def test_adding_a_decision_from_the_editor_is_the_secretariats(world, login, held, role, status):
    item = held.items.first()
    posted = data(held, **{f"decision-{item.pk}-text": f"Decided by {role}", "add_decision": str(item.pk)})
    response = login(world.user(role)).post(editor(held), posted)
    assert response.status_code == status
    added = Decision.objects.filter(text=f"Decided by {role}").exists()
    assert added == (role in ("secretary", "chair", "admin"))
    if role == "anonymous":
        assert reverse("account_login") in response.url


def test_with_htmx_the_editor_comes_back_in_place_saying_what_was_added(world, login, held):
    item = held.items.first()
    response = login(world.secretary).post(
        editor(held),
        data(held, **{f"decision-{item.pk}-text": "A monthly report.", "add_decision": str(item.pk)}),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="minutes-form"' in page and "Minutes saved and decision added." in page
    assert "We discussed the information network." in page and "A monthly report." in page
    held.refresh_from_db()
    assert f'name="base_version" value="{held.version}"' in page  # the next save starts from this one
    assert f'name="decision-{item.pk}-text"' in page and ">A monthly report.</textarea>" not in page  # emptied


def decision_edit(meeting, decision, query=""):
    args = [meeting.council.slug, meeting.pk, decision.item_id, decision.pk]
    return reverse("meetings:decision-edit", args=args) + query


@pytest.fixture
def decided(world, held):
    decision = DecisionFactory(item=held.items.first(), text="Train the liaisons.")
    decision.departments.add(world.department_a)
    return decision


def edit_data(world, decision, text="Train every liaison."):
    return {"text": text, "departments": [str(world.department_a.pk)], "base_version": decision.version}


def test_a_decision_edited_from_the_minutes_editor_comes_back_to_it(world, login, held, decided):
    client = login(world.secretary)
    page = client.get(editor(held)).content.decode()
    link = decision_edit(held, decided, "?from=minutes")
    assert f'href="{link}"' in page
    form_page = client.get(link).content.decode()
    back = f"{editor(held)}#item-{decided.item_id}"
    assert f'href="{back}"' in form_page  # "Back" too leads to the editor
    response = client.post(link, edit_data(world, decided))
    assert response.status_code == 302 and response.url == back
    decided.refresh_from_db()
    assert decided.text == "Train every liaison."


@pytest.mark.parametrize(
    "query", ["", "?from=https://evil.example/", "?from=//evil.example/", "?next=https://evil.example/"]
)
def test_otherwise_a_saved_decision_leads_to_the_meeting_and_never_elsewhere(world, login, held, decided, query):
    client = login(world.secretary)
    response = client.post(decision_edit(held, decided, query), edit_data(world, decided))
    meeting = reverse("meetings:meeting-detail", args=[world.council.slug, held.pk])
    assert response.status_code == 302 and response.url == f"{meeting}#minutes"


def test_the_editor_lists_every_department_once_per_item_with_its_name_escaped(world, login, held):
    world.department_b.name = '<b>Press & "Media"</b>'
    world.department_b.save()
    page = login(world.secretary).get(editor(held)).content.decode()
    for item in held.items.all():
        for index, department in enumerate(world.council.departments.all()):
            assert (
                f'value="{department.pk}" class="form-check-input" id="id_decision-{item.pk}-departments_{index}">'
                in page
            )
    assert "&lt;b&gt;Press &amp; &quot;Media&quot;&lt;/b&gt;" in page and "<b>Press" not in page


def test_a_wrong_due_date_is_shown_again_marked_and_described_by_its_error(world, login, held):
    item = held.items.first()
    response = login(world.secretary).post(
        editor(held),
        data(held, **{f"decision-{item.pk}-text": "Print leaflets", f"decision-{item.pk}-due_date": "31.13.2026"}),
    )
    page = response.content.decode()
    field = f"id_decision-{item.pk}-due_date"
    assert f'name="decision-{item.pk}-due_date" value="31.13.2026" data-date-picker="date"' in page
    assert f'class="form-control" aria-invalid="true" aria-describedby="{field}_error" id="{field}">' in page
    assert f'id="{field}_error"' in page and not Decision.objects.exists()
