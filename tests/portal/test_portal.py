"""The public portal: what is published is readable without an account; nothing else is, however asked."""

from datetime import timedelta

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from helpers.caching import council_changed
from helpers.l10n.digits import localize_digits
from meetings.models import ActionItem, Decision, Meeting
from tests.factories import ActionItemFactory, AgendaItemFactory, DecisionFactory, MeetingFactory

SECRET = "UNPUBLISHED-SECRET"


@pytest.fixture
def council_states(world):
    """One meeting in every state; only the published one's minutes may be seen."""
    meetings = {}
    for state in Meeting.State.values:
        past = state not in ("draft", "agenda_published")
        meetings[state] = MeetingFactory(
            council=world.council,
            state=state,
            starts_at=timezone.now() + (timedelta(days=-3) if past else timedelta(days=3)),
            published_at=timezone.now() if state == "published" else None,
            title=f"Title of {state}",
        )
        item = AgendaItemFactory(
            meeting=meetings[state],
            title=f"Item of {state} about libraries",
            discussion=f"Discussion of {state} {'published words' if state == 'published' else SECRET}",
        )
        decision = DecisionFactory(
            item=item, text=f"Decision of {state} {'published words' if state == 'published' else SECRET}"
        )
        if state in ("minutes_approved", "published"):
            decision.year, decision.number = 2026, 1 if state == "published" else 2
            decision.save()
    return meetings


def portal(world, name="index", *args):
    return reverse(f"portal:{name}", args=[world.council.slug, *args])


def test_an_anonymous_visitor_reads_published_minutes_and_upcoming_agendas(client, world, council_states):
    body = client.get(portal(world)).content.decode()
    assert portal(world, "meeting", council_states["published"].pk) in body
    assert portal(world, "meeting", council_states["agenda_published"].pk) in body
    page = client.get(portal(world, "meeting", council_states["published"].pk)).content.decode()
    assert "Decision of published published words" in page and "Discussion of published" in page


def test_nothing_unpublished_is_reachable_even_by_guessing(client, world, council_states, settings, private_files):
    pages = [
        portal(world),
        portal(world, "feed"),
        portal(world, "meetings-ics"),
        portal(world, "search") + "?q=libraries",
    ]
    for state, meeting in council_states.items():
        for name in ("meeting", "minutes-pdf"):
            response = client.get(portal(world, name, meeting.pk))
            public = (name == "meeting" and state not in ("draft", "cancelled")) or state == "published"
            assert (response.status_code != 404) == public, f"{name} of a {state} meeting: {response.status_code}"
            if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
                pages.append(portal(world, name, meeting.pk))
    pages.append(portal(world, "search") + "?q=Discussion")  # a word every discussion has
    for url in pages:
        body = client.get(url).content.decode(errors="replace")
        assert SECRET not in body, url
        assert "Title of draft" not in body and "Title of cancelled" not in body, url
    secret_search = client.get(portal(world, "search"), {"q": SECRET}).content.decode()
    assert "Nothing published matches these words." in secret_search
    assert client.get(portal(world, "meeting", 999999)).status_code == 404
    other = reverse("portal:meeting", args=[world.other_council.slug, council_states["published"].pk])
    assert client.get(other).status_code == 404  # another council's address for it


def test_decisions_show_their_implementation_status(client, world, council_states):
    decision = Decision.objects.get(item__meeting=council_states["published"])
    ActionItemFactory(
        decision=decision, council=world.council, department=world.department_a, status=ActionItem.Status.DONE
    )
    ActionItemFactory(
        decision=decision, council=world.council, department=world.department_b, status=ActionItem.Status.OPEN
    )
    assert "In progress" in client.get(portal(world, "meeting", council_states["published"].pk)).content.decode()
    ActionItem.objects.update(status=ActionItem.Status.DONE)
    assert "Implemented" in client.get(portal(world, "meeting", council_states["published"].pk)).content.decode()


@pytest.mark.parametrize(
    ("text", "query"),
    [("کتابخانه‌های عمومی شهرستان تجهیز شوند", "کتابخانه‌های"), ("Hapen bibliotekat në çdo lagje", "bibliotekat lagje")],
)
def test_search_finds_published_decisions_in_persian_and_albanian(client, world, council_states, text, query):
    decision = Decision.objects.get(item__meeting=council_states["published"])
    decision.text = text
    decision.save()
    body = client.get(portal(world, "search"), {"q": query}).content.decode()
    assert text in body


def test_search_lists_the_newest_decisions_first(client, world, council_states):
    older = Decision.objects.get(item__meeting=council_states["published"])
    older.text = "کتابخانهٔ قدیم"
    older.save()
    newer = Decision.objects.get(pk=older.pk)
    newer.pk, newer.number, newer.text = None, 99, "کتابخانهٔ جدید"
    newer.save()
    body = client.get(portal(world, "search"), {"q": "کتابخانهٔ"}).content.decode()
    assert 0 < body.index(newer.text) < body.index(older.text)


