from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helpers.storage import private_storage


class DocumentQuerySet(models.QuerySet):
    def stalled(self):
        """Builds whose worker has not reported for DOCUMENT_HEARTBEAT_SECONDS: it was killed."""
        since = timezone.now() - timedelta(seconds=settings.DOCUMENT_HEARTBEAT_SECONDS)
        return self.filter(Q(heartbeat_at__lt=since) | Q(heartbeat_at=None), status=Document.Status.RUNNING)

    def claimable(self):
        """Builds a worker may take: waiting, failed (a retry), or stalled."""
        waiting = Q(status__in=[Document.Status.QUEUED, Document.Status.FAILED])
        return self.filter(waiting | Q(pk__in=self.stalled().values("pk")))


class Document(models.Model):
    """A generated PDF: who asked for what, from which version of the data, and how its build went."""

    cache_scopes = {}  # shown on no cached read

    class Kind(models.TextChoices):
        MINUTES = "minutes", _("Minutes")
        AGENDA = "agenda", _("Agenda and invitation")
        ATTENDANCE_SHEET = "attendance_sheet", _("Attendance sheet")
        FOLLOW_UP = "follow_up", _("Action-item follow-up report")
        GAP_SUMMARY = "gap_summary", _("Staffing-gap summary")
        COMPLIANCE_SUMMARY = "compliance_summary", _("Neutrality compliance summary")
        ACT = "act", _("Act")
        REQUEST_REPORT = "request_report", _("Yearly report on document requests")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being prepared")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="documents")
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, null=True, blank=True, related_name="documents"
    )
    department = models.ForeignKey(
        "council.Department",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("A follow-up report limited to one department (a liaison's)."),
    )
    survey_round = models.ForeignKey(
        "departments.SurveyRound", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    election_period = models.ForeignKey(
        "elections.ElectionPeriod", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    act = models.ForeignKey("acts.Act", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    year = models.PositiveIntegerField(null=True, blank=True, help_text=_("A yearly report's year."))
    kind = models.CharField(max_length=24, choices=Kind.choices)
    language = models.CharField(max_length=8)
    version = models.CharField(max_length=64, help_text=_("Fingerprint of the data the document shows."))
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(storage=private_storage, upload_to="documents/", blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)  # builds begun: the latest one owns the build
    heartbeat_at = models.DateTimeField(null=True, blank=True)  # when the build last reported progress
    error = models.CharField(max_length=500, blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["kind", "meeting", "language", "version"])]

    def __str__(self) -> str:
        subject = self.meeting or self.survey_round or self.election_period or self.act or self.council
        return f"{self.get_kind_display()} · {subject} · {self.language}"

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def filename(self) -> str:
        if self.meeting_id:
            where = f"{self.meeting.year}-{self.meeting.number}"
        else:
            subject = self.survey_round_id or self.election_period_id or self.act_id or self.year
            where = "-".join(str(part) for part in (self.council.slug, subject) if part)
        return f"{self.kind.replace('_', '-')}-{where}-{self.language}.pdf"
