"""Every URL × every role of DESIGN.md section 2: later views add their rows here.

Anonymous users are sent to the login page (302), people outside the council get
404, members whose role does not include the page get 403.
"""

import pytest
from django.urls import reverse

from tests.conftest import ROLES

LOGIN = 302


def council_url(name):
    return lambda w: reverse(name, kwargs={"slug": w.council.slug})


def department_url(name, department="department_a"):
    return lambda w: reverse(name, kwargs={"slug": w.council.slug, "pk": getattr(w, department).pk})


#         anonymous outsider member liaison_a liaison_b secretary chair admin
MATRIX = [
    ("home", lambda w: reverse("council:home"), [LOGIN, 200, 200, 200, 200, 200, 200, 200]),
    ("council", council_url("council:council-detail"), [LOGIN, 404, 200, 200, 200, 200, 200, 200]),
    ("members", council_url("council:member-list"), [LOGIN, 404, 403, 403, 403, 200, 200, 200]),
    ("invite", council_url("council:member-invite"), [LOGIN, 404, 403, 403, 403, 403, 403, 200]),
    ("departments", council_url("departments:department-list"), [LOGIN, 404, 200, 200, 200, 200, 200, 200]),
    ("department", department_url("departments:department-detail"), [LOGIN, 404, 200, 200, 403, 200, 200, 200]),
    ("department-new", council_url("departments:department-create"), [LOGIN, 404, 403, 403, 403, 403, 403, 200]),
    ("department-edit", department_url("departments:department-edit"), [LOGIN, 404, 403, 403, 403, 403, 403, 200]),
    (
        "department of another council",
        department_url("departments:department-detail", "other_department"),
        [LOGIN, 404, 404, 404, 404, 404, 404, 404],
    ),
    ("admin", lambda w: reverse("admin:index"), [LOGIN, 403, 403, 403, 403, 403, 403, 200]),
    ("bad invitation", lambda w: reverse("council:invitation-accept", args=["x"]), [404] * 8),
    ("health", lambda w: reverse("healthz"), [200] * 8),
]


@pytest.mark.parametrize(("label", "url", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_it_gives_each_role_the_right_status(world, login, label, url, expected):
    path = url(world)
    for role, status in zip(ROLES, expected, strict=True):
        response = login(world.user(role)).get(path)
        assert response.status_code == status, f"{label} as {role}: {response.status_code}, expected {status}"
        if status == LOGIN:
            assert final_redirect(login(None), response).startswith(reverse("account_login"))


def final_redirect(client, response) -> str:
    """Where a chain of redirects ends (the admin's login sends on to allauth's)."""
    for _hop in range(5):
        if response.status_code != 302:
            break
        url = response.url
        response = client.get(url)
    return url