def test_search_shows_the_twenty_newest_of_each_kind_and_says_there_are_more(client, world, council_states):
    decision = Decision.objects.get(item__meeting=council_states["published"])
    for number in range(100, 121):
        decision.pk, decision.number, decision.text = None, number, f"کتابخانهٔ شمارهٔ {number}"
        decision.save()
    body = client.get(portal(world, "search"), {"q": "کتابخانهٔ"}).content.decode()
    assert body.count("کتابخانهٔ شمارهٔ") == 20 and "کتابخانهٔ شمارهٔ 100" not in body
    assert "Only the 20 newest results of each kind are shown" in body
    decision.delete()
    body = client.get(portal(world, "search"), {"q": "کتابخانهٔ"}).content.decode()
    assert body.count("کتابخانهٔ شمارهٔ") == 20 and "Only the 20" not in body


def test_each_search_result_links_its_meeting_with_its_number_and_a_shortened_text(client, world, council_states):
    meeting = council_states["published"]
    decision = Decision.objects.get(item__meeting=meeting)
    decision.text = "<b>کتابخانه</b> " + "ب" * 300
    decision.save()
    item = decision.item
    item.title = "کتابخانه و <i>کتاب</i>"
    item.save()
    client.cookies["django_language"] = "fa"
    body = client.get(portal(world, "search"), {"q": "کتابخانه"}).content.decode()
    url = portal(world, "meeting", meeting.pk)
    number = localize_digits(decision.reference, "fa")
    assert f'<a href="{url}">مصوبه {number}</a> — <span dir="auto">&lt;b&gt;کتابخانه&lt;/b&gt; ' in body
    assert "ب" * 183 + "…</span>" in body and "ب" * 184 not in body  # 200 characters in all
    name = f"جلسه {localize_digits(str(meeting.number), 'fa')} سال {localize_digits(str(meeting.year), 'fa')}"
    assert f'<a href="{url}">{name}</a> — <span dir="auto">کتابخانه و &lt;i&gt;کتاب&lt;/i&gt;</span>' in body


def test_search_reads_arabic_letters_as_persian(client, world, council_states):
    Decision.objects.filter(item__meeting=council_states["published"]).update(text="تجهیز کتابخانه")
    assert "تجهیز کتابخانه" in client.get(portal(world, "search"), {"q": "كتابخانه"}).content.decode()  # Arabic ك


@pytest.mark.parametrize("query", ["<script>alert(1)</script>", "x" * 10_000, "' OR 1=1 --", "\x00", "%%%", "🙂" * 50])
def test_hostile_or_oversized_searches_get_a_calm_answer(client, world, council_states, query):
    response = client.get(portal(world, "search"), {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_the_atom_feed_parses_and_lists_only_published_minutes(client, world, council_states):
    feed = feedparser.parse(client.get(portal(world, "feed")).content)
    assert not feed.bozo, feed.bozo_exception
    links = [entry.link for entry in feed.entries]
    assert len(links) == 1 and links[0].endswith(portal(world, "meeting", council_states["published"].pk))


def test_the_calendar_feed_parses_and_lists_upcoming_public_meetings(client, world, council_states):
    calendar = Calendar.from_ical(client.get(portal(world, "meetings-ics")).content)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["UID"]) for e in events] == [f"{council_states['agenda_published'].uid}@hamahang"]
    assert calendar["METHOD"] == "PUBLISH"


def test_the_minutes_pdf_is_built_by_the_queue_then_served(
    client, world, council_states, private_files, django_capture_on_commit_callbacks
):
    url = portal(world, "minutes-pdf", council_states["published"].pk)
    with django_capture_on_commit_callbacks(execute=False):
        assert client.get(url).status_code == 202  # queued: a page says so
    from reports.models import Document
    from reports.tasks import build_document

    build_document(Document.objects.get().pk)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_portal_speaks_the_councils_language_unless_the_visitor_chose(client, world, council_states):
    world.council.language = "fa"
    world.council.save()
    assert '<html lang="fa" dir="rtl">' in client.get(portal(world)).content.decode()
    client.cookies["django_language"] = "sq"
    assert '<html lang="sq" dir="ltr">' in client.get(portal(world)).content.decode()


def count(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_portal_lists_do_not_query_more_with_more_published_items(client, world, council_states):
    def publish(n, start):
        meetings = Meeting.objects.bulk_create(
            Meeting(
                council=world.council,
                year=2030,
                number=start + i,
                starts_at=timezone.now() - timedelta(days=i + 1),
                place="Hall",
                state="published",
                published_at=timezone.now(),
            )
            for i in range(n)
        )
        items = [AgendaItemFactory.build(meeting=m, title="Item about libraries") for m in meetings]
        from meetings.models import AgendaItem, Statement

        AgendaItem.objects.bulk_create(items)
        Statement.objects.bulk_create(
            Statement(
                council=world.council, title=f"Statement {i}", body="b", state="published", published_at=timezone.now()
            )
            for i in range(n)
        )
        council_changed(world.council.pk)  # bulk inserts send no signals

    publish(10, 100)
    urls = [portal(world), portal(world, "search") + "?q=libraries", portal(world, "feed")]
    few = [count(client, url) for url in urls]
    publish(1000, 1000)
    assert [count(client, url) for url in urls] == few
