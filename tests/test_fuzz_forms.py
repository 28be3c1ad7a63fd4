"""Every address of the project, as every role, with malformed input: never an error page (DESIGN.md section 6).

The addresses come from the URL resolver (a new page is fuzzed without being listed here; a new kind of id in an
address needs a value in `url_kwargs`). Each is visited as each role; every form on the page it shows (and on
the pages of the fixtures, for forms that post to it) gives the field names, and hypothesis fills them with random
Unicode, NULs, control characters, huge and negative numbers, digits that are no numbers and malformed dates, mixed
with the values the page offers, so that some posts get past validation into the services. Derandomized and a few
examples per address and role, so that CI is reproducible and takes minutes (FUZZ_EXAMPLES raises the number).
"""

import os
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reports.models import Document
from tests.conftest import ROLES
from tests.factories import DocumentRequestFactory

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2"))
PROJECT_APPS = ("home.", "council.", "portal.", "meetings.", "departments.", "elections.", "reports.", "allauth.")
NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x0b\x0c\x1b\x7f\x85\x9f",
    "\u202e\u2066x\u2069",
    "\ufffe\uffff",
    "²",
    "۱۲",
    "١٢³",
    "-1",
    "0",
    "9" * 25,
    "-9223372036854775809",
    "1e309",
    "NaN",
    "2026-02-30",
    "1405/13/40",
    "0000-00-00",
    "9999-12-31T25:61",
    "10000-01-01",
    "2026-04-04 24:00",
    '=HYPERLINK("http://evil.example/","x")',
    "<script>alert(1)</script>",
    "x" * 5000,
]


def walk(patterns, groups=()):
    """(name, the names of the address's parts) of every project address."""
    for pattern in patterns:
        parts = (*groups, *pattern.pattern.regex.groupindex)
        if isinstance(pattern, URLResolver):
            namespace = f"{pattern.namespace}:" if pattern.namespace else ""
            yield from ((namespace + name, kwargs) for name, kwargs in walk(pattern.url_patterns, parts))
        elif isinstance(pattern, URLPattern) and pattern.name:
            module = getattr(pattern.callback, "__module__", "") or ""
            if module.startswith(PROJECT_APPS) or module == "functools":  # functools: a view with its arguments set
                yield pattern.name, parts


# The Django admin is Django's own (staff only) and is left out; every other address of the project is here.
ADDRESSES = dict(walk(get_resolver().url_patterns))


def url_kwargs(name, w, m, s) -> dict:
    """Real ids from the fixtures for each part of an address."""
    w.council.official_languages = "sr"  # the statements' versions (a second official language)
    w.council.save()
    statement = w.council.statements.create(
        title="Statement", body="Text", state="published", published_at=timezone.now()
    )
    request = DocumentRequestFactory(council=w.council, status="answered")
    document = Document.objects.create(
        kind="agenda", council=w.council, meeting=m.meeting, language="en", version="v", status="done"
    )
    document.file.save("agenda.pdf", ContentFile(b"%PDF-1.4 agenda"))
    pk = {
        "meetings:statement": statement.pk,
        "meetings:action": m.action.pk,
        "meetings:progress": m.action.pk,
        "meetings:": m.meeting.pk,
        "portal:statement": statement.pk,
        "portal:request": request.pk,
        "portal:": m.meeting.pk,
        "departments:department": w.department_a.pk,
        "departments:survey": s.open_round.pk,
        "departments:activity": s.open_period.pk,
        "departments:proposal": s.proposal.pk,
        "departments:course": s.course.pk,
        "departments:enrolment": s.course.pk,
        "elections:": s.election.pk,
        "reports:": document.pk,
    }
    values = {
        "slug": w.council.slug,
        "pk": next((v for prefix, v in pk.items() if name.startswith(prefix)), None),
        "item_pk": m.item.pk,
        "attachment_pk": m.attachment.pk,
        "proposal_pk": m.proposal.pk,
        "decision_pk": m.decision.pk,
        "update_pk": m.update.pk,
        "department_pk": w.department_a.pk,
        "enrolment_pk": s.course.enrolments.create(department=w.department_a, name="Sara", enrolled_by=w.admin).pk,
        "cycle_pk": s.election.cycles.all()[1].pk,
        "answer_pk": s.attestation.answers.first().pk,
        "alert_pk": s.attestation.cycle.alerts.get_or_create(department=w.department_b, kind="missing")[0].pk,
        "request_pk": s.election.access_requests.create(
            department=w.department_a,
            candidate="List A",
            kind="hall",
            requested_on=s.election.announced_on,
            recorded_by=w.liaison_a,
        ).pk,
        "complaint_pk": s.election.complaints.create(
            complainant="List B", received_on=s.election.announced_on, text="t", recorded_by=w.chair
        ).pk,
        "code": request.tracking_code,
        "token": "x",
        "key": "x",
        "uidb36": "1",
        "language": "sr",
    }
    return values


