"""Dashboard benchmark: the council-wide pages a chair opens, for a county of N departments (default 200).

Builds a throwaway test database (SQLite, or PostgreSQL when DATABASE_URL names one; the developer's
database is never touched) holding one council with N departments, two staffing-gap survey rounds,
6 reporting periods, a 10-cycle election period with a 6-item checklist, and a training proposal per
department, all answered. Then, signed in as the chair, it requests each dashboard several times and
prints a table: median and max milliseconds per request, SQL queries per request, response size in KB
and peak Python memory (tracemalloc) of one request. Run with `make bench`.

The test database is `test_<NAME>_bench` on PostgreSQL (`test_<NAME>` when NAME already ends in
`_bench`) and var/bench-dashboards.sqlite3 on SQLite, so a test suite running at the same time keeps its own.
"""

import argparse
import os
import random
import statistics
import sys
import time
import tracemalloc
import warnings
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hamahang.settings")

import django

django.setup()
# WhiteNoise's warning that `collectstatic` has not been run: irrelevant to these pages.
warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from council.models import (  # noqa: E402
    Council,
    Department,
    Membership,
    Role,
    User,
)
from departments.models import (  # noqa: E402
    CHANNELS,
    STAFF_FUNCTIONS,
    ActivityPeriod,
    ActivityReport,
    Enrolment,
    Equipment,
    Gap,
    SubmissionState,
    SurveyResponse,
    SurveyRound,
    TrainingCourse,
    TrainingProposal,
)
from elections import services  # noqa: E402
from elections.models import Alert, Answer, Attestation, ChecklistItem, ChecklistTemplate  # noqa: E402

LANGUAGES = {"fa": "Persian", "sq": "Albanian", "en": "English"}
CHECKLIST = [
    ("Public resources", "No department vehicle, phone or office was used for a candidate.", False),
    ("Public resources", "Halls were granted to all candidates by the same written rule.", True),
    ("Public resources", "No staff worked for a campaign during office hours.", False),
    ("Official channels", "Official channels published no campaign content.", False),
    ("Official channels", "No candidate appeared in the department's news or events.", True),
    ("Staff conduct", "Staff were reminded in writing of the neutrality rules.", True),
]
TOPICS = [
    "News writing",
    "Photography for the web",
    "Social media management",
    "Crisis communication",
    "Public speaking",
    "Graphic design basics",
    "Video editing",
    "Writing press releases",
    "Answering public enquiries",
    "Media law",
    "Infographics",
    "Interview skills",
]


# ---------------------------------------------------------------- data


