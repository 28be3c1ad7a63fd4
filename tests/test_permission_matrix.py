"""Every URL × every role of DESIGN.md section 2: later views add their rows here.

Anonymous users are sent to the login page (302), people outside the council get
404, members whose role does not include the page get 403.
"""

from datetime import date

import pytest
from django.urls import reverse

from tests.conftest import ROLES
from tests.factories import AgendaItemFactory, AgendaProposalFactory, DecisionFactory, DocumentRequestFactory

LOGIN = 302
REAUTHENTICATE = 302
DONE = 302  # a change was attempted: back to the page, with a success or refusal message


def council_url(name):
    return lambda w: reverse(name, kwargs={"slug": w.council.slug})


def department_url(name, department="department_a"):
    return lambda w: reverse(name, kwargs={"slug": w.council.slug, "pk": getattr(w, department).pk})


#         anonymous outsider member liaison_a liaison_b secretary chair admin
MATRIX = [
    ("home", lambda w: reverse("home:home"), [LOGIN, 200, 200, 200, 200, 200, 200, 200]),
    ("council", council_url("council:council-detail"), [LOGIN, 404, 200, 200, 200, 200, 200, 200]),
    ("members", council_url("council:member-list"), [LOGIN, 404, 403, 403, 403, 200, 200, 200]),
    ("invite", council_url("council:member-invite"), [LOGIN, 404, 403, 403, 403, 403, 403, 200]),
    ("departments", council_url("departments:department-list"), [LOGIN, 404, 200, 200, 200, 200, 200, 200]),
    ("department", department_url("departments:department-detail"), [LOGIN, 404, 200, 200, 403, 200, 200, 200]),
    ("department-new", council_url("departments:department-create"), [LOGIN, 404, 403, 403, 403, 403, 403, 200]),
    ("department-edit", department_url("departments:department-edit"), [LOGIN, 404, 403, 403, 403, 403, 403, 200]),
    (
        "department of another council",
        department_url("departments:department-detail", "other_department"),
        [LOGIN, 404, 404, 404, 404, 404, 404, 404],
    ),
    ("admin", lambda w: reverse("admin:index"), [LOGIN, 403, 403, 403, 403, 403, 403, 200]),
    ("audit log", lambda w: reverse("admin:council_auditevent_changelist"), [LOGIN, 403, 403, 403, 403, 403, 403, 200]),
    # everyone's own account: the password again first (allauth's reauthentication), then the e-mailed code
    ("two-factor set-up", lambda w: reverse("mfa_activate_totp"), [LOGIN, *[REAUTHENTICATE] * 7]),
    # allauth's 404 for accounts without recovery codes (none in this world has two-factor on yet)
    ("recovery codes", lambda w: reverse("mfa_view_recovery_codes"), [LOGIN, *[404] * 7]),
    ("bad invitation", lambda w: reverse("council:invitation-accept", args=["x"]), [404] * 8),
    ("bad rsvp", lambda w: reverse("rsvp", args=["x"]), [404] * 8),
    ("health", lambda w: reverse("healthz"), [200] * 8),
    # the public API and the open data: anonymous, the same for everyone
    ("open data", lambda w: reverse("portal:open-data", args=[w.council.slug]), [200] * 8),
    ("api councils", lambda w: reverse("api:council-list"), [200] * 8),
    ("api acts", lambda w: reverse("api:act-list", args=[w.council.slug]), [200] * 8),
    ("api decisions", lambda w: reverse("api:decision-list", args=[w.council.slug]), [200] * 8),
    ("api reference", lambda w: reverse("api:docs"), [200] * 8),
    ("api bulk", lambda w: reverse("api:bulk", args=[w.council.slug, "acts", "csv"]), [200] * 8),
    ("ping", lambda w: reverse("ping"), [200] * 8),
]

EVERYONE = [LOGIN, 404, 200, 200, 200, 200, 200, 200]
SECRETARIAT = [LOGIN, 404, 403, 403, 403, 200, 200, 200]
SECRETARIAT_POST = [LOGIN, 404, 403, 403, 403, DONE, DONE, DONE]
CHAIR_GET = [LOGIN, 404, 403, 403, 403, 403, 200, 200]
CHAIR_POST = [LOGIN, 404, 403, 403, 403, 403, DONE, DONE]
DEPARTMENT_A = [LOGIN, 404, 200, 200, 403, 200, 200, 200]


