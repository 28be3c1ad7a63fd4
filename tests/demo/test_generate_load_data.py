from collections import Counter, defaultdict
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count

from council.models import Council, Membership, Role, User
from departments.models import SubmissionState, SurveyResponse, SurveyRound
from elections.models import ElectionPeriod, ReportingCycle
from meetings.models import ActionItem, Decision, Meeting, ProgressUpdate


def generate(*args) -> str:
    out = StringIO()
    call_command("generate_load_data", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def generated(db) -> str:
    return generate("--councils", "2", "--years", "1", "--seed", "test")


def test_it_creates_councils_with_their_departments_and_people(generated):
    councils = list(Council.objects.order_by("slug"))
    assert [c.slug for c in councils] == ["county-0001", "county-0002"]
    assert [(c.language, c.calendar, c.time_zone) for c in councils] == [
        ("fa", "jalali", "Asia/Tehran"),
        ("sq", "gregorian", "Europe/Belgrade"),
    ]
    for council in councils:
        departments = council.departments.count()
        assert 25 <= departments <= 40
        roles = Counter(council.memberships.values_list("role", flat=True))
        assert roles == {Role.CHAIR: 1, Role.SECRETARY: 1, Role.MEMBER: 2, Role.LIAISON: departments}
        liaisons = Membership.objects.filter(council=council, role=Role.LIAISON)
        assert liaisons.values("department").distinct().count() == departments
    chair = User.objects.get(username="c0001.chair")
    assert chair.check_password("load-test-password")
    assert Membership.objects.get(user=chair).role == Role.CHAIR
    assert User.objects.filter(username="c0002.l01", memberships__role=Role.LIAISON).exists()
    assert "2/2 councils" in generated and "meetings.Meeting" in generated


def test_meetings_and_decisions_are_numbered_per_council_and_year(generated):
    for council in Council.objects.all():
        meetings = council.meetings.order_by("starts_at")
        assert meetings.count() == 24  # one year
        numbers = defaultdict(list)
        for meeting in meetings:
            numbers[meeting.year].append(meeting.number)
        assert all(found == list(range(1, len(found) + 1)) for found in numbers.values())
        states = Counter(meetings.values_list("state", flat=True))
        assert states[Meeting.State.AGENDA_PUBLISHED] == 2 and states[Meeting.State.PUBLISHED] >= 18
        assert all(m.starts_at > m.agenda_published_at for m in meetings)

        decisions = Decision.objects.filter(council=council, number__isnull=False).order_by(
            "item__meeting__starts_at", "item__position", "position"
        )
        by_year = defaultdict(list)
        for decision in decisions:
            assert decision.year == decision.item.meeting.year and decision.reference
            by_year[decision.year].append(decision.number)
        assert by_year and all(found == list(range(1, len(found) + 1)) for found in by_year.values())
        # About half of the items of held meetings have a decision, each with 1–2 departments' action items.
        assert decisions.count() > 24 * 3
        per_decision = decisions.annotate(n=Count("action_items")).values_list("n", flat=True)
        assert set(per_decision) <= {1, 2}
    assert not Decision.objects.filter(item__meeting__state=Meeting.State.AGENDA_PUBLISHED).exists()
    assert ActionItem.objects.filter(status=ActionItem.Status.DONE).exists()
    assert ActionItem.objects.filter(status__in=ActionItem.OPEN_STATUSES).exists()
    assert ProgressUpdate.objects.exists()
    assert Meeting.history.count() == 0  # no history rows on the hot path


def test_submissions_and_the_election_are_there(generated):
    for council in Council.objects.all():
        rounds = SurveyRound.objects.filter(council=council)
        assert rounds.count() == 2
        departments = council.departments.count()
        earlier = rounds.order_by("starts_on").first()
        assert earlier.submissions.filter(state=SubmissionState.SUBMITTED).count() >= departments // 2
        assert council.activity_periods.count() == 12
        period = ElectionPeriod.objects.get(council=council)
        assert ReportingCycle.objects.filter(period=period).count() >= 4
        assert period.cycles.filter(attestations__state="submitted").exists()
        assert council.statements.filter(state="published").exists()
    assert SurveyResponse.objects.filter(previous__isnull=False).exists()


def test_it_refuses_to_run_again_without_append(generated):
    with pytest.raises(CommandError, match="--append"):
        generate("--councils", "1", "--years", "1")
    assert Council.objects.count() == 2


def test_append_adds_councils_after_the_existing_ones(generated):
    output = generate("--councils", "1", "--years", "1", "--append")
    assert "county-0003" in output
    assert list(Council.objects.order_by("slug").values_list("slug", flat=True)) == [
        "county-0001",
        "county-0002",
        "county-0003",
    ]
    council = Council.objects.get(slug="county-0003")
    assert council.language == "en" and council.meetings.count() == 24
    assert User.objects.filter(username="c0003.chair").exists()


def test_the_same_seed_builds_the_same_council(db):
    from django.utils import timezone

    from demo.elections import install_checklists
    from demo.management.commands.generate_load_data import Batch, CouncilBuilder

    checklists = {language: (t, list(t.items.all())) for language, t in install_checklists().items()}
    now = timezone.now()

    def build(seed):
        batch = Batch()
        CouncilBuilder(number=5, years=1, seed=seed, now=now, password="x", checklists=checklists, batch=batch).build()
        return [
            (
                model.__name__,
                [f.attname for f in model._meta.concrete_fields if not f.generated],
                [vars(o).copy() for o in objects],
            )
            for model, objects in batch.rows.items()
        ]

    def values(rows):
        return [
            (name, [tuple(o[a] for a in attnames if a != "id" and not a.endswith("_id")) for o in objects])
            for name, attnames, objects in rows
        ]

    assert values(build("a")) == values(build("a"))
    assert values(build("a")) != values(build("b"))
