"""Press statements: drafted by the secretary, approved and published by the chair, at once or under embargo."""

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from meetings.models import Statement
from tests.factories import AgendaItemFactory, DecisionFactory, MeetingFactory


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


def test_a_statement_goes_from_draft_to_the_public_portal(client, world, private_files):
    meeting = MeetingFactory(council=world.council, state="published", published_at=timezone.now())
    decision = DecisionFactory(item=AgendaItemFactory(meeting=meeting), text="Libraries open on Fridays")
    decision.year, decision.number = 2026, 4
    decision.save()
    client.force_login(world.secretary)
    response = client.post(
        reverse("meetings:statement-create", args=[world.council.slug]),
        {
            "title": "Council backs open libraries",
            "body": "Both sides spoke.",
            "meeting": meeting.pk,
            "decisions": [decision.pk],
            "photo": png(),
        },
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    statement = Statement.objects.get()
    assert response.url == reverse("meetings:statement-detail", args=[world.council.slug, statement.pk])
    assert statement.state == "draft" and statement.photo
    portal = reverse("portal:index", args=[world.council.slug])
    public = reverse("portal:statement", args=[world.council.slug, statement.pk])
    photo = reverse("portal:statement-photo", args=[world.council.slug, statement.pk])
    assert client.get(reverse("meetings:statement-photo", args=[world.council.slug, statement.pk])).status_code == 200
    client.logout()
    assert client.get(public).status_code == 404
    assert client.get(photo).status_code == 404  # the draft's photo is not public either
    assert statement.photo.path.startswith(str(private_files))  # no web server serves this folder

    client.force_login(world.chair)
    client.post(reverse("meetings:statement-approve", args=[world.council.slug, statement.pk]))
    client.post(reverse("meetings:statement-publish", args=[world.council.slug, statement.pk]), {"publish_at": ""})
    statement.refresh_from_db()
    assert statement.state == "published" and statement.is_public
    client.logout()
    page = client.get(public).content.decode()
    assert "Council backs open libraries" in page and "Decision 2026/04" in page
    assert photo in page
    assert b"".join(client.get(photo).streaming_content).startswith(b"\x89PNG")
    assert public in client.get(portal).content.decode()
    assert public in client.get(reverse("portal:feed", args=[world.council.slug])).content.decode()


def test_an_embargoed_statement_appears_only_when_its_time_comes(client, world):
    statement = Statement.objects.create(council=world.council, title="Embargoed", body="x", state="approved")
    client.force_login(world.chair)
    later = timezone.localtime(timezone.now() + timedelta(hours=5))
    client.post(
        reverse("meetings:statement-publish", args=[world.council.slug, statement.pk]),
        {"publish_at": later.strftime("%Y-%m-%dT%H:%M")},
    )
    statement.refresh_from_db()
    assert statement.state == "published" and not statement.is_public
    client.logout()
    public = reverse("portal:statement", args=[world.council.slug, statement.pk])
    assert client.get(public).status_code == 404
    assert "Embargoed" not in client.get(reverse("portal:feed", args=[world.council.slug])).content.decode()
    Statement.objects.filter(pk=statement.pk).update(published_at=timezone.now() - timedelta(minutes=1))
    assert client.get(public).status_code == 200


def test_an_approved_statement_is_no_longer_edited(client, world):
    statement = Statement.objects.create(council=world.council, title="Final", body="x", state="approved")
    client.force_login(world.secretary)
    response = client.post(
        reverse("meetings:statement-edit", args=[world.council.slug, statement.pk]), {"title": "Changed", "body": "y"}
    )
    assert "no longer edited" in response.content.decode()
    statement.refresh_from_db()
    assert statement.title == "Final"


def test_a_statement_needs_a_title_and_a_real_photo(client, world):
    client.force_login(world.secretary)
    fake = SimpleUploadedFile("photo.png", b"not an image")
    response = client.post(
        reverse("meetings:statement-create", args=[world.council.slug]),
        {"title": "", "body": "kept text", "photo": fake},
    )
    body = response.content.decode()
    assert "Enter the title." in body and "kept text" in body
    assert "Upload a valid image" in body
    assert not Statement.objects.exists()


def approved_statement(world, **fields):
    world.council.official_languages = "en,sr"
    world.council.save()
    return Statement.objects.create(council=world.council, title="Council met", body="Both sides spoke.", **fields)


def test_a_statement_is_published_with_its_serbian_version_or_by_the_chairs_recorded_decision(client, world):
    from meetings import services

    statement = approved_statement(world, state="approved")
    publish = reverse("meetings:statement-publish", args=[world.council.slug, statement.pk])
    detail = reverse("meetings:statement-detail", args=[world.council.slug, statement.pk])
    add = reverse("meetings:statement-version", args=[world.council.slug, statement.pk, "sr"])
    client.force_login(world.secretary)
    assert "Serbian: missing" in client.get(detail).content.decode()
    assert f'href="{add}"' not in client.get(detail).content.decode()  # approved: the chair adds it
    client.force_login(world.chair)
    page = client.get(detail).content.decode()
    assert f'href="{add}"' in page and 'name="without_missing_versions"' in page
    response = client.post(publish, {}, follow=True)
    assert "has no version in: Serbian" in response.content.decode()
    statement.refresh_from_db()
    assert statement.state == "approved"
    client.post(publish, {"without_missing_versions": "on"})
    statement.refresh_from_db()
    assert statement.state == "published" and statement.missing_versions_allowed_by == world.chair
    assert statement.missing_languages() == ["sr"]
    assert "Published without every language version by" in client.get(detail).content.decode()
    other = approved_statement(world, state="approved")
    services.statement_version_save(statement=other, language="sr", title="Савет", body="Текст", by=world.secretary)
    client.post(reverse("meetings:statement-publish", args=[world.council.slug, other.pk]), {})
    other.refresh_from_db()
    assert other.state == "published" and other.missing_versions_allowed_by is None


def test_versions_are_written_with_the_draft_and_after_approval_only_the_chair_adds_a_missing_one(client, world):
    from meetings import services

    statement = approved_statement(world, state="draft")
    url = reverse("meetings:statement-version", args=[world.council.slug, statement.pk, "sr"])
    client.force_login(world.secretary)
    client.post(url, {"title": "Савет", "body": "Текст", "base_version": 0})
    client.post(url, {"title": "Савет за информисање", "body": "Текст", "base_version": 1})
    assert statement.versions.get().title == "Савет за информисање"
    fa = reverse("meetings:statement-version", args=[world.council.slug, statement.pk, "fa"])
    assert client.get(fa).status_code == 404
    services.statement_approve(statement=statement, by=world.chair)
    assert client.get(url).status_code == 403  # the text the chair approved is no longer the secretariat's
    client.force_login(world.chair)
    response = client.post(url, {"title": "Changed after approval", "body": "", "base_version": 2})
    assert response.status_code == 200 and "is not changed" in response.content.decode()
    assert statement.versions.get().title == "Савет за информисање"
    unversioned = approved_statement(world, state="approved")
    services.statement_publish(statement=unversioned, by=world.chair, without_missing_versions=True)
    url = reverse("meetings:statement-version", args=[world.council.slug, unversioned.pk, "sr"])
    assert client.post(url, {"title": "Додато после", "body": "", "base_version": 0}).status_code == 302  # added
    assert unversioned.versions.get().title == "Додато после"


def test_the_portal_shows_a_statement_in_the_readers_official_language(client, world):
    from meetings import services

    statement = approved_statement(world, state="approved")
    services.statement_version_save(
        statement=statement, language="sr", title="Савет се састао", body="Обе стране су говориле.", by=world.secretary
    )
    services.statement_publish(statement=statement, by=world.chair)
    url = reverse("portal:statement", args=[world.council.slug, statement.pk])
    client.cookies["django_language"] = "sr"
    page = client.get(url).content.decode()
    assert "Савет се састао" in page and "Обе стране су говориле." in page and "Both sides spoke." not in page
    assert "Savet se sastao" in client.get(url, {"lang": "sr-latn"}).content.decode()
    assert "Both sides spoke." in client.get(url, {"lang": "en"}).content.decode()
    home = client.get(reverse("portal:index", args=[world.council.slug])).content.decode()
    feed = client.get(reverse("portal:feed", args=[world.council.slug])).content.decode()
    assert "Савет се састао" in home and "Савет се састао" in feed and "Council met" not in home + feed
