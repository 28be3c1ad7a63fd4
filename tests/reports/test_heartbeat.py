"""A build reports progress every page; one that went silent (its worker killed) is handed out again at once,
built once, and two builders never both write the file."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reports import services, tasks
from reports.models import Document
from reports.pdf.render import DocumentSpec, Text, render
from tests.factories import AgendaItemFactory, MeetingFactory

LONG_AGO = timedelta(minutes=5)


@pytest.fixture
def held(world):
    meeting = MeetingFactory(council=world.council, state="held", starts_at=timezone.now() - timedelta(days=1))
    AgendaItemFactory(meeting=meeting, title="Information work", discussion="Departments reported shortages.")
    return meeting


def ask(world, meeting) -> Document:
    return services.document_request(kind="minutes", council=world.council, meeting=meeting, language="en", user=None)


def left_building(world, meeting, *, heartbeat_ago, attempts=1) -> Document:
    """What a worker killed mid-build leaves: 'running', no file, its last sign of life `heartbeat_ago`."""
    document = ask(world, meeting)  # queued; the build's task is not run (not committed in this test)
    Document.objects.filter(pk=document.pk).update(
        status="running", attempts=attempts, heartbeat_at=timezone.now() - heartbeat_ago
    )
    document.refresh_from_db()
    return document


def stored_files(private_files):
    return sorted(path.name for path in (private_files / "documents").rglob("*") if path.is_file())


def test_a_killed_build_is_rebuilt_once_when_its_progress_card_polls(
    client, world, held, private_files, django_capture_on_commit_callbacks
):
    document = left_building(world, held, heartbeat_ago=LONG_AGO)
    client.force_login(world.secretary)
    card = reverse("reports:document-detail", args=[world.council.slug, document.pk])
    with django_capture_on_commit_callbacks(execute=True) as queued:
        client.get(card, HTTP_HX_REQUEST="true")
    assert len(queued) == 1
    document.refresh_from_db()
    assert (document.status, document.attempts) == ("done", 2)
    assert document.file.read().startswith(b"%PDF")
    assert stored_files(private_files) == [document.file.name.rsplit("/", 1)[-1]]  # one file, no leftovers
    with django_capture_on_commit_callbacks(execute=True) as queued:
        client.get(card, HTTP_HX_REQUEST="true")
        assert ask(world, held).pk == document.pk
    assert queued == []  # done: nothing rebuilt
    document.refresh_from_db()
    assert document.attempts == 2


def test_asking_for_a_document_whose_build_died_rebuilds_it(world, held, django_capture_on_commit_callbacks):
    document = left_building(world, held, heartbeat_ago=LONG_AGO)
    with django_capture_on_commit_callbacks(execute=True):
        again = ask(world, held)
    document.refresh_from_db()
    assert again.pk == document.pk and (document.status, document.attempts) == ("done", 2)


def test_a_build_that_is_alive_is_left_alone(client, world, held, settings, django_capture_on_commit_callbacks):
    settings.DOCUMENT_HEARTBEAT_SECONDS = 30
    document = left_building(world, held, heartbeat_ago=timedelta(seconds=5))
    client.force_login(world.secretary)
    with django_capture_on_commit_callbacks(execute=True) as queued:
        response = client.get(reverse("reports:document-detail", args=[world.council.slug, document.pk]))
        ask(world, held)
    assert queued == [] and "Being prepared" in response.content.decode()
    tasks.build_document(document.pk)  # a second worker handed the same task: it does not build
    document.refresh_from_db()
    assert (document.status, document.attempts, document.file.name) == ("running", 1, "")


def test_a_build_that_kills_its_worker_every_time_is_given_up(client, world, held, settings):
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "max_attempts": 3}
    document = left_building(world, held, heartbeat_ago=LONG_AGO, attempts=3)
    client.force_login(world.secretary)
    response = client.get(reverse("reports:document-detail", args=[world.council.slug, document.pk]))
    assert "could not be prepared" in response.content.decode()
    document.refresh_from_db()
    assert document.status == "failed"


def test_of_two_builders_racing_only_the_one_holding_the_build_writes(world, held, private_files, monkeypatch):
    """Builder A goes silent mid-build; B takes the build over and finishes; A then finishes too, and must not
    overwrite B's file or mark the document again."""
    document = ask(world, held)
    real_render = tasks.render
    builders = []

    def render_then_stall(spec, on_page):
        builders.append("render")
        if len(builders) == 1:  # A, mid-build: it stops reporting, and B starts meanwhile
            Document.objects.filter(pk=document.pk).update(heartbeat_at=timezone.now() - LONG_AGO)
            tasks.build_document(document.pk)
            return real_render(spec, on_page=on_page) + b"%built by A"
        return real_render(spec, on_page=on_page)

    monkeypatch.setattr(tasks, "render", render_then_stall)
    tasks.build_document(document.pk)  # A
    document.refresh_from_db()
    assert builders == ["render", "render"]
    assert (document.status, document.attempts) == ("done", 2)
    assert stored_files(private_files) == [document.file.name.rsplit("/", 1)[-1]]
    assert not document.file.read().endswith(b"%built by A")  # B's file, kept


def test_a_build_taken_over_stops_at_its_next_page(world, held, private_files, settings, monkeypatch):
    settings.DOCUMENT_HEARTBEAT_SECONDS = 0  # a heartbeat on every page
    document = ask(world, held)
    real_render = tasks.render

    def render_taken_over(spec, on_page):
        Document.objects.filter(pk=document.pk).update(attempts=7)  # another worker claimed it
        return real_render(spec, on_page=on_page)

    monkeypatch.setattr(tasks, "render", render_taken_over)
    assert tasks.build_document(document.pk) == ""
    document.refresh_from_db()
    assert (document.status, document.file.name) == ("running", "")
    assert stored_files(private_files) == []


def test_rendering_reports_every_page():
    pages = []
    spec = DocumentSpec(
        title="t", author="a", language="en", rtl=False, letterhead=[], footer="%(page)s/%(pages)s",
        blocks=[Text("Line of text. " * 400)],
    )  # fmt: skip
    data = render(spec, on_page=lambda: pages.append(1))
    assert len(pages) == data.count(b"/Type /Page\n") > 1
