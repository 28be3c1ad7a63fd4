"""The secretariat's printed summaries: a staffing-gap survey round and an election period's neutrality compliance."""

import pytest
from django.urls import reverse

from elections import services as election_services
from helpers.l10n.digits import to_persian_digits
from reports import documents
from reports.models import Document
from reports.pdf.render import render
from tests.factories import ElectionPeriodFactory, SurveyResponseFactory, SurveyRoundFactory
from tests.reports.pdf_helpers import pdf_text, squash


@pytest.fixture(autouse=True)
def _private(private_files):
    return private_files


@pytest.fixture
def survey(world):
    """Education answered (one person short in each of the five functions, no PR unit); Health has not started."""
    round = SurveyRoundFactory(council=world.council, title="Autumn staffing")
    SurveyResponseFactory(round=round, department=world.department_a, has_pr_unit=False)
    return round


@pytest.fixture
def election(world):
    """Education attested cycle 1 fully compliant, Health with two items not compliant."""
    period = ElectionPeriodFactory(council=world.council, name="Local elections")
    first = period.cycles.first()
    for department, liaison, values in (
        (world.department_a, world.liaison_a, ["compliant", "not_applicable", "compliant"]),
        (world.department_b, world.liaison_b, ["not_compliant", "not_applicable", "not_compliant"]),
    ):
        attestation = election_services.attestation_start(cycle=first, department=department)
        answers = {a.pk: {"value": v, "note": "n"} for a, v in zip(attestation.answers.all(), values, strict=True)}
        election_services.attestation_save(
            attestation=attestation,
            base_version=attestation.version,
            answers=answers,
            co_signer="",
            by=liaison,
            submit=True,
        )
    return period


def read(spec, rtl=False) -> str:
    return squash(pdf_text(render(spec), rtl=rtl)[1])


def test_the_gap_summary_shows_who_answered_the_totals_and_each_department(world, survey):
    text = read(documents.gap_summary(survey, "en"))
    for line in (
        "Staffing-gap summary: Autumn staffing",
        "1 of 2 departments",
        "Departments without a PR unit 1",
        "Total shortfall 5",
        "Education Submitted No 0 5",
        "Health Not started",
    ):
        assert squash(line) in text


def test_the_persian_gap_summary_uses_persian_digits(world, survey):
    text = read(documents.gap_summary(survey, "fa"), rtl=True)
    assert to_persian_digits("1") in text and to_persian_digits("5") in text
    assert "Total" not in text and "5" not in text


def test_the_compliance_summary_counts_cycles_and_items_per_department(world, election):
    text = read(documents.compliance_summary(election, "en"))
    for line in (
        "Neutrality compliance: Local elections",
        "Education 1 0 0 100%",
        "Health 0 1 0 0%",
        "Reporting cycles 3",
    ):
        assert squash(line) in text


def test_the_albanian_compliance_summary_is_in_albanian(world, election):
    text = read(documents.compliance_summary(election, "sq"))
    assert squash("Local elections") in text and squash("Compliance rate") not in text


def ask(client, world, kind, field, subject):
    url = reverse("reports:document-create", args=[world.council.slug])
    return client.post(url, {"kind": kind, "language": "en", field: subject.pk})


@pytest.mark.parametrize(
    "kind, field, subject_fixture",
    [("gap_summary", "survey_round", "survey"), ("compliance_summary", "election_period", "election")],
)
@pytest.mark.parametrize(
    "who, status",
    [
        ("secretary", 302),
        ("chair", 302),
        ("admin", 302),
        ("liaison_a", 403),
        ("member", 403),
        ("outsider", 404),
        (None, 302),
    ],
)
def test_who_may_ask_for_a_summary(client, world, request, kind, field, subject_fixture, who, status):
    subject = request.getfixturevalue(subject_fixture)
    if who:
        client.force_login(getattr(world, who))
    response = ask(client, world, kind, field, subject)
    assert response.status_code == status
    if who is None:
        assert "/accounts/login/" in response["Location"]
    made = Document.objects.filter(kind=kind, **{field: subject}).count()
    assert made == (1 if status == 302 and who else 0)


def test_a_summary_is_built_and_only_the_secretariat_downloads_it(
    client, world, survey, django_capture_on_commit_callbacks
):
    client.force_login(world.secretary)
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, world, "gap_summary", "survey_round", survey)
    document = Document.objects.get(kind="gap_summary")
    assert document.status == "done" and document.filename == f"gap-summary-{world.council.slug}-{survey.pk}-en.pdf"
    url = reverse("reports:document-download", args=[world.council.slug, document.pk])
    assert b"".join(client.get(url).streaming_content).startswith(b"%PDF")
    client.force_login(world.liaison_a)
    assert client.get(url).status_code == 403


def test_a_summary_of_another_councils_round_or_a_bad_id_is_not_found(client, world):
    client.force_login(world.secretary)
    elsewhere = SurveyRoundFactory(council=world.other_council)
    assert ask(client, world, "gap_summary", "survey_round", elsewhere).status_code == 404
    url = reverse("reports:document-create", args=[world.council.slug])
    assert client.post(url, {"kind": "gap_summary", "language": "en", "survey_round": "x"}).status_code == 404
    assert not Document.objects.exists()


def test_the_dashboards_offer_their_summary(client, world, survey, election):
    client.force_login(world.secretary)
    gap_page = client.get(reverse("departments:survey-dashboard", args=[world.council.slug, survey.pk]))
    assert 'value="gap_summary"' in gap_page.content.decode()
    assert f'name="survey_round" value="{survey.pk}"' in gap_page.content.decode()
    compliance_page = client.get(reverse("elections:election-detail", args=[world.council.slug, election.pk]))
    assert 'value="compliance_summary"' in compliance_page.content.decode()
    assert f'name="election_period" value="{election.pk}"' in compliance_page.content.decode()
