from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.models import Council
from helpers.files import ATTACHMENT_EXTENSIONS, UploadValidator
from helpers.storage import private_storage


class DocumentRequest(models.Model):
    """A citizen's request for public documents, followed by a tracking code until answered or refused."""

    cache_scopes = {"requests": "council_id"}  # the yearly report's figures

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ASSIGNED = "assigned", _("Being handled")
        ANSWERED = "answered", _("Answered")
        REFUSED = "refused", _("Refused")
        TRANSFERRED = "transferred", _("Transferred")

    class Outcome(models.TextChoices):
        FULL = "full", _("Granted in full")
        PART = "part", _("Granted in part")

    class Ground(models.TextChoices):
        PRIVACY = "privacy", _("Personal data and privacy")
        SECURITY = "security", _("Public or national security")
        COMMERCIAL = "commercial", _("Commercial or economic interests")
        PROCEDURE = "procedure", _("An ongoing procedure or decision-making")
        OTHER = "other", _("Another ground the law gives")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="document_requests")
    tracking_code = models.CharField(_("tracking code"), max_length=16, unique=True)
    name = models.CharField(_("your name"), max_length=200)
    contact = models.CharField(_("e-mail or phone"), max_length=200)
    text = models.TextField(_("what you are requesting"), max_length=5000)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED)
    deadline = models.DateField(_("legal deadline"))
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    answer = models.TextField(_("answer"), blank=True)
    answer_file = models.FileField(
        _("answered documents"),
        upload_to="requests/%Y/%m/",
        storage=private_storage,
        blank=True,
        validators=[UploadValidator(*ATTACHMENT_EXTENSIONS)],
    )
    refusal_reason = models.TextField(_("legal reason for refusing"), blank=True)
    urgent = models.BooleanField(
        _("urgent"),
        default=False,
        help_text=_("The documents are needed to protect a person's life or liberty."),
    )
    language = models.CharField(_("language"), max_length=8, blank=True)  # the requester's, for their e-mails
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome.choices, blank=True)
    refusal_ground = models.CharField(_("ground for refusing"), max_length=16, choices=Ground.choices, blank=True)
    transferred_to = models.CharField(_("transferred to"), max_length=300, blank=True)
    extended = models.BooleanField(default=False)
    appealed_on = models.DateField(_("appealed on"), null=True, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("public document request")
        verbose_name_plural = _("public document requests")
        db_table = "council_documentrequest"  # its table from when it lived in the council app
        indexes = [models.Index(fields=["council", "status", "deadline"])]

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.RECEIVED, self.Status.ASSIGNED)

    def is_overdue(self, today) -> bool:
        return self.is_open and self.deadline < today


class RequestEvent(models.Model):
    """One step of a request, as the law counts it: when, by whom, under which article, and the deadline after it."""

    cache_scopes = {}  # shown on no cached read

    class Kind(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        ASSIGNED = "assigned", _("Assigned")
        EXTENDED = "extended", _("Deadline extended")
        TRANSFERRED = "transferred", _("Transferred")
        ANSWERED = "answered", _("Answered")
        REFUSED = "refused", _("Refused")
        APPEALED = "appealed", _("Appealed")

    request = models.ForeignKey(DocumentRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    article = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)
    deadline = models.DateField(null=True, blank=True)
    mailed_at = models.DateTimeField(null=True, blank=True)  # the requester told, for the steps they are told of

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("request step")
        verbose_name_plural = _("request steps")

    def __str__(self) -> str:
        return f"{self.request} · {self.get_kind_display()}"
