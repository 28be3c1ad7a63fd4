"""Row scoping: the one answer to which departments' rows each person sees, and the lists, exports and PDFs
that use it."""

import pytest
from django.urls import reverse

from council import permissions
from reports.models import Document
from tests.factories import TrainingProposalFactory


@pytest.mark.parametrize(
    ("role", "submissions", "department_work"),
    [
        ("admin", "all", "all"),
        ("chair", "all", "all"),
        ("secretary", "all", "all"),
        ("member", "none", "all"),
        ("liaison_a", "department_a", "department_a"),
        ("outsider", "none", "none"),
    ],
)
def test_each_role_sees_the_rows_of_section_2(world, role, submissions, department_work):
    def seen(scope):
        if scope.every:
            return "all"
        return "department_a" if scope.department == world.department_a else "none" if scope.department is None else "?"

    user = world.user(role)
    assert seen(permissions.row_scope(user, world.council)) == submissions
    assert seen(permissions.row_scope(user, world.council, sees_all=permissions.sees_every_department)) == (
        department_work
    )


def test_the_follow_up_export_holds_only_a_liaisons_own_department(client, world, meetings):
    url = reverse("meetings:action-list", args=[world.council.slug]) + "?export=csv"
    for person, sees in ((world.liaison_a, True), (world.liaison_b, False), (world.member, True)):
        client.force_login(person)
        export = client.get(url).content.decode("utf-8-sig")
        assert (world.department_a.name in export) == sees, person


def test_a_liaisons_follow_up_pdf_covers_their_own_department(client, world, meetings):
    url = reverse("reports:document-create", args=[world.council.slug])
    for person, department in ((world.liaison_b, world.department_b), (world.member, None), (world.secretary, None)):
        client.force_login(person)
        assert client.post(url, {"kind": Document.Kind.FOLLOW_UP, "language": "en"}).status_code == 302
        assert Document.objects.filter(kind=Document.Kind.FOLLOW_UP).latest("pk").department == department


def test_a_liaison_sees_only_their_own_departments_training_proposals(client, world):
    TrainingProposalFactory(department=world.department_a, topic="Drone filming")
    url = reverse("departments:training-list", args=[world.council.slug])
    for person, sees in ((world.liaison_a, True), (world.liaison_b, False), (world.secretary, True)):
        client.force_login(person)
        page = client.get(url).content.decode()
        assert ("Drone filming" in page) == sees, person
