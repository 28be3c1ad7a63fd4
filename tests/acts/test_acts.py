"""The register of acts: numbering, publication, entry into force, repeal, the secretariat's pages and the portal's."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from acts import services
from acts.models import Act
from tests.factories import ActFactory, ActTypeFactory


@pytest.fixture
def kind(world):
    return ActTypeFactory(council=world.council, name="Regulation", publish_within_days=7, in_force_after_days=15)


def approved(kind, adopted_on=date(2026, 3, 2), by=None, **fields):
    act = ActFactory(type=kind, **fields)
    services.act_approve(act=act, adopted_on=adopted_on, by=by)
    act.refresh_from_db()
    return act


def published(kind, on=date(2026, 3, 5), **fields):
    act = approved(kind, **fields)
    services.act_publish(act=act, published_on=on, by=None, without_missing_versions=True)
    act.refresh_from_db()
    return act


def test_approval_numbers_acts_per_type_and_year_and_sets_the_publication_deadline(world, kind):
    other_kind = ActTypeFactory(council=world.council, name="Notice")
    first, second = approved(kind), approved(kind)
    other = approved(other_kind)
    next_year = approved(kind, adopted_on=date(2027, 1, 4))
    assert [(a.year, a.number) for a in (first, second, other, next_year)] == [
        (2026, 1),
        (2026, 2),
        (2026, 1),
        (2027, 1),
    ]
    assert first.status == Act.Status.APPROVED and first.publish_by == date(2026, 3, 9)
    assert first.reference == "1/2026"


def test_a_second_approval_or_an_early_publication_is_refused_with_a_message(world, kind):
    act = approved(kind)
    with pytest.raises(services.ActError):
        services.act_approve(act=act, adopted_on=date(2026, 3, 2), by=world.chair)
    with pytest.raises(services.ActError):
        services.act_publish(act=act, published_on=date(2026, 3, 1), by=world.chair)
    draft = ActFactory(type=kind)
    with pytest.raises(services.ActError):
        services.act_publish(act=draft, published_on=date(2026, 3, 1), by=world.chair)


def test_publication_sets_entry_into_force_and_repeal_ends_the_force_of_the_old_act(world, kind):
    old = published(kind)
    assert old.in_force_on == date(2026, 3, 20)  # 15 days after publication
    assert not old.in_force(date(2026, 3, 19)) and old.in_force(date(2026, 3, 20))
    new = approved(kind, adopted_on=date(2026, 6, 1))
    new.repeals.set([old])
    new.in_force_on = date(2026, 7, 1)
    new.save()
    services.act_publish(act=new, published_on=date(2026, 6, 3), by=world.secretary)
    old.refresh_from_db()
    assert old.status == Act.Status.REPEALED and old.repealed_on == date(2026, 7, 1)
    assert set(Act.objects.in_force_on(date(2026, 6, 30))) == {old}
    assert set(Act.objects.in_force_on(date(2026, 7, 1))) == {new}
    assert old.standing(date(2026, 6, 30)) == "in_force" and old.standing(date(2026, 7, 1)) == "repealed"
    assert old.history.first().history_user == world.secretary  # who repealed it is on the record


def test_an_approved_act_past_its_deadline_is_overdue_until_published(world, kind):
    act = approved(kind)
    assert act.standing(date(2026, 3, 9)) == "approved"
    assert act.standing(date(2026, 3, 10)) == "overdue"
    assert list(Act.objects.overdue_on(date(2026, 3, 10))) == [act]


def edit_data(act, **changes):
    data = {"type": act.type_id, "title": act.title, "body": act.body, "base_version": act.version}
    return {**data, **changes}


def test_the_secretary_registers_approves_and_publishes_an_act(world, login, kind):
    client = login(world.secretary)
    response = client.post(
        reverse("acts:act-create", args=[world.council.slug]), {"type": kind.pk, "title": "Rules of the market"}
    )
    act = Act.objects.get(title="Rules of the market")
    assert response.url == reverse("acts:act-detail", args=[world.council.slug, act.pk])
    assert act.created_by == world.secretary and act.status == Act.Status.DRAFT
    today = world.council.today()
    client.post(reverse("acts:act-approve", args=[world.council.slug, act.pk]), {"adopted_on": f"{today:%d.%m.%Y}"})
    client.post(reverse("acts:act-publish", args=[world.council.slug, act.pk]), {"published_on": f"{today:%d.%m.%Y}"})
    act.refresh_from_db()
    assert (act.status, act.number, act.in_force_on) == (Act.Status.PUBLISHED, 1, today + timedelta(days=15))
    page = login(None).get(reverse("portal:act-list", args=[world.council.slug]))
    assert "Rules of the market" in page.content.decode()


def test_a_published_act_is_not_edited_and_a_stale_edit_keeps_what_was_typed(world, login, kind):
    client = login(world.secretary)
    act = published(kind)
    url = reverse("acts:act-edit", args=[world.council.slug, act.pk])
    response = client.post(url, edit_data(act, title="Changed in place"))
    assert response.status_code == 200 and "amends it" in response.content.decode()
    act.refresh_from_db()
    assert act.title != "Changed in place"
    draft = ActFactory(type=kind)
    stale = edit_data(draft, title="Mine")
    client.post(reverse("acts:act-edit", args=[world.council.slug, draft.pk]), edit_data(draft, title="Theirs"))
    response = client.post(reverse("acts:act-edit", args=[world.council.slug, draft.pk]), stale)
    assert response.status_code == 200 and 'value="Mine"' in response.content.decode()
    draft.refresh_from_db()
    assert draft.title == "Theirs"


def test_a_wrong_adoption_date_is_explained_and_changes_nothing(world, login, kind):
    act = ActFactory(type=kind)
    client = login(world.secretary)
    response = client.post(
        reverse("acts:act-approve", args=[world.council.slug, act.pk]), {"adopted_on": "31.02.2026"}, follow=True
    )
    assert "Enter a valid date" in response.content.decode()
    act.refresh_from_db()
    assert act.status == Act.Status.DRAFT and act.number is None


def test_the_public_register_shows_published_acts_only_and_filters_them(world, login, kind):
    notice = ActTypeFactory(council=world.council, name="Notice")
    market = published(kind, title="Market rules")
    published(notice, title="Notice of a hearing")
    ActFactory(type=kind, title="Draft budget")
    approved(kind, title="Approved but unpublished")
    client = login(None)
    url = reverse("portal:act-list", args=[world.council.slug])

    def titles(**query):
        page = client.get(url, query).content.decode()
        return {
            t for t in ("Market rules", "Notice of a hearing", "Draft budget", "Approved but unpublished") if t in page
        }

    assert titles() == {"Market rules", "Notice of a hearing"}
    assert titles(type=notice.pk) == {"Notice of a hearing"}
    assert titles(q="market") == {"Market rules"}
    assert titles(on="19.03.2026") == set()  # both enter into force on 20 March
    assert titles(on="20.03.2026") == {"Market rules", "Notice of a hearing"}
    assert titles(year="2025") == set()
    assert titles(year="xx") == {"Market rules", "Notice of a hearing"}  # a wrong filter is shown, not applied
    detail = client.get(reverse("portal:act", args=[world.council.slug, market.pk])).content.decode()
    assert "Market rules" in detail and "In force" in detail


def test_the_public_register_runs_the_same_queries_for_one_act_or_forty(world, login, kind):
    client = login(None)
    url = reverse("portal:act-list", args=[world.council.slug])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    published(kind)
    one = count()
    for n in range(39):
        ActFactory(type=kind, status=Act.Status.PUBLISHED, year=2026, number=100 + n, published_on=date(2026, 4, 1))
    assert count() == one == 5  # council, types for the filter, the count, the page, its versions: none per act


def test_the_office_is_reminded_once_a_day_of_acts_due_or_overdue_for_publication(world, kind, settings):
    from django.core import mail
    from django_q.models import Schedule

    from acts.tasks import send_publication_reminders

    today = world.council.today()
    overdue = approved(kind, adopted_on=today - timedelta(days=10), title="Overdue act")
    due = approved(kind, adopted_on=today - timedelta(days=6), title="Due tomorrow")
    approved(kind, adopted_on=today, title="Due in a week")
    published(kind, on=today - timedelta(days=1), title="Already published")
    assert send_publication_reminders() == 2  # the secretary and the chair, one e-mail each
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.secretary.email, world.chair.email])
    body = mail.outbox[0].body
    assert "Overdue act" in body and "Due tomorrow" in body and "Due in a week" not in body
    assert "Already published" not in body
    assert send_publication_reminders() == 0  # not twice the same day
    assert {overdue.pk, due.pk} == set(Act.objects.filter(reminded_on=today).values_list("pk", flat=True))
    assert Schedule.objects.get(func="acts.tasks.send_publication_reminders").schedule_type == Schedule.DAILY


def test_the_chairs_home_counts_acts_overdue_and_due_within_a_week(world, login, kind):
    today = world.council.today()
    approved(kind, adopted_on=today - timedelta(days=10))
    approved(kind, adopted_on=today - timedelta(days=1))
    page = login(world.chair).get(reverse("home:home")).content.decode()
    assert "1 act overdue for publication" in page and "1 act to publish within a week" in page
    assert "overdue for publication" not in login(world.liaison_a).get(reverse("home:home")).content.decode()


@pytest.fixture
def bilingual(world):
    world.council.official_languages = "en,sr"  # pages stay in English, the test's language
    world.council.save()
    return world.council


def test_an_act_is_published_with_a_version_in_each_official_language_or_by_the_chairs_recorded_decision(
    world, login, kind, bilingual
):
    act = approved(kind)
    today = f"{world.council.today():%d.%m.%Y}"
    publish = reverse("acts:act-publish", args=[world.council.slug, act.pk])
    response = login(world.secretary).post(publish, {"published_on": today, "without_missing_versions": "on"})
    assert response.status_code == 403  # only the chair may publish without every language
    response = login(world.secretary).post(publish, {"published_on": today}, follow=True)
    assert "has no version in" in response.content.decode()
    act.refresh_from_db()
    assert act.status == Act.Status.APPROVED
    login(world.chair).post(publish, {"published_on": today, "without_missing_versions": "on"})
    act.refresh_from_db()
    assert act.status == Act.Status.PUBLISHED and act.missing_versions_allowed_by == world.chair
    assert act.missing_languages() == ["sr"]


def test_a_version_is_added_before_or_after_publication_but_never_changed_once_published(world, login, kind, bilingual):
    act = approved(kind)
    url = reverse("acts:act-version", args=[world.council.slug, act.pk, "sr"])
    client = login(world.secretary)
    client.post(url, {"title": "Правилник о пијаци", "body": "Члан 1.", "base_version": 0})
    client.post(url, {"title": "Правилник о градској пијаци", "body": "Члан 1.", "base_version": 1})  # changed
    assert act.versions.get().title == "Правилник о градској пијаци"
    services.act_publish(act=act, published_on=date(2026, 3, 5), by=world.secretary)
    response = client.post(url, {"title": "Changed after publication", "body": "", "base_version": 2})
    assert response.status_code == 200 and "amends it" in response.content.decode()
    assert act.versions.get().title == "Правилник о градској пијаци"
    assert client.get(reverse("acts:act-version", args=[world.council.slug, act.pk, "fa"])).status_code == 404


def test_two_people_adding_or_editing_a_version_at_once_do_not_overwrite_each_other(world, login, kind, bilingual):
    act = approved(kind)
    url = reverse("acts:act-version", args=[world.council.slug, act.pk, "sr"])
    secretary, chair = login(world.secretary), login(world.chair)
    assert secretary.post(url, {"title": "Правилник", "body": "", "base_version": 0}).status_code == 302
    late = chair.post(url, {"title": "Одлука", "body": "Члан 1.", "base_version": 0})  # began adding it too
    assert late.status_code == 200 and "Правилник" in late.content.decode()  # the saved one, shown beside
    assert 'value="Одлука"' in late.content.decode()  # what they typed is kept
    assert act.versions.get().title == "Правилник"
    assert chair.post(url, {"title": "Одлука", "body": "", "base_version": 1}).status_code == 302
    assert secretary.post(url, {"title": "Stale", "body": "", "base_version": 1}).status_code == 200
    assert act.versions.get().title == "Одлука"


def test_the_portal_shows_the_act_in_the_readers_language_and_flags_a_missing_version(world, login, kind, bilingual):
    act = published(kind, title="Rregullore për tregun")  # no Serbian version: published by the chair's decision
    other = approved(kind, title="Vendim për buxhetin")
    services.act_version_save(act=other, language="sr", title="Одлука о буџету", body="Члан 1.", by=world.secretary)
    services.act_publish(act=other, published_on=date(2026, 3, 5), by=world.secretary)
    client = login(None)
    client.cookies["django_language"] = "sr"
    listing = client.get(reverse("portal:act-list", args=[world.council.slug])).content.decode()
    assert "Одлука о буџету" in listing and "Rregullore për tregun" in listing  # the Albanian where no Serbian
    page = client.get(reverse("portal:act", args=[world.council.slug, other.pk])).content.decode()
    assert "Одлука о буџету" in page and "Члан 1." in page
    page = client.get(reverse("portal:act", args=[world.council.slug, other.pk]), {"lang": "sq"}).content.decode()
    assert "Vendim për buxhetin" in page
    page = client.get(reverse("portal:act", args=[world.council.slug, act.pk])).content.decode()
    assert ("Rregullore për tregun" in page and "not yet available" in page) or "још није" in page


def test_a_serbian_version_is_read_in_latin_script_by_latin_readers(world, login, kind, bilingual):
    act = approved(kind, title="Vendim për buxhetin")
    services.act_version_save(
        act=act, language="sr", title="Одлука о буџету", body="Члан 1. Љиљана", by=world.secretary
    )
    services.act_publish(act=act, published_on=date(2026, 3, 5), by=world.secretary)
    client = login(None)
    client.cookies["django_language"] = "sr-latn"
    page = client.get(reverse("portal:act", args=[world.council.slug, act.pk])).content.decode()
    assert "Odluka o budžetu" in page and "Član 1. Ljiljana" in page
    listing = client.get(reverse("portal:act-list", args=[world.council.slug])).content.decode()
    assert "Odluka o budžetu" in listing


def test_the_register_finds_an_act_by_the_words_of_any_of_its_versions_once(world, login, kind, bilingual):
    act = approved(kind, title="Vendim për buxhetin", body="Neni 1.")
    services.act_version_save(act=act, language="sr", title="Одлука о буџету", body="Члан 1. буџет", by=world.secretary)
    services.act_publish(act=act, published_on=date(2026, 3, 5), by=world.secretary)
    client = login(None)
    url = reverse("portal:act-list", args=[world.council.slug])
    for words in ("буџету", "buxhetin", "Члан"):
        page = client.get(url, {"q": words}).content.decode()
        assert page.count(f'/acts/{act.pk}/"') == 1, words


def test_the_atom_feed_lists_published_acts_of_every_type_or_of_one_in_the_readers_language(
    world, login, kind, bilingual
):
    import feedparser

    notice = ActTypeFactory(council=world.council, name="Notice")
    market = approved(kind, title="Market rules")
    services.act_version_save(act=market, language="sr", title="Правила пијаце", body="", by=world.secretary)
    services.act_publish(act=market, published_on=date(2026, 3, 5), by=world.secretary)
    published(notice, title="Notice of a hearing")
    ActFactory(type=kind, title="Draft budget")
    client = login(None)
    url = reverse("portal:acts-feed", args=[world.council.slug])
    titles = [entry.title for entry in feedparser.parse(client.get(url).content).entries]
    assert titles == ["Notice 1/2026: Notice of a hearing", "Regulation 1/2026: Market rules"]
    one = feedparser.parse(client.get(url, {"type": notice.pk}).content)
    assert [entry.title for entry in one.entries] == ["Notice 1/2026: Notice of a hearing"]
    client.cookies["django_language"] = "sr"
    serbian = feedparser.parse(client.get(url, {"type": kind.pk}).content)
    assert [entry.title for entry in serbian.entries] == ["Regulation 1/2026: Правила пијаце"]
    assert client.get(url, {"type": "x"}).status_code == 200  # a wrong type: every type


def test_an_empty_feed_was_last_updated_when_its_council_began_not_when_asked(world, client):
    """Else the same empty feed would give different bytes on every request (a restored backup's portal too)."""
    import feedparser

    from council.models import Council

    began = datetime(2024, 1, 15, 9, 30, tzinfo=UTC)
    Council.objects.filter(pk=world.council.pk).update(created_at=began)
    for name in ("portal:acts-feed", "portal:feed"):
        feed = feedparser.parse(client.get(reverse(name, args=[world.council.slug])).content)
        assert feed.entries == [] and feed.feed.updated_parsed[:6] == (2024, 1, 15, 9, 30, 0), name


def test_an_edit_begun_before_the_approval_keeps_the_approval_and_its_number(world, kind):
    act = ActFactory(type=kind)
    editing = Act.objects.get(pk=act.pk)  # the form loaded the draft
    services.act_approve(act=act, adopted_on=date(2026, 3, 2), by=world.chair)
    services.act_save(
        act=editing,
        fields={
            "type": kind,
            "title": "Corrected title",
            "body": "",
            "in_force_on": None,
            "counterparty": "",
            "value": None,
        },
        decisions=[],
        amends=[],
        repeals=[],
        base_version=editing.version,
        by=world.secretary,
    )
    act.refresh_from_db()
    assert (act.title, act.status, act.number) == ("Corrected title", Act.Status.APPROVED, 1)


def test_nothing_unpublished_of_the_register_is_reachable_even_by_guessing(
    world, client, kind, bilingual, private_files
):
    """The anonymous walk for acts: drafts and approved acts, their versions and files, and the decisions of
    unpublished minutes, on no public page, feed or search."""
    from django.core.files.base import ContentFile

    from tests.factories import AgendaItemFactory, DecisionFactory, MeetingFactory

    hidden_decision = DecisionFactory(
        item=AgendaItemFactory(meeting=MeetingFactory(council=world.council, state="minutes_drafted")),
        text="Decision SECRET-D",
    )
    shown = published(kind, title="Public act")
    shown.decisions.add(hidden_decision)
    unpublished = [ActFactory(type=kind, title="Draft SECRET-A"), approved(kind, title="Approved SECRET-A")]
    for act in unpublished:
        services.act_version_save(act=act, language="sr", title="Верзија SECRET-A", body="", by=world.secretary)
        act.file.save("secret.pdf", ContentFile(b"%PDF-1.4 SECRET"))
    slug = world.council.slug
    for act in unpublished:
        for name in ("portal:act", "portal:act-file", "portal:act-pdf"):
            assert client.get(reverse(name, args=[slug, act.pk]), {"lang": "sr"}).status_code == 404, name
    pages = [
        reverse("portal:act-list", args=[slug]),
        reverse("portal:act-list", args=[slug]) + "?q=SECRET-A",
        reverse("portal:acts-feed", args=[slug]),
        reverse("portal:act", args=[slug, shown.pk]),
        reverse("portal:index", args=[slug]),
    ]
    for url in pages:
        body = client.get(url).content.decode()
        leaked = {t for t in ("Draft SECRET-A", "Approved SECRET-A", "Верзија SECRET-A", "SECRET-D") if t in body}
        assert leaked == set(), url  # (the search words themselves are echoed in its form)
    assert client.get(reverse("portal:act", args=[world.other_council.slug, shown.pk])).status_code == 404
