"""Load benchmark: the production run (gunicorn, two django-q2 clusters, PostgreSQL, Redis, DEBUG off)
on loopback, driven by locust with signed-in council chairs. Run with `make bench-load`.

Against a database filled by `manage.py generate_load_data` (DATABASE_URL), it prints:
- each page alone at full concurrency, once every address it asks for was visited (as on a server that
  has been up a while): requests/s, p50/p95/p99, errors, SQL queries per request (first visit/cached), the
  median first visit in-process, and its throughput as a share of a trivial Django view served by the same
  gunicorn in the same run;
- the realistic mix at the same concurrency, while the PDFs asked for are built and again once they are:
  requests/s and latency per page;
- with --compare-database-url (a small dataset, e.g. 10 councils): each page's p95 and first visit there, and
  the ratios;
- the PDF queue: --pdfs minutes requested at once, drained by the two workers, checked for lost or
  duplicated files.
Targets (printed, never asserted): p95 < 150 ms, ≥ 40 % of the trivial view, p95 ratio ≤ 1.5, no errors.
"""

import argparse
import csv
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from statistics import median
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench-load"
PAGES = ["trivial view", "chair dashboard", "meeting detail", "follow-up list", "portal search", "survey dashboard"]
AGAIN = "trivial, again"
LOCUST = ROOT / ".venv-bench" / "bin" / "locust"


def production_env(database_url: str, port: int) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/14"),
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback; production sits behind TLS
        "DJANGO_SECURE_COOKIES": "0",
        "BIND": f"127.0.0.1:{port}",
        # every locust user asks from 127.0.0.1: the limits per address would measure the 429 page, not the pages
        "LOGIN_FAILED_RATE_LIMIT": "1000/m/ip,1000/m/key",
        "PORTAL_SEARCH_RATE_LIMIT": "100000/m",
        "PYTHONUNBUFFERED": "1",
        "ACCESS_LOG": str(VAR / "access.log"),  # written by gunicorn itself, not relayed line by line by honcho
    }


