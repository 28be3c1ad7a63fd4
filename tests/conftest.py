"""The fixed cast every test draws on: one council, two departments and one person per role."""

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.utils import translation
from django_q.conf import Conf

from council.models import Council, Department, Role, User
from tests.factories import CouncilFactory, DepartmentFactory, MembershipFactory, UserFactory

PASSWORD = "correct-horse-battery"


def pytest_configure(config):
    from django.conf import settings

    settings.VAR_DIR.mkdir(parents=True, exist_ok=True)  # the SQLite test database is a file there


@pytest.fixture(autouse=True)
def _isolation(request, settings):
    """Fresh cache (rate limits) for every test; background tasks run inline unless a test starts a worker; each
    test starts in the default language (a request in Persian leaves Persian active in the thread)."""
    # The cache is a database table (unless REDIS_URL is set): only tests that use the database can reach it.
    uses_db = "_django_db_helper" in request.fixturenames or request.node.get_closest_marker("django_db")
    if uses_db:
        request.getfixturevalue("_django_db_helper")  # the test database, before the test's own fixtures
        cache.clear()
    settings.HAMAHANG_REQUIRE_MFA = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    sync = Conf.SYNC
    Conf.SYNC = True
    translation.activate(settings.LANGUAGE_CODE)
    yield
    Conf.SYNC = sync
    if uses_db:
        cache.clear()


@dataclass
class World:
    council: Council
    other_council: Council
    department_a: Department
    department_b: Department
    other_department: Department
    chair: User
    secretary: User
    member: User
    liaison_a: User
    liaison_b: User
    outsider: User
    admin: User

    def user(self, role: str) -> User | None:
        return None if role == "anonymous" else getattr(self, role)


ROLES = ["anonymous", "outsider", "member", "liaison_a", "liaison_b", "secretary", "chair", "admin"]


@pytest.fixture
def world(db) -> World:
    council = CouncilFactory(name="Pardis test council", slug="pardis-test")
    other = CouncilFactory(name="Other council", slug="other")
    department_a = DepartmentFactory(council=council, name="Education", short_name="EDU")
    department_b = DepartmentFactory(council=council, name="Health", short_name="HEA")
    other_department = DepartmentFactory(council=other, name="Water", short_name="WAT")

    def person(username, council, role, department=None):
        user = UserFactory(username=username)
        MembershipFactory(user=user, council=council, role=role, department=department)
        return user

    return World(
        council=council,
        other_council=other,
        department_a=department_a,
        department_b=department_b,
        other_department=other_department,
        chair=person("chair", council, Role.CHAIR),
        secretary=person("secretary", council, Role.SECRETARY),
        member=person("member", council, Role.MEMBER),
        liaison_a=person("liaison_a", council, Role.LIAISON, department_a),
        liaison_b=person("liaison_b", council, Role.LIAISON, department_b),
        outsider=person("outsider", other, Role.CHAIR),
        admin=UserFactory(username="admin", is_staff=True),
    )


@pytest.fixture
def login(client):
    """Log the client in as a user of the world (None stays anonymous)."""

    def _login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return _login


@dataclass
class MeetingWorld:
    meeting: object
    item: object
    decision: object
    proposal: object
    attachment: object
    action: object
    update: object


@pytest.fixture
def meetings(world, private_files) -> MeetingWorld:
    """A draft meeting of the world's council with one of everything, and an action item of department A."""
    from django.core.files.base import ContentFile

    from tests.factories import (
        ActionItemFactory,
        AgendaAttachmentFactory,
        AgendaItemFactory,
        AgendaProposalFactory,
        DecisionFactory,
        MeetingFactory,
        ProgressUpdateFactory,
    )

    meeting = MeetingFactory(council=world.council)
    item = AgendaItemFactory(meeting=meeting)
    decision = DecisionFactory(item=item)
    action = ActionItemFactory(decision=decision, department=world.department_a)
    update = ProgressUpdateFactory(action_item=action, author=world.liaison_a)
    update.attachment.save("evidence.pdf", ContentFile(b"%PDF-1.4 evidence"))
    return MeetingWorld(
        meeting=meeting,
        item=item,
        decision=decision,
        proposal=AgendaProposalFactory(meeting=meeting, proposed_by=world.liaison_a),
        attachment=AgendaAttachmentFactory(item=item),
        action=action,
        update=update,
    )


@pytest.fixture
def private_files(settings, tmp_path):
    """Generated documents go to a temporary folder."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    return tmp_path


def test_database_url() -> str:
    """The test database as a DATABASE_URL, for processes a test starts (a worker, another interpreter)."""
    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{host}:{port}/{db['NAME']}"


test_database_url.__test__ = False  # a helper, not a test


@dataclass
class SubmissionWorld:
    round: object  # department A has submitted, B has not
    open_round: object  # nobody has answered
    period: object  # department A has submitted
    open_period: object
    proposal: object  # department A's, awaiting review
    course: object
    election: object  # an open election period, its first cycle past its deadline
    attestation: object  # department A's submitted attestation for the first cycle, one answer not compliant


@pytest.fixture
def submissions(world) -> SubmissionWorld:
    from elections import services
    from tests.factories import (
        ActivityPeriodFactory,
        ActivityReportFactory,
        ElectionPeriodFactory,
        SurveyResponseFactory,
        SurveyRoundFactory,
        TrainingCourseFactory,
        TrainingProposalFactory,
    )

    round = SurveyRoundFactory(council=world.council)
    SurveyResponseFactory(round=round, department=world.department_a)
    period = ActivityPeriodFactory(council=world.council)
    ActivityReportFactory(period=period, department=world.department_a)
    election = ElectionPeriodFactory(council=world.council)
    cycle = election.cycles.first()
    attestation = services.attestation_start(cycle=cycle, department=world.department_a)
    answers = {a.pk: {"value": "not_applicable", "note": "No such request"} for a in attestation.answers.all()}
    answers[next(iter(answers))] = {"value": "not_compliant", "note": "A car was lent to a campaign."}
    services.attestation_save(
        attestation=attestation,
        base_version=attestation.version,
        answers=answers,
        co_signer="",
        by=world.liaison_a,
        submit=True,
    )
    return SubmissionWorld(
        election=election,
        attestation=attestation,
        round=round,
        open_round=SurveyRoundFactory(council=world.council),
        period=period,
        open_period=ActivityPeriodFactory(council=world.council),
        proposal=TrainingProposalFactory(department=world.department_a, proposed_by=world.liaison_a),
        course=TrainingCourseFactory(council=world.council),
    )


def empty_database(name: str, sqlite_file):
    """An empty database of the test database's kind, as a DATABASE_URL; PostgreSQL's is created first and dropped
    afterwards. A fixture's body: `yield from empty_database(…)`."""
    from django.db import connection

    if connection.vendor == "sqlite":
        yield f"sqlite:///{sqlite_file}"
        return
    import psycopg

    db = connection.settings_dict
    name = f"{db['NAME']}_{name}"
    server = {"host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or 5432, "user": db["USER"]}
    with psycopg.connect(dbname="postgres", autocommit=True, password=db["PASSWORD"] or None, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"postgres://{server['user']}:{db['PASSWORD'] or ''}@{server['host']}:{server['port']}/{name}"
    with psycopg.connect(dbname="postgres", autocommit=True, password=db["PASSWORD"] or None, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
