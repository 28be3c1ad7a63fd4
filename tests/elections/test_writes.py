"""Writes in the elections app: a GET never writes, two tabs never overwrite each other, a second click is refused."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from elections import services
from elections.models import Alert, Attestation, Complaint
from tests.factories import ElectionPeriodFactory


def url(world, name, *args):
    return reverse(f"elections:{name}", args=[world.council.slug, *args])


@pytest.fixture
def election(world):
    return ElectionPeriodFactory(council=world.council)


# ---------------------------------------------------------------- a GET never writes


def test_opening_an_attestation_creates_no_row_and_the_first_save_does(client, world, election):
    cycle = election.cycles.first()
    edit = url(world, "attestation-edit", election.pk, cycle.pk, world.department_a.pk)
    client.force_login(world.liaison_a)
    page = client.get(edit)
    assert page.status_code == 200 and "No department vehicle" in page.content.decode()
    assert Attestation.objects.count() == 0

    client.force_login(world.secretary)
    matrix = client.get(url(world, "election-department", election.pk, world.department_a.pk))
    assert matrix.status_code == 200 and Attestation.objects.count() == 0

    client.force_login(world.liaison_a)
    items = list(election.template.items.all())
    first = f"i{items[0].pk}"
    data = {"action": "save", "base_version": 1, f"{first}-value": "compliant", f"{first}-note": "Checked"}
    client.post(edit, data)
    attestation = Attestation.objects.get()
    first = attestation.answers.get(item=items[0])
    assert (first.value, first.note) == ("compliant", "Checked")
    assert attestation.state == Attestation.State.DRAFT and attestation.answers.count() == 3


def test_two_tabs_starting_the_same_attestation_do_not_overwrite_each_other(client, world, election):
    cycle = election.cycles.first()
    edit = url(world, "attestation-edit", election.pk, cycle.pk, world.department_a.pk)
    item = election.template.items.first()
    client.force_login(world.liaison_a)
    client.post(edit, {"action": "save", "base_version": 1, f"i{item.pk}-value": "compliant"})
    page = client.post(edit, {"action": "save", "base_version": 1, f"i{item.pk}-note": "Typed in the second tab"})
    html = page.content.decode()
    assert "Someone else saved this" in html and "Typed in the second tab" in html
    assert Attestation.objects.get().answers.get(item=item).value == "compliant"


# ---------------------------------------------------------------- two tabs: the second save gets the conflict


def test_two_tabs_editing_a_complaint_show_both_versions(client, world, election):
    complaint = election.complaints.create(
        received_on=date.today(), complainant="A citizen", text="Posters", recorded_by=world.chair
    )
    edit = url(world, "complaint-edit", election.pk, complaint.pk)
    data = {"department": "", "received_on": date.today().isoformat(), "complainant": "A citizen", "text": "Posters"}
    client.force_login(world.secretary)
    client.get(edit)  # the form carries the version it started from
    client.post(edit, {**data, "handling": "Posters removed", "base_version": 1})
    html = client.post(edit, {**data, "handling": "Typed second", "base_version": 1}).content.decode()
    assert "Someone else saved this" in html and "Typed second" in html
    assert "Saved meanwhile by someone else" in html and "Posters removed" in html
    assert Complaint.objects.get().handling == "Posters removed"
    assert 'name="base_version"' in client.get(edit).content.decode()


# ---------------------------------------------------------------- a second click, a stale object


def test_closing_an_election_twice_keeps_the_first_closing_time(client, world, election):
    client.force_login(world.chair)
    client.post(url(world, "election-close", election.pk))
    closed_at = type(election).objects.get().closed_at
    page = client.post(url(world, "election-close", election.pk), follow=True)
    assert page.status_code == 200 and "already closed" in page.content.decode()
    assert type(election).objects.get().closed_at == closed_at
    with pytest.raises(services.SubmissionError):
        services.election_period_close(period=election)  # the object loaded before the first close


def test_closing_an_alert_twice_keeps_the_first_follow_up(world, election):
    alert = services.alert_raise(cycle=election.cycles.first(), department=world.department_a)
    stale = Alert.objects.get(pk=alert.pk)
    services.alert_close(alert=alert, follow_up="Called the head", by=world.chair)
    with pytest.raises(services.SubmissionError):
        services.alert_close(alert=stale, follow_up="Second click", by=world.chair)
    assert Alert.objects.get().follow_up == "Called the head"


def test_an_attestation_is_not_saved_into_a_period_closed_meanwhile(world, election):
    cycle = election.cycles.first()
    type(election).objects.filter(pk=election.pk).update(closed_at=timezone.now())
    draft = services.attestation_draft(cycle=cycle, department=world.department_a)
    with pytest.raises(services.SubmissionError):
        services.attestation_save(
            attestation=draft, base_version=draft.version, answers={}, co_signer="", by=world.liaison_a, submit=False
        )
    assert not Attestation.objects.exists()


def test_registers_take_nothing_once_the_period_is_archived(world, election):
    stale = type(election).objects.get(pk=election.pk)
    services.election_period_close(period=election)
    with pytest.raises(services.SubmissionError):
        services.complaint_create(
            period=stale, by=world.chair, received_on=date.today(), complainant="Late", text="t", department=None
        )
    with pytest.raises(services.SubmissionError):
        services.access_request_create(
            period=stale,
            by=world.liaison_a,
            department=world.department_a,
            candidate="List 1",
            kind="hall",
            details="Hall",
            requested_on=date.today(),
        )
    assert not election.complaints.exists() and not election.access_requests.exists()


def test_an_alert_of_an_archived_election_is_kept_as_it_was(world, election):
    alert = services.alert_raise(cycle=election.cycles.first(), department=world.department_a)
    services.election_period_close(period=election)
    with pytest.raises(services.SubmissionError, match="closed and archived"):
        services.alert_close(alert=alert, follow_up="After the fact", by=world.chair)
    alert.refresh_from_db()
    assert alert.is_open and alert.follow_up == ""
