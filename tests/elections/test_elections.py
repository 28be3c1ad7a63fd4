"""Election-period neutrality: cycles, attestations, template versions, escalation, matrix, registers, closing."""

import io
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django_q.tasks import async_task
from openpyxl import load_workbook
from simple_history.models import HistoricalRecords

from council.models import Department, User
from elections import selectors, services
from elections.models import AccessRequest, Alert, Attestation, ReportingCycle
from elections.tasks import escalate_missing_attestations
from helpers.l10n import calendars
from tests.factories import ChecklistTemplateFactory, ElectionPeriodFactory


def url(world, name, *args):
    return reverse(f"elections:{name}", args=[world.council.slug, *args])


@pytest.fixture
def election(world):
    return ElectionPeriodFactory(council=world.council)


def attest_url(world, election, cycle, department, edit=True):
    name = "attestation-edit" if edit else "attestation-detail"
    return url(world, name, election.pk, cycle.pk, department.pk)


def answer_data(attestation, values, **extra):
    """POST data answering each item in order with the given values."""
    data = {"action": "submit", "base_version": attestation.version, **extra}
    for answer, value in zip(attestation.answers.all(), values, strict=True):
        data[f"{answer.key}-value"] = value
        data[f"{answer.key}-note"] = "It happened once." if value == "not_compliant" else ""
    return data


def pdf(name="proof.pdf", size=100):
    return SimpleUploadedFile(name, b"%PDF-1.4 " + b"x" * size, content_type="application/pdf")


# ---------------------------------------------------------------- cycles


def test_cycles_run_from_the_campaign_start_to_the_results_in_steps_of_the_cadence(world):
    period = ElectionPeriodFactory(
        council=world.council,
        campaign_starts_on=date(2026, 3, 1),
        campaign_ends_on=date(2026, 3, 18),
        election_day=date(2026, 3, 19),
        results_on=date(2026, 3, 20),
        cadence_days=7,
    )
    assert [(c.number, c.starts_on, c.ends_on) for c in period.cycles.all()] == [
        (1, date(2026, 3, 1), date(2026, 3, 7)),
        (2, date(2026, 3, 8), date(2026, 3, 14)),
        (3, date(2026, 3, 15), date(2026, 3, 20)),  # the last one ends with the results
    ]


def test_cycles_across_nowruz_read_in_the_jalali_calendar(world):
    """Tehran has no DST since 2022; a cycle spanning the Jalali new year shows Esfand 1404 to Farvardin 1405."""
    world.council.calendar, world.council.time_zone = "jalali", "Asia/Tehran"
    world.council.save()
    period = ElectionPeriodFactory(
        council=world.council,
        campaign_starts_on=date(2026, 3, 16),
        campaign_ends_on=date(2026, 3, 28),
        election_day=date(2026, 3, 29),
        results_on=date(2026, 3, 30),
    )
    first = period.cycles.first()
    shown = [calendars.format_date(d, calendar="jalali", language="fa") for d in (first.starts_on, first.ends_on)]
    assert shown == ["۲۵ اسفند ۱۴۰۴", "۲ فروردین ۱۴۰۵"]
    assert calendars.year_of(first.ends_on, calendar="jalali") == 1405


def test_a_cycle_is_due_at_the_end_of_its_last_day_in_the_councils_time_zone(world, election, settings):
    """23:30 in Tehran on the deadline day (20:00 UTC) is on time; 00:30 the next day (21:00 UTC) is late."""
    world.council.time_zone = "Asia/Tehran"
    world.council.save()
    cycle = election.cycles.first()
    attestation = services.attestation_start(cycle=cycle, department=world.department_a)
    answers = {a.pk: {"value": "not_applicable", "note": "n/a"} for a in attestation.answers.all()}
    just_in_time = calendars.make_aware(cycle.deadline, calendars.parse_time("23:30"), world.council.tzinfo)
    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=just_in_time):
        services.attestation_save(
            attestation=attestation,
            base_version=attestation.version,
            answers=answers,
            co_signer="",
            by=world.liaison_a,
            submit=True,
        )
    attestation.refresh_from_db()
    assert not attestation.late
    late_one = services.attestation_start(cycle=cycle, department=world.department_b)
    answers = {a.pk: {"value": "not_applicable", "note": "n/a"} for a in late_one.answers.all()}
    with mock.patch("django.utils.timezone.now", return_value=just_in_time + timedelta(hours=1)):
        services.attestation_save(
            attestation=late_one,
            base_version=late_one.version,
            answers=answers,
            co_signer="",
            by=world.liaison_b,
            submit=True,
        )
    late_one.refresh_from_db()
    assert late_one.late