def build(departments: int, language: str, seed: int = 1405) -> dict:
    """One county council with `departments` departments, every collection answered. Returns what the pages need."""
    rng = random.Random(seed)
    today = date.today()
    now = timezone.now()
    council = Council.objects.create(
        name="Bench county council",
        slug="bench",
        language=language,
        calendar=Council.Calendar.JALALI if language == "fa" else Council.Calendar.GREGORIAN,
        time_zone="Asia/Tehran" if language == "fa" else "Europe/Tirane",
        letterhead="Governorate of Bench county",
    )
    chair = User.objects.create(username="chair", first_name="Bench", last_name="Chair", email="chair@example.org")
    Membership.objects.create(user=chair, council=council, role=Role.CHAIR)

    kinds = ["Education", "Health", "Water", "Roads", "Agriculture", "Culture", "Sport", "Tax", "Welfare", "Energy"]
    depts = Department.objects.bulk_create(
        Department(
            council=council,
            name=f"{kinds[n % len(kinds)]} directorate {n + 1:03d}",
            short_name=f"D{n + 1:03d}",
            head_name=f"Head {n + 1}",
            has_pr_unit=rng.random() < 0.6,
            email=f"pr{n + 1}@example.org",
        )
        for n in range(departments)
    )

    def ask(collection):
        through = type(collection).departments.through
        field = f"{type(collection)._meta.model_name}_id"
        through.objects.bulk_create(through(**{field: collection.pk, "department_id": d.pk}) for d in depts)

    # Staffing-gap surveys: an earlier round, then the current one; each department answers both.
    def survey_answers(round, previous=None):
        rows = []
        for department in depts:
            approved = rng.randint(0, 4)
            counts = {}
            for function, _label in STAFF_FUNCTIONS:
                counts[f"staff_{function}"] = rng.randint(0, 2)
                counts[f"needed_{function}"] = rng.randint(0, 3)
            rows.append(
                SurveyResponse(
                    round=round,
                    department=department,
                    previous=previous.get(department.pk) if previous else None,
                    state=SubmissionState.SUBMITTED,
                    late=rng.random() < 0.1,
                    submitted_at=now,
                    submitted_by=chair,
                    has_pr_unit=rng.random() < 0.6,
                    approved_positions=approved,
                    filled_positions=max(approved - rng.randint(0, 2), 0),
                    missing_equipment=rng.sample(Equipment.values, rng.randint(0, 3)),
                    equipment_notes="Old camera; no licensed editing software." if rng.random() < 0.2 else "",
                    annual_budget=rng.randrange(0, 900_000_000, 5_000_000),
                    training_needs="Photography and social media." if rng.random() < 0.5 else "",
                    **counts,
                )
            )
        return SurveyResponse.objects.bulk_create(rows)

    earlier = SurveyRound.objects.create(
        council=council,
        title="Staffing gaps, last year",
        starts_on=today - timedelta(days=400),
        ends_on=today - timedelta(days=370),
        deadline=today - timedelta(days=360),
        closed_at=now - timedelta(days=350),
    )
    ask(earlier)
    previous = {r.department_id: r for r in survey_answers(earlier)}
    current = SurveyRound.objects.create(
        council=council,
        title="Staffing gaps, this year",
        starts_on=today - timedelta(days=35),
        ends_on=today - timedelta(days=5),
        deadline=today + timedelta(days=5),
    )
    ask(current)
    survey_answers(current, previous)

    # Activity reports: six monthly periods, every department reporting in each.
    for month in range(6, 0, -1):
        start = today - timedelta(days=30 * month)
        period = ActivityPeriod.objects.create(
            council=council,
            title=f"Month {7 - month}",
            starts_on=start,
            ends_on=start + timedelta(days=29),
            deadline=start + timedelta(days=35),
        )
        ask(period)
        ActivityReport.objects.bulk_create(
            ActivityReport(
                period=period,
                department=department,
                state=SubmissionState.SUBMITTED,
                late=rng.random() < 0.1,
                submitted_at=now,
                submitted_by=chair,
                links="\n".join(f"https://example.org/news/{rng.randint(1, 99999)}" for _ in range(rng.randint(0, 3))),
                highlights="Open day for the press." if rng.random() < 0.3 else "",
                **{channel: rng.randint(0, 40) for channel, _label in CHANNELS},
            )
            for department in depts
        )

    # Election neutrality: a 6-item checklist, weekly cycles over 70 days, every department attesting each cycle.
    template = ChecklistTemplate.objects.create(council=council, name="Neutrality checklist", language=language)
    items = ChecklistItem.objects.bulk_create(
        ChecklistItem(template=template, section=section, text=text, evidence_required=evidence, order=order)
        for order, (section, text, evidence) in enumerate(CHECKLIST)
    )
    campaign = today - timedelta(days=80)
    election = services.election_period_create(
        council=council,
        name="Local elections",
        announced_on=campaign - timedelta(days=60),
        registration_starts_on=campaign - timedelta(days=30),
        campaign_starts_on=campaign,
        campaign_ends_on=campaign + timedelta(days=60),
        election_day=campaign + timedelta(days=62),
        results_on=campaign + timedelta(days=69),
        cadence_days=7,
        template=template,
    )
    cycles = list(election.cycles.all())
    attestations = Attestation.objects.bulk_create(
        Attestation(
            cycle=cycle,
            department=department,
            state=Attestation.State.SUBMITTED,
            template_version=template.version,
            signed_by=chair,
            signed_at=now,
            co_signer=department.head_name,
            late=rng.random() < 0.05,
        )
        for cycle in cycles
        for department in depts
    )
    answers = []
    for attestation in attestations:
        for item in items:
            roll = rng.random()
            value = (
                Answer.Value.NOT_COMPLIANT
                if roll < 0.02
                else Answer.Value.NOT_APPLICABLE
                if roll < 0.07
                else Answer.Value.COMPLIANT
            )
            note = "A poster of a candidate was found in the hall." if value == Answer.Value.NOT_COMPLIANT else ""
            answers.append(Answer.copied_from(item, attestation=attestation, value=value, note=note))
    answers = Answer.objects.bulk_create(answers, batch_size=2000)
    by_attestation = {a.pk: a for a in attestations}
    alerts = []
    for answer in answers:
        if answer.value == Answer.Value.NOT_COMPLIANT:
            attestation = by_attestation[answer.attestation_id]
            closed = rng.random() < 0.6
            alerts.append(
                Alert(
                    cycle_id=attestation.cycle_id,
                    department_id=attestation.department_id,
                    kind=Alert.Kind.NOT_COMPLIANT,
                    answer=answer,
                    follow_up="The poster was removed." if closed else "",
                    closed_at=now if closed else None,
                    closed_by=chair if closed else None,
                )
            )
    Alert.objects.bulk_create(alerts)

    # Training: a proposal per department, a quarter of them merged into courses with two enrolled each.
    courses = [
        TrainingCourse.objects.create(
            council=council,
            title=topic,
            gap=Gap.OTHER,
            duration_hours=rng.randint(4, 24),
            starts_on=today + timedelta(days=14 * n),
        )
        for n, topic in enumerate(TOPICS[:6])
    ]
    proposals = []
    for n, department in enumerate(depts):
        approved = n % 4 == 0
        proposals.append(
            TrainingProposal(
                council=council,
                department=department,
                topic=rng.choice(TOPICS),
                audience="PR staff",
                expected_participants=rng.randint(1, 8),
                duration_hours=rng.randint(4, 24),
                priority=rng.choice(TrainingProposal.Priority.values),
                gap=rng.choice(Gap.values),
                state=TrainingProposal.State.APPROVED if approved else TrainingProposal.State.PROPOSED,
                course=courses[n % len(courses)] if approved else None,
                proposed_by=chair,
            )
        )
    TrainingProposal.objects.bulk_create(proposals)
    Enrolment.objects.bulk_create(
        Enrolment(course=p.course, department_id=p.department_id, name=f"Officer {k}", enrolled_by=chair)
        for p in proposals
        if p.course
        for k in range(2)
    )
    return {
        "council": council,
        "chair": chair,
        "round": current,
        "election": election,
        "counts": {
            "survey answers": SurveyResponse.objects.count(),
            "activity reports": ActivityReport.objects.count(),
            "cycles": len(cycles),
            "attestations": len(attestations),
            "answers": len(answers),
            "alerts": len(alerts),
            "training proposals": len(proposals),
        },
    }


