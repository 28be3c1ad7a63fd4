"""Every user-facing string is translated into Persian, Albanian and Serbian (its Latin catalogue written from the
Cyrillic one), and every page renders in every language."""

import io
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from council.forms import FormMixin, LatinDigitsCodeMixin
from council.models import User

BASE = Path(settings.BASE_DIR)


def entries(po_file: Path, *flags: str) -> list[str]:
    """The msgids msgattrib finds with the given selection flags (header excluded)."""
    result = subprocess.run(["msgattrib", *flags, str(po_file)], capture_output=True, text=True, check=True)
    return [m for m in re.findall(r'^msgid "(.*)"$', result.stdout, re.M) if m]


CATALOGUES = ["fa", "sq", "sr", "sr_Latn"]
LOCALES = [arg for locale in CATALOGUES for arg in ("-l", locale)]
LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory) -> Path:
    """The catalogues as makemessages would make them from today's source, in a copy of the project."""
    copy = tmp_path_factory.mktemp("project") / "hamahang"
    shutil.copytree(
        BASE, copy, ignore=shutil.ignore_patterns(".venv", "var", ".git", "__pycache__", "*.mo", "node_modules")
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", *LOCALES, "--no-location", "--ignore=var"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    return copy / "locale"


@pytest.mark.parametrize("language", CATALOGUES)
def test_no_message_is_missing_or_fuzzy(fresh_catalogues, language):
    po_file = fresh_catalogues / language / "LC_MESSAGES" / "django.po"
    untranslated = entries(po_file, "--untranslated", "--no-obsolete")
    fuzzy = entries(po_file, "--only-fuzzy", "--no-obsolete")
    assert untranslated == [], f"{language}: untranslated {untranslated} — run makemessages and translate them"
    assert fuzzy == [], f"{language}: fuzzy {fuzzy}"


@pytest.mark.parametrize("language", CATALOGUES)
def test_the_committed_catalogues_are_complete_and_compile(language):
    for root in ("locale", "locale_vendor"):
        po_file = BASE / root / language / "LC_MESSAGES" / "django.po"
        if root == "locale_vendor" and not po_file.exists():
            continue  # Django and allauth ship Serbian themselves
        assert entries(po_file, "--untranslated", "--no-obsolete") == []
        assert entries(po_file, "--only-fuzzy", "--no-obsolete") == []
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po_file)], check=True)


def test_the_serbian_latin_catalogue_is_the_cyrillic_one_transliterated():
    import polib

    sys.path.insert(0, str(BASE / "scripts"))
    from serbian_latin import latin_catalogue

    cyrillic = polib.pofile(str(BASE / "locale" / "sr" / "LC_MESSAGES" / "django.po"))
    latin = polib.pofile(str(BASE / "locale" / "sr_Latn" / "LC_MESSAGES" / "django.po"))
    expected = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in latin_catalogue(cyrillic)}
    committed = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in latin if not e.obsolete}
    assert committed == expected, "run .venv/bin/python scripts/serbian_latin.py after changing locale/sr"


def test_every_form_of_the_project_normalises_digits():
    from django import forms

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    apps = ("council", "departments", "elections", "meetings", "acts", "portal", "home")
    for app in apps:
        if app != "home":
            __import__(f"{app}.forms")
    ours = [f for f in subclasses(forms.BaseForm) if f.__module__.split(".")[0] in apps]
    assert ours, "no forms found"
    for form_class in ours:  # allauth's two-factor forms only take a code: LatinDigitsCodeMixin
        assert issubclass(form_class, (FormMixin, LatinDigitsCodeMixin)), (
            f"{form_class.__name__} reads no Persian digits"
        )


class TextExtractor(HTMLParser):
    """The visible text of a page, and the human-readable attributes (labels, placeholders, titles)."""

    SKIP = {"script", "style"}

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in self.SKIP
        self.parts += [v for k, v in attrs if k in ("placeholder", "title", "aria-label", "alt") and v]
        if tag == "input" and dict(attrs).get("type") in ("submit", "button"):
            self.parts.append(dict(attrs).get("value") or "")

    def handle_endtag(self, tag):
        self._skip -= tag in self.SKIP

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
ADDRESSES = re.compile(r"https?://\S+|[\w.+-]+@[\w.-]+|\b[\w.]+\.(?:chair|secretary|member)\b|\bAsia/Tehran\b")


