"""The public API (/api/v1/) and the bulk downloads: what the portal shows and nothing more, filtered and paged,
with ETags and a rate limit per client, and true to its own OpenAPI schema."""

import csv
import io
import json
from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from acts import services as act_services
from meetings.models import Decision, Meeting, Statement
from tests.api.conftest import SECRET, decided
from tests.factories import (
    ActFactory,
    ActionItemFactory,
    MeetingFactory,
)


def api(name, *args):
    return reverse(f"api:{name}", args=args)


def get_json(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return response.json()


def test_the_api_shows_what_the_portal_publishes_and_nothing_else(client, world, published):
    slug = world.council.slug
    lists = {name: get_json(client, api(f"{name}-list", slug)) for name in ("meeting", "decision", "act", "statement")}
    assert {m["title"] for m in lists["meeting"]["results"]} == {
        published["meeting"].title,
        "Announced meeting",
        "Approved, not published",
    }
    assert [d["text"] for d in lists["decision"]["results"]] == ["Publish the budget"]
    assert lists["decision"]["results"][0]["implementation"] == "implemented"
    assert [a["title"] for a in lists["act"]["results"]] == ["Market regulation"]
    assert lists["act"]["results"][0]["standing"] in ("in_force", "not_yet_in_force")
    (statement,) = lists["statement"]["results"]
    assert statement["meeting"] is None and statement["decisions"] == [published["decision"].pk]
    announced = get_json(client, api("meeting-detail", slug, published["announced"].pk))
    assert announced["items"][0]["title"] == "Announced item" and announced["items"][0]["discussion"] is None
    held = get_json(client, api("meeting-detail", slug, published["meeting"].pk))
    assert held["items"][0]["decisions"][0]["reference"] == "2026/01"
    everything = [api("council-list"), api("council-detail", slug), api("schema")]
    everything += [api(f"{name}-list", slug) for name in ("meeting", "decision", "act", "statement")]
    everything += [
        api("bulk", slug, register, kind)
        for register in ("meetings", "decisions", "acts", "statements")
        for kind in ("csv", "json")
    ]
    everything.append(reverse("portal:statement", args=[slug, statement["id"]]))  # the decisions it covers
    for url in everything:
        assert SECRET not in client.get(url).content.decode(), url
    hidden = Decision.objects.get(text__contains=SECRET)
    draft_meeting = Meeting.objects.get(title__contains=SECRET)
    for url in (
        api("decision-detail", slug, hidden.pk),
        api("meeting-detail", slug, draft_meeting.pk),
        api("act-detail", slug, ActFactory._meta.model.objects.get(title__contains=SECRET).pk),
        api("statement-detail", slug, Statement.objects.get(title__startswith="Draft").pk),
        api("statement-detail", slug, Statement.objects.get(title__startswith="Embargoed").pk),
        api("act-detail", world.other_council.slug, published["act"].pk),  # another council's address for it
        api("act-list", "no-such-council"),
    ):
        response = client.get(url)
        assert response.status_code == 404 and "detail" in response.json(), url


def test_lists_filter_by_date_type_and_year_and_refuse_a_bad_value_with_a_message(client, world, published):
    slug = world.council.slug
    acts = api("act-list", slug)
    assert get_json(client, acts, type="Regulation", year=2026)["count"] == 1
    assert get_json(client, acts, type="Notice")["count"] == 0
    assert get_json(client, acts, in_force_on="2026-03-19")["count"] == 0  # 15 days after publication
    assert get_json(client, acts, in_force_on="2026-03-20")["count"] == 1
    assert get_json(client, acts, published_after="2026-03-06")["count"] == 0
    assert get_json(client, acts, q="market")["count"] == 1 and get_json(client, acts, q="harbour")["count"] == 0
    meetings = api("meeting-list", slug)
    week_ago = (timezone.now() - timedelta(days=7)).date().isoformat()
    assert get_json(client, meetings, starts_before=week_ago)["count"] == 1
    assert get_json(client, meetings, minutes_published="false")["count"] == 2
    assert get_json(client, meetings, minutes_published="true")["count"] == 1
    response = client.get(acts, {"in_force_on": "next tuesday"})
    assert response.status_code == 400 and list(response.json()) == ["in_force_on"]
    assert client.get(acts, {"year": "2026.5"}).status_code == 400


def test_days_are_the_councils_days(client, world):
    world.council.time_zone = "Asia/Tehran"
    world.council.save()
    at_two = datetime(2026, 3, 5, 2, tzinfo=world.council.tzinfo)  # 4 March in UTC
    MeetingFactory(council=world.council, state=Meeting.State.PUBLISHED, starts_at=at_two)
    url = api("meeting-list", world.council.slug)
    assert get_json(client, url, starts_after="2026-03-05", starts_before="2026-03-05")["count"] == 1
    assert get_json(client, url, starts_before="2026-03-04")["count"] == 0


def test_lists_are_paged(client, world, published):
    url = api("meeting-list", world.council.slug)
    first = get_json(client, url, page_size=2)
    assert first["count"] == 3 and len(first["results"]) == 2 and "page=2" in first["next"]
    assert len(get_json(client, url, page_size=2, page=2)["results"]) == 1
    assert client.get(url, {"page": 9}).status_code == 404


def test_an_unchanged_answer_is_not_sent_again_and_a_change_gives_a_new_etag(client, world, published):
    url = api("act-list", world.council.slug)
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    published["act"].counterparty = "Tregu sh.p.k."
    published["act"].save()
    changed = client.get(url, headers={"if-none-match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_each_client_is_rate_limited_on_its_own(client, world, settings):
    settings.API_RATE_LIMIT = "3/m"
    url = api("council-list")
    assert [client.get(url).status_code for _ in range(4)] == [200, 200, 200, 429]
    limited = client.get(url)
    assert "Retry-After" in limited and "detail" in limited.json()
    assert client.get(url, REMOTE_ADDR="10.0.0.9").status_code == 200  # another client


def test_bulk_downloads_give_each_register_whole_as_csv_and_json(client, world, published):
    published["act"].title = "=HYPERLINK(1)"  # a spreadsheet must not run it
    published["act"].save()
    slug = world.council.slug
    rows = list(csv.DictReader(io.StringIO(client.get(api("bulk", slug, "acts", "csv")).content.decode("utf-8-sig"))))
    assert [row["title"] for row in rows] == ["'=HYPERLINK(1)"] and rows[0]["reference"] == "1/2026"
    data = json.loads(client.get(api("bulk", slug, "decisions", "json")).content)
    assert [d["text"] for d in data] == ["Publish the budget"]
    for bad in (api("bulk", slug, "members", "csv"), api("bulk", slug, "acts", "xml")):
        assert client.get(bad).status_code == 404


@pytest.mark.parametrize("name", ["meeting-list", "decision-list", "act-list", "statement-list", "meeting-detail"])
def test_each_list_runs_the_same_queries_for_one_row_or_many(client, world, published, settings, name):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # as in CI's Redis
    slug = world.council.slug
    url = api(name, slug, published["meeting"].pk) if name == "meeting-detail" else api(name, slug)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return [query["sql"] for query in captured.captured_queries]

    before = queries()
    for n in range(3, 8):  # more of everything
        meeting = MeetingFactory(council=world.council, state=Meeting.State.PUBLISHED)
        decision = decided(published["meeting"], f"More {n}", n)
        ActionItemFactory(decision=decision, council=world.council, department=world.department_b)
        decision.departments.set([world.department_a, world.department_b])
        act = ActFactory(type=published["act"].type)
        act_services.act_approve(act=act, adopted_on=date(2026, 4, n), by=None)
        act_services.act_publish(act=act, published_on=date(2026, 4, n), by=None)
        statement = Statement.objects.create(
            council=world.council,
            title="More",
            body="x",
            state="published",
            published_at=timezone.now(),
            meeting=meeting,
        )
        statement.decisions.set([decision])
    assert len(queries()) == len(before)
    assert len(before) == EXPECTED_QUERIES[name], "\n".join(before)


# The council; the count; the page; then one per prefetched relation.
EXPECTED_QUERIES = {"meeting-list": 3, "decision-list": 5, "act-list": 6, "statement-list": 7, "meeting-detail": 6}


def test_the_reference_page_is_served_from_this_site(client, db):
    page = client.get(api("docs"))
    assert page.status_code == 200 and "swagger-ui" in page.content.decode()
    assert "cdn" not in page.content.decode().lower()
    assert "'unsafe-inline'" in page["Content-Security-Policy"].split("style-src")[1].split(";")[0]
    assert "'unsafe-inline'" not in client.get(api("council-list"))["Content-Security-Policy"]
