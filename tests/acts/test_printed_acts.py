"""Acts printed on the council's letterhead (the secretariat's copies and the portal's), and the office's yearly
report on document requests as PDF."""

from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from acts import services
from acts.models import LegalProfile
from meetings.models import Meeting
from portal import services as portal_services
from portal.documents import request_report
from portal.models import DocumentRequest
from reports import documents
from reports import services as report_services
from reports.models import Document
from reports.pdf.render import render
from reports.tasks import build_document
from tests.conftest import ROLES
from tests.factories import ActFactory, ActTypeFactory, AgendaItemFactory, DecisionFactory, MeetingFactory
from tests.reports.pdf_helpers import pdf_text, squash


@pytest.fixture(autouse=True)
def _private(private_files):
    return private_files


@pytest.fixture
def kind(world):
    world.council.official_languages = "en,sr"
    world.council.save()
    return ActTypeFactory(council=world.council, name="Regulation", in_force_after_days=15)


def adopted(kind, **fields):
    act = ActFactory(type=kind, **fields)
    services.act_approve(act=act, adopted_on=date(2026, 3, 2), by=None)
    act.refresh_from_db()
    return act


def publish(act):
    services.act_publish(act=act, published_on=date(2026, 3, 5), by=None, without_missing_versions=True)
    act.refresh_from_db()
    return act


def text_of(act, language) -> str:
    return squash(pdf_text(render(documents.printed_act(act, language)))[1])


def test_a_published_act_prints_its_facts_links_and_text_in_the_readers_version(world, kind):
    act = adopted(kind, title="Market regulation", body="Article 1.\nThe market opens at six.", counterparty="")
    services.act_version_save(act=act, language="sr", title="Правилник о пијаци", body="Члан 1.", by=None)
    amending = adopted(kind, title="Opening hours amended")
    amending.amends.set([act])
    publish(act)
    english = text_of(act, "en")
    for expected in ("Regulation1/2026", "Marketregulation", "Article1.", "Themarketopensatsix.", "5March2026"):
        assert squash(expected) in english, expected
    assert "20March2026" in english  # in force 15 days after publication
    assert "DRAFT" not in english
    assert "Openinghoursamended" not in english  # the amending act is not published yet
    publish(amending)
    assert "Openinghoursamended" in text_of(act, "en")
    serbian = text_of(act, "sr")
    assert "Правилникопијаци" in serbian and "Члан1." in serbian and "Articl" not in serbian
    assert "Amended" not in serbian  # every label in Serbian, whatever language the asker's page was in
    asked = Document(kind=Document.Kind.ACT, council=world.council, act=act, language="sr")
    with translation.override("sq"):
        from_albanian_page = report_services.document_version.uncached(asked)
    assert report_services.document_version.uncached(asked) == from_albanian_page  # the worker finds it again
    assert "Pravilnikopijaci" in text_of(act, "sr-latn")  # the Cyrillic version, transliterated


def test_an_act_without_the_readers_version_says_so_and_an_unpublished_one_is_a_draft(world, kind):
    world.council.official_languages = "sq,sr"
    world.council.language = "sq"
    world.council.save()
    act = adopted(kind, title="Rregullore për tregun", body="Neni 1.")
    serbian = text_of(act, "sr")
    assert "Rregullorepërtregun" in serbian and "Neni1." in serbian
    assert squash("албански") in serbian  # "its text is in Albanian", said in Serbian
    assert "НАЦРТ" in serbian  # DRAFT, in Serbian: approved, not yet published


def test_a_published_acts_copy_names_only_decisions_of_published_minutes(world, kind):
    shown = MeetingFactory(council=world.council, state=Meeting.State.PUBLISHED)
    hidden = MeetingFactory(council=world.council, state=Meeting.State.MINUTES_APPROVED)
    public_decision = DecisionFactory(item=AgendaItemFactory(meeting=shown), year=2026, number=4)
    unpublished = DecisionFactory(item=AgendaItemFactory(meeting=hidden), year=2026, number=9)
    act = adopted(kind)
    act.decisions.set([public_decision, unpublished])
    assert "Decision2026/09" in text_of(act, "en")  # the secretariat's draft names both
    publish(act)
    text = text_of(act, "en")
    assert "Decision2026/04" in text and "2026/09" not in text


