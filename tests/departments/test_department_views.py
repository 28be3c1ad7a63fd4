import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from council.models import Department, Role
from helpers.caching import council_changed
from tests.factories import DepartmentFactory, MembershipFactory


def list_url(world):
    return reverse("departments:department-list", kwargs={"slug": world.council.slug})


def edit_url(world, department):
    return reverse("departments:department-edit", kwargs={"slug": world.council.slug, "pk": department.pk})


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_shows_which_departments_lack_a_pr_unit(client, world):
    world.department_a.has_pr_unit = True
    world.department_a.save()
    client.force_login(world.chair)
    body = client.get(list_url(world)).content.decode()
    assert "Education" in body and "Health" in body
    assert "Water" not in body  # another council's
    assert "1 department has no PR position" in body


def test_a_liaison_sees_the_directory_but_can_open_only_their_own_department(client, world):
    client.force_login(world.liaison_a)
    body = client.get(list_url(world)).content.decode()
    detail_a = reverse("departments:department-detail", args=[world.council.slug, world.department_a.pk])
    detail_b = reverse("departments:department-detail", args=[world.council.slug, world.department_b.pk])
    assert detail_a in body
    assert detail_b not in body


@pytest.mark.parametrize("role", ["chair", "liaison_a", "admin"])
def test_the_list_query_count_does_not_grow_with_departments(client, world, role):
    client.force_login(getattr(world, role))
    few = count_queries(client, list_url(world))
    for _ in range(40):
        DepartmentFactory(council=world.council)
    assert count_queries(client, list_url(world)) == few


def test_the_detail_query_count_does_not_grow_with_liaisons(client, world):
    client.force_login(world.chair)
    url = reverse("departments:department-detail", args=[world.council.slug, world.department_a.pk])
    few = count_queries(client, url)
    for _ in range(20):
        MembershipFactory(council=world.council, role=Role.LIAISON, department=world.department_a)
    assert count_queries(client, url) == few


def test_the_member_list_and_home_query_counts_do_not_grow(client, world):
    client.force_login(world.secretary)
    members = reverse("council:member-list", kwargs={"slug": world.council.slug})
    home = reverse("home:home")
    client.get(home)  # the first read ever of a scope also stores its generation …
    council_changed(world.council.pk)  # … and both counts are of a first visit (new members drop the council's reads)
    few_members, few_home = count_queries(client, members), count_queries(client, home)
    for _ in range(30):
        MembershipFactory(council=world.council, role=Role.LIAISON, department=world.department_b)
    assert count_queries(client, members) == few_members
    assert count_queries(client, home) == few_home


def test_an_admin_adds_a_department(client, world):
    client.force_login(world.admin)
    url = reverse("departments:department-create", kwargs={"slug": world.council.slug})
    data = {"name": "Roads", "short_name": "RD", "head_name": "R. Head", "has_pr_unit": "on", "email": "r@x.org"}
    response = client.post(url, data)
    department = Department.objects.get(council=world.council, short_name="RD")
    assert response.url == reverse("departments:department-detail", args=[world.council.slug, department.pk])
    assert department.has_pr_unit


def test_a_duplicate_name_is_refused_and_nothing_typed_is_lost(client, world):
    client.force_login(world.admin)
    url = reverse("departments:department-create", kwargs={"slug": world.council.slug})
    response = client.post(url, {"name": "Education", "short_name": "EDU2", "phone": "021-7777"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "already exists" in body
    assert 'value="EDU2"' in body and 'value="021-7777"' in body
    assert Department.objects.filter(council=world.council).count() == 2


def test_the_same_name_may_exist_in_another_council(client, world):
    client.force_login(world.admin)
    url = reverse("departments:department-create", kwargs={"slug": world.council.slug})
    client.post(url, {"name": "Water", "short_name": "WAT"})
    assert Department.objects.filter(name="Water").count() == 2


def form_data(department, **changes):
    data = {
        "name": department.name,
        "short_name": department.short_name,
        "head_name": department.head_name,
        "email": department.email,
        "phone": department.phone,
        "address": department.address,
        "base_version": department.version,
    }
    return {**data, **changes}


def test_an_edit_saves_and_bumps_the_version(client, world):
    client.force_login(world.admin)
    department = world.department_a
    response = client.post(edit_url(world, department), form_data(department, head_name="New head"))
    assert response.status_code == 302
    department.refresh_from_db()
    assert (department.head_name, department.version) == ("New head", 2)


def test_a_concurrent_edit_is_refused_with_both_versions_shown(client, world):
    client.force_login(world.admin)
    department = world.department_a
    first = form_data(department, head_name="First editor's head")
    second = form_data(department, head_name="Second editor's head", phone="+383 44 111")
    assert client.post(edit_url(world, department), first).status_code == 302

    response = client.post(edit_url(world, department), second)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Someone else saved this while you were editing" in body
    assert "Second editor&#x27;s head" in body  # what the second editor typed, still in the form
    assert "First editor&#x27;s head" in body  # and the version saved meanwhile
    department.refresh_from_db()
    assert department.head_name == "First editor's head"

    # Saving again after seeing both versions is a deliberate overwrite, and it works.
    resubmit = form_data(department, head_name="Second editor's head")
    assert client.post(edit_url(world, department), resubmit).status_code == 302
    department.refresh_from_db()
    assert department.head_name == "Second editor's head"


def test_malformed_input_never_errors(client, world):
    client.force_login(world.admin)
    response = client.post(
        edit_url(world, world.department_a),
        {"name": "x" * 5000, "short_name": "", "email": "not-an-email", "base_version": "abc"},
    )
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()


def test_arabic_look_alike_letters_and_extra_spaces_do_not_make_a_new_name(client, world):
    world.department_a.name = "شهرداری پردیس"
    world.department_a.save()
    client.force_login(world.admin)
    url = reverse("departments:department-create", kwargs={"slug": world.council.slug})
    response = client.post(url, {"name": "  شهرداري   پرديس ", "short_name": "NEW"})
    assert response.status_code == 200
    assert "already exists" in response.content.decode()


def test_a_tampered_version_gets_a_visible_message(client, world):
    client.force_login(world.admin)
    department = world.department_a
    response = client.post(edit_url(world, department), form_data(department, base_version="abc"))
    assert response.status_code == 200
    assert "This page is out of date" in response.content.decode()


def test_the_breadcrumb_keeps_the_saved_name_when_the_input_is_refused(client, world):
    client.force_login(world.admin)
    department = world.department_a
    response = client.post(edit_url(world, department), form_data(department, short_name="HEA", name=""))
    assert response.status_code == 200
    assert '<li class="breadcrumb-item active" aria-current="page">EDU</li>' in response.content.decode()