def targets(councils: int) -> list[dict]:
    """A sample of councils with what the locust users need, read through the ORM.

    With fewer councils than asked for (the small comparison database), each council gives that many
    times more meetings, words and survey rounds: both runs then visit about as many distinct pages, so
    comparing them measures the size of the data, not how often the cache already holds a page.
    """
    from council.models import Council, Membership, Role
    from departments.models import SurveyRound
    from meetings.models import ActionItem, Attendance, Meeting
    from meetings.services import rsvp_token

    sample = Council.objects.order_by("pk")[:councils]
    scale = -(-councils // max(len(sample), 1))  # ceiling
    found = []
    for council in sample:
        chair = Membership.objects.filter(council=council, role=Role.CHAIR).select_related("user").first()
        meetings = list(
            Meeting.objects.filter(council=council, state=Meeting.State.PUBLISHED)
            .order_by("-starts_at")
            .values_list("pk", flat=True)[: 20 * scale]
        )
        rounds = list(SurveyRound.objects.filter(council=council).order_by("-starts_on").values_list("pk", flat=True))
        department = council.departments.order_by("pk").first()
        titles = Meeting.objects.filter(council=council).values_list("title", flat=True)[: 20 * scale]
        words = sorted({w for t in titles for w in t.split() if len(w) > 3})[: 10 * scale] or ["meeting"]
        open_actions = list(
            ActionItem.objects.filter(council=council, status__in=ActionItem.OPEN_STATUSES).values_list(
                "pk", flat=True
            )[:20]
        )
        invitation = Attendance.objects.filter(
            membership__user=chair.user if chair else None,
            meeting__council=council,
            meeting__state=Meeting.State.AGENDA_PUBLISHED,
        ).first()
        drafted = council.meetings.filter(state=Meeting.State.MINUTES_DRAFTED).values_list("pk", flat=True).first()
        if chair and meetings and rounds and department and open_actions:
            slug = council.slug
            found.append(
                {
                    "slug": slug,
                    "council": council.pk,
                    "chair": chair.user.username,
                    "session": signed_in(chair.user),
                    "language": council.language,
                    "printable": meetings[:3],  # what a chair prints: the latest minutes
                    # what the mix writes: progress on open action items, the chair's reply to an invitation,
                    # the minutes of a meeting awaiting approval (a quarter of the councils have one)
                    "open_actions": open_actions,
                    "rsvp": f"/rsvp/{rsvp_token(invitation)}/" if invitation else "",
                    "minutes": f"/c/{slug}/meetings/{drafted}/minutes/" if drafted else "",
                    "addresses": {  # what each page's users ask for, at random
                        "trivial view": ["/ping"],
                        "chair dashboard": ["/"],
                        "meeting detail": [f"/c/{slug}/meetings/{pk}/" for pk in meetings],
                        "follow-up list": [
                            f"/c/{slug}/actions/?{query}"
                            for query in ("open_only=on", f"department={department.pk}", "overdue=on&open_only=on")
                        ],
                        "portal search": [f"/public/{slug}/search/?{urlencode({'q': word})}" for word in words],
                        "survey dashboard": [f"/c/{slug}/departments/surveys/{pk}/" for pk in rounds[:scale]],
                    },
                }
            )
    return found


def postpone_daily_jobs() -> None:
    """The daily and weekly jobs (reminders and digests for every council) are not what is measured; on a
    freshly generated database they are due at once and would share the two cores with the measured pages."""
    from datetime import timedelta

    from django.utils import timezone
    from django_q.models import Schedule

    later = timezone.now() + timedelta(hours=2)
    Schedule.objects.exclude(schedule_type=Schedule.MINUTES).filter(next_run__lt=later).update(next_run=later)


def forget_documents() -> None:
    """Every run starts with no PDF built, so its PDF requests build as many as the run before."""
    from reports.models import Document

    for document in Document.objects.exclude(file=""):
        document.file.delete(save=False)
    Document.objects.all().delete()


def signed_in(user) -> str:
    """A session key for the user, as signing in would make (hashing passwords is not what is measured)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def sign_in(client, target: dict):
    from council.models import User

    client.force_login(User.objects.get(username=target["chair"]))


def queries_per_page(target: dict) -> dict:
    """SQL queries each page runs, counted in-process with Django's test client against the same database."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from helpers.caching import council_changed

    client = Client()
    sign_in(client, target)
    counts = {}
    for page, addresses in target["addresses"].items():
        council_changed(target["council"])  # nothing of this council cached any more: a first visit
        seen = []
        for _ in ("first visit", "cached"):
            with CaptureQueriesContext(connection) as captured:
                status = client.get(addresses[0], HTTP_HOST="127.0.0.1").status_code
            seen.append(str(len(captured)) if status == 200 else f"HTTP {status}")
        counts[page] = "/".join(seen)
    return counts


def warm_up(targets: list[dict]) -> dict:
    """Visit every address once, as a server that has been up a while has: the runs then measure pages as
    they are served again. Returns each page's median first visit (ms, in-process, one at a time)."""
    from django.test import Client

    client = Client()  # one for all: a new one loads the middleware again (WhiteNoise reads every static file)
    client.get("/ping", HTTP_HOST="127.0.0.1")
    spent = {}
    for target in targets:
        sign_in(client, target)
        for page, addresses in target["addresses"].items():
            for address in addresses:
                start = time.perf_counter()
                client.get(address, HTTP_HOST="127.0.0.1")
                spent.setdefault(page, []).append((time.perf_counter() - start) * 1000)
    return {page: median(times) for page, times in spent.items()}


def wait_for(url: str, seconds: int = 90) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer {url} within {seconds} s")


def cpu_ticks() -> list[int]:
    """The machine's CPU counters (/proc/stat): user, nice, system, idle, iowait, irq, softirq, steal."""
    with open("/proc/stat") as stat:
        return [int(n) for n in stat.readline().split()[1:9]]


def locust(env: dict, port: int, users: int, seconds: int, only: str, name: str) -> dict:
    """Run locust headless; returns {page: stats row} from its CSV, with the share of the CPU time
    the hypervisor took for other machines during the run ("steal": this machine is a VM)."""
    prefix = VAR / name
    command = [
        str(LOCUST),
        "-f",
        str(ROOT / "scripts" / "locustfile.py"),
        "--headless",
        "--only-summary",
        "-u",
        str(users),
        "-r",
        str(max(users // 2, 1)),
        "-t",
        f"{seconds}s",
        "--host",
        f"http://127.0.0.1:{port}",
        "--csv",
        str(prefix),
        "--loglevel",
        "ERROR",
    ]
    before = cpu_ticks()
    subprocess.run(command, env={**env, "BENCH_ONLY": only}, check=False, capture_output=True, cwd=ROOT)
    spent = [after - start for start, after in zip(before, cpu_ticks(), strict=True)]
    steal = spent[7] / (sum(spent) or 1)
    with open(f"{prefix}_stats.csv", newline="") as stats:
        return {row["Name"]: {**row, "steal": steal} for row in csv.DictReader(stats)}


def ms(row, column) -> float:
    return float(row.get(column) or 0)


def pdf_drain(count: int) -> str:
    """Ask for `count` minutes at once and wait for the two workers; check no file is lost or duplicated."""
    from django.contrib.auth import get_user_model

    from meetings.models import Meeting
    from reports.models import Document
    from reports.services import document_request

    meetings = list(
        Meeting.objects.filter(state=Meeting.State.PUBLISHED)
        .exclude(documents__kind="minutes")
        .select_related("council")
        .order_by("-pk")[:count]
    )
    user = get_user_model().objects.filter(is_superuser=False).first()
    start = time.time()
    requested = [
        document_request(
            kind="minutes", council=m.council, meeting=m, department=None, language=m.council.language, user=user
        )
        for m in meetings
    ]
    ids = [d.pk for d in requested]
    while time.time() - start < 600:
        pending = Document.objects.filter(pk__in=ids).exclude(status__in=["done", "failed"]).count()
        if not pending:
            break
        time.sleep(1)
    elapsed = time.time() - start
    documents = list(Document.objects.filter(pk__in=ids))
    done = [d for d in documents if d.status == "done" and d.file and d.file.storage.exists(d.file.name)]
    names = [d.file.name for d in done]
    failed = sum(d.status == "failed" for d in documents)
    return (
        f"{len(ids)} minutes requested: {len(done)} built in {elapsed:.1f} s ({len(ids) / elapsed:.1f}/s), "
        f"{failed} failed, {len(ids) - len(done) - failed} lost, {len(names) - len(set(names))} duplicated files"
    )


def in_child(env: dict, *args) -> dict:
    """Run this script's Django-side step in a child process on the run's database; it prints JSON."""
    output = subprocess.run(
        [str(ROOT / ".venv/bin/python"), __file__, *args], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def django_step(step: str, argument: int) -> None:
    """The child side: set Django up on DATABASE_URL and print one JSON line."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hamahang.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    if step == "collect":
        from council.models import Council
        from helpers.caching import council_changed

        postpone_daily_jobs()
        forget_documents()
        for council in Council.objects.values_list("pk", flat=True):
            council_changed(council)  # nor does it find anything cached by the run before
        found = targets(argument)
        result = {
            "targets": found,
            "queries": queries_per_page(found[0]) if found else {},
            "first visits": warm_up(found),
            "councils": Council.objects.count(),
        }
    else:
        result = {"drain": pdf_drain(argument)}
    print(json.dumps(result))


def run(label: str, url: str, args) -> dict:
    env = production_env(url, args.port)
    manage = [str(ROOT / ".venv/bin/python"), "manage.py"]
    subprocess.run([*manage, "migrate", "--no-input", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "collectstatic", "--no-input", "-v0"], env=env, check=True, cwd=ROOT)
    collected = in_child(env, "--step", "collect", str(args.councils))
    if not collected["targets"]:
        raise SystemExit(f"no usable council in {url}: run manage.py generate_load_data first")
    (VAR / "targets.json").write_text(json.dumps(collected["targets"]))
    env["BENCH_TARGETS"] = str(VAR / "targets.json")
    log = (VAR / f"server-{label}.log").open("w")
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/honcho"), "-f", "Procfile.prod", "start"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for(f"http://127.0.0.1:{args.port}/ping")
        locust(env, args.port, args.users, 5, "trivial view", f"{label}-warm-up")  # every worker loaded, not measured
        alone = {
            page: locust(env, args.port, args.users, args.seconds, page, f"{label}-{page.replace(' ', '-')}").get(
                page, {}
            )
            for page in PAGES
        }
        # The ceiling once more at the end: the machine's speed drifts, and the faster of the two is used.
        alone[AGAIN] = locust(env, args.port, args.users, args.seconds, "trivial view", f"{label}-trivial-again").get(
            "trivial view", {}
        )
        # Twice: first while the workers build the PDFs the chairs ask for (no run starts with any built),
        # then with those PDFs built, as when the latest minutes were printed once already.
        mix = locust(env, args.port, args.users, args.mix_seconds, "", f"{label}-mix")
        mix_again = {}
        if label == "main":
            mix_again = locust(env, args.port, args.users, args.mix_seconds, "", f"{label}-mix-again")
        drain = in_child(env, "--step", "drain", str(args.pdfs))["drain"] if label == "main" and args.pdfs else ""
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
        log.close()
    return {
        "councils": collected["councils"],
        "alone": alone,
        "mix": mix,
        "mix again": mix_again,
        "queries": collected["queries"],
        "first visits": collected["first visits"],
        "drain": drain,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hamahang_load")
    parser.add_argument("--database-url", default=default_url)
    parser.add_argument("--compare-database-url", default=os.environ.get("COMPARE_DATABASE_URL", ""))
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=20, help="per isolated page run")
    parser.add_argument("--mix-seconds", type=int, default=60)
    parser.add_argument("--councils", type=int, default=50, help="how many councils the users spread over")
    parser.add_argument("--pdfs", type=int, default=100)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--step", choices=["collect", "drain"], help=argparse.SUPPRESS)
    parser.add_argument("argument", nargs="?", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        return django_step(args.step, args.argument)
    VAR.mkdir(parents=True, exist_ok=True)
    results = {"main": run("main", args.database_url, args)}
    if args.compare_database_url:
        results["compare"] = run("compare", args.compare_database_url, args)
    report(results, args)


def report(results: dict, args) -> None:
    main_run = results["main"]
    ceiling = max(ms(main_run["alone"][page], "Requests/s") for page in ("trivial view", AGAIN)) or 1
    print(
        f"\n{main_run['councils']} councils, {args.users} concurrent users, gunicorn + 2 django-q2 clusters, DEBUG off"
    )
    print(
        f"\nEach page alone ({args.seconds} s, after every address was visited once; queries: first visit/cached;"
        " first ms: a first visit's median, in-process, one at a time; of trivial: against the faster trivial-view"
        " run, first or last; steal: CPU time the VM's host took):"
    )
    for per_page in (main_run["queries"], main_run["first visits"]):
        per_page[AGAIN] = per_page.get("trivial view", "?")
    print(
        f"{'page':<18}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'errors':>8}{'queries':>9}{'first ms':>10}"
        f"{'of trivial':>12}{'steal':>7}"
    )
    for page in [*PAGES, AGAIN]:
        row = main_run["alone"][page]
        share = ms(row, "Requests/s") / ceiling
        print(
            f"{page:<18}{ms(row, 'Requests/s'):>8.1f}{ms(row, '50%'):>8.0f}{ms(row, '95%'):>8.0f}{ms(row, '99%'):>8.0f}"
            f"{row.get('Failure Count', '?'):>8}{main_run['queries'].get(page, '?')!s:>9}"
            f"{main_run['first visits'].get(page, 0):>10.1f}{share:>11.0%}{row.get('steal', 0):>7.0%}"
        )
    for key, title in (("mix", "while the PDFs asked for are built"), ("mix again", "with those PDFs built")):
        steal = main_run[key].get("Aggregated", {}).get("steal", 0)
        print(f"\nThe realistic mix, {title} ({args.mix_seconds} s, steal {steal:.0%}):")
        print(f"{'page':<18}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'errors':>8}")
        for name, row in main_run[key].items():
            if name == "Aggregated":
                continue
            print(
                f"{name:<18}{ms(row, 'Requests/s'):>8.1f}{ms(row, '50%'):>8.0f}{ms(row, '95%'):>8.0f}"
                f"{ms(row, '99%'):>8.0f}{row['Failure Count']:>8}"
            )
    if "compare" in results:
        small = results["compare"]
        print(
            f"\n{small['councils']} councils → {main_run['councils']}: p95 of each page alone, and its median first"
            " visit (in-process, ms), where the data's size shows most:"
        )
        print(f"{'page':<18}{'p95':>8}{'':>8}{'ratio':>8}{'first':>10}{'':>8}{'ratio':>8}")
        for page in PAGES:
            before, after = ms(small["alone"][page], "95%"), ms(main_run["alone"][page], "95%")
            first, then = small["first visits"].get(page, 0), main_run["first visits"].get(page, 0)
            print(
                f"{page:<18}{before:>8.0f}{after:>8.0f}{(after / before if before else 0):>7.2f}×"
                f"{first:>10.1f}{then:>8.1f}{(then / first if first else 0):>7.2f}×"
            )
    if main_run["drain"]:
        print(f"\nPDF queue, two workers: {main_run['drain']}")


if __name__ == "__main__":
    main()