def english_words(html: str) -> set[str]:
    parser = TextExtractor()
    parser.feed(html)
    text = ADDRESSES.sub(" ", " ".join(parser.parts))
    words = set(LATIN_WORD.findall(text))
    # The language menu names each language in itself; file formats and keys keep their Latin names.
    allowed = {"english", "shqip", "srpski", "latinica", "csv", "xlsx", "pdf", "atom", "ctrl"}
    return {w for w in words if w.lower() not in allowed}


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--password", "demo-password-1", stdout=io.StringIO())
    return {"pardis": User.objects.get(username="pardis.chair"), "admin": User.objects.get(username="admin")}


def demo_pages(council_slug: str) -> list[str]:
    from acts.models import Act
    from council.models import Department
    from meetings.models import ActionItem, Meeting, Statement

    department = Department.objects.filter(council__slug=council_slug).first()
    held = Meeting.objects.get(council__slug=council_slug, state="published")
    upcoming = Meeting.objects.get(council__slug=council_slug, state="agenda_published")
    action = ActionItem.objects.filter(council__slug=council_slug).first()
    item = upcoming.items.last()
    meeting_pages = [
        reverse("meetings:meeting-list", args=[council_slug]),
        reverse("meetings:meeting-create", args=[council_slug]),
        reverse("meetings:meeting-detail", args=[council_slug, held.pk]),
        reverse("meetings:meeting-detail", args=[council_slug, upcoming.pk]),
        reverse("meetings:meeting-edit", args=[council_slug, upcoming.pk]),
        reverse("meetings:meeting-cancel", args=[council_slug, upcoming.pk]),
        reverse("meetings:item-create", args=[council_slug, upcoming.pk]),
        reverse("meetings:item-edit", args=[council_slug, upcoming.pk, item.pk]),
        reverse("meetings:proposal-create", args=[council_slug, upcoming.pk]),
        reverse("meetings:attendance-edit", args=[council_slug, upcoming.pk]),
        reverse("meetings:minutes-amend", args=[council_slug, held.pk]),
        reverse("meetings:action-list", args=[council_slug]),
        reverse("meetings:action-detail", args=[council_slug, action.pk]),
        reverse("meetings:statement-list", args=[council_slug]),
        reverse("meetings:statement-create", args=[council_slug]),
        reverse("meetings:statement-detail", args=[council_slug, Statement.objects.get(council__slug=council_slug).pk]),
        reverse("portal:request-list", args=[council_slug]),
        reverse("acts:act-list", args=[council_slug]),
        reverse("acts:act-create", args=[council_slug]),
        *[
            reverse("acts:act-detail", args=[council_slug, act.pk])
            for act in Act.objects.filter(council__slug=council_slug)[:1]
        ],
    ]
    return [
        *meeting_pages,
        *submission_pages(council_slug),
        reverse("home:home"),
        reverse("council:council-detail", args=[council_slug]),
        reverse("council:member-list", args=[council_slug]),
        reverse("departments:department-list", args=[council_slug]),
        reverse("departments:department-detail", args=[council_slug, department.pk]),
        reverse("account_change_password"),
        reverse("mfa_index"),
    ]


