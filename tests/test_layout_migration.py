"""Moving models between apps keeps every row.

The code as it was before the layout change (`BEFORE`, taken from git) migrates a scratch database and fills it
with `seed_demo` and `generate_load_data`; today's code then migrates that database. Every table keeps its rows,
and every row the columns it had (compared over the columns both schemas share).
"""

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import empty_database

BEFORE = "387fa71"  # the layout before it was reorganised
BASE = Path(settings.BASE_DIR)
# Not content: the queue's and the cache's rows, and the record of applied migrations itself.
SKIPPED = ("django_migrations", "django_q_", "hamahang_cache", "django_content_type")
# Columns that a change removed on purpose: `chair_name` named whoever marked a meeting held (now `chaired_by`);
# a council's `request_deadline_days` became its legal profile's `days_to_decide` (acts.LegalProfile).
DROPPED = {
    ("meetings_meeting", "chair_name"),
    ("meetings_historicalmeeting", "chair_name"),
    ("council_council", "request_deadline_days"),
}
# Tables that later models add rows to (each new model brings its permissions): there the old rows must remain.
GROWS = ("auth_permission",)
# Models that moved to another app: their content types follow them (same id, new app label).
MOVED = {
    ("departments", "department"): ("council", "department"),
    ("council", "documentrequest"): ("portal", "documentrequest"),
    ("departments", "checklisttemplate"): ("elections", "checklisttemplate"),
    ("departments", "checklistitem"): ("elections", "checklistitem"),
    ("departments", "electionperiod"): ("elections", "electionperiod"),
    ("departments", "reportingcycle"): ("elections", "reportingcycle"),
    ("departments", "attestation"): ("elections", "attestation"),
    ("departments", "answer"): ("elections", "answer"),
    ("departments", "alert"): ("elections", "alert"),
    ("departments", "accessrequest"): ("elections", "accessrequest"),
    ("departments", "complaint"): ("elections", "complaint"),
    ("departments", "historicalchecklisttemplate"): ("elections", "historicalchecklisttemplate"),
    ("departments", "historicalchecklistitem"): ("elections", "historicalchecklistitem"),
    ("departments", "historicalattestation"): ("elections", "historicalattestation"),
    ("departments", "historicalanswer"): ("elections", "historicalanswer"),
    ("departments", "historicalalert"): ("elections", "historicalalert"),
    ("departments", "historicalaccessrequest"): ("elections", "historicalaccessrequest"),
    ("departments", "historicalcomplaint"): ("elections", "historicalcomplaint"),
}


def _git(*args, cwd=BASE) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)


@pytest.fixture
def scratch_database(tmp_path):
    """A database of the same kind as the test database's, created empty, as a DATABASE_URL."""
    yield from empty_database("layout", tmp_path / "before.sqlite3")


def _manage(project: Path, database_url: str, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "REDIS_URL")}
    env.update(DATABASE_URL=database_url, DJANGO_DEBUG="1")
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=project, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)} in {project}:\n{result.stdout}\n{result.stderr}"


def _open(database_url: str):
    if database_url.startswith("sqlite:///"):
        return sqlite3.connect(database_url.removeprefix("sqlite:///"))
    import psycopg

    return psycopg.connect(database_url)


def _tables(cursor, database_url: str) -> dict[str, list[str]]:
    if database_url.startswith("sqlite"):
        names = [row[0] for row in cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        names = [n for n in names if not n.startswith("sqlite_")]
        return {n: [row[1] for row in cursor.execute(f'PRAGMA table_info("{n}")')] for n in names}
    cursor.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' "
        "ORDER BY table_name, ordinal_position"
    )
    tables: dict[str, list[str]] = {}
    for table, column in cursor.fetchall():
        tables.setdefault(table, []).append(column)
    return tables


def read_all(database_url: str) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every table's columns and rows."""
    with _open(database_url) as db:
        cursor = db.cursor()
        content = {}
        for table, columns in sorted(_tables(cursor, database_url).items()):
            if not table.startswith(SKIPPED):
                cursor.execute(f'SELECT {", ".join(f"{chr(34)}{c}{chr(34)}" for c in columns)} FROM "{table}"')
                content[table] = (columns, cursor.fetchall())
        return content


def content_types(database_url: str) -> dict[int, tuple[str, str]]:
    with _open(database_url) as db:
        cursor = db.cursor()
        cursor.execute("SELECT id, app_label, model FROM django_content_type")
        return {pk: (app_label, model) for pk, app_label, model in cursor.fetchall()}


def digest(columns: list[str], rows: list[tuple], keep: list[str]) -> tuple[int, str]:
    """The row count and a digest of the rows over the columns `keep`, in any order."""
    positions = [columns.index(c) for c in keep]
    lines = sorted(repr(tuple(row[i] for i in positions)) for row in rows)
    return len(lines), hashlib.sha256("\n".join(lines).encode()).hexdigest()


def test_migrating_from_the_old_layout_keeps_every_row(tmp_path, scratch_database):
    if _git("cat-file", "-e", f"{BEFORE}^{{commit}}").returncode != 0:
        pytest.fail(f"commit {BEFORE} is not in this clone's history")
    before = tmp_path / "before"
    before.mkdir()
    archive = subprocess.run(["git", "archive", BEFORE], cwd=BASE, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(before)], input=archive, check=True)
    shutil.copytree(BASE / "locale", before / "locale", dirs_exist_ok=True)  # the compiled catalogues

    _manage(before, scratch_database, "migrate", "--no-input", "--verbosity", "0")
    _manage(before, scratch_database, "seed_demo", "--password", "demo-password")
    _manage(before, scratch_database, "generate_load_data", "--councils", "2", "--years", "1", "--seed", "layout")
    old, old_types = read_all(scratch_database), content_types(scratch_database)
    _manage(BASE, scratch_database, "migrate", "--no-input", "--verbosity", "0")
    new, new_types = read_all(scratch_database), content_types(scratch_database)

    assert sum(len(rows) for _columns, rows in old.values()) > 5_000  # the old code really filled it
    assert sorted(set(old) - set(new)) == []
    dropped = {(t, c) for t, (columns, _rows) in old.items() for c in columns if c not in new[t][0]}
    assert dropped == DROPPED
    changed = []
    for table, (columns, rows) in old.items():
        keep = [c for c in columns if c in new[table][0]]
        if table in GROWS:
            new_columns, new_rows = new[table]
            kept = {tuple(row[new_columns.index(c)] for c in keep) for row in new_rows}
            if not {tuple(row[columns.index(c)] for c in keep) for row in rows} <= kept:
                changed.append(table)
        elif digest(columns, rows, keep) != digest(*new[table], keep):
            changed.append(table)
    assert changed == []
    councils, profiles = old["council_council"], new["acts_legalprofile"]
    deadlines = {row[councils[0].index("id")]: row[councils[0].index("request_deadline_days")] for row in councils[1]}
    copied = {row[profiles[0].index("council_id")]: row[profiles[0].index("days_to_decide")] for row in profiles[1]}
    assert copied == deadlines  # each council's deadline for requests is now its legal profile's
    assert {pk: MOVED.get(label, label) for pk, label in old_types.items()}.items() <= new_types.items()
