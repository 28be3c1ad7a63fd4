import hashlib
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from council.models import ChoiceLabels
from council.versions import LanguageVersion, OfficialLanguages
from helpers.concurrency import Versioned
from helpers.files import ATTACHMENT_EXTENSIONS, IMAGE_EXTENSIONS, UploadValidator
from helpers.l10n.digits import localize_digits
from helpers.storage import private_storage


class SearchWords(SearchVector):
    """The words of some columns, kept by PostgreSQL in a stored column so that a search does not parse every
    row again. SQLite has no full-text type: there the column stays empty and the portal matches substrings."""

    def __init__(self, *columns):
        super().__init__(*columns, config="simple")

    def as_sqlite(self, compiler, connection, **extra_context):
        return "NULL", []


def search_words(*columns):
    return models.GeneratedField(
        expression=SearchWords(*columns), output_field=SearchVectorField(null=True), db_persist=True
    )


class InvalidTransition(Exception):
    """A meeting was asked to move to a state its current state does not lead to."""


class Meeting(Versioned):
    """A council meeting, from its draft agenda to its published minutes."""

    cache_scopes = {"meeting": "pk", "meetings": "council_id"}

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        AGENDA_PUBLISHED = "agenda_published", _("Agenda published")
        HELD = "held", _("Held")
        MINUTES_DRAFTED = "minutes_drafted", _("Minutes drafted")
        MINUTES_APPROVED = "minutes_approved", _("Minutes approved")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    # The only moves a meeting can make (DESIGN.md section 3).
    TRANSITIONS = {
        State.DRAFT: {State.AGENDA_PUBLISHED, State.CANCELLED},
        State.AGENDA_PUBLISHED: {State.HELD, State.CANCELLED},
        State.HELD: {State.MINUTES_DRAFTED},
        State.MINUTES_DRAFTED: {State.MINUTES_APPROVED, State.HELD},
        State.MINUTES_APPROVED: {State.PUBLISHED},
        State.PUBLISHED: set(),
        State.CANCELLED: set(),
    }

    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="meetings")
    year = models.PositiveIntegerField(_("year"), help_text=_("In the council's calendar."))
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"), default=90, validators=[MinValueValidator(15), MaxValueValidator(600)]
    )
    place = models.CharField(_("place"), max_length=300)
    stream_url = models.URLField(_("online or stream link"), blank=True)
    state = models.CharField(_("state"), max_length=24, choices=State.choices, default=State.DRAFT)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    # Who chairs: the council's chair unless a deputy stands in; correctable until the minutes are approved.
    chaired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chaired by"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    ical_sequence = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    agenda_published_at = models.DateTimeField(null=True, blank=True)
    minutes_approved_at = models.DateTimeField(null=True, blank=True)
    minutes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta(Versioned.Meta):
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [models.UniqueConstraint(fields=["council", "year", "number"], name="meeting_number_per_year")]
        indexes = [models.Index(fields=["council", "state", "starts_at"])]

    @property
    def name(self) -> str:
        """ "Meeting 7 of 1405" in the active language and its digits (what meetings/_meeting_name.html writes)."""
        language = translation.get_language()
        return gettext("Meeting %(number)s of %(year)s") % {
            "number": localize_digits(str(self.number), language),
            "year": localize_digits(str(self.year), language),
        }

    def __str__(self) -> str:
        return f"{self.number}/{self.year} {self.title}".strip()

    @property
    def ends_at(self):
        return self.starts_at + timezone.timedelta(minutes=self.duration_minutes)

    def can_move_to(self, state: str) -> bool:
        return state in self.TRANSITIONS[self.State(self.state)]

    def ensure_can_move_to(self, state: str) -> None:
        if not self.can_move_to(state):
            raise InvalidTransition(
                _("A meeting that is “%(current)s” cannot become “%(target)s”.")
                % {"current": self.get_state_display(), "target": self.State(state).label}
            )

    @property
    def agenda_is_editable(self) -> bool:
        return self.state in (self.State.DRAFT, self.State.AGENDA_PUBLISHED)

    @property
    def minutes_are_editable(self) -> bool:
        return self.state in (self.State.HELD, self.State.MINUTES_DRAFTED)

    @property
    def minutes_are_frozen(self) -> bool:
        return self.state in (self.State.MINUTES_APPROVED, self.State.PUBLISHED)

    @property
    def has_been_held(self) -> bool:
        return self.state not in (self.State.DRAFT, self.State.AGENDA_PUBLISHED, self.State.CANCELLED)

    @property
    def can_be_marked_held(self) -> bool:
        return self.state == self.State.AGENDA_PUBLISHED and self.starts_at <= timezone.now()


