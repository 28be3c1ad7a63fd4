"""The gap and information-work dashboards: numbers against hand-computed sums, exports read back, flat query counts."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from council.models import Department
from departments import selectors
from departments.models import SubmissionState
from tests.factories import (
    ActivityPeriodFactory,
    ActivityReportFactory,
    DepartmentFactory,
    SurveyResponseFactory,
    SurveyRoundFactory,
    TrainingProposalFactory,
)


@pytest.fixture
def rounds(world):
    """Two rounds. In the latest, A and B answered and a third department did not.

    Earlier round, A: no PR unit, 1 approved, 0 filled; shortfall 5 (one of each function).
    Latest round, A: no PR unit, 2 approved, 1 filled; spokesperson 1/1, writer 1/3, others 0/1 → shortfall 2+1+1+1 = 5
                   missing camera and vehicle.
    Latest round, B: PR unit, 3 approved, 3 filled; staff meets needs except photographer 0/2 → shortfall 2
                   missing camera.
    """
    today = timezone.localdate()
    third = DepartmentFactory(council=world.council, name="Water", short_name="WAT")
    earlier = SurveyRoundFactory(council=world.council, starts_on=today - timedelta(days=200))
    SurveyResponseFactory(
        round=earlier, department=world.department_a, has_pr_unit=False, approved_positions=1, filled_positions=0
    )
    latest = SurveyRoundFactory(council=world.council)
    SurveyResponseFactory(
        round=latest,
        department=world.department_a,
        has_pr_unit=False,
        approved_positions=2,
        filled_positions=1,
        staff_spokesperson=1,
        needed_spokesperson=1,
        staff_writer=1,
        needed_writer=3,
        missing_equipment=["camera", "vehicle"],
        annual_budget=5000,
        training_needs="Photography",
    )
    SurveyResponseFactory(
        round=latest,
        department=world.department_b,
        has_pr_unit=True,
        approved_positions=3,
        filled_positions=3,
        staff_spokesperson=1,
        needed_spokesperson=1,
        staff_writer=1,
        needed_writer=1,
        staff_photographer=0,
        needed_photographer=2,
        staff_social_media=1,
        needed_social_media=1,
        staff_graphic_design=1,
        needed_graphic_design=1,
        missing_equipment=["camera"],
        annual_budget=7000,
        late=True,
    )
    return earlier, latest, third


def test_the_gap_dashboard_adds_up(world, rounds):
    earlier, latest, third = rounds
    dashboard = selectors.gap_dashboard(latest)
    totals = dashboard.totals
    assert dashboard.previous_round == earlier
    assert (totals.answered, totals.without_pr_unit, totals.approved, totals.filled, totals.vacant) == (2, 1, 5, 4, 1)
    assert totals.shortfall == {
        "spokesperson": 0,
        "writer": 2,
        "photographer": 1 + 2,
        "social_media": 1,
        "graphic_design": 1,
    }
    assert totals.total_shortfall == 7
    assert totals.equipment == {"camera": 2, "computer": 0, "software": 0, "vehicle": 1, "internet": 0}
    assert totals.budget == 12000
    assert [row.department for row in dashboard.missing] == [third]
    assert [row.department for row in dashboard.without_pr_unit] == [world.department_a]
    rows = {row.department: row for row in dashboard.rows}
    assert rows[world.department_a].shortfall_change == 0  # 5 then, 5 now
    assert rows[world.department_b].shortfall_change is None  # did not answer the earlier round
    assert rows[world.department_b].late
    # like with like: only A answered both rounds (no PR unit, 1 vacant position, shortfall 5 both times)
    assert dashboard.changes == {"without_pr_unit": 0, "vacant": 0, "total_shortfall": 0}
    assert [(bar.label, bar.value, bar.percent) for bar in dashboard.department_bars] == [
        ("Education", 5, 100.0),  # full names: a short name is an unexplained acronym
        ("Health", 2, 40.0),
    ]


def test_drafts_and_returned_answers_are_not_counted(world, rounds):
    _earlier, latest, third = rounds
    SurveyResponseFactory(round=latest, department=third, state=SubmissionState.DRAFT, approved_positions=50)
    dashboard = selectors.gap_dashboard(latest)
    assert dashboard.totals.approved == 5
    assert {row.department: row.state for row in dashboard.missing} == {third: "draft"}


def test_the_gap_export_reads_back(client, world, rounds):
    _earlier, latest, _third = rounds
    client.force_login(world.secretary)
    url = reverse("departments:survey-dashboard", args=[world.council.slug, latest.pk])
    text = client.get(url + "?export=csv").content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    header, rows = table[0], {row[0]: row for row in table[1:]}
    assert header[0] == "Department" and "Total shortfall" in header
    education = rows["Education"]
    assert education[header.index("Total shortfall")] == "5"
    assert education[header.index("Missing equipment")] == "Camera, Vehicle"
    assert rows["Health"][header.index("Late")] == "Yes"
    assert rows["Water"][1] == "Not started"
    assert education[header.index("Training needs")] == "Photography"

    workbook = load_workbook(io.BytesIO(client.get(url + "?export=xlsx").content))
    sheet = workbook.active
    values = list(sheet.values)
    assert values[0][0] == "Department"
    by_name = {row[0]: row for row in values[1:]}
    assert by_name["Education"][values[0].index("Total shortfall")] == 5  # a number, not text
    assert not sheet.sheet_view.rightToLeft


def test_the_persian_export_is_right_to_left(client, world, rounds):
    _earlier, latest, _third = rounds
    world.secretary.language = "fa"
    world.secretary.save()
    client.force_login(world.secretary)
    url = reverse("departments:survey-dashboard", args=[world.council.slug, latest.pk])
    workbook = load_workbook(io.BytesIO(client.get(url + "?export=xlsx").content))
    assert workbook.active.sheet_view.rightToLeft
    assert workbook.active["A1"].value == "اداره"


def test_the_dashboard_page_shows_the_gaps(client, world, rounds):
    _earlier, latest, _third = rounds
    client.force_login(world.chair)
    page = client.get(reverse("departments:survey-dashboard", args=[world.council.slug, latest.pk])).content.decode()
    assert "No PR position in the org chart" in page and "Water" in page
    assert '<svg class="bar-shape" width="100.0%"' in page


@pytest.fixture
def periods(world):
    """Three periods past their deadline. A reports every time; B only in the first; a third department never."""
    today = timezone.localdate()
    third = DepartmentFactory(council=world.council, name="Water", short_name="WAT")
    made = []
    for months_ago in (3, 2, 1):
        start = today - timedelta(days=30 * months_ago + 20)
        made.append(
            ActivityPeriodFactory(
                council=world.council,
                title=f"Month -{months_ago}",
                starts_on=start,
                ends_on=start + timedelta(days=29),
                deadline=start + timedelta(days=34),
            )
        )
    for period in made:
        ActivityReportFactory(period=period, department=world.department_a, social_posts=10)
    ActivityReportFactory(period=made[0], department=world.department_b, press_releases=4)
    ActivityReportFactory(period=made[2], department=world.department_b, state=SubmissionState.DRAFT)
    return made, third


def test_the_information_work_dashboard_finds_the_silent(world, periods):
    made, third = periods
    dashboard = selectors.activity_dashboard(world.council, today=timezone.localdate())
    assert dashboard.periods == made
    assert dashboard.silent == [(world.department_b, made[0]), (third, None)]
    rows = {department: (volumes, total) for department, _cells, volumes, total in dashboard.matrix}
    # A: 3 periods × (1 release, 2 news, 0, 0, 10 posts, 1 event, 3 enquiries) = 3 × 17
    assert rows[world.department_a] == ([3, 6, 0, 0, 30, 3, 9], 51)
    assert rows[world.department_b][1] == 4 + 2 + 5 + 1 + 3  # the submitted report only; the draft is not counted
    channels = dict(dashboard.channel_rows)
    assert channels["Press releases"] == [1 + 4, 1, 1]
    assert [bar.value for bar in dashboard.period_bars] == [17 + 15, 17, 17]


def test_the_activity_chart_shows_full_labels_values_a_legend_and_a_data_table(client, world, periods):
    made, _third = periods
    for period, month in zip(made, ("janar", "shkurt", "mars"), strict=True):
        period.title = f"Raporti i veprimtarisë informative të drejtorive për muajin {month}"  # same long prefix
        period.save(update_fields=["title"])
    world.chair.language = "sq"
    world.chair.save(update_fields=["language"])
    client.force_login(world.chair)
    page = client.get(reverse("departments:activity-dashboard", args=[world.council.slug])).content.decode()
    chart = page.split('<figure class="bar-chart">', 1)[1].split("</figure>", 1)[0]
    assert "text-truncate" not in chart
    assert "Zëra të raportuar, të gjitha kanalet" in chart.split("bar-legend", 1)[1].split("</p>", 1)[0]
    for period, value in zip(made, (32, 17, 17), strict=True):
        assert f'<span class="bar-label" dir="auto">{period.title}</span>' in chart
        assert f"</span>{value}</span>" in chart  # the value written on the bar
        assert f'<th scope="row" class="fw-normal" dir="auto">{period.title}</th><td>{value}</td>' in chart
    assert '<summary class="small">Të dhënat si tabelë</summary>' in chart


def test_the_survey_charts_name_departments_in_full(client, world, rounds):
    _earlier, latest, _third = rounds
    client.force_login(world.chair)
    page = client.get(reverse("departments:survey-dashboard", args=[world.council.slug, latest.pk])).content.decode()
    assert '<span class="bar-label" dir="auto">Education</span>' in page
    assert '<span class="bar-label" dir="auto">EDU</span>' not in page


def test_the_activity_export_reads_back(client, world, periods):
    client.force_login(world.secretary)
    url = reverse("departments:activity-dashboard", args=[world.council.slug])
    workbook = load_workbook(io.BytesIO(client.get(url + "?export=xlsx").content))
    values = list(workbook.active.values)
    header = values[0]
    education = [row for row in values[1:] if row[0] == "Education"]
    assert len(education) == 3 and all(row[header.index("Social-media posts")] == 10 for row in education)
    health = {row[1]: row for row in values[1:] if row[0] == "Health"}
    assert health["Month -1"][2] == "Draft"


# ---------------------------------------------------------------- query counts: 5 against 200 departments


def count_queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured.captured_queries]


def add_departments(council, n, *rounds):
    start = Department.objects.count()
    departments = Department.objects.bulk_create(
        Department(council=council, name=f"Department {start + i}", short_name=f"D{start + i}") for i in range(n)
    )
    for round in rounds:
        round.departments.add(*departments)
    return departments


def assert_flat(client, url, grow):
    few = count_queries(client, url)
    grow()
    many = count_queries(client, url)
    assert len(many) == len(few), "\n".join(["Queries with more data:", *many])


def test_gap_dashboard_queries_do_not_grow(client, world):
    latest = SurveyRoundFactory(council=world.council)
    earlier = SurveyRoundFactory(council=world.council, starts_on=latest.starts_on - timedelta(days=100))

    def answered(n):
        for department in add_departments(world.council, n, latest, earlier):
            SurveyResponseFactory(round=latest, department=department)
            SurveyResponseFactory(round=earlier, department=department)

    answered(3)  # 5 with A and B
    client.force_login(world.chair)
    assert_flat(
        client, reverse("departments:survey-dashboard", args=[world.council.slug, latest.pk]), lambda: answered(195)
    )


def test_activity_dashboard_queries_do_not_grow(client, world):
    made = [
        ActivityPeriodFactory(council=world.council, starts_on=timezone.localdate() - timedelta(days=d))
        for d in (60, 30)
    ]

    def reported(n):
        for department in add_departments(world.council, n, *made):
            for period in made:
                ActivityReportFactory(period=period, department=department)

    reported(3)
    client.force_login(world.secretary)
    assert_flat(client, reverse("departments:activity-dashboard", args=[world.council.slug]), lambda: reported(95))
    period_page = reverse("departments:activity-period", args=[world.council.slug, made[0].pk])
    assert_flat(client, period_page, lambda: reported(100))


@pytest.mark.parametrize("role", ["secretary", "liaison_a"])
def test_list_pages_queries_do_not_grow(client, world, role):
    round = SurveyRoundFactory(council=world.council)
    period = ActivityPeriodFactory(council=world.council)
    client.force_login(getattr(world, role))

    def grow():
        for department in add_departments(world.council, 50, round, period):
            SurveyResponseFactory(round=round, department=department)
            TrainingProposalFactory(department=department, topic=f"Topic {department.pk % 7}")
        SurveyRoundFactory(council=world.council)
        ActivityPeriodFactory(council=world.council)

    for name in ("survey-list", "activity-list", "training-list", "training-plan"):
        url = reverse(f"departments:{name}", args=[world.council.slug])
        few = count_queries(client, url)
        grow()
        many = count_queries(client, url)
        assert len(many) == len(few), "\n".join([f"{name}: queries with more data:", *many])


def test_a_department_not_asked_is_not_called_silent(world, periods):
    made, third = periods
    for period in made:
        period.departments.remove(third)
    dashboard = selectors.activity_dashboard(world.council, today=timezone.localdate())
    assert dashboard.silent == [(world.department_b, made[0])]
    assert third not in dashboard.departments
