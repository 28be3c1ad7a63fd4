from io import StringIO

from django.core.management import call_command

from council.models import Council, Membership, Role, User
from departments.models import Department


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_it_creates_both_demo_councils_with_their_people(db):
    output = seed("--password", "s3cret-demo")
    pardis = Council.objects.get(slug="pardis")
    gjilan = Council.objects.get(slug="gjilan")
    assert (pardis.language, pardis.calendar, pardis.time_zone) == ("fa", "jalali", "Asia/Tehran")
    assert (gjilan.language, gjilan.calendar, gjilan.time_zone) == ("sq", "gregorian", "Europe/Belgrade")
    assert pardis.departments.count() >= 10
    assert Membership.objects.get(council=pardis, role=Role.CHAIR).user.username == "pardis.chair"
    for department in Department.objects.all():
        assert department.liaisons.filter(role=Role.LIAISON).count() == 1
    assert "pardis.chair" in output and "gjilan.secretary" in output and "admin" in output
    assert User.objects.get(username="gjilan.zip").check_password("s3cret-demo")


def test_it_is_idempotent(db):
    seed()
    counts = (Council.objects.count(), Department.objects.count(), User.objects.count(), Membership.objects.count())
    seed()
    assert counts == (
        Council.objects.count(),
        Department.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
    )


def test_if_empty_leaves_existing_data_alone(db):
    Council.objects.create(name="Existing", slug="existing")
    assert "left as it is" in seed("--if-empty")
    assert not Council.objects.filter(slug="pardis").exists()
