from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from council.models import Department
from helpers.concurrency import Versioned


class SubmissionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for correction")


class Collection(models.Model):
    """What a council asks its departments for, by a deadline: a survey round or a reporting period.

    Subclasses add `council` and `departments` (with their own related names).
    """

    cache_scopes = {"submissions": "council_id"}

    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("period start"))
    ends_on = models.DateField(_("period end"))
    deadline = models.DateField(_("deadline"), help_text=_("Answers after this day are accepted and flagged late."))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Which reminders went out ("before", "after" → department ids), so a rerun never mails twice.
    reminders_sent = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        abstract = True
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @classmethod
    def submission_model(cls):
        return cls._meta.get_field("submissions").related_model

    def days_to_deadline(self, today) -> int:
        return (self.deadline - today).days


class Submission(Versioned):
    """One department's answer to a collection: draft → submitted, returned for correction → resubmitted.

    Subclasses add `department` and the link to their collection, exposed as `collection`.
    """

    cache_scopes = {"submissions": "department.council_id"}

    state = models.CharField(_("state"), max_length=16, choices=SubmissionState.choices, default=SubmissionState.DRAFT)
    late = models.BooleanField(_("late"), default=False, help_text=_("First submitted after the deadline."))
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)

    class Meta(Versioned.Meta):
        abstract = True

    @property
    def is_editable(self) -> bool:
        """A liaison may change it: a draft while the collection is open, or one returned for correction."""
        if self.state == SubmissionState.RETURNED:
            return True
        return self.state == SubmissionState.DRAFT and self.collection.is_open

    @property
    def is_submitted(self) -> bool:
        return self.state == SubmissionState.SUBMITTED


# ---------------------------------------------------------------- staffing-gap surveys

STAFF_FUNCTIONS = [
    ("spokesperson", _("Spokesperson")),
    ("writer", _("Writer / editor")),
    ("photographer", _("Photographer / videographer")),
    ("social_media", _("Social media")),
    ("graphic_design", _("Graphic design")),
]


class Equipment(models.TextChoices):
    CAMERA = "camera", _("Camera")
    COMPUTER = "computer", _("Computer")
    SOFTWARE = "software", _("Software")
    VEHICLE = "vehicle", _("Vehicle")
    INTERNET = "internet", _("Internet")


class SurveyRound(Collection):
    """A staffing-gap survey the secretary opens for some or all of the council's departments."""

    council = models.ForeignKey(
        "council.Council", on_delete=models.CASCADE, related_name="survey_rounds", verbose_name=_("council")
    )
    departments = models.ManyToManyField(Department, related_name="survey_rounds", verbose_name=_("departments"))

    link = "round"  # the submission's field pointing here
    department_relation = "survey_rounds"

    class Meta(Collection.Meta):
        verbose_name = _("staffing-gap survey round")
        verbose_name_plural = _("staffing-gap survey rounds")


class SurveyQuestion(models.Model):
    """An extra question the secretary adds to one round."""

    cache_scopes = {"submissions": "round.council_id"}

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        NUMBER = "number", _("Number")
        YES_NO = "yes_no", _("Yes / no")
        CHOICE = "choice", _("Choice")

    round = models.ForeignKey(
        SurveyRound, on_delete=models.CASCADE, related_name="questions", verbose_name=_("survey round")
    )
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind of answer"), max_length=16, choices=Kind.choices, default=Kind.TEXT)
    choices = models.TextField(_("choices"), blank=True, help_text=_("For a choice question: one choice per line."))
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("extra question")
        verbose_name_plural = _("extra questions")

    def __str__(self) -> str:
        return self.text

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


def count_field(label):
    return models.PositiveIntegerField(label, null=True, blank=True)


