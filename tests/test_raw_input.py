"""Raw input as an attacker sends it (NUL, control characters, digits that are no numbers) and data that got in
before the forms cleaned it: never an error page, never a page broken for everyone."""

import io

import feedparser
import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from elections.models import Attestation
from elections.services import attestation_start
from helpers import params
from helpers.text_cleanup import clean_text_columns, rows_with_controls
from meetings.models import Statement
from portal.models import DocumentRequest
from reports.pdf.render import DocumentSpec, Grid, Heading, Text, render
from tests.factories import DocumentRequestFactory, TrainingProposalFactory

PASTED = "Line one\x0bline two\x00\x07\u202e\x85end\ufffe"
STORED = PASTED.replace("\x00", "")  # what got in before the forms cleaned text (PostgreSQL refuses NUL)


def published_statement(world, body, title="Title\x0b"):
    return Statement.objects.create(
        council=world.council, title=title, body=body, state="published", published_at=timezone.now()
    )


# ---------------------------------------------------------------- outputs refuse to die on old data


def test_a_statement_with_control_characters_does_not_break_the_feed_for_everyone(client, world):
    published_statement(world, STORED)
    response = client.get(reverse("portal:feed", args=[world.council.slug]))
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.entries[0].title == "Title" and feed.entries[0].summary == "Line one\nline two\nend"


def test_a_pdf_is_built_from_text_with_control_characters():
    blocks = [Heading(PASTED), Text(PASTED), Grid([[PASTED, "x"]], [0.5, 0.5])]
    spec = DocumentSpec(
        title="t", author="a", language="en", rtl=False, letterhead=[PASTED], blocks=blocks, footer="%(page)s"
    )
    text = PdfReader(io.BytesIO(render(spec))).pages[0].extract_text()
    assert "Line one line two end" in text


def test_the_data_migration_cleans_only_the_rows_that_hold_control_characters(world):
    dirty = published_statement(world, STORED)
    clean = published_statement(world, "Clean\ttext\r\nkept", title="Clean")
    assert list(rows_with_controls(Statement)) == [dirty]
    operation = clean_text_columns("meetings")
    with CaptureQueriesContext(connection) as queries:
        operation.code(apps, None)
    updates = [q["sql"] for q in queries if q["sql"].startswith("UPDATE")]
    # the statement and its history row (the history of the clean one is not touched)
    assert [sql.split('"')[1] for sql in updates] == ["meetings_historicalstatement", "meetings_statement"]
    dirty.refresh_from_db()
    assert (dirty.title, dirty.body) == ("Title\n", "Line one\nline two\nend")
    clean.refresh_from_db()
    assert clean.body == "Clean\ttext\r\nkept"
    operation.reverse_code(apps, None)  # undoing it is allowed, and changes nothing


# ---------------------------------------------------------------- NUL never reaches the database


def test_a_nul_in_an_address_is_no_page(client, world):
    request = DocumentRequestFactory(council=world.council, status="answered")
    response = client.get(f"/public/{world.council.slug}/requests/%00/file/")
    assert response.status_code == 404
    response = client.get(f"/public/{world.council.slug}/requests/{request.tracking_code}%00/file/")
    assert response.status_code == 404


def test_nuls_in_a_query_string_and_in_cookies_are_dropped(client, world):
    DocumentRequestFactory(council=world.council, tracking_code="ABC123")
    response = client.get(reverse("portal:request-track", args=[world.council.slug]), {"code": "ABC\x00123"})
    assert response.status_code == 200 and response.context["code"] == "ABC123"
    client.cookies["sessionid"] = "a\x00b" * 10
    client.cookies["csrftoken"] = "\x00"
    assert client.get(reverse("portal:search", args=[world.council.slug]), {"q": "x\x00"}).status_code == 200


def test_a_nul_posted_in_a_public_form_is_dropped(client, world):
    data = {"name": "Ana\x00", "contact": "ana@example.org", "text": "The budget\x00 of 2026"}
    response = client.post(reverse("portal:request-new", args=[world.council.slug]), data)
    assert response.status_code == 200
    assert DocumentRequest.objects.get().text == "The budget of 2026"


def test_a_nul_in_the_co_signer_of_an_attestation_is_dropped(client, world, submissions):
    from tests.elections.test_elections import answer_data

    cycle = submissions.election.cycles.all()[1]
    url = reverse(
        "elections:attestation-edit",
        args=[world.council.slug, submissions.election.pk, cycle.pk, world.department_a.pk],
    )
    client.force_login(world.liaison_a)
    draft = attestation_start(cycle=cycle, department=world.department_a)
    data = answer_data(draft, ["compliant", "not_applicable", "compliant"], co_signer="a\x00b", action="save")
    data["base_version"] = "²"  # passes str.isdigit(), not int(): a stale page, not an error page
    response = client.post(url, data)
    assert response.status_code in (200, 302)
    assert Attestation.objects.get(pk=draft.pk).co_signer == ""  # refused as a stale page: nothing saved
    data["base_version"] = draft.version
    assert client.post(url, data).status_code == 302
    assert Attestation.objects.get(cycle=cycle, department=world.department_a).co_signer == "ab"


# ---------------------------------------------------------------- digits that are no numbers


def test_superscript_digits_are_no_ids(client, world, submissions):
    client.force_login(world.chair)
    course_create = reverse("departments:course-create", args=[world.council.slug])
    assert client.get(course_create + "?proposals=²").status_code == 302  # "choose at least one proposal"
    TrainingProposalFactory(department=world.department_a)
    assert client.post(course_create, {"proposals": ["²", "9" * 40, "-1"]}).status_code == 302
    attendance = reverse("departments:course-attendance", args=[world.council.slug, submissions.course.pk])
    assert client.post(attendance, {"attended": ["²", "9" * 40]}).status_code == 302
    plan = reverse("departments:training-plan", args=[world.council.slug])
    assert client.get(plan, {"year": "²"}).status_code == 200
    print_url = reverse("reports:document-create", args=[world.council.slug])
    response = client.post(print_url, {"kind": "agenda", "language": "en", "meeting": "²"})
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", 12),
        ("۱۲", 12),
        ("١٢", 12),
        (" 7 ", 7),
        ("²", None),
        ("1²", None),
        ("-1", None),
        ("9" * 19, None),
        ("", None),
    ],
)
def test_one_helper_reads_whole_numbers(value, expected):
    assert params.integer({"n": value}, "n") == expected
