"""axe-core (WCAG 2.0/2.1, A and AA) on every page reachable from the navigation, as every role.

The demo councils are the data: Pardis (Persian, Jalali) and Gjilan (Albanian). Each role walks its pages in its
council's language and in English, each page at 1366×900 and then, resized in place, at 390×844. A page is reached
by following the links of the menus (every <nav> and dropdown menu) from the start page, and the in-app links of
the main content up to MAIN_LINK_DEPTH clicks away from a menu; one page per URL pattern and role, so a list of
twenty meetings opens one of them. Every page also has a title of its own, and the language and direction of the
language walked. The first page with a Jalali date field is checked again with its date picker open, the start page
with each menu of the top bar open.

axe-core comes from the npm registry (package.json, `make node-deps`) and is injected from node_modules: nothing is
loaded from outside at run time.
"""

import io
import os
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import translation

from council.models import User

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
REPORT = ROOT / "var" / "test-artifacts" / "accessibility.txt"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VIEWPORTS = {"1366x900": {"width": 1366, "height": 900}, "390x844": {"width": 390, "height": 844}}
MAIN_LINK_DEPTH = 2  # today's council page is a panel of links in the main content, not a menu

# role → (login, where the walk starts, languages walked: the council's and English). Pardis is the council
# walked by every role; Gjilan, in Albanian, by its secretary and the public.
ROLES = {
    "chair": ("pardis.chair", "/", ["fa", "en"]),
    "secretary": ("pardis.secretary", "/", ["fa", "en"]),
    "liaison": ("pardis.education", "/", ["fa", "en"]),
    "member": ("pardis.member", "/", ["fa", "en"]),
    "admin": ("admin", "/", ["fa", "en"]),
    "anonymous": (None, "/public/pardis/", ["fa", "en"]),
    "secretary (Gjilan)": ("gjilan.secretary", "/", ["sq"]),
    "anonymous (Gjilan)": (None, "/public/gjilan/", ["sq"]),
}

# Links that are no page to check: files, feeds, exports, and Django's own admin beyond its index.
SKIPPED_URL_NAMES = {
    "attachment-download",
    "document-download",
    "progress-attachment",
    "evidence-download",
    "request-file",
    "statement-photo",
    "minutes-pdf",
    "act-pdf",
    "feed",
    "acts-feed",
    "act-file",
    "meetings-ics",
    "meeting-calendar",
    "set-language",
    "account_logout",
    "mfa_download_recovery_codes",
}


@dataclass
class Problem:
    url: str
    role: str
    language: str
    viewport: str
    rule: str
    impact: str
    help: str
    targets: list[str]

    def __str__(self):
        where = f"{self.url}  [{self.role}, {self.language}, {self.viewport}]"
        targets = "".join(f"\n      {target}" for target in self.targets)
        return f"{where}\n    {self.rule} ({self.impact}): {self.help}{targets}"


@pytest.fixture
def axe_script():
    if not AXE_SCRIPT.exists():
        message = f"{AXE_SCRIPT.relative_to(ROOT)} is missing: run `make node-deps` (npm ci)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; CI must run the accessibility tests")
        pytest.skip(message)
    return AXE_SCRIPT


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", "--password", "demo-password-1", stdout=io.StringIO())


def test_every_page_passes_axe_for_every_role_language_and_viewport(axe_script, browser, live_server, demo):
    problems, visits, started = [], Counter(), time.monotonic()
    for role, (username, start, languages) in ROLES.items():
        for language in languages:
            context = open_context(browser, live_server.url, username, language)
            page = context.new_page()
            page.set_default_timeout(15000)
            visited = walk(page, live_server.url, start, role, language, problems)
            visits[(role, language)] = len(visited)
            context.close()
    elapsed = time.monotonic() - started

    summary = summarise(problems, visits, elapsed)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(summary + "\n\n" + "\n".join(str(problem) for problem in problems) + "\n")
    print(summary)
    if problems:
        pytest.fail(f"{summary}\n\n" + "\n".join(str(problem) for problem in problems), pytrace=False)


def open_context(browser, base_url, username, language):
    """A browser context signed in as `username` (through a session cookie) speaking `language`."""
    context = browser.new_context(viewport=VIEWPORTS["1366x900"], locale="en-US")
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base_url}]
    if username:
        user = User.objects.get(username=username)
        user.language = language
        user.save(update_fields=["language"])
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url})
    context.add_cookies(cookies)
    # An init script, not a <script> tag added after load: the pages' Content-Security-Policy refuses inline
    # scripts (an init script is exempt, so the pages keep their real policy), and it is cheaper per page.
    context.add_init_script(path=str(AXE_SCRIPT))
    return context