class AgendaItem(Versioned):
    """One item on a meeting's agenda, with the minutes of its discussion."""

    cache_scopes = {"meeting": "meeting_id"}

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Regular item")
        FOLLOW_UP = "follow_up", _("Follow-up of open action items")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.REGULAR)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    presenter = models.ForeignKey(
        "council.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("presenting department"),
    )
    minutes_allotted = models.PositiveIntegerField(
        _("minutes allotted"), default=10, validators=[MinValueValidator(1), MaxValueValidator(480)]
    )
    discussion = models.TextField(_("discussion summary"), blank=True)
    search = search_words("title", "discussion")
    history = HistoricalRecords(excluded_fields=["search", "version"])

    class Meta(Versioned.Meta):
        ordering = ["position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title


class AgendaAttachment(models.Model):
    """A document attached to an agenda item."""

    cache_scopes = {"meeting": "item.meeting_id"}

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(
        _("file"),
        upload_to="agenda/%Y/%m/",
        storage=private_storage,
        validators=[UploadValidator(*ATTACHMENT_EXTENSIONS)],
    )
    name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name

    @property
    def extension(self) -> str:
        return Path(self.name).suffix.lstrip(".").lower()


class AgendaProposal(models.Model):
    """An item a member or liaison asks the chair to put on a meeting's agenda."""

    cache_scopes = {"meeting": "meeting_id", "meetings": "meeting.council_id"}

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting the chair")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="proposals")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    department = models.ForeignKey(
        "council.Department", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    decline_reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    agenda_item = models.OneToOneField(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["proposed_at"]
        verbose_name = _("agenda proposal")
        verbose_name_plural = _("agenda proposals")

    def __str__(self) -> str:
        return self.title


class Attendance(ChoiceLabels):
    """A council member's invitation to a meeting: their reply, and whether they came."""

    cache_scopes = {"meeting": "meeting_id", "replies": "membership_id"}

    class Reply(models.TextChoices):
        NONE = "", _("No reply yet")
        ATTENDING = "attending", _("Attending")
        NOT_ATTENDING = "not_attending", _("Not attending")
        DELEGATE = "delegate", _("Sending a delegate")

    class Status(models.TextChoices):
        UNKNOWN = "", _("Not recorded")
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")
        DELEGATE = "delegate", _("Delegate")

    class Mail(models.TextChoices):
        NOT_SENT = "", _("Not sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    membership = models.ForeignKey("council.Membership", on_delete=models.CASCADE, related_name="attendances")
    reply = models.CharField(_("reply"), max_length=16, choices=Reply.choices, blank=True)
    reply_delegate = models.CharField(_("delegate's name"), max_length=200, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(_("attendance"), max_length=16, choices=Status.choices, blank=True)
    delegate_name = models.CharField(_("delegate's name"), max_length=200, blank=True)
    mail_status = models.CharField(max_length=8, choices=Mail.choices, blank=True)
    # In the reply link: raised whenever the invitation is sent again, so the links of earlier e-mails stop working.
    token_version = models.PositiveIntegerField(default=0)
    mail_error = models.CharField(max_length=300, blank=True)
    mail_attempts = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["membership__role", "membership__department__name", "pk"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["meeting", "membership"], name="one_attendance_per_member")]

    def __str__(self) -> str:
        return f"{self.membership} @ {self.meeting}"

    @property
    def counts_towards_quorum(self) -> bool:
        return self.status in QUORUM_STATUSES


QUORUM_STATUSES = (Attendance.Status.PRESENT, Attendance.Status.DELEGATE)


def attendance_state(attendances) -> str:
    """A short fingerprint of what attendance rows record (who came, which delegate), not of the replies: an
    attendance form carries the one it was opened on, and a save is refused if the rows have changed since."""
    recorded = sorted((a.pk, a.status, a.delegate_name) for a in attendances)
    return hashlib.sha256(repr(recorded).encode()).hexdigest()[:16]


class Decision(Versioned):
    """A decision taken on an agenda item; numbered per council and year once the minutes are approved."""

    cache_scopes = {"meeting": "item.meeting_id", "follow-up": "council_id"}

    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="decisions")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    position = models.PositiveIntegerField(default=0)
    year = models.PositiveIntegerField(null=True, blank=True)
    number = models.PositiveIntegerField(null=True, blank=True)
    text = models.TextField(_("decision"))
    departments = models.ManyToManyField(
        "council.Department", blank=True, related_name="decisions", verbose_name=_("responsible departments")
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    search = search_words("text")
    history = HistoricalRecords(m2m_fields=[departments], excluded_fields=["search", "version"])

    class Meta(Versioned.Meta):
        ordering = ["item__position", "position", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year", "number"], condition=models.Q(number__isnull=False), name="decision_number"
            )
        ]

    def __str__(self) -> str:
        return self.reference or self.text[:60]

    @property
    def reference(self) -> str:
        """'1405/07' — year in the council's calendar and number; empty until the minutes are approved."""
        return f"{self.year}/{self.number:02d}" if self.number else ""


class ActionItem(ChoiceLabels):
    """What one department must do about one decision, followed up until the chair accepts it as done."""

    cache_scopes = {"follow-up": "council_id"}

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE_PROPOSED = "done_proposed", _("Reported done")
        DONE = "done", _("Done")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS, Status.DONE_PROPOSED)

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="action_items")
    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="action_items")
    department = models.ForeignKey("council.Department", on_delete=models.CASCADE, related_name="action_items")
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_update_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        constraints = [models.UniqueConstraint(fields=["decision", "department"], name="one_action_per_department")]
        indexes = [
            models.Index(fields=["council", "status", "due_date"]),
            models.Index(fields=["department", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.decision} · {self.department}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_date is not None and self.due_date < today


class ProgressUpdate(models.Model):
    """A department's report on an action item."""

    cache_scopes = {"follow-up": "action_item.council_id"}

    action_item = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("progress"))
    attachment = models.FileField(
        _("attachment"),
        upload_to="progress/%Y/%m/",
        storage=private_storage,
        blank=True,
        validators=[UploadValidator(*ATTACHMENT_EXTENSIONS)],
    )
    proposes_done = models.BooleanField(_("we consider this done"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self) -> str:
        return self.text[:60]


class Amendment(models.Model):
    """A recorded correction to approved minutes: what changed, from what, why, by whom, when."""

    cache_scopes = {"meeting": "meeting_id"}

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="amendments")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    old_text = models.TextField()
    new_text = models.TextField()
    reason = models.TextField(_("reason for the correction"))
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["made_at"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")

    def __str__(self) -> str:
        return f"{self.meeting} · {self.made_at:%Y-%m-%d}"


class Statement(OfficialLanguages, Versioned):
    """A press statement after a meeting: drafted by the secretary, approved and published by the chair."""

    cache_scopes = {}  # shown on no cached read

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")

    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="statements")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="statements", verbose_name=_("meeting")
    )
    title = models.CharField(_("title"), max_length=250)
    body = models.TextField(_("text"))
    photo = models.ImageField(
        _("photo"),
        upload_to="statements/%Y/%m/",
        storage=private_storage,
        blank=True,
        validators=[UploadValidator(*IMAGE_EXTENSIONS, max_mb=8)],
    )
    decisions = models.ManyToManyField(
        Decision, blank=True, related_name="statements", verbose_name=_("decisions covered")
    )
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.DRAFT)
    published_at = models.DateTimeField(
        _("published"), null=True, blank=True, help_text=_("Or a later time: the embargo.")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    missing_versions_allowed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published without every language by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[decisions], excluded_fields=["version"])

    class Meta(Versioned.Meta):
        ordering = ["-created_at"]
        verbose_name = _("press statement")
        verbose_name_plural = _("press statements")
        indexes = [models.Index(fields=["council", "state", "published_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return (
            self.state == self.State.PUBLISHED and self.published_at is not None and self.published_at <= timezone.now()
        )


class StatementVersion(LanguageVersion):
    """A statement in another of the council's official languages."""

    cache_scopes = {}  # shown on no cached read

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="versions")
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta(LanguageVersion.Meta):
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        constraints = [
            models.UniqueConstraint(fields=["statement", "language"], name="one_statement_version_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.statement} ({self.language})"


class Notification(models.Model):
    """An e-mail telling one person that something waits for them, written with the change that calls for it.

    Written in the same transaction as that change (which checks its state under a lock), so a second click
    writes none; the task sends only the rows not yet sent, so a retry mails nobody twice.
    """

    cache_scopes = {}  # shown on no cached read

    class Kind(models.TextChoices):
        MINUTES_TO_APPROVE = "minutes_to_approve", _("Minutes awaiting approval")
        NEW_ACTION_ITEMS = "new_action_items", _("New action items")
        REPORTED_DONE = "reported_done", _("Action item reported done")

    kind = models.CharField(max_length=24, choices=Kind.choices)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    department = models.ForeignKey(
        "council.Department", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    action_item = models.ForeignKey(ActionItem, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    progress = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification e-mail")
        verbose_name_plural = _("notification e-mails")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient}"