def submission_pages(council_slug: str) -> list[str]:
    """The department-submission pages of a demo council, as its chair (or an admin) sees them."""
    from departments.models import ActivityReport, SurveyResponse, TrainingCourse, TrainingProposal
    from elections.models import Attestation

    def url(name, *args, app="departments"):
        return reverse(f"{app}:{name}", args=[council_slug, *args])

    answer = SurveyResponse.objects.filter(round__council__slug=council_slug, state="submitted").latest("pk")
    report = ActivityReport.objects.filter(period__council__slug=council_slug, state="submitted").latest("pk")
    pages = [
        url("survey-list"),
        url("survey-create"),
        url("survey-dashboard", answer.round_id),
        url("survey-answer", answer.round_id, answer.department_id),
        url("survey-answer-return", answer.round_id, answer.department_id),
        url("activity-list"),
        url("activity-create"),
        url("activity-dashboard"),
        url("activity-period", report.period_id),
        url("activity-report", report.period_id, report.department_id),
        url("training-list"),
        url("training-plan"),
        url("proposal-detail", TrainingProposal.objects.filter(council__slug=council_slug).first().pk),
        url("course-detail", TrainingCourse.objects.filter(council__slug=council_slug).first().pk),
        url("election-list", app="elections"),
        url("election-create", app="elections"),
    ]
    attestation = Attestation.objects.filter(cycle__period__council__slug=council_slug, state="submitted").first()
    if attestation:
        period, cycle, department = attestation.cycle.period_id, attestation.cycle_id, attestation.department_id
        pages += [
            url("election-detail", period, app="elections"),
            url("election-department", period, department, app="elections"),
            url("attestation-detail", period, cycle, department, app="elections"),
            url("access-register", period, app="elections"),
            url("complaint-register", period, app="elections"),
        ]
    return pages


def test_persian_pages_have_no_untranslated_english(client, demo):
    client.force_login(demo["pardis"])
    for url in demo_pages("pardis"):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert '<html lang="fa" dir="rtl">' in html, url
        assert english_words(html) == set(), f"English on the Persian page {url}"


@pytest.mark.parametrize(("language", "direction"), [("sq", "ltr"), ("sr", "ltr"), ("sr-latn", "ltr")])
def test_albanian_and_serbian_admin_pages_have_no_untranslated_english(client, demo, language, direction):
    demo["admin"].language = language
    demo["admin"].save()
    client.force_login(demo["admin"])
    pages = [
        *demo_pages("gjilan"),
        reverse("council:member-invite", args=["gjilan"]),
        reverse("departments:department-create", args=["gjilan"]),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert f'<html lang="{language}" dir="{direction}">' in html, url
        leftover = english_words(html) & {"the", "and", "Members", "Department", "Save", "Sign", "Home", "Language"}
        assert leftover == set(), f"English on the {language} page {url}: {leftover}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_renders_in_every_language(client, demo, language):
    demo["admin"].language = language
    demo["admin"].save()
    client.force_login(demo["admin"])
    for slug in ("pardis", "gjilan"):
        for url in demo_pages(slug):
            response = client.get(url)
            assert response.status_code == 200, url
            assert f'<html lang="{language}"' in response.content.decode()
    client.logout()
    for url in ("/accounts/login/", "/accounts/password/reset/"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert f'<html lang="{language}"' in response.content.decode()


def portal_pages(slug: str) -> list[str]:
    from acts.models import Act
    from meetings.models import Meeting, Statement

    meeting = Meeting.objects.get(council__slug=slug, state="published")
    return [
        reverse("portal:index", args=[slug]),
        reverse("portal:meeting", args=[slug, meeting.pk]),
        reverse("portal:statement", args=[slug, Statement.objects.get(council__slug=slug).pk]),
        reverse("portal:search", args=[slug]) + "?q=x",
        reverse("portal:request-new", args=[slug]),
        reverse("portal:request-track", args=[slug]),
        reverse("portal:act-list", args=[slug]),
        *[reverse("portal:act", args=[slug, act.pk]) for act in Act.objects.filter(council__slug=slug).public()[:1]],
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_renders_in_every_language(client, demo, language):
    client.cookies["django_language"] = language
    for slug in ("pardis", "gjilan"):
        for url in portal_pages(slug):
            response = client.get(url)
            assert response.status_code == 200, url
            assert f'<html lang="{language}"' in response.content.decode(), url


def test_the_persian_portal_has_no_untranslated_english(client, demo):
    for url in portal_pages("pardis"):
        html = client.get(url).content.decode()
        assert '<html lang="fa" dir="rtl">' in html, url
        assert english_words(html) == set(), f"English on the Persian public page {url}"
