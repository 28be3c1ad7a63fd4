"""Exact query counts of every page of the permission matrix, cold (nothing of the council cached yet) and warm
(the same page again). On a mismatch the captured SQL is printed. A new page of the matrix needs its counts here.

Each page is visited by the first of these who may see it: the secretariat's pages by the chair, a department's by
its liaison, public pages anonymously. That the counts do not grow with the data is tested per app
(`test_query_counts`, `test_*_queries_do_not_grow`).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from helpers import caching
from tests.conftest import ROLES
from tests.test_permission_matrix import ACTS_MATRIX, ELECTION_MATRIX, MATRIX, MEETING_MATRIX, SUBMISSION_MATRIX

VISITORS = ["anonymous", "chair", "liaison_a", "member", "admin"]

# page: (cold, warm). The first three queries of a signed-in page are the session, the user and their memberships.
EXPECTED = {
    "home": (11, 3),  # replies, next meeting, the chair's counts (4), alerts, acts due: cached; the badge reads those
    "council": (12, 3),  # the council home: next meeting, replies, recent decisions, the chair's card (6): all cached
    "members": (4, 4),
    "invite": (5, 5),
    "departments": (4, 4),
    "department": (5, 5),
    "department-new": (4, 4),
    "department-edit": (6, 6),
    "admin": (6, 6),
    "audit log": (9, 9),
    "two-factor set-up": (0, 0),
    "recovery codes": (0, 0),
    "health": (2, 2),
    "ping": (0, 0),
    "open data": (1, 1),  # the council
    "api councils": (2, 2),  # count, page
    "api acts": (2, 2),  # the council, the count (none yet: no page; test_api.py counts a full one)
    "api decisions": (2, 2),
    "api reference": (0, 0),
    "api bulk": (2, 2),  # the council, the acts
    "meetings: meeting list": (4, 4),
    "meetings: meeting new": (5, 5),
    "meetings: meeting": (11, 3),  # its attendance counts come from the rows it reads, not a query of their own
    "meetings: meeting edit": (6, 6),
    "meetings: meeting cancel": (4, 4),
    "meetings: meeting .ics": (5, 5),
    "meetings: item new": (5, 5),
    "meetings: item edit": (6, 6),
    "meetings: attachment": (5, 5),
    "meetings: propose": (4, 4),
    "meetings: proposal decline": (5, 5),
    "meetings: attendance": (5, 5),
    "meetings: minutes": (8, 8),  # the council's departments, once, for the decisions added in the editor
    "meetings: minutes amend": (6, 6),
    "meetings: decision new": (6, 6),
    "meetings: decision edit": (8, 8),
    "meetings: follow-up list": (6, 3),
    "meetings: action item": (5, 5),
    "meetings: public portal": (4, 4),
    "meetings: public search": (3, 3),
    "meetings: public feed": (3, 3),
    "meetings: public calendar": (2, 2),
    "meetings: statements": (4, 4),
    "meetings: statement new": (5, 5),
    "meetings: statement": (6, 6),  # its language versions
    "meetings: statement version": (5, 5),
    "meetings: statement edit": (7, 7),
    "meetings: requests": (4, 4),
    "meetings: request": (7, 7),  # and the council's legal profile and the request's steps
    "meetings: request form": (2, 2),  # the council and its legal profile (the deadline it promises)
    "meetings: request tracking": (1, 1),
    "meetings: document": (4, 4),
    "meetings: document download": (4, 4),
    "meetings: progress attachment": (5, 5),
    "departments: surveys": (4, 4),
    "departments: survey new": (5, 5),
    "departments: survey dashboard": (7, 4),
    "departments: survey export": (8, 5),
    "departments: survey answer": (8, 8),
    "departments: survey answer edit": (8, 8),
    "departments: survey answer return": (8, 8),
    "departments: activity": (4, 4),
    "departments: activity new": (5, 5),
    "departments: activity dashboard": (7, 7),
    "departments: activity export": (7, 7),
    "departments: activity period": (6, 6),
    "departments: activity report": (7, 7),
    "departments: activity report edit": (6, 6),
    "departments: activity report return": (8, 8),
    "departments: training": (8, 8),
    "departments: training plan": (5, 5),
    "departments: training plan export": (4, 4),
    "departments: propose": (6, 6),
    "departments: proposal": (6, 6),
    "departments: proposal edit": (8, 8),
    "departments: proposal decline": (5, 5),
    "departments: course new": (4, 4),
    "departments: course": (10, 10),
    "departments: course edit": (5, 5),
    "elections: elections": (4, 4),
    "elections: election new": (5, 5),
    "elections: compliance matrix": (10, 10),
    "elections: compliance export": (7, 7),
    "elections: election department": (7, 7),
    "elections: attestation": (8, 8),
    "elections: attestation edit": (8, 8),
    "elections: evidence": (5, 5),
    "elections: alert close": (5, 5),
    "elections: equal access": (5, 5),
    "elections: complaints": (6, 6),
    "elections: access request edit": (7, 7),
    "elections: complaint edit": (6, 6),
    "acts: acts": (5, 5),
    "acts: act new": (7, 7),  # the types, decisions and published acts to choose from (amends, repeals)
    "acts: act": (11, 11),  # its language versions, decisions, the four kinds of related acts and its history
    "acts: act edit": (11, 11),
    "acts: act version": (5, 5),
    "acts: public register": (3, 3),  # no act published in this world: the page's count is not read
    "acts: public act": (8, 8),  # with its language versions
    "acts: public acts feed": (2, 2),  # the council and its acts (none published in this world)
    "acts: requests in figures": (4, 4),  # one query for the year's requests, whatever their number
}


def pages(matrix, fixture, app=""):
    for label, *rest in matrix:
        method, url, expected = rest if len(rest) == 3 else ("get", *rest)
        if method != "get":
            continue
        statuses = dict(zip(ROLES, expected, strict=True))
        visitor = next((role for role in VISITORS if statuses[role] == 200), None)
        if visitor:
            yield pytest.param(fixture, url, visitor, id=f"{app}{label}")


PAGES = [
    *pages(MATRIX, None),
    *pages(MEETING_MATRIX, "meetings", "meetings: "),
    *pages(SUBMISSION_MATRIX, "submissions", "departments: "),
    *pages(ELECTION_MATRIX, "submissions", "elections: "),
    *pages(ACTS_MATRIX, None, "acts: "),
]


def captured(client, path) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return [q["sql"] for q in queries.captured_queries]


def explain(which: str, expected: int, sql: list[str]) -> str:
    return "\n".join(
        [f"{which}: {len(sql)} queries, expected {expected}:", *(f"{n}. {q}" for n, q in enumerate(sql, 1))]
    )


@pytest.mark.parametrize(("fixture", "url", "visitor"), PAGES)
def test_each_page_runs_exactly_its_queries_cold_and_warm(
    request, settings, world, login, private_files, fixture, url, visitor
):
    # The counts are the database's, the same whatever the run's cache: the cache is kept in memory here, and
    # the session is read from the database (with Redis, production reads it from the cache).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    path = url(world) if fixture is None else url(world, request.getfixturevalue(fixture))
    client = login(world.user(visitor))
    client.get("/ping")  # the session is read once per request anyway; signing in is not the page's cost
    caching.council_changed(world.council.pk)
    cold = captured(client, path)
    warm = captured(client, path)
    label = request.node.callspec.id
    expected_cold, expected_warm = EXPECTED.get(label, (None, None))
    assert len(cold) == expected_cold, explain(f"{label} (cold, as {visitor})", expected_cold, cold)
    assert len(warm) == expected_warm, explain(f"{label} (warm, as {visitor})", expected_warm, warm)