def test_key_dates_out_of_order_are_refused_and_kept(client, world):
    client.force_login(world.secretary)
    template = ChecklistTemplateFactory()
    data = {
        "name": "Municipal elections",
        "announced_on": "2026-01-01",
        "registration_starts_on": "2026-01-10",
        "campaign_starts_on": "2026-02-10",
        "campaign_ends_on": "2026-02-01",
        "election_day": "2026-02-12",
        "results_on": "2026-02-14",
        "cadence_days": "7",
        "template": template.pk,
    }
    page = client.post(url(world, "election-create"), data).content.decode()
    assert "must follow each other" in page and "Municipal elections" in page
    data["campaign_ends_on"] = "2026-02-11"
    assert client.post(url(world, "election-create"), data).status_code == 302
    assert ReportingCycle.objects.filter(period__name="Municipal elections").count() == 1


# ---------------------------------------------------------------- attestations


def test_a_liaison_attests_with_evidence_and_the_attestation_freezes(client, world, election, private_files):
    cycle = election.cycles.first()
    client.force_login(world.liaison_a)
    attestation = services.attestation_start(cycle=cycle, department=world.department_a)
    second = attestation.answers.all()[1]
    data = answer_data(attestation, ["compliant", "compliant", "not_applicable"], co_signer="Dr. Head")
    data[f"{second.key}-evidence"] = pdf()
    response = client.post(attest_url(world, election, cycle, world.department_a), data)
    assert response.status_code == 302
    attestation.refresh_from_db()
    assert attestation.is_submitted and attestation.signed_by == world.liaison_a and attestation.co_signer == "Dr. Head"
    assert attestation.answers.get(pk=second.pk).evidence
    assert not Alert.objects.exists()

    # frozen: a later post changes nothing
    again = answer_data(attestation, ["not_compliant", "compliant", "compliant"])
    assert client.post(attest_url(world, election, cycle, world.department_a), again).status_code == 302
    assert list(attestation.answers.values_list("value", flat=True)) == ["compliant", "compliant", "not_applicable"]


def test_unanswered_items_and_missing_evidence_are_refused_and_kept(client, world, election):
    cycle = election.cycles.first()
    client.force_login(world.liaison_a)
    attestation = services.attestation_start(cycle=cycle, department=world.department_a)
    data = answer_data(attestation, ["compliant", "compliant", ""])
    first = attestation.answers.first()
    data[f"{first.key}-note"] = "We checked the car log."
    page = client.post(attest_url(world, election, cycle, world.department_a), data, follow=True).content.decode()
    assert "Answer every item, with evidence where it is required" in page
    assert "We checked the car log." in page
    attestation.refresh_from_db()
    assert not attestation.is_submitted


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("virus.exe", b"MZ..."), "File extension"),
        (SimpleUploadedFile("fake.pdf", b"MZ not a pdf"), "does not match its type"),
    ],
)
def test_forbidden_evidence_files_are_refused(client, world, election, private_files, upload, message):
    cycle = election.cycles.first()
    client.force_login(world.liaison_a)
    attestation = services.attestation_start(cycle=cycle, department=world.department_a)
    data = answer_data(attestation, ["compliant", "compliant", "compliant"])
    data[f"{attestation.answers.all()[1].key}-evidence"] = upload
    page = client.post(attest_url(world, election, cycle, world.department_a), data).content.decode()
    assert message in page
    assert not Attestation.objects.get().is_submitted


def test_evidence_too_large_is_refused(client, world, election, private_files, settings):
    settings.ATTACHMENT_MAX_MB = 1
    cycle = election.cycles.first()
    client.force_login(world.liaison_a)
    attestation = services.attestation_start(cycle=cycle, department=world.department_a)
    data = answer_data(attestation, ["compliant", "compliant", "compliant"])
    data[f"{attestation.answers.all()[1].key}-evidence"] = pdf(size=2 * 1024 * 1024)
    assert (
        "the limit is 1 MB"
        in client.post(attest_url(world, election, cycle, world.department_a), data).content.decode()
    )


