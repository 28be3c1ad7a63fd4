from io import StringIO

import pytest
from django.core.management import call_command

from council.models import Council, Department, Membership, Role, User
from departments.models import (
    ActivityPeriod,
    ActivityReport,
    Enrolment,
    SubmissionState,
    SurveyResponse,
    SurveyRound,
    TrainingCourse,
    TrainingProposal,
)
from departments.selectors import activity_dashboard, gap_dashboard, training_demand
from elections.models import ChecklistTemplate
from elections.selectors import compliance_matrix, equal_access, open_alerts


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_it_creates_both_demo_councils_with_their_people(db):
    output = seed("--password", "s3cret-demo")
    pardis = Council.objects.get(slug="pardis")
    gjilan = Council.objects.get(slug="gjilan")
    assert (pardis.language, pardis.calendar, pardis.time_zone) == ("fa", "jalali", "Asia/Tehran")
    assert (gjilan.language, gjilan.calendar, gjilan.time_zone) == ("sq", "gregorian", "Europe/Belgrade")
    assert pardis.departments.count() >= 10
    assert Membership.objects.get(council=pardis, role=Role.CHAIR).user.username == "pardis.chair"
    for department in Department.objects.all():
        assert department.liaisons.filter(role=Role.LIAISON).count() == 1
    assert "pardis.chair" in output and "gjilan.secretary" in output and "admin" in output
    assert User.objects.get(username="gjilan.zip").check_password("s3cret-demo")


def test_it_is_idempotent(db):
    seed()
    counts = (Council.objects.count(), Department.objects.count(), User.objects.count(), Membership.objects.count())
    seed()
    assert counts == (
        Council.objects.count(),
        Department.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
    )


def test_if_empty_leaves_existing_data_alone(db):
    Council.objects.create(name="Existing", slug="existing")
    assert "left as it is" in seed("--if-empty")
    assert not Council.objects.filter(slug="pardis").exists()


# ---------------------------------------------------------------- demo submissions


@pytest.fixture
def pardis(db) -> Council:
    seed("--if-empty")
    return Council.objects.get(slug="pardis")


def recent_and_earlier_rounds(council) -> tuple[SurveyRound, SurveyRound]:
    recent, earlier = SurveyRound.objects.filter(council=council).order_by("-starts_on")
    return recent, earlier


def test_the_recent_survey_round_has_submitted_late_draft_and_missing_departments(pardis):
    recent, earlier = recent_and_earlier_rounds(pardis)
    today = pardis.today()
    assert recent.is_open and recent.deadline < today and recent.questions.count() == 2
    assert not earlier.is_open and earlier.ends_on < recent.starts_on
    assert earlier.submissions.filter(state=SubmissionState.SUBMITTED).count() == pardis.departments.count()

    dashboard = gap_dashboard(recent)
    submitted = [row for row in dashboard.rows if row.response]
    assert len(submitted) >= pardis.departments.count() - 3
    assert [row.department.short_name for row in dashboard.rows if row.state == SubmissionState.DRAFT] == [
        "تأمین اجتماعی"
    ]
    assert [row.department.short_name for row in dashboard.missing if row.state == ""] == ["منابع طبیعی"]
    assert [row.department.short_name for row in submitted if row.late] == ["کمیته امداد"]
    for row in submitted:  # each answer started from the department's answer to the earlier round
        assert (
            row.response.previous.round == earlier and row.response.submitted_by.memberships.get().role == Role.LIAISON
        )
        assert set(row.response.extra_answers) == {str(q.pk) for q in recent.questions.all()}
    assert any(change and change < 0 for change in (row.shortfall_change for row in submitted))  # improvements
    assert any(change and change > 0 for change in (row.shortfall_change for row in submitted))  # regressions


def test_most_departments_answer_that_they_have_no_pr_unit(pardis):
    recent, earlier = recent_and_earlier_rounds(pardis)
    for round in (recent, earlier):
        totals = gap_dashboard(round).totals
        assert totals.without_pr_unit > totals.answered / 2
        assert totals.shortfall["photographer"] > 0 and totals.shortfall["social_media"] > 0
        assert totals.equipment["camera"] > 0 and totals.equipment["vehicle"] > 0


def test_the_activity_dashboard_lists_the_two_silent_departments(pardis):
    today = pardis.today()
    periods = list(ActivityPeriod.objects.filter(council=pardis).order_by("starts_on"))
    assert len(periods) == 4
    assert [p.deadline < today for p in periods] == [True, True, True, False]
    assert periods[-1].title.startswith("گزارش فعالیت ") and not any(
        c.isascii() and c.isdigit() for c in periods[-1].title
    )

    dashboard = activity_dashboard(pardis, today=today)
    silent = {department.short_name: last for department, last in dashboard.silent}
    assert set(silent) == {"منابع طبیعی", "تأمین اجتماعی"}
    assert silent["منابع طبیعی"] == periods[0] and silent["تأمین اجتماعی"] is None

    reports = ActivityReport.objects.filter(period__council=pardis)
    assert reports.filter(period=periods[0], state=SubmissionState.SUBMITTED).count() >= 10
    returned = reports.get(state=SubmissionState.RETURNED)
    assert returned.return_reason and returned.history.filter(history_user__username="pardis.secretary").exists()
    assert reports.filter(late=True).exists()
    for report in reports.filter(state=SubmissionState.SUBMITTED):
        assert all(link.startswith("https://") for link in report.link_list)


def test_the_most_demanded_training_is_asked_for_by_several_departments(pardis):
    demand = training_demand(pardis)
    assert demand[0].departments >= 2 and demand[0].topic == "عکاسی خبری"

    proposals = TrainingProposal.objects.filter(council=pardis)
    declined = proposals.get(state=TrainingProposal.State.DECLINED)
    assert declined.decline_reason
    today = pardis.today()
    planned = TrainingCourse.objects.get(council=pardis, state=TrainingCourse.State.PLANNED)
    assert planned.proposals.values("department").distinct().count() == 2
    assert planned.starts_on > today and planned.place and 3 <= planned.enrolments.count() <= 4
    assert {e.department_id for e in planned.enrolments.all()} == {p.department_id for p in planned.proposals.all()}
    held = TrainingCourse.objects.get(council=pardis, state=TrainingCourse.State.HELD)
    assert held.starts_on < today
    assert held.enrolments.filter(attended=True).exists() and not held.enrolments.filter(attended=None).exists()


def test_seeding_twice_adds_no_submissions(pardis):
    def counts():
        return [
            model.objects.count()
            for model in (
                SurveyRound,
                SurveyResponse,
                SurveyResponse.history.model,
                ActivityPeriod,
                ActivityReport,
                TrainingProposal,
                TrainingCourse,
                Enrolment,
            )
        ]

    before = counts()
    seed()
    assert counts() == before
    assert SurveyRound.objects.filter(council__slug="gjilan").count() == 2


def test_pardis_has_an_election_with_one_non_compliance_and_one_missing_attestation(pardis):
    assert set(ChecklistTemplate.objects.values_list("language", flat=True)) >= {"fa", "sq", "en"}
    period = pardis.election_periods.get()
    matrix = compliance_matrix(period, today=pardis.today())
    statuses = [cell.status for _department, cells, _rate in matrix.rows for cell in cells[:2]]
    assert statuses.count("not_compliant") == 1 and statuses.count("missing") == 1
    assert sorted(open_alerts(pardis).values_list("kind", flat=True)) == ["missing", "not_compliant"]
    assert any(group.unequal for group in equal_access(period))