def m(name, *extra):
    """A URL of the world's meeting; extra picks further ids (callables get a fresh object each time)."""

    def url(w, objects):
        ids = [e(objects) for e in extra]
        return reverse(f"meetings:{name}", args=[w.council.slug, objects.meeting.pk, *ids])

    return url


def council_level(name, *extra):
    return lambda w, o: reverse(f"meetings:{name}", args=[w.council.slug, *[e(o) for e in extra]])


ITEM = lambda o: o.item.pk  # noqa: E731
FRESH_ITEM = lambda o: AgendaItemFactory(meeting=o.meeting).pk  # noqa: E731
FRESH_PROPOSAL = lambda o: AgendaProposalFactory(meeting=o.meeting, proposed_by=o.update.author).pk  # noqa: E731
FRESH_DECISION = lambda o: DecisionFactory(item=o.item).pk  # noqa: E731
ACTION = lambda o: o.action.pk  # noqa: E731


def document(o):
    from django.core.files.base import ContentFile

    from reports.models import Document

    doc = Document.objects.create(
        kind="agenda", council=o.meeting.council, meeting=o.meeting, language="en", version="v", status="done"
    )
    doc.file.save("agenda.pdf", ContentFile(b"%PDF-1.4 agenda"))
    return doc.pk


def reports_url(name, *extra):
    return lambda w, o: reverse(f"reports:{name}", args=[w.council.slug, *[e(o) for e in extra]])


BAD_REQUEST = [LOGIN, 404, 400, 400, 400, 400, 400, 400]


def _statement(o, state="draft"):
    from meetings.models import Statement

    return Statement.objects.create(council=o.meeting.council, title="Statement", body="Text", state=state).pk


STATEMENT = _statement
FRESH_STATEMENT = _statement


def statement_version(w, o):
    w.council.official_languages = "sr"  # a second official language
    w.council.save()
    return reverse("meetings:statement-version", args=[w.council.slug, _statement(o), "sr"])


def request_pk(o):
    return DocumentRequestFactory(council=o.meeting.council).pk  # allowed in, but the empty form is refused


