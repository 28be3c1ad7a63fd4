"""factory_boy factories: one per model."""

from datetime import date, timedelta

import factory
from django.utils import timezone

from acts.models import Act, ActType
from council.models import Council, Department, Invitation, Membership, Role, User
from departments.models import (
    ActivityPeriod,
    ActivityReport,
    Gap,
    SubmissionState,
    SurveyResponse,
    SurveyRound,
    TrainingCourse,
    TrainingProposal,
)
from elections.models import ChecklistTemplate, ElectionPeriod
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
from portal.models import DocumentRequest


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


class SurveyRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyRound
        skip_postgeneration_save = True

    council = factory.SubFactory(CouncilFactory)
    title = factory.Sequence(lambda n: f"Survey round {n}")
    starts_on = factory.LazyFunction(lambda: date.today() - timedelta(days=30))
    ends_on = factory.LazyFunction(date.today)
    deadline = factory.LazyFunction(lambda: date.today() + timedelta(days=10))

    @factory.post_generation
    def departments(self, create, extracted, **kwargs):
        """Every department of the council is asked unless a list is given."""
        if create:
            self.departments.set(extracted if extracted is not None else self.council.departments.all())


class ActivityPeriodFactory(SurveyRoundFactory):
    class Meta:
        model = ActivityPeriod
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Period {n}")


class SurveyResponseFactory(factory.django.DjangoModelFactory):
    """A complete, submitted answer: 1 approved and 1 filled position, one of each function needed, none on staff."""

    class Meta:
        model = SurveyResponse

    round = factory.SubFactory(SurveyRoundFactory)
    department = factory.SubFactory(DepartmentFactory, council=factory.SelfAttribute("..round.council"))
    state = SubmissionState.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)
    has_pr_unit = True
    approved_positions = 1
    filled_positions = 1
    staff_spokesperson = 0
    needed_spokesperson = 1
    staff_writer = 0
    needed_writer = 1
    staff_photographer = 0
    needed_photographer = 1
    staff_social_media = 0
    needed_social_media = 1
    staff_graphic_design = 0
    needed_graphic_design = 1
    annual_budget = 1000


class ActivityReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityReport

    period = factory.SubFactory(ActivityPeriodFactory)
    department = factory.SubFactory(DepartmentFactory, council=factory.SelfAttribute("..period.council"))
    state = SubmissionState.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)
    press_releases = 1
    news_published = 2
    interviews = 0
    press_conferences = 0
    social_posts = 5
    events_covered = 1
    enquiries_answered = 3


class TrainingProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingProposal

    department = factory.SubFactory(DepartmentFactory)
    council = factory.SelfAttribute("department.council")
    topic = "Photography for news"
    audience = "PR staff"
    expected_participants = 3
    duration_hours = 8
    gap = Gap.PHOTOGRAPHER
    proposed_by = factory.SubFactory(UserFactory)


class TrainingCourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingCourse

    council = factory.SubFactory(CouncilFactory)
    title = "Photography for news"
    gap = Gap.PHOTOGRAPHER


class ChecklistTemplateFactory(factory.django.DjangoModelFactory):
    """A three-item checklist in two sections; the second item needs evidence."""

    class Meta:
        model = ChecklistTemplate
        skip_postgeneration_save = True

    name = "Neutrality checklist"
    language = "en"

    @factory.post_generation
    def items(self, create, extracted, **kwargs):
        if create:
            for order, (section, text, evidence) in enumerate(
                [
                    ("Public resources", "No department vehicle was used for a candidate.", False),
                    ("Public resources", "Halls were granted to all candidates by the same written rule.", True),
                    ("Official channels", "Official channels published no campaign content.", False),
                ]
            ):
                self.items.create(section=section, text=text, evidence_required=evidence, order=order)


class ElectionPeriodFactory(factory.django.DjangoModelFactory):
    """Campaign from 10 days ago to results in 8 days, weekly: cycle 1 past its deadline, 2 running, 3 ahead."""

    class Meta:
        model = ElectionPeriod

    council = factory.SubFactory(CouncilFactory)
    name = "Local elections"
    announced_on = factory.LazyFunction(lambda: date.today() - timedelta(days=60))
    registration_starts_on = factory.LazyFunction(lambda: date.today() - timedelta(days=30))
    campaign_starts_on = factory.LazyFunction(lambda: date.today() - timedelta(days=10))
    campaign_ends_on = factory.LazyFunction(lambda: date.today() + timedelta(days=5))
    election_day = factory.LazyFunction(lambda: date.today() + timedelta(days=6))
    results_on = factory.LazyFunction(lambda: date.today() + timedelta(days=8))
    cadence_days = 7
    template = factory.SubFactory(ChecklistTemplateFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from elections.services import election_period_create

        return election_period_create(**kwargs)


class DocumentRequestFactory(factory.django.DjangoModelFactory):
    """A citizen's request, just received, due today."""

    class Meta:
        model = DocumentRequest

    council = factory.SubFactory(CouncilFactory)
    tracking_code = factory.Sequence(lambda n: f"T{n:09d}")
    name = "n"
    contact = "c"
    text = "t"
    deadline = factory.LazyFunction(timezone.localdate)


class ActTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActType

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Decision of the assembly {n}")
    publish_within_days = 7
    in_force_after_days = 15


class ActFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Act

    type = factory.SubFactory(ActTypeFactory)
    council = factory.LazyAttribute(lambda a: a.type.council)
    title = factory.Sequence(lambda n: f"Regulation on public information {n}")
    body = "Article 1. The office publishes every act."
