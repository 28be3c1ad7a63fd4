"""The first page of the demo Pardis minutes, as a PNG under var/test-artifacts/, for a person to look at."""

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from meetings.models import Meeting
from reports.documents import minutes
from reports.pdf.render import render

ARTIFACTS = Path(settings.BASE_DIR) / "var" / "test-artifacts"


@pytest.mark.parametrize(("slug", "language"), [("pardis", "fa"), ("gjilan", "sq")])
def test_render_the_demo_minutes_first_page(db, slug, language):
    if not shutil.which("pdftoppm"):
        if os.environ.get("CI") == "true":
            pytest.fail("pdftoppm is missing: CI installs poppler-utils (make system-deps)")
        pytest.skip("pdftoppm is not installed (make system-deps)")
    call_command("seed_demo", "--password", "x-demo-password", stdout=io.StringIO())
    meeting = Meeting.objects.get(council__slug=slug, state="published")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTIFACTS / f"minutes-{slug}.pdf"
    pdf.write_bytes(render(minutes(meeting, language)))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "90", "-f", "1", "-l", "1", str(pdf), str(ARTIFACTS / f"minutes-{slug}")], check=True
    )
    page = next(ARTIFACTS.glob(f"minutes-{slug}-*1.png"))
    assert page.stat().st_size > 20_000  # a page with text on it, not a blank
