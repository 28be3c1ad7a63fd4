"""Backups: the database and the files in one archive, restorable on a fresh machine.

The archive (a .tar.gz) holds `manifest.json`, the database (`database.sqlite3`, taken with SQLite's online
backup API, or `database.pgdump`, pg_dump's custom format: both a consistent snapshot while the site runs) and
the folders `private/` (PRIVATE_MEDIA_ROOT) and `media/` (MEDIA_ROOT). The database is taken first: files are
written before the rows that name them, so every file a row of the snapshot names is in the archive.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import closing
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

FORMAT = 1
CACHE_TABLE = "hamahang_cache"  # rebuilt by use: not content
FOLDERS = {"private": "PRIVATE_MEDIA_ROOT", "media": "MEDIA_ROOT"}


class BackupError(Exception):
    """Something the person running the command must fix; the message says what."""


def backup_create(*, output: Path) -> Path:
    with tempfile.TemporaryDirectory(dir=output.parent) as work:
        work = Path(work)
        database = _dump_database(work)
        manifest = {"format": FORMAT, "database": connection.vendor, "created": timezone.now().isoformat()}
        (work / "manifest.json").write_text(json.dumps(manifest))
        partial = work / "backup.tar.gz"
        (work / "empty").mkdir()
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(work / "manifest.json", "manifest.json")
            archive.add(database, database.name)
            for name, setting in FOLDERS.items():
                folder = Path(getattr(settings, setting))
                archive.add(folder if folder.is_dir() else work / "empty", name, filter=_skip_partial_files)
        os.chmod(partial, 0o600)  # personal data: requesters' contacts, users
        os.replace(partial, output)
    return output


def _skip_partial_files(member: tarfile.TarInfo):
    return None if member.name.endswith(".part") else member  # a PDF being written


def _dump_database(work: Path) -> Path:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        if not Path(db["NAME"]).is_file():
            raise BackupError(f"There is no database at {db['NAME']}.")
        target = work / "database.sqlite3"
        with closing(sqlite3.connect(db["NAME"])) as source, closing(sqlite3.connect(target)) as copy:
            source.backup(copy)
            if copy.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [CACHE_TABLE]).fetchone():
                copy.execute(f'DELETE FROM "{CACHE_TABLE}"')
                copy.commit()
        return target
    if connection.vendor == "postgresql":
        target = work / "database.pgdump"
        _postgres("pg_dump", "--format=custom", "--no-owner", "--no-privileges",
                  f"--exclude-table-data={CACHE_TABLE}", f"--file={target}")  # fmt: skip
        return target
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")


def backup_restore(*, archive_path: Path, replace: bool = False) -> dict:
    """Restore into the configured database and folders, which must be empty unless `replace` is given."""
    if connection.vendor == "sqlite":  # a fresh machine: not even the folder yet
        Path(connection.settings_dict["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive_path, "r:gz") as archive, tempfile.TemporaryDirectory() as work:
        archive.extractall(work, filter="data")  # refuses absolute paths, links out of the folder, devices
        work = Path(work)
        manifest = json.loads((work / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError(f"{archive_path} is not a backup of this format ({FORMAT}).")
        if manifest["database"] != connection.vendor:
            raise BackupError(
                f"The backup is of a {manifest['database']} database; the configured one is {connection.vendor}."
            )
        folders = {name: Path(getattr(settings, setting)) for name, setting in FOLDERS.items()}
        if not replace:
            _check_empty(folders)
        _restore_database(work, replace=replace)
        for name, folder in folders.items():
            if folder.exists():
                shutil.rmtree(folder)
            shutil.copytree(work / name, folder)
    cache.clear()  # what was cached describes the data before the restore
    return manifest


def _check_empty(folders: dict[str, Path]) -> None:
    if connection.introspection.table_names():
        raise BackupError("The database is not empty: restore into a new one, or give --replace.")
    for folder in folders.values():
        if folder.exists() and any(folder.iterdir()):
            raise BackupError(f"{folder} is not empty: restore into new folders, or give --replace.")


def _restore_database(work: Path, *, replace: bool) -> None:
    db = connection.settings_dict
    connection.close()
    if connection.vendor == "sqlite":
        source, target = sqlite3.connect(work / "database.sqlite3"), sqlite3.connect(db["NAME"])
        with closing(source), closing(target):
            source.backup(target)  # page by page, under the target's lock: its WAL stays consistent
        return
    if replace:
        _postgres("psql", "--quiet", "--command=DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    _postgres("pg_restore", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
              str(work / "database.pgdump"))  # fmt: skip


def _postgres(program: str, *args: str) -> None:
    """Run a PostgreSQL client on the configured database (the password passed in the environment)."""
    if not shutil.which(program):
        raise BackupError(f"{program} is needed (Debian: apt-get install postgresql-client).")
    db = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
    where = [f"--host={db.get('HOST') or '127.0.0.1'}", f"--port={db.get('PORT') or 5432}"]
    where += [f"--username={db['USER']}"] if db.get("USER") else []
    result = subprocess.run([program, *where, f"--dbname={db['NAME']}", *args], env=env, capture_output=True, text=True)
    if result.returncode:
        raise BackupError(f"{program} failed: {result.stderr.strip()}")