MEETING_MATRIX = [
    ("meeting list", "get", council_level("meeting-list"), EVERYONE),
    ("meeting new", "get", council_level("meeting-create"), SECRETARIAT),
    ("meeting", "get", m("meeting-detail"), EVERYONE),
    ("meeting edit", "get", m("meeting-edit"), SECRETARIAT),
    ("meeting cancel", "get", m("meeting-cancel"), SECRETARIAT),
    ("meeting .ics", "get", m("meeting-calendar"), EVERYONE),
    ("publish agenda", "post", m("meeting-publish-agenda"), CHAIR_POST),
    ("mark held", "post", m("meeting-held"), SECRETARIAT_POST),
    ("publish minutes", "post", m("meeting-publish"), CHAIR_POST),
    ("item new", "get", m("item-create"), SECRETARIAT),
    ("item edit", "get", m("item-edit", ITEM), SECRETARIAT),
    ("item delete", "post", m("item-delete", FRESH_ITEM), SECRETARIAT_POST),
    ("item move", "post", m("item-move", ITEM), SECRETARIAT_POST),
    ("attach", "post", m("attachment-add", ITEM), SECRETARIAT_POST),
    ("attachment", "get", m("attachment-download", lambda o: o.attachment.pk), EVERYONE),
    ("propose", "get", m("proposal-create"), EVERYONE),
    ("proposal accept", "post", m("proposal-accept", FRESH_PROPOSAL), CHAIR_POST),
    ("proposal decline", "get", m("proposal-decline", FRESH_PROPOSAL), CHAIR_GET),
    ("attendance", "get", m("attendance-edit"), SECRETARIAT),
    ("resend invitations", "post", m("invitations-resend"), SECRETARIAT_POST),
    ("minutes", "get", m("minutes-edit"), SECRETARIAT),
    ("minutes submit", "post", m("minutes-submit"), SECRETARIAT_POST),
    ("minutes return", "post", m("minutes-return"), CHAIR_POST),
    ("minutes approve", "post", m("minutes-approve"), CHAIR_POST),
    ("minutes amend", "get", m("minutes-amend"), SECRETARIAT),
    ("decision new", "get", m("decision-create", ITEM), SECRETARIAT),
    ("decision edit", "get", m("decision-edit", ITEM, lambda o: o.decision.pk), SECRETARIAT),
    ("decision delete", "post", m("decision-delete", ITEM, FRESH_DECISION), SECRETARIAT_POST),
    ("follow-up list", "get", council_level("action-list"), EVERYONE),
    ("action item", "get", council_level("action-detail", ACTION), DEPARTMENT_A),
    ("action close", "post", council_level("action-close", ACTION), CHAIR_POST),
    ("action reopen", "post", council_level("action-reopen", ACTION), CHAIR_POST),
    ("public portal", "get", lambda w, o: reverse("portal:index", args=[w.council.slug]), [200] * 8),
    ("public search", "get", lambda w, o: reverse("portal:search", args=[w.council.slug]) + "?q=x", [200] * 8),
    ("public feed", "get", lambda w, o: reverse("portal:feed", args=[w.council.slug]), [200] * 8),
    ("public logo, none set", "get", lambda w, o: reverse("portal:logo", args=[w.council.slug]), [404] * 8),
    ("public calendar", "get", lambda w, o: reverse("portal:meetings-ics", args=[w.council.slug]), [200] * 8),
    (
        "public draft meeting",
        "get",
        lambda w, o: reverse("portal:meeting", args=[w.council.slug, o.meeting.pk]),
        [404] * 8,
    ),
    ("print", "post", reports_url("document-create"), BAD_REQUEST),
    ("statements", "get", council_level("statement-list"), EVERYONE),
    ("statement new", "get", council_level("statement-create"), SECRETARIAT),
    ("statement", "get", council_level("statement-detail", STATEMENT), EVERYONE),
    ("statement edit", "get", council_level("statement-edit", STATEMENT), SECRETARIAT),
    ("statement version", "get", statement_version, SECRETARIAT),
    ("statement approve", "post", council_level("statement-approve", FRESH_STATEMENT), CHAIR_POST),
    ("statement publish", "post", council_level("statement-publish", FRESH_STATEMENT), CHAIR_POST),
    ("requests", "get", lambda w, o: reverse("portal:request-list", args=[w.council.slug]), SECRETARIAT),
    (
        "request",
        "get",
        lambda w, o: reverse("portal:request-detail", args=[w.council.slug, request_pk(o)]),
        SECRETARIAT,
    ),
    ("request form", "get", lambda w, o: reverse("portal:request-new", args=[w.council.slug]), [200] * 8),
    ("request tracking", "get", lambda w, o: reverse("portal:request-track", args=[w.council.slug]), [200] * 8),
    ("document", "get", reports_url("document-detail", document), EVERYONE),
    ("document download", "get", reports_url("document-download", document), EVERYONE),
    (
        "progress attachment",
        "get",
        council_level("progress-attachment", ACTION, lambda o: o.update.pk),
        DEPARTMENT_A,
    ),
]


def _act(status="draft", **fields):
    def make(w):
        from tests.factories import ActFactory, ActTypeFactory

        w.council.official_languages = "sr"  # a second official language: the act's versions
        w.council.save()
        kind = ActTypeFactory(council=w.council)
        return ActFactory(type=kind, status=status, **fields).pk

    return make


def a(name, make=None):
    """An address of the register of acts; `make` builds the act it names, fresh for each role."""
    return lambda w: reverse(f"acts:{name}", args=[w.council.slug, *([make(w)] if make else [])])


def p(name, make=None):
    return lambda w: reverse(f"portal:{name}", args=[w.council.slug, *([make(w)] if make else [])])


PUBLISHED_ACT = _act("published", year=2026, number=1, published_on=date(2026, 1, 5), in_force_on=date(2026, 1, 20))
PUBLIC = [200] * 8

ACTS_MATRIX = [
    ("acts", "get", a("act-list"), SECRETARIAT),
    ("act new", "get", a("act-create"), SECRETARIAT),
    ("act", "get", a("act-detail", _act()), SECRETARIAT),
    ("act edit", "get", a("act-edit", _act()), SECRETARIAT),
    ("act version", "get", lambda w: reverse("acts:act-version", args=[w.council.slug, _act()(w), "sr"]), SECRETARIAT),
    ("act approve", "post", a("act-approve", _act()), SECRETARIAT_POST),
    ("act publish", "post", a("act-publish", _act("approved", year=2026, number=1)), SECRETARIAT_POST),
    ("public register", "get", p("act-list"), PUBLIC),
    ("public acts feed", "get", p("acts-feed"), PUBLIC),
    ("requests in figures", "get", lambda w: reverse("portal:request-statistics", args=[w.council.slug]), SECRETARIAT),
    ("public act", "get", p("act", PUBLISHED_ACT), PUBLIC),
    ("public draft act", "get", p("act", _act()), [404] * 8),
    ("public act pdf", "get", p("act-pdf", PUBLISHED_ACT), [202] * 8),  # queued; the page says so
    ("public draft act pdf", "get", p("act-pdf", _act()), [404] * 8),
    ("public approved act", "get", p("act", _act("approved", year=2026, number=2)), [404] * 8),
]


