"""The client's address behind the proxy, the rate limits that count by it, and the 429 page."""

import logging

from allauth.account.adapter import get_adapter
from django.core.files.base import ContentFile
from django.test import RequestFactory
from django.urls import reverse

from helpers.exports import table_response
from helpers.files import file_response
from helpers.traffic import client_ip
from meetings.models import AgendaAttachment
from tests.factories import MeetingFactory


def request_from(remote, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.HAMAHANG_TRUSTED_PROXIES = 0
    assert client_ip(request_from("10.0.0.2", "203.0.113.5")) == "10.0.0.2"


def test_behind_one_proxy_the_client_is_the_address_it_appended(settings):
    settings.HAMAHANG_TRUSTED_PROXIES = 1
    assert client_ip(request_from("10.0.0.2", "203.0.113.5")) == "203.0.113.5"
    # what a client writes into the header itself (left of the proxy's entry) is not believed
    assert client_ip(request_from("10.0.0.2", "1.2.3.4, 203.0.113.5")) == "203.0.113.5"
    assert client_ip(request_from("10.0.0.2")) == "10.0.0.2"  # no header: the direct peer
    assert client_ip(request_from("10.0.0.2", "not-an-address")) == "0.0.0.0"
    assert get_adapter().get_client_ip(request_from("10.0.0.2", "203.0.113.5")) == "203.0.113.5"  # allauth's too


def search(client, world, ip):
    url = reverse("portal:search", args=[world.council.slug])
    return client.get(url, {"q": "libraries"}, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=ip)


def test_citizens_behind_the_proxy_have_their_own_search_limit(client, world, settings):
    settings.HAMAHANG_TRUSTED_PROXIES = 1
    settings.PORTAL_SEARCH_RATE_LIMIT = "3/m"
    for _search in range(3):
        assert search(client, world, "203.0.113.5").status_code == 200
    flood = search(client, world, "203.0.113.5")
    assert flood.status_code == 429
    assert "Too many requests" in flood.content.decode()
    assert search(client, world, "203.0.113.6").status_code == 200  # another citizen, the same proxy


def test_the_429_page_speaks_the_portals_language(client, world, settings):
    settings.PORTAL_SEARCH_RATE_LIMIT = "1/m"
    world.council.language = "sq"
    world.council.save()
    url = reverse("portal:search", args=[world.council.slug])
    client.get(url, {"q": "x"})
    page = client.get(url, {"q": "x"}).content.decode()
    assert "Shumë kërkesa" in page


def test_guessing_tracking_codes_is_limited(client, world, settings):
    settings.REQUEST_TRACK_RATE_LIMIT = "2/m"
    url = reverse("portal:request-track", args=[world.council.slug])
    assert client.get(url, {"code": "AAAA1111"}).status_code == 404
    assert client.get(url, {"code": "AAAA1112"}).status_code == 404
    assert client.get(url, {"code": "AAAA1113"}).status_code == 429
    assert client.get(url).status_code == 200  # the empty form is not counted


def test_downloads_and_exports_are_kept_by_no_cache(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    field = AgendaAttachment._meta.get_field("file")
    stored = field.storage.save("test/minutes.pdf", ContentFile(b"%PDF-1.4"))
    download = file_response(field.attr_class(None, field, stored))
    export = table_response(["a"], [[1]], kind="csv", filename="x", title="x")
    for response in (download, export):
        assert set(response["Cache-Control"].split(", ")) == {"private", "no-store"}


def test_a_meetings_calendar_file_is_kept_by_no_cache(client, world):
    meeting = MeetingFactory(council=world.council)
    client.force_login(world.member)
    response = client.get(reverse("meetings:meeting-calendar", args=[world.council.slug, meeting.pk]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_a_403_is_logged_on_one_line_with_who_and_where(client, world, caplog):
    client.force_login(world.member)
    url = reverse("council:member-list", args=[world.council.slug])
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(url).status_code == 403
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage() == f"Forbidden: GET {url} user={world.member.pk}"
    assert record.exc_info is None
