"""`manage.py backup` and `restore`: the demo, restored into a new database and new folders on the same kind of
database, publishes the same portal pages and the same PDFs, byte for byte."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from tests.conftest import empty_database, test_database_url

ROOT = Path(settings.BASE_DIR)


@pytest.fixture
def new_database(tmp_path):
    """An empty database of the test database's kind, as a DATABASE_URL (PostgreSQL: created and dropped)."""
    yield from empty_database("restored", tmp_path / "restored" / "hamahang.sqlite3")  # not even its folder


def run(database_url: str, files: Path, *args: str) -> str:
    """A command of another process on that database and those folders (its own cache: no Redis)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "REDIS_URL")}
    env.update(DATABASE_URL=database_url, PRIVATE_MEDIA_ROOT=str(files / "private"), MEDIA_ROOT=str(files / "media"))
    result = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_of_the_demo_publishes_the_same_pages_and_pdfs(tmp_path, new_database, settings):
    source = tmp_path / "source"
    settings.PRIVATE_MEDIA_ROOT, settings.MEDIA_ROOT = source / "private", source / "media"
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    before = json.loads(run(test_database_url(), source, "tests/portal_snapshot.py", "--build"))
    archive = tmp_path / "hamahang.tar.gz"
    run(test_database_url(), source, "manage.py", "backup", "--output", str(archive))

    restored = tmp_path / "restored"
    run(new_database, restored, "manage.py", "restore", str(archive))
    after = json.loads(run(new_database, restored, "tests/portal_snapshot.py"))  # nothing built: only what came back

    assert set(after) == set(before) == {"gjilan", "pardis"}
    for slug, pages in before.items():
        pdfs = [url for url, (status, kind, _) in pages.items() if status == 200 and kind == "application/pdf"]
        assert pdfs and len(pages) >= 8, pages  # the minutes PDF and the published pages were reached
        assert after[slug] == pages
    assert files_of(restored / "private") == files_of(source / "private")
    assert any(name.endswith(".pdf") and name.startswith("documents/") for name in files_of(restored / "private"))


@pytest.mark.django_db
def test_restore_refuses_a_database_in_use_and_says_so(world, tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT, settings.MEDIA_ROOT = tmp_path / "private", tmp_path / "media"
    archive = tmp_path / "hamahang.tar.gz"
    call_command("backup", "--output", str(archive), stdout=open(os.devnull, "w"))  # noqa: SIM115
    with pytest.raises(CommandError, match="The database is not empty"):
        call_command("restore", str(archive))
    with pytest.raises(CommandError, match="No backup at"):
        call_command("restore", str(tmp_path / "elsewhere.tar.gz"))