class SurveyResponse(Submission):
    """A department's answer to a staffing-gap survey round."""

    round = models.ForeignKey(
        SurveyRound, on_delete=models.CASCADE, related_name="submissions", verbose_name=_("survey round")
    )
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="survey_responses", verbose_name=_("department")
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("previous answer"),
    )
    has_pr_unit = models.BooleanField(_("PR unit in the org chart"), null=True, blank=True)
    approved_positions = count_field(_("approved PR positions"))
    filled_positions = count_field(_("filled PR positions"))
    positions_note = models.TextField(
        _("note on positions"), blank=True, help_text=_("Needed when more positions are filled than approved.")
    )
    staff_spokesperson = count_field(_("spokesperson: staff"))
    needed_spokesperson = count_field(_("spokesperson: needed"))
    staff_writer = count_field(_("writer / editor: staff"))
    needed_writer = count_field(_("writer / editor: needed"))
    staff_photographer = count_field(_("photographer / videographer: staff"))
    needed_photographer = count_field(_("photographer / videographer: needed"))
    staff_social_media = count_field(_("social media: staff"))
    needed_social_media = count_field(_("social media: needed"))
    staff_graphic_design = count_field(_("graphic design: staff"))
    needed_graphic_design = count_field(_("graphic design: needed"))
    missing_equipment = models.JSONField(_("missing equipment"), default=list, blank=True)
    equipment_notes = models.TextField(_("other equipment shortages"), blank=True)
    annual_budget = models.PositiveBigIntegerField(
        _("annual PR budget"), null=True, blank=True, help_text=_("In the council's currency.")
    )
    training_needs = models.TextField(_("training needs"), blank=True)
    comments = models.TextField(_("comments"), blank=True)
    extra_answers = models.JSONField(_("answers to extra questions"), default=dict, blank=True)
    history = HistoricalRecords(excluded_fields=["version", "updated_at"])

    class Meta(Submission.Meta):
        verbose_name = _("staffing-gap survey answer")
        verbose_name_plural = _("staffing-gap survey answers")
        constraints = [models.UniqueConstraint(fields=["round", "department"], name="one_response_per_department")]

    def __str__(self) -> str:
        return f"{self.round} · {self.department}"

    @property
    def collection(self) -> SurveyRound:
        return self.round

    @property
    def vacant_positions(self) -> int:
        return max((self.approved_positions or 0) - (self.filled_positions or 0), 0)

    def shortfall(self, function: str) -> int:
        staff, needed = getattr(self, f"staff_{function}"), getattr(self, f"needed_{function}")
        return max((needed or 0) - (staff or 0), 0)

    @property
    def total_shortfall(self) -> int:
        return sum(self.shortfall(function) for function, _label in STAFF_FUNCTIONS)


# ---------------------------------------------------------------- periodic activity reports


class ActivityPeriod(Collection):
    """A reporting period (e.g. a month) for which every department reports its information work."""

    council = models.ForeignKey(
        "council.Council", on_delete=models.CASCADE, related_name="activity_periods", verbose_name=_("council")
    )
    departments = models.ManyToManyField(Department, related_name="activity_periods", verbose_name=_("departments"))

    link = "period"
    department_relation = "activity_periods"

    class Meta(Collection.Meta):
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")


CHANNELS = [
    ("press_releases", _("Press releases")),
    ("news_published", _("News published")),
    ("interviews", _("Interviews")),
    ("press_conferences", _("Press conferences")),
    ("social_posts", _("Social-media posts")),
    ("events_covered", _("Events covered")),
    ("enquiries_answered", _("Public enquiries answered")),
]


class ActivityReport(Submission):
    """A department's public-information work in one reporting period."""

    period = models.ForeignKey(
        ActivityPeriod, on_delete=models.CASCADE, related_name="submissions", verbose_name=_("period")
    )
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="activity_reports", verbose_name=_("department")
    )
    press_releases = count_field(_("press releases"))
    news_published = count_field(_("news published"))
    interviews = count_field(_("interviews"))
    press_conferences = count_field(_("press conferences"))
    social_posts = count_field(_("social-media posts"))
    events_covered = count_field(_("events covered"))
    enquiries_answered = count_field(_("public enquiries answered"))
    links = models.TextField(_("links"), blank=True, help_text=_("One web address per line."))
    highlights = models.TextField(_("highlights"), blank=True)
    obstacles = models.TextField(_("obstacles met"), blank=True)
    history = HistoricalRecords(excluded_fields=["version", "updated_at"])

    class Meta(Submission.Meta):
        verbose_name = _("activity report")
        verbose_name_plural = _("activity reports")
        constraints = [models.UniqueConstraint(fields=["period", "department"], name="one_report_per_department")]

    def __str__(self) -> str:
        return f"{self.period} · {self.department}"

    @property
    def collection(self) -> ActivityPeriod:
        return self.period

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    @property
    def channel_values(self) -> list[int | None]:
        return [getattr(self, channel) for channel, _label in CHANNELS]

    @property
    def total(self) -> int:
        return sum(value or 0 for value in self.channel_values)


