"""Training: proposals, review (approve, decline, merge), ranking by demand, enrolment, attendance, yearly plan."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from departments import selectors
from departments.models import Gap, TrainingCourse, TrainingProposal
from tests.factories import (
    DepartmentFactory,
    SurveyResponseFactory,
    SurveyRoundFactory,
    TrainingCourseFactory,
    TrainingProposalFactory,
)

PROPOSAL = {
    "department": "",
    "topic": "News photography",
    "audience": "PR staff",
    "expected_participants": "۴",
    "duration_hours": "8",
    "trainer": "Provincial news agency",
    "estimated_cost": "",
    "priority": "1",
    "gap": "photographer",
}


def url(world, name, *args):
    return reverse(f"departments:{name}", args=[world.council.slug, *args])


def test_a_liaison_proposes_for_their_own_department_only(client, world):
    client.force_login(world.liaison_a)
    client.post(url(world, "proposal-create"), {**PROPOSAL, "department": world.department_a.pk})
    proposal = TrainingProposal.objects.get()
    assert (proposal.department, proposal.expected_participants, proposal.proposed_by) == (
        world.department_a,
        4,
        world.liaison_a,
    )
    page = client.post(url(world, "proposal-create"), {**PROPOSAL, "department": world.department_b.pk})
    assert page.status_code == 200 and "Select a valid choice" in page.content.decode()
    assert TrainingProposal.objects.count() == 1


def test_bad_numbers_are_refused_and_nothing_is_lost(client, world):
    client.force_login(world.liaison_a)
    data = {**PROPOSAL, "department": world.department_a.pk, "expected_participants": "0", "duration_hours": "-3"}
    page = client.post(url(world, "proposal-create"), data).content.decode()
    assert page.count("greater than or equal to") == 4  # under each field and in the error summary
    assert "Provincial news agency" in page and "News photography" in page
    assert not TrainingProposal.objects.exists()


def test_the_secretariat_declines_with_a_reason(client, world):
    proposal = TrainingProposalFactory(department=world.department_a)
    client.force_login(world.secretary)
    page = client.post(url(world, "proposal-decline", proposal.pk), {"reason": ""})
    assert page.status_code == 200
    client.post(url(world, "proposal-decline", proposal.pk), {"reason": "Covered by the provincial course."})
    proposal.refresh_from_db()
    assert proposal.state == TrainingProposal.State.DECLINED and proposal.decline_reason
    client.force_login(world.liaison_a)
    assert (
        "Covered by the provincial course." in client.get(url(world, "proposal-detail", proposal.pk)).content.decode()
    )


def test_several_departments_proposals_merge_into_one_course(client, world):
    first = TrainingProposalFactory(department=world.department_a, duration_hours=8)
    second = TrainingProposalFactory(department=world.department_b, duration_hours=12)
    client.force_login(world.chair)
    form = client.get(url(world, "course-create") + f"?proposals={first.pk}&proposals={second.pk}")
    assert 'value="12"' in form.content.decode()  # the longer of the two durations
    data = {
        "proposals": [first.pk, second.pk],
        "title": "News photography",
        "gap": "photographer",
        "duration_hours": "12",
        "starts_on": "2026-12-10",
        "place": "Governorate hall",
        "state": "planned",
    }
    response = client.post(url(world, "course-create"), data)
    course = TrainingCourse.objects.get()
    assert response.url == url(world, "course-detail", course.pk)
    assert set(course.proposals.all()) == {first, second}
    assert set(TrainingProposal.objects.values_list("state", flat=True)) == {"approved"}

    # a reviewed proposal cannot be approved again
    again = client.post(url(world, "course-create"), {**data, "proposals": [first.pk]})
    assert again.status_code == 302 and TrainingCourse.objects.count() == 1


def test_demand_ranks_topics_by_departments_then_survey_gaps(world):
    third = DepartmentFactory(council=world.council)
    for department in (world.department_a, world.department_b):
        TrainingProposalFactory(department=department, topic="News  photography ", gap=Gap.PHOTOGRAPHER)
    TrainingProposalFactory(department=third, topic="Social media", gap=Gap.SOCIAL_MEDIA, priority=1)
    TrainingProposalFactory(department=third, topic="Graphic design", gap=Gap.GRAPHIC_DESIGN, priority=3)
    round = SurveyRoundFactory(council=world.council)
    # social media is short in two departments, graphic design in none
    for department in (world.department_a, world.department_b):
        SurveyResponseFactory(round=round, department=department, staff_graphic_design=1, needed_graphic_design=1)
    demand = selectors.training_demand(world.council)
    assert [(d.topic.strip(), d.departments, d.departments_with_gap) for d in demand] == [
        ("News  photography", 2, 2),
        ("Social media", 1, 2),
        ("Graphic design", 1, 0),
    ]


def test_enrolment_and_attendance(client, world):
    course = TrainingCourseFactory(council=world.council)
    client.force_login(world.liaison_a)
    client.post(url(world, "enrolment-add", course.pk), {"department": world.department_a.pk, "name": "Sara Ahmadi"})
    refused = client.post(
        url(world, "enrolment-add", course.pk), {"department": world.department_b.pk, "name": "Ali"}, follow=True
    )
    assert "Not enrolled" in refused.content.decode()
    client.force_login(world.liaison_b)
    client.post(url(world, "enrolment-add", course.pk), {"department": world.department_b.pk, "name": "Ali Karimi"})
    page = client.get(url(world, "course-detail", course.pk)).content.decode()
    assert "Ali Karimi" in page and "Sara Ahmadi" not in page  # a liaison sees their own staff only

    client.force_login(world.secretary)
    sara = course.enrolments.get(name="Sara Ahmadi")
    client.post(url(world, "course-attendance", course.pk), {"attended": [sara.pk]})
    course.refresh_from_db()
    assert course.state == TrainingCourse.State.HELD
    assert dict(course.enrolments.values_list("name", "attended")) == {"Sara Ahmadi": True, "Ali Karimi": False}

    client.force_login(world.liaison_a)  # once held, who was enrolled and who came is kept
    refused = client.post(url(world, "enrolment-delete", course.pk, sara.pk), follow=True)
    assert "no longer open for enrolment" in refused.content.decode()
    assert course.enrolments.filter(pk=sara.pk, attended=True).exists()


@pytest.mark.parametrize(
    ("calendar", "year", "inside", "outside"),
    [
        ("gregorian", "2026", date(2026, 12, 31), date(2027, 1, 1)),
        ("jalali", "۱۴۰۵", date(2027, 3, 20), date(2027, 3, 21)),  # 1405 ends on 29 Esfand = 20 March 2027
    ],
)
def test_the_training_plan_covers_one_year_of_the_councils_calendar(client, world, calendar, year, inside, outside):
    world.council.calendar = calendar
    world.council.save()
    TrainingCourseFactory(council=world.council, title="Inside", starts_on=inside, place="Hall")
    TrainingCourseFactory(council=world.council, title="Outside", starts_on=outside)
    TrainingCourseFactory(council=world.council, title="Undated")
    client.force_login(world.member)
    page = client.get(url(world, "training-plan") + f"?year={year}").content.decode()
    assert "Inside" in page and "Outside" not in page and "Undated" in page
    export = client.get(url(world, "training-plan") + f"?year={year}&export=csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(export)))
    assert [row[1] for row in rows[1:]] == ["Inside"] and rows[1][4] == "Hall"


def test_a_nonsense_year_shows_this_year(client, world):
    client.force_login(world.member)
    assert client.get(url(world, "training-plan") + "?year=99999999999").status_code == 200