# ---------------------------------------------------------------- measuring


def fetch(client, url) -> int:
    """Request the page; returns its size in bytes (raises unless 200)."""
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def measure(client, url, repeat: int) -> dict:
    """A warm-up request (templates compiled), `repeat` timed ones, one counting queries and one tracing memory.

    Queries and memory are measured in runs of their own: recording SQL and tracing allocations slow Python.
    """
    fetch(client, url)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        size = fetch(client, url)
        timings.append(1000 * (time.perf_counter() - started))
    connection.queries_log.clear()  # a full log (9000 entries) would hide every new query
    with CaptureQueriesContext(connection) as queries:
        fetch(client, url)
    count = len(queries)  # now: the next request clears the log
    tracemalloc.start()
    fetch(client, url)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "median": statistics.median(timings),
        "max": max(timings),
        "queries": count,
        "size": size,
        "peak": peak,
    }


def bench_name(database: dict) -> str | Path:
    """Never the developer's database, nor the one the test suite uses (var/test.sqlite3, test_<NAME>)."""
    if database["ENGINE"].endswith("sqlite3"):
        return Path(settings.VAR_DIR) / "bench-dashboards.sqlite3"
    name = str(database["NAME"])
    return f"test_{name}" if name.endswith("_bench") else f"test_{name}_bench"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--departments", type=int, default=200, help="departments in the council (default 200)")
    parser.add_argument("--repeat", type=int, default=5, help="timed requests per page (default 5)")
    parser.add_argument("--language", choices=list(LANGUAGES), default="fa", help="the council's language")
    args = parser.parse_args()

    # As in production: no debug pages and no SQL log, no two-factor detour (the chair has none set up here).
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.HAMAHANG_REQUIRE_MFA = False
    Path(settings.VAR_DIR).mkdir(parents=True, exist_ok=True)
    database = connection.settings_dict
    database.setdefault("TEST", {})["NAME"] = str(bench_name(database))
    old_name = database["NAME"]
    started = time.perf_counter()
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False, serialize=False)
    try:
        migrated = time.perf_counter() - started
        started = time.perf_counter()
        with transaction.atomic():
            world = build(args.departments, args.language)
        built = time.perf_counter() - started

        slug = world["council"].slug
        survey = reverse("departments:survey-dashboard", args=[slug, world["round"].pk])
        pages = [
            ("survey dashboard", survey),
            ("survey dashboard ?export=xlsx", f"{survey}?export=xlsx"),
            ("activity dashboard", reverse("departments:activity-dashboard", args=[slug])),
            ("election compliance matrix", reverse("elections:election-detail", args=[slug, world["election"].pk])),
            ("training list", reverse("departments:training-list", args=[slug])),
        ]

        client = Client()
        client.force_login(world["chair"])
        vendor = connection.vendor
        print(
            f"Dashboards of one council with {args.departments} departments, pages in {LANGUAGES[args.language]} "
            f"({vendor}, database {connection.settings_dict['NAME']})"
        )
        print("data: " + ", ".join(f"{n} {label}" for label, n in world["counts"].items()))
        print(f"set-up: migrate {migrated:.1f} s, data {built:.1f} s; {args.repeat} timed requests per page")
        print()
        header = f"{'page':<30} {'median ms':>10} {'max ms':>9} {'queries':>8} {'size KB':>9} {'peak MiB':>9}"
        print(header)
        print("-" * len(header))
        for label, url in pages:
            result = measure(client, url, args.repeat)
            print(
                f"{label:<30} {result['median']:>10.1f} {result['max']:>9.1f} {result['queries']:>8} "
                f"{result['size'] / 1024:>9.1f} {result['peak'] / 1024 / 1024:>9.1f}"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=False)


if __name__ == "__main__":
    main()
