from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from council.models import Council
from helpers.files import ATTACHMENT_EXTENSIONS, UploadValidator
from helpers.storage import private_storage


class DocumentRequest(models.Model):
    """A citizen's request for public documents, followed by a tracking code until answered or refused."""

    cache_scopes = {}  # shown on no cached read

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ASSIGNED = "assigned", _("Being handled")
        ANSWERED = "answered", _("Answered")
        REFUSED = "refused", _("Refused")

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