def walk(page, base_url, start, role, language, problems):
    """Visit every page reachable from `start` (one per URL pattern) and check it; the patterns visited."""
    queue, seen_patterns, picker_checked = [(start, 0)], set(), False
    while queue:
        url, depth = queue.pop(0)
        pattern = url_pattern(url)
        if pattern in seen_patterns:
            continue
        seen_patterns.add(pattern)
        page.set_viewport_size(VIEWPORTS["1366x900"])
        response = page.goto(base_url + url)
        seen_patterns.add(url_pattern(path_of(page.url)))  # where a redirect landed
        here = path_of(page.url)

        def report(rule, impact, help, targets=(), viewport="1366x900", here=here):
            problems.append(Problem(here, role, language, viewport, rule, impact, help, list(targets)))

        if response is None or response.status >= 400:
            report("http-status", "critical", f"answered {response.status if response else 'nothing'}")
            continue
        check_document(page, language, report)
        if url == start:
            check_open_menus(page, report)
        for viewport in VIEWPORTS:
            page.set_viewport_size(VIEWPORTS[viewport])
            for violation in run_axe(page):
                report(**violation, viewport=viewport)
        if not picker_checked and page.locator("input[data-jdp]").count():
            picker_checked = True
            for viewport in VIEWPORTS:
                page.set_viewport_size(VIEWPORTS[viewport])
                open_date_picker(page)
                for violation in run_axe(page):
                    report(**violation, viewport=f"{viewport}, date picker open")
        for kind, link in links_of(page, base_url):
            link_depth = depth if kind == "menu" else depth + 1
            if link_depth <= MAIN_LINK_DEPTH and url_pattern(link) not in seen_patterns:
                queue.append((link, link_depth))
    return seen_patterns


def check_document(page, language, report):
    """A title of the page's own (not just the site's name), the language walked and its direction."""
    with translation.override(language):
        site_name = translation.gettext("Hamahang")
    title = page.title().strip()
    if not title or {part.strip() for part in title.split("·")} == {site_name}:
        report("page-title", "serious", f"the title {title!r} does not name the page")
    html = page.locator("html")
    expected = (language, "rtl" if language == "fa" else "ltr")
    found = (html.get_attribute("lang"), html.get_attribute("dir"))
    if found != expected:
        report("page-language", "serious", f"<html lang dir> is {found}, expected {expected}")


def check_open_menus(page, report):
    """axe with each menu of the top bar open in turn: the dropdowns on a desktop, the folded menu on a phone."""
    for viewport in VIEWPORTS:
        page.set_viewport_size(VIEWPORTS[viewport])
        for toggle in page.locator("nav button[aria-expanded=false]").element_handles():
            if not toggle.is_visible():
                continue
            name = toggle.inner_text().strip() or toggle.get_attribute("aria-label")
            toggle.click()
            settle(page)
            for violation in run_axe(page):
                report(**violation, viewport=f"{viewport}, menu {name!r} open")
            toggle.click()
            settle(page)


def settle(page):
    """Wait for the page's transitions (a menu folding open) to finish."""
    page.evaluate("() => Promise.all(document.getAnimations().map(animation => animation.finished.catch(() => null)))")


def run_axe(page):
    """axe-core's WCAG 2.0/2.1 A and AA violations of the page as it is now, as Problem fields."""
    violations = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
            .then(results => results.violations.map(v => ({
                rule: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.map(n => n.target.join(" ") + "  " + n.html.slice(0, 160)),
            })))""",
        WCAG_TAGS,
    )
    return violations


def open_date_picker(page):
    picker = page.locator("jdp-container").first
    if not picker.is_visible():  # it stays open when the window is resized
        page.locator("input[data-jdp]").first.focus()
        picker.wait_for(state="visible")


def links_of(page, base_url):
    """(menu|main, path) of the page's in-app links worth visiting: menus first, then the main content."""
    found = page.evaluate(
        """() => [
            ...[...document.querySelectorAll("nav a[href], .dropdown-menu a[href]")].map(a => ["menu", a.href]),
            ...[...document.querySelectorAll("main a[href]:not([download])")].map(a => ["main", a.href]),
        ]"""
    )
    links = []
    for kind, href in found:
        if not href.startswith(base_url + "/"):
            continue
        path = path_of(href)
        if worth_visiting(path):
            links.append((kind, path))
    return links


def worth_visiting(path):
    parts = urlsplit(path)
    if "export" in parse_qs(parts.query) or (parts.path.startswith("/admin/") and parts.path != "/admin/"):
        return False
    if parts.path.startswith("/api/"):  # data, and the API's reference page is Swagger UI's, not ours
        return False
    try:
        match = resolve(parts.path)
    except Resolver404:
        return True  # a broken link: visiting it reports its 404
    return match.url_name not in SKIPPED_URL_NAMES


def path_of(url):
    """The address without scheme, host and fragment."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def url_pattern(path):
    """One key per page kind: the route the path resolves to (query strings ignored)."""
    try:
        return resolve(urlsplit(path).path).route
    except Resolver404:
        return urlsplit(path).path


def summarise(problems, visits, elapsed):
    pages = sum(visits.values())
    lines = [
        f"{pages} pages (role × language, one per URL pattern) × {len(VIEWPORTS)} viewports in {elapsed:.0f} s; "
        f"{len(problems)} problems",
        *(f"  {role}, {language}: {count} pages" for (role, language), count in visits.items()),
    ]
    if problems:
        lines.append("By rule (problems, pages):")
        for rule, count in Counter(problem.rule for problem in problems).most_common():
            on = {problem.url for problem in problems if problem.rule == rule}
            lines.append(f"  {rule}: {count} on {len(on)} pages")
    return "\n".join(lines)