class Forms(HTMLParser):
    """The post and get forms of a page: where each goes and its fields (inside it, or outside with form="its id"),
    with the values the page offers."""

    def __init__(self, page_url):
        super().__init__()
        self.page_url, self.forms, self.by_id, self.current, self.field = page_url, [], {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            action = urlsplit(attrs.get("action") or self.page_url).path
            self.current = {"method": (attrs.get("method") or "get").lower(), "action": action, "fields": {}}
            self.forms.append(self.current)
            self.by_id[attrs.get("id")] = self.current
        elif tag in ("input", "select", "textarea", "button") and attrs.get("name"):
            form = self.by_id.get(attrs["form"]) if attrs.get("form") else self.current
            if form is not None:
                self.field = form["fields"].setdefault(attrs["name"], set())
                if attrs.get("value") is not None:
                    self.field.add(attrs["value"])
        elif tag == "option" and self.field is not None and attrs.get("value") is not None:
            self.field.add(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None


def field_values(offered: set[str]):
    nasty = st.one_of(st.sampled_from(NASTY), st.text(max_size=40), st.integers().map(str))
    value = st.one_of(st.sampled_from(sorted(offered)), nasty) if offered else nasty
    return st.lists(value, min_size=1, max_size=2)


def submissions_strategy(fields: dict):
    return st.fixed_dictionaries({name: field_values(offered) for name, offered in fields.items()})


def forms_of(response, url) -> list[dict]:
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    parser = Forms(url)
    parser.feed(response.content.decode())
    return parser.forms


# Sent to every field of every form besides the random examples: one of each kind of input that gave error pages.
EVERY_FIELD = ["²", "a\x00b\x0b", "-9223372036854775809", "1405/13/40 25:61"]
FUZZ = settings(
    max_examples=EXAMPLES, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)


def fuzz(client, method, url, fields):
    def send(data):
        response = getattr(client, method)(url, data)
        assert response.status_code < 500, (method, url, data, response.status_code)

    test = given(submissions_strategy(fields))(send)
    for value in EVERY_FIELD:
        test = example({name: ["1", value] for name in fields})(test)  # "1" first: a list read with getlist
    FUZZ(test)()


def refused(response) -> bool:
    """Refused whatever was sent: not signed in, not theirs, or not for their role."""
    return response.status_code in (403, 404, 405) or (
        response.status_code == 302 and response.url.startswith(reverse("account_login"))
    )


@pytest.mark.parametrize("name", sorted(ADDRESSES))
def test_no_input_gives_an_error_page(name, world, meetings, submissions, login, private_files):
    kwargs = url_kwargs(name, world, meetings, submissions)
    url = reverse(name, kwargs={part: kwargs[part] for part in ADDRESSES[name]})
    # Forms on every page (the language switch, signing out, the print cards) are fuzzed at their own address only.
    shared = {
        reverse("council:set-language"),
        reverse("account_logout"),
        reverse("reports:document-create", args=[world.council.slug]),
    } - {url}
    targets = {("post", url): {}}  # where the forms on the page go, as any role sees it (and a post to the address)
    for role in ROLES:
        response = login(world.user(role)).get(url, follow=True)  # a form may be on the page an address sends to
        assert response.status_code < 500, (role, url)
        for form in forms_of(response, response.request["PATH_INFO"]):
            if form["action"] not in shared:
                targets.setdefault((form["method"], form["action"]), {}).update(form["fields"])
    for role in ROLES:
        for (method, action), fields in targets.items():
            client = login(world.user(role))  # a post may have signed them out
            first = getattr(client, method)(action, {})
            assert first.status_code < 500, (role, method, action)
            if not refused(first):
                fuzz(client, method, action, fields)