@pytest.mark.parametrize(("label", "method", "url", "expected"), ACTS_MATRIX, ids=[r[0] for r in ACTS_MATRIX])
def test_act_pages_give_each_role_the_right_status(world, login, private_files, label, method, url, expected):
    for role, status in zip(ROLES, expected, strict=True):
        response = getattr(login(world.user(role)), method)(url(world))
        assert response.status_code == status, f"{label} as {role}: {response.status_code}, expected {status}"
        if role == "anonymous" and status == LOGIN:
            assert reverse("account_login") in response.url
        elif status == DONE:
            assert reverse("account_login") not in response.url


@pytest.mark.parametrize(("label", "url", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_it_gives_each_role_the_right_status(world, login, label, url, expected):
    path = url(world)
    for role, status in zip(ROLES, expected, strict=True):
        response = login(world.user(role)).get(path)
        assert response.status_code == status, f"{label} as {role}: {response.status_code}, expected {status}"
        if status == LOGIN:
            assert final_redirect(login(None), response).startswith(reverse("account_login"))


def final_redirect(client, response) -> str:
    """Where a chain of redirects ends (the admin's login sends on to allauth's)."""
    for _hop in range(5):
        if response.status_code != 302:
            break
        url = response.url
        response = client.get(url)
    return url


@pytest.mark.parametrize(("label", "method", "url", "expected"), MEETING_MATRIX, ids=[r[0] for r in MEETING_MATRIX])
def test_meeting_pages_give_each_role_the_right_status(
    world, meetings, login, private_files, label, method, url, expected
):
    for role, status in zip(ROLES, expected, strict=True):
        client = login(world.user(role))
        response = getattr(client, method)(url(world, meetings))
        assert response.status_code == status, f"{label} as {role}: {response.status_code}, expected {status}"
        if role == "anonymous" and status == LOGIN:
            assert reverse("account_login") in response.url
        elif status == DONE:
            assert reverse("account_login") not in response.url
        elif status == 200 and response.get("Content-Type") == "application/pdf":
            assert b"".join(response.streaming_content).startswith(b"%PDF")
    if method == "post":  # and a GET never changes anything
        assert login(world.admin).get(url(world, meetings)).status_code == 405


def d(name, *extra):
    """A URL of the departments app; extra picks further ids from the SubmissionWorld (and the World)."""
    return lambda w, s: reverse(f"departments:{name}", args=[w.council.slug, *[e(w, s) for e in extra]])


ROUND = lambda w, s: s.round.pk  # noqa: E731
OPEN_ROUND = lambda w, s: s.open_round.pk  # noqa: E731
PERIOD = lambda w, s: s.period.pk  # noqa: E731
OPEN_PERIOD = lambda w, s: s.open_period.pk  # noqa: E731
DEPT_A = lambda w, s: w.department_a.pk  # noqa: E731
PROPOSAL = lambda w, s: s.proposal.pk  # noqa: E731
COURSE = lambda w, s: s.course.pk  # noqa: E731


def fresh_enrolment(w, s):
    return s.course.enrolments.create(department=w.department_a, name="Sara", enrolled_by=w.admin).pk


OWN_ANSWER = [LOGIN, 404, 403, 200, 403, 200, 200, 200]  # read department A's answer
ANSWER_A = [LOGIN, 404, 403, 200, 403, 403, 403, 200]  # answer for department A
LIAISONS = [LOGIN, 404, 403, 200, 200, 403, 403, 200]
ENROL = [LOGIN, 404, 403, DONE, DONE, DONE, DONE, DONE]
UNENROL_A = [LOGIN, 404, 403, DONE, 403, DONE, DONE, DONE]

SUBMISSION_MATRIX = [
    ("surveys", "get", d("survey-list"), EVERYONE),
    ("survey new", "get", d("survey-create"), SECRETARIAT),
    ("survey dashboard", "get", d("survey-dashboard", ROUND), SECRETARIAT),
    ("survey export", "get", lambda w, s: d("survey-dashboard", ROUND)(w, s) + "?export=xlsx", SECRETARIAT),
    ("survey close", "post", d("survey-close", OPEN_ROUND), SECRETARIAT_POST),
    ("survey reopen", "post", d("survey-reopen", ROUND), SECRETARIAT_POST),
    ("survey answer", "get", d("survey-answer", ROUND, DEPT_A), OWN_ANSWER),
    ("survey answer edit", "get", d("survey-answer-edit", OPEN_ROUND, DEPT_A), ANSWER_A),
    ("survey answer return", "get", d("survey-answer-return", ROUND, DEPT_A), SECRETARIAT),
    ("activity", "get", d("activity-list"), EVERYONE),
    ("activity new", "get", d("activity-create"), SECRETARIAT),
    ("activity dashboard", "get", d("activity-dashboard"), SECRETARIAT),
    ("activity export", "get", lambda w, s: d("activity-dashboard")(w, s) + "?export=csv", SECRETARIAT),
    ("activity period", "get", d("activity-period", PERIOD), SECRETARIAT),
    ("activity close", "post", d("activity-close", OPEN_PERIOD), SECRETARIAT_POST),
    ("activity reopen", "post", d("activity-reopen", PERIOD), SECRETARIAT_POST),
    ("activity report", "get", d("activity-report", PERIOD, DEPT_A), OWN_ANSWER),
    ("activity report edit", "get", d("activity-report-edit", OPEN_PERIOD, DEPT_A), ANSWER_A),
    ("activity report return", "get", d("activity-report-return", PERIOD, DEPT_A), SECRETARIAT),
    ("training", "get", d("training-list"), EVERYONE),
    ("training plan", "get", d("training-plan"), EVERYONE),
    ("training plan export", "get", lambda w, s: d("training-plan")(w, s) + "?export=xlsx", EVERYONE),
    ("propose", "get", d("proposal-create"), LIAISONS),
    ("proposal", "get", d("proposal-detail", PROPOSAL), OWN_ANSWER),
    ("proposal edit", "get", d("proposal-edit", PROPOSAL), ANSWER_A),
    ("proposal decline", "get", d("proposal-decline", PROPOSAL), SECRETARIAT),
    ("course new", "get", lambda w, s: d("course-create")(w, s) + f"?proposals={s.proposal.pk}", SECRETARIAT),
    ("course", "get", d("course-detail", COURSE), EVERYONE),
    ("course edit", "get", d("course-edit", COURSE), SECRETARIAT),
    ("enrol", "post", d("enrolment-add", COURSE), ENROL),
    ("unenrol", "post", d("enrolment-delete", COURSE, fresh_enrolment), UNENROL_A),
    ("course attendance", "post", d("course-attendance", COURSE), SECRETARIAT_POST),
]


@pytest.mark.parametrize(
    ("label", "method", "url", "expected"), SUBMISSION_MATRIX, ids=[r[0] for r in SUBMISSION_MATRIX]
)
def test_submission_pages_give_each_role_the_right_status(world, submissions, login, label, method, url, expected):
    for role, status in zip(ROLES, expected, strict=True):
        client = login(world.user(role))
        response = getattr(client, method)(url(world, submissions))
        assert response.status_code == status, f"{label} as {role}: {response.status_code}, expected {status}"
        if role == "anonymous" and status == LOGIN:
            assert reverse("account_login") in response.url
        elif status == DONE:
            assert reverse("account_login") not in response.url
    if method == "post":
        assert login(world.admin).get(url(world, submissions)).status_code == 405


def e(name, *extra):
    """A URL of the elections app; extra picks further ids from the SubmissionWorld (and the World)."""
    return lambda w, s: reverse(f"elections:{name}", args=[w.council.slug, *[x(w, s) for x in extra]])


ELECTION = lambda w, s: s.election.pk  # noqa: E731
CYCLE = lambda w, s: s.attestation.cycle_id  # noqa: E731
OPEN_CYCLE = lambda w, s: s.election.cycles.all()[1].pk  # noqa: E731  the running cycle
ANSWER = lambda w, s: s.attestation.answers.first().pk  # noqa: E731


def fresh_alert(w, s):
    return s.attestation.cycle.alerts.get_or_create(department=w.department_b, kind="missing")[0].pk


def with_evidence(w, s):
    from django.core.files.base import ContentFile

    answer = s.attestation.answers.first()
    answer.evidence.save("proof.pdf", ContentFile(b"%PDF-1.4 proof"))
    return answer.pk


def access_request_a(w, s):
    return s.election.access_requests.get_or_create(
        department=w.department_a,
        candidate="List A",
        kind="hall",
        defaults={"details": "Hall", "requested_on": s.election.announced_on, "recorded_by": w.liaison_a},
    )[0].pk


def complaint(w, s):
    return s.election.complaints.get_or_create(
        complainant="List B", defaults={"received_on": s.election.announced_on, "text": "t", "recorded_by": w.chair}
    )[0].pk


ELECTION_MATRIX = [
    ("elections", "get", e("election-list"), EVERYONE),
    ("election new", "get", e("election-create"), SECRETARIAT),
    ("compliance matrix", "get", e("election-detail", ELECTION), SECRETARIAT),
    ("compliance export", "get", lambda w, s: e("election-detail", ELECTION)(w, s) + "?export=xlsx", SECRETARIAT),
    ("election department", "get", e("election-department", ELECTION, DEPT_A), OWN_ANSWER),
    ("attestation", "get", e("attestation-detail", ELECTION, CYCLE, DEPT_A), OWN_ANSWER),
    ("attestation edit", "get", e("attestation-edit", ELECTION, OPEN_CYCLE, DEPT_A), ANSWER_A),
    ("evidence", "get", e("evidence-download", ELECTION, with_evidence), OWN_ANSWER),
    ("alert close", "get", e("alert-close", ELECTION, fresh_alert), CHAIR_GET),
    ("equal access", "get", e("access-register", ELECTION), [LOGIN, 404, 403, 200, 200, 200, 200, 200]),
    ("complaints", "get", e("complaint-register", ELECTION), SECRETARIAT),
    ("access request edit", "get", e("access-request-edit", ELECTION, access_request_a), OWN_ANSWER),
    ("complaint edit", "get", e("complaint-edit", ELECTION, complaint), SECRETARIAT),
    ("election close", "post", e("election-close", ELECTION), CHAIR_POST),
]


@pytest.mark.parametrize(("label", "method", "url", "expected"), ELECTION_MATRIX, ids=[r[0] for r in ELECTION_MATRIX])
def test_election_pages_give_each_role_the_right_status(
    world, submissions, login, private_files, label, method, url, expected
):
    test_submission_pages_give_each_role_the_right_status(world, submissions, login, label, method, url, expected)


CHAIR, ADMIN = ROLES.index("chair"), ROLES.index("admin")
OTHER_MEMBERS = [ROLES.index(role) for role in ("member", "liaison_a", "liaison_b", "secretary")]
EVERY_ROW = (
    [(label, "get", lambda w, o, url=url: url(w), expected, None) for label, url, expected in MATRIX]
    + [(*row, "meetings") for row in MEETING_MATRIX]
    + [(*row, "submissions") for row in SUBMISSION_MATRIX + ELECTION_MATRIX]
)


@pytest.mark.parametrize(("label", "method", "url", "expected", "objects"), EVERY_ROW, ids=[r[0] for r in EVERY_ROW])
def test_chairs_and_admins_without_two_factor_are_sent_to_set_it_up_for_what_is_reserved_to_them_only(
    request, world, login, private_files, settings, label, method, url, expected, objects
):
    """With HAMAHANG_REQUIRE_MFA on and no TOTP: every address that only a chair or an admin may use sends them
    to the two-factor set-up; every other address answers as in the matrix."""
    settings.HAMAHANG_REQUIRE_MFA = True
    reserved = all(expected[index] not in (200, DONE) for index in OTHER_MEMBERS)
    o = request.getfixturevalue(objects) if objects else None
    for index in (CHAIR, ADMIN):
        client = login(world.user(ROLES[index]))
        response = getattr(client, method)(url(world, o))
        if reserved and expected[index] in (200, DONE):
            assert response.status_code == 302, f"{label} as {ROLES[index]}: {response.status_code}"
            assert response.url.startswith(reverse("mfa_activate_totp")), f"{label} as {ROLES[index]}"
        else:
            assert response.status_code == expected[index], f"{label} as {ROLES[index]}: {response.status_code}"
            if response.status_code == 302:
                assert reverse("mfa_activate_totp") not in response.url, f"{label} as {ROLES[index]}"
