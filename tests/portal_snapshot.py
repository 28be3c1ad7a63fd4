"""Run as a script against the database and folders its environment names: print, as JSON, every public portal
page of every council (reached by following links from each council's portal) with its status, type and a hash
of its bytes. `--build` first builds the documents those pages offer (the queue run inline)."""

import hashlib
import json
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hamahang.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django_q.conf import Conf  # noqa: E402

from council.models import Council  # noqa: E402

# What differs on every response whatever the data: the form token, the calendar's time of writing.
VOLATILE = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"|DTSTAMP:[0-9TZ]+|nonce="[^"]*"')
LINK = re.compile(r'(?:href|src)="(/public/[^"#]*)"')


def crawl(slug: str) -> dict:
    client, seen, pages = Client(), set(), {}
    queue = [f"/public/{slug}/"]
    while queue and len(seen) < 400:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        pages[url] = [
            response.status_code,
            response.get("Content-Type", ""),
            hashlib.sha256(VOLATILE.sub(b"", body)).hexdigest(),
        ]
        if response.get("Content-Type", "").startswith("text/html"):
            queue += [
                link.replace("&amp;", "&")
                for link in LINK.findall(body.decode())
                if link.startswith(f"/public/{slug}/")
            ]
    return pages


if __name__ == "__main__":
    setup_test_environment()  # the test client's host name is allowed
    call_command("createcachetable", verbosity=0)  # this process has no Redis: its cache is a table, as in `make run`
    slugs = list(Council.objects.order_by("slug").values_list("slug", flat=True))
    if "--build" in sys.argv:
        Conf.SYNC = True
        for slug in slugs:
            crawl(slug)
        Conf.SYNC = False
    print(json.dumps({slug: crawl(slug) for slug in slugs}))
