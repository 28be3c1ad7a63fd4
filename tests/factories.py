"""factory_boy factories: one per model."""

from datetime import timedelta

import factory
from django.utils import timezone

from council.models import Council, Invitation, Membership, Role, User
from departments.models import Department
from meetings.models import (
    ActionItem,
    AgendaAttachment,
    AgendaItem,
    AgendaProposal,
    Amendment,
    Attendance,
    Decision,
    Meeting,
    ProgressUpdate,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council

    name = factory.Sequence(lambda n: f"Council {n}")
    slug = factory.Sequence(lambda n: f"council-{n}")
    language = "en"
    time_zone = "UTC"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Department {n}")
    short_name = factory.Sequence(lambda n: f"D{n}")
    head_name = factory.Faker("name")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    council = factory.SubFactory(CouncilFactory)
    role = Role.MEMBER


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    user = factory.SubFactory(UserFactory, password=None)
    invited_by = factory.SubFactory(UserFactory)
    created_at = factory.LazyFunction(timezone.now)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    council = factory.SubFactory(CouncilFactory)
    year = 2026
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Meeting {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    place = "Governorate hall"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Agenda item {n}")


class AgendaAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaAttachment

    item = factory.SubFactory(AgendaItemFactory)
    file = factory.django.FileField(filename="report.pdf", data=b"%PDF-1.4 demo")
    name = "report.pdf"
    size = 13


class AgendaProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaProposal

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Proposal {n}")
    proposed_by = factory.SubFactory(UserFactory)


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    membership = factory.SubFactory(MembershipFactory)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    item = factory.SubFactory(AgendaItemFactory)
    council = factory.LazyAttribute(lambda d: d.item.meeting.council)
    text = factory.Sequence(lambda n: f"Decision text {n}")


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    decision = factory.SubFactory(DecisionFactory)
    council = factory.LazyAttribute(lambda a: a.decision.council)
    department = factory.SubFactory(DepartmentFactory, council=factory.SelfAttribute("..council"))
    due_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    action_item = factory.SubFactory(ActionItemFactory)
    author = factory.SubFactory(UserFactory)
    text = "Progress report"


class AmendmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Amendment

    meeting = factory.SubFactory(MeetingFactory)
    old_text = "old"
    new_text = "new"
    reason = "typo"
