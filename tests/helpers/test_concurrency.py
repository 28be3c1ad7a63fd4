"""save_versioned: an edit goes through save() (history, auto_now) and is refused when it did not start from the
saved version."""

import pytest
from django import forms

from helpers.concurrency import EditConflict, VersionedFormMixin, save_versioned
from meetings.models import Meeting
from tests.factories import MeetingFactory


class TitleForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["title", "place"]


@pytest.fixture
def meeting(world):
    return MeetingFactory(council=world.council, title="Old title", place="Hall")


def edit(meeting, base_version, title="New title"):
    data = {"title": title, "place": "Hall"}
    if base_version is not None:
        data["base_version"] = base_version
    form = TitleForm(data, instance=Meeting.objects.get(pk=meeting.pk))
    assert form.is_valid(), form.errors
    return form


def test_it_saves_through_save_and_leaves_a_history_row_naming_the_editor(world, meeting):
    before = meeting.history.count()
    save_versioned(edit(meeting, meeting.version), by=world.secretary)
    meeting.refresh_from_db()
    assert (meeting.title, meeting.version) == ("New title", 2)
    assert meeting.history.count() == before + 1
    latest = meeting.history.latest()
    assert (latest.title, latest.history_user) == ("New title", world.secretary)


def test_it_refuses_an_edit_that_started_from_an_old_version(world, meeting):
    save_versioned(edit(meeting, 1, "First"), by=world.secretary)
    with pytest.raises(EditConflict):
        save_versioned(edit(meeting, 1, "Second"), by=world.chair)
    meeting.refresh_from_db()
    assert (meeting.title, meeting.version) == ("First", 2)


def test_it_treats_a_missing_version_as_a_conflict(world, meeting):
    with pytest.raises(EditConflict):
        save_versioned(edit(meeting, None), by=world.secretary)
    meeting.refresh_from_db()
    assert (meeting.title, meeting.version) == ("Old title", 1)


@pytest.mark.parametrize("base_version", ["abc", "1x"])
def test_it_refuses_an_unreadable_version_with_a_visible_message(meeting, base_version):
    form = TitleForm({"title": "New", "place": "Hall", "base_version": base_version}, instance=meeting)
    assert not form.is_valid()
    assert form.non_field_errors() == ["This page is out of date. Reload it and make your changes again."]