def test_a_cycle_of_another_period_is_not_found(client, world, election):
    other = ElectionPeriodFactory(council=world.council, name="Other")
    client.force_login(world.liaison_a)
    assert client.get(attest_url(world, election, other.cycles.first(), world.department_a)).status_code == 404


def test_a_liaison_cannot_attest_for_another_department(client, world, election):
    client.force_login(world.liaison_a)
    assert client.get(attest_url(world, election, election.cycles.first(), world.department_b)).status_code == 403


# ---------------------------------------------------------------- template versions


def test_editing_the_template_leaves_old_attestations_exactly_as_they_were(world, election):
    cycle = election.cycles.first()
    attestation = services.attestation_start(cycle=cycle, department=world.department_a)
    answers = {a.pk: {"value": "not_applicable", "note": "n/a"} for a in attestation.answers.all()}
    services.attestation_save(
        attestation=attestation,
        base_version=attestation.version,
        answers=answers,
        co_signer="",
        by=world.liaison_a,
        submit=True,
    )
    before = list(attestation.answers.values_list("section", "text", "evidence_required", "value"))

    template = election.template
    item = template.items.first()
    item.text = "No vehicle, phone or hall of the department was used for any candidate."
    item.evidence_required = True
    item.save()
    template.items.last().delete()
    template.items.create(section="Staff", text="Staff were briefed on neutrality.", order=9)
    template.version += 1
    template.save()

    assert list(attestation.answers.values_list("section", "text", "evidence_required", "value")) == before
    assert attestation.template_version == 1
    newer = services.attestation_start(cycle=election.cycles.last(), department=world.department_a)
    assert newer.template_version == 2
    assert newer.answers.first().text.startswith("No vehicle, phone or hall")
    assert newer.answers.last().text == "Staff were briefed on neutrality."


def test_the_admin_bumps_the_version_when_items_change(client, world, election):
    template = election.template
    client.force_login(world.admin)
    items = list(template.items.all())
    data = {
        "name": template.name,
        "language": "en",
        "items-TOTAL_FORMS": str(len(items)),
        "items-INITIAL_FORMS": str(len(items)),
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
    }
    for i, item in enumerate(items):
        data.update(
            {
                f"items-{i}-id": item.pk,
                f"items-{i}-template": template.pk,
                f"items-{i}-order": item.order,
                f"items-{i}-section": item.section,
                f"items-{i}-text": item.text + (" (revised)" if i == 0 else ""),
                f"items-{i}-guidance": "",
            }
        )
    response = client.post(reverse("admin:elections_checklisttemplate_change", args=[template.pk]), data)
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.version == 2


# ---------------------------------------------------------------- escalation


def test_a_not_compliant_answer_alerts_the_chair_by_e_mail(world, election):
    world.chair.language = "fa"
    world.chair.save()
    attestation = services.attestation_start(cycle=election.cycles.first(), department=world.department_a)
    answers = {a.pk: {"value": "not_applicable", "note": "n/a"} for a in attestation.answers.all()}
    first = attestation.answers.first().pk
    answers[first] = {"value": "not_compliant", "note": "A car was lent to a campaign."}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.db.transaction.on_commit", lambda f, *a, **k: f())
        services.attestation_save(
            attestation=attestation,
            base_version=attestation.version,
            answers=answers,
            co_signer="",
            by=world.liaison_a,
            submit=True,
        )
    alert = Alert.objects.get()
    assert (alert.kind, alert.department, alert.answer_id) == ("not_compliant", world.department_a, first)
    assert [m.to for m in mail.outbox] == [[world.chair.email]]
    assert "Education" in mail.outbox[0].subject and "A car was lent" in mail.outbox[0].body


def test_the_history_of_what_a_background_job_writes_names_the_automatic_account(world, election):
    """The escalation runs as the queue runs it (django-q's worker, here synchronously), not called directly."""
    async_task("elections.tasks.escalate_missing_attestations")
    history = Alert.history.filter(history_type="+")
    assert history.count() == 2
    automatic = User.objects.get(username=User.AUTOMATIC)
    assert {row.history_user for row in history} == {automatic}
    assert not automatic.is_active and not automatic.has_usable_password()
    with translation.override("fa"):
        assert automatic.display_name == "هماهنگ (خودکار)"