# ---------------------------------------------------------------- training


class Gap(models.TextChoices):
    """The survey gap a training course answers."""

    SPOKESPERSON = "spokesperson", _("Spokesperson")
    WRITER = "writer", _("Writer / editor")
    PHOTOGRAPHER = "photographer", _("Photographer / videographer")
    SOCIAL_MEDIA = "social_media", _("Social media")
    GRAPHIC_DESIGN = "graphic_design", _("Graphic design")
    EQUIPMENT = "equipment", _("Equipment and software")
    OTHER = "other", _("Other")


class TrainingCourse(Versioned):
    """A course the council runs, made from one or more departments' proposals."""

    cache_scopes = {}  # shown on no cached read

    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    council = models.ForeignKey(
        "council.Council", on_delete=models.CASCADE, related_name="training_courses", verbose_name=_("council")
    )
    title = models.CharField(_("title"), max_length=200)
    gap = models.CharField(_("gap it answers"), max_length=32, choices=Gap.choices, default=Gap.OTHER)
    audience = models.CharField(_("target audience"), max_length=200, blank=True)
    trainer = models.CharField(_("trainer or provider"), max_length=200, blank=True)
    duration_hours = models.PositiveIntegerField(_("duration (hours)"), null=True, blank=True)
    estimated_cost = models.PositiveBigIntegerField(_("estimated cost"), null=True, blank=True)
    starts_on = models.DateField(_("date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.PLANNED)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta(Versioned.Meta):
        ordering = ["starts_on", "pk"]
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")

    def __str__(self) -> str:
        return self.title


class TrainingProposal(Versioned):
    """A department's proposal for a training course."""

    cache_scopes = {}  # shown on no cached read

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Awaiting review")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    class Priority(models.IntegerChoices):
        HIGH = 1, _("High")
        MEDIUM = 2, _("Medium")
        LOW = 3, _("Low")

    council = models.ForeignKey(
        "council.Council", on_delete=models.CASCADE, related_name="training_proposals", verbose_name=_("council")
    )
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="training_proposals", verbose_name=_("department")
    )
    topic = models.CharField(_("topic"), max_length=200)
    audience = models.CharField(_("target audience"), max_length=200)
    expected_participants = models.PositiveIntegerField(_("expected participants"))
    duration_hours = models.PositiveIntegerField(_("duration (hours)"))
    trainer = models.CharField(_("proposed trainer or provider"), max_length=200, blank=True)
    estimated_cost = models.PositiveBigIntegerField(
        _("estimated cost"), null=True, blank=True, help_text=_("In the council's currency.")
    )
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices, default=Priority.MEDIUM)
    gap = models.CharField(_("gap it answers"), max_length=32, choices=Gap.choices)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.PROPOSED)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    course = models.ForeignKey(
        TrainingCourse,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("course"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("proposed by")
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta(Versioned.Meta):
        ordering = ["-created_at", "-pk"]
        verbose_name = _("training proposal")
        verbose_name_plural = _("training proposals")

    def __str__(self) -> str:
        return self.topic


class Enrolment(models.Model):
    """A member of a department's staff enrolled in a course, and whether they attended."""

    cache_scopes = {}  # shown on no cached read

    course = models.ForeignKey(
        TrainingCourse, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("course")
    )
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("department")
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("enrolled by")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["department__name", "name"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")

    def __str__(self) -> str:
        return self.name