def test_the_portal_serves_a_published_act_as_pdf_in_the_version_asked_for(
    world, kind, client, django_capture_on_commit_callbacks
):
    act = publish(adopted(kind, title="Market regulation"))
    services.act_version_save(act=act, language="sr", title="Правилник о пијаци", body="", by=None)
    url = reverse("portal:act-pdf", args=[world.council.slug, act.pk])
    with django_capture_on_commit_callbacks(execute=False):
        response = client.get(url, {"lang": "sr"})
    assert response.status_code == 202 and "being prepared" in response.content.decode()
    document = Document.objects.get()
    assert (document.kind, document.act, document.language) == ("act", act, "sr")
    build_document(document.pk)
    response = client.get(url, {"lang": "sr"})
    assert response.status_code == 200
    assert "Правилникопијаци" in squash(pdf_text(b"".join(response.streaming_content))[1])
    draft = ActFactory(type=kind)
    assert client.get(reverse("portal:act-pdf", args=[world.council.slug, draft.pk])).status_code == 404


def test_a_new_version_makes_a_new_copy(world, kind, settings):
    act = publish(adopted(kind))
    asked = Document(kind=Document.Kind.ACT, council=world.council, act=act, language="sr")
    before = report_services.document_version(asked)
    services.act_version_save(act=act, language="sr", title="Правилник", body="Члан 1.", by=None)
    assert report_services.document_version(asked) != before


#             anonymous outsider member liaison_a liaison_b secretary chair admin
SECRETARIAT_PRINTS = [302, 404, 403, 403, 403, 302, 302, 302]


@pytest.mark.parametrize("what", ["act", "request report"])
def test_the_secretariat_prints_acts_and_the_yearly_report_and_no_one_else(world, kind, login, what):
    act = adopted(kind)
    post = {"language": "en"}
    post |= {"kind": "act", "act": act.pk} if what == "act" else {"kind": "request_report", "year": 2026}
    url = reverse("reports:document-create", args=[world.council.slug])
    for role, status in zip(ROLES, SECRETARIAT_PRINTS, strict=True):
        response = login(world.user(role)).post(url, post)
        assert response.status_code == status, f"{what} as {role}: {response.status_code}"
    assert Document.objects.filter(kind=post["kind"]).count() == 1  # asked three times, built once
    if what == "request report":
        assert Document.objects.get().year == 2026
        for year in ("", "1850", "x"):
            assert login(world.secretary).post(url, post | {"year": year}).status_code == 400


def test_the_print_cards_offer_the_act_and_the_years_report(world, kind, login):
    act = adopted(kind)
    client = login(world.secretary)
    page = client.get(reverse("acts:act-detail", args=[world.council.slug, act.pk])).content.decode()
    assert 'name="act" value="%s"' % act.pk in page and 'value="act"' in page
    statistics = reverse("portal:request-statistics", args=[world.council.slug])
    page = client.get(statistics, {"year": 2025}).content.decode()
    assert 'name="year" value="2025"' in page and 'value="request_report"' in page
    assert 'value="follow_up"' not in page  # the council's other documents are printed from their own pages


def test_the_yearly_report_prints_the_years_figures(world):
    LegalProfile.objects.create(council=world.council, law="Law No. 06/L-081")
    at = datetime(2026, 3, 10, 10, tzinfo=world.council.tzinfo)
    for status, outcome in (("answered", "full"), ("answered", "full"), ("refused", "")):
        request = portal_services.request_create(council=world.council, name="Drita", contact="", text="Budget")
        DocumentRequest.objects.filter(pk=request.pk).update(
            created_at=at, status=status, outcome=outcome, closed_at=at + timedelta(days=2), refusal_ground="privacy"
        )
    text = squash(pdf_text(render(request_report(world.council, 2026, "en")))[1])
    assert "Requestsforpublicdocumentsin2026" in text and "LawNo.06/L081" in text.replace("-", "")
    assert "Requestsreceived3" in text and "Grantedinfull2" in text and "Refused1" in text
    assert "March3" in text and "Mediandaystoadecision2" in text