def test_a_job_run_inside_a_request_leaves_the_request_its_own_user(world, election):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.db.transaction.on_commit", lambda f, *a, **k: f())
        cycle = election.cycles.first()
        request = SimpleNamespace(user=world.liaison_a)
        HistoricalRecords.context.request = request
        try:
            async_task("elections.tasks.escalate_missing_attestations")
            assert HistoricalRecords.context.request is request
            attestation = services.attestation_start(cycle=cycle, department=world.department_a)
        finally:
            del HistoricalRecords.context.request
    assert attestation.history.get().history_user == world.liaison_a


def test_a_missed_deadline_raises_one_alert_per_department_once(world, election):
    """The first cycle's deadline has passed and nobody attested; the second is still running."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.db.transaction.on_commit", lambda f, *a, **k: f())
        assert escalate_missing_attestations() == 2
        assert escalate_missing_attestations() == 0
    assert set(Alert.objects.values_list("department__short_name", "kind")) == {("EDU", "missing"), ("HEA", "missing")}
    assert len(mail.outbox) == 2 and all("missing" in m.subject.lower() for m in mail.outbox)


def test_the_escalation_is_scheduled_daily_from_the_elections_app(db):
    from django.utils.module_loading import import_string
    from django_q.models import Schedule

    schedule = Schedule.objects.get(name="Missing neutrality attestations")
    assert schedule.func == "elections.tasks.escalate_missing_attestations"
    assert schedule.schedule_type == Schedule.DAILY
    assert import_string(schedule.func) is escalate_missing_attestations


def test_the_chair_closes_an_alert_with_the_follow_up(client, world, election):
    alert = Alert.objects.create(cycle=election.cycles.first(), department=world.department_a, kind="missing")
    client.force_login(world.chair)
    client.post(url(world, "alert-close", election.pk, alert.pk), {"reason": "Called the director; sent next day."})
    alert.refresh_from_db()
    assert not alert.is_open and alert.closed_by == world.chair and "Called the director" in alert.follow_up
    page = client.get(url(world, "election-detail", election.pk)).content.decode()
    assert "No open alerts." in page


# ---------------------------------------------------------------- matrix, registers, closing


def submit(attestation, values, by):
    answers = {a.pk: {"value": v, "note": "n"} for a, v in zip(attestation.answers.all(), values, strict=True)}
    services.attestation_save(
        attestation=attestation, base_version=attestation.version, answers=answers, co_signer="", by=by, submit=True
    )


def test_the_matrix_and_rates_add_up(client, world, election):
    first = election.cycles.first()
    submit(
        services.attestation_start(cycle=first, department=world.department_a),
        ["compliant", "not_applicable", "compliant"],
        world.liaison_a,
    )
    submit(
        services.attestation_start(cycle=first, department=world.department_b),
        ["not_compliant", "not_applicable", "not_compliant"],
        world.liaison_b,
    )
    matrix = selectors.compliance_matrix(election, today=timezone.localdate())
    rows = {department.short_name: (cells, rate) for department, cells, rate in matrix.rows}
    assert [c.status for c in rows["EDU"][0]] == ["compliant", "due", "future"]
    assert (rows["HEA"][0][0].status, rows["HEA"][0][0].problems) == ("not_compliant", 2)
    assert (rows["EDU"][1], rows["HEA"][1]) == (100, 0)
    items = {row["text"][:10]: (row["compliant"], row["answered"]) for row in selectors.item_compliance(election)}
    assert items == {"No departm": (1, 2), "Halls were": (0, 0), "Official c": (1, 2)}

    client.force_login(world.secretary)
    workbook = load_workbook(
        io.BytesIO(client.get(url(world, "election-detail", election.pk) + "?export=xlsx").content)
    )
    values = {row[0]: row for row in list(workbook.active.values)[1:]}
    assert values["Health"][1] == "Not compliant (2)" and values["Health"][-1] == 0
    assert values["Education"][1:] == ("Compliant", "Due", "Not yet", 100)


def test_matrix_queries_do_not_grow_with_departments_and_cycles(client, world):
    period = ElectionPeriodFactory(
        council=world.council,
        campaign_starts_on=date.today() - timedelta(days=70),
        results_on=date.today() - timedelta(days=1),
        campaign_ends_on=date.today() - timedelta(days=3),
        election_day=date.today() - timedelta(days=2),
    )
    assert period.cycles.count() == 10
    client.force_login(world.chair)
    page = url(world, "election-detail", period.pk)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page).status_code == 200
        return [q["sql"] for q in captured.captured_queries]

    def grow(n):
        start = Department.objects.count()
        departments = Department.objects.bulk_create(
            Department(council=world.council, name=f"Dept {start + i}", short_name=f"X{start + i}") for i in range(n)
        )
        for department in departments[:20]:
            for cycle in period.cycles.all():
                submit(
                    services.attestation_start(cycle=cycle, department=department),
                    ["compliant", "not_applicable", "not_compliant"],
                    world.admin,
                )

    grow(3)  # 5 departments with A and B
    few = count()
    grow(195)
    many = count()
    assert len(many) == len(few), "\n".join(many)


def test_unequal_answers_to_comparable_requests_are_flagged(world, election):
    def request(department, candidate, kind, outcome):
        return AccessRequest.objects.create(
            period=election,
            department=department,
            candidate=candidate,
            kind=kind,
            details="Hall for a rally",
            requested_on=date.today(),
            outcome=outcome,
            reason="r",
            recorded_by=world.liaison_a,
        )

    request(world.department_a, "List A", "hall", "granted")
    request(world.department_a, "List B", "hall", "refused")
    request(world.department_a, "List A", "publicity", "granted")
    request(world.department_b, "List A", "hall", "granted")
    request(world.department_b, "List B", "hall", "granted")
    groups = [(g.department.short_name, g.kind, g.unequal) for g in selectors.equal_access(election)]
    assert groups[0] == ("EDU", "hall", True)
    assert set(groups[1:]) == {("EDU", "publicity", False), ("HEA", "hall", False)}


def test_a_refusal_needs_its_reason(client, world, election):
    client.force_login(world.liaison_a)
    data = {
        "department": world.department_a.pk,
        "candidate": "List B",
        "kind": "hall",
        "details": "Conference hall, Friday evening",
        "requested_on": "2026-11-20",
        "outcome": "refused",
        "reason": "",
    }
    page = client.post(url(world, "access-register", election.pk), data).content.decode()
    assert "A refusal needs its reason" in page and "Conference hall, Friday evening" in page
    data["reason"] = "The hall was booked for a vaccination campaign."
    client.post(url(world, "access-register", election.pk), data)
    assert AccessRequest.objects.get().recorded_by == world.liaison_a


def test_a_closed_period_is_read_only(client, world, election):
    client.force_login(world.chair)
    client.post(url(world, "election-close", election.pk))
    election.refresh_from_db()
    assert not election.is_open
    client.force_login(world.liaison_a)
    cycle = election.cycles.last()
    assert client.get(attest_url(world, election, cycle, world.department_a)).status_code == 302
    assert not Attestation.objects.exists()
    with pytest.raises(services.SubmissionError):
        attestation = Attestation.objects.create(cycle=cycle, department=world.department_a, template_version=1)
        services.attestation_save(
            attestation=attestation,
            base_version=attestation.version,
            answers={},
            co_signer="",
            by=world.liaison_a,
            submit=False,
        )
    with translation.override("en"):
        page = client.get(url(world, "access-register", election.pk)).content.decode()
    assert "Record a request" not in page


def test_evidence_is_served_only_to_those_allowed(client, world, election, private_files):
    attestation = services.attestation_start(cycle=election.cycles.first(), department=world.department_a)
    answer = attestation.answers.first()
    answer.evidence.save("proof.pdf", io.BytesIO(b"%PDF-1.4 proof"))
    client.force_login(world.secretary)
    response = client.get(url(world, "evidence-download", election.pk, answer.pk))
    assert b"".join(response.streaming_content) == b"%PDF-1.4 proof"
    client.force_login(world.liaison_b)
    assert client.get(url(world, "evidence-download", election.pk, answer.pk)).status_code == 403


def test_two_people_saving_the_same_attestation_do_not_overwrite_each_other(client, world, election):
    cycle = election.cycles.first()
    client.force_login(world.liaison_a)
    attestation = services.attestation_start(cycle=cycle, department=world.department_a)
    stale = attestation.version
    first = answer_data(attestation, ["compliant", "", ""], action="save", base_version=stale)
    client.post(attest_url(world, election, cycle, world.department_a), first)
    second = answer_data(attestation, ["not_compliant", "", ""], action="save", base_version=stale)
    page = client.post(attest_url(world, election, cycle, world.department_a), second).content.decode()
    assert "Someone else saved this" in page and "It happened once." in page
    assert attestation.answers.first().value == "compliant"


def test_a_future_cycle_cannot_be_attested(client, world, election):
    client.force_login(world.liaison_a)
    future = election.cycles.last()
    assert client.get(attest_url(world, election, future, world.department_a)).status_code == 302
    assert not Attestation.objects.exists()


def test_a_failed_submission_keeps_the_draft_and_marks_the_items(client, world, election, private_files):
    cycle = election.cycles.first()
    client.force_login(world.liaison_a)
    attestation = services.attestation_start(cycle=cycle, department=world.department_a)
    third = attestation.answers.all()[2]
    data = answer_data(attestation, ["compliant", "not_applicable", ""])
    data[f"{third.key}-evidence"] = pdf()
    page = client.post(attest_url(world, election, cycle, world.department_a), data).content.decode()
    assert "Say in the note why this item does not apply." in page and "Answer this item." in page
    assert "Evidence on file" in page
    attestation.refresh_from_db()
    assert not attestation.is_submitted and attestation.answers.get(pk=third.pk).evidence


def test_the_liaisons_home_lists_the_attestations_owed(client, world, election):
    client.force_login(world.liaison_a)
    home = client.get(reverse("home:home")).content.decode()
    assert home.count(election.name) == 2  # the past cycle (overdue) and the running one; not the future one
    submit(
        services.attestation_start(cycle=election.cycles.first(), department=world.department_a),
        ["compliant", "not_applicable", "compliant"],
        world.liaison_a,
    )
    assert client.get(reverse("home:home")).content.decode().count(election.name) == 1


def test_a_request_is_answered_later_and_dates_are_checked(client, world, election):
    access = AccessRequest.objects.create(
        period=election,
        department=world.department_a,
        candidate="List B",
        kind="hall",
        details="Hall",
        requested_on=date.today() - timedelta(days=3),
        recorded_by=world.liaison_a,
    )
    client.force_login(world.liaison_a)
    edit = url(world, "access-request-edit", election.pk, access.pk)
    data = {
        "department": world.department_a.pk,
        "candidate": "List B",
        "kind": "hall",
        "details": "Hall",
        "requested_on": (date.today() - timedelta(days=3)).isoformat(),
        "outcome": "granted",
        "answered_on": (date.today() - timedelta(days=5)).isoformat(),
        "base_version": access.version,
    }
    assert "cannot come before the one above it" in client.post(edit, data).content.decode()
    data["answered_on"] = (date.today() + timedelta(days=1)).isoformat()
    assert "has not come yet" in client.post(edit, data).content.decode()
    data["answered_on"] = date.today().isoformat()
    assert client.post(edit, data).status_code == 302
    access.refresh_from_db()
    assert access.outcome == "granted" and access.answered_on == date.today()


def test_register_and_list_queries_do_not_grow(client, world, election):
    """The election list, a department's cycles, the two registers and a course's enrolment: 1 row against 60."""
    from tests.factories import TrainingCourseFactory

    course = TrainingCourseFactory(council=world.council)
    pages = [
        url(world, "election-list"),
        url(world, "election-department", election.pk, world.department_a.pk),
        url(world, "access-register", election.pk),
        url(world, "complaint-register", election.pk),
        reverse("departments:course-detail", args=[world.council.slug, course.pk]),  # enrolments grow too
    ]

    def grow(n):
        today = date.today()
        for i in range(n):
            ElectionPeriodFactory(council=world.council, name=f"Election {i}")
            AccessRequest.objects.create(
                period=election,
                department=world.department_a,
                candidate=f"List {i}",
                kind="hall",
                details="Hall",
                requested_on=today,
                outcome="granted",
                recorded_by=world.liaison_a,
            )
            election.complaints.create(received_on=today, complainant=f"C{i}", text="t", recorded_by=world.chair)
            course.enrolments.create(department=world.department_a, name=f"Person {i}", enrolled_by=world.admin)

    def count(page):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page).status_code == 200
        return [q["sql"] for q in captured.captured_queries]

    client.force_login(world.chair)
    grow(1)
    few = {page: count(page) for page in pages}
    grow(59)
    for page in pages:
        many = count(page)
        assert len(many) == len(few[page]), "\n".join([page, *many])
