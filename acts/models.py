"""The register of the council's acts: what it adopted, when each was published and when it entered into force.

An act moves draft → approved (adopted, numbered per type and year) → published; it is in force from its date of
entry into force until a later act repealing it enters into force. Published acts are never edited in place: a
correction is a new act that amends them (DESIGN.md section 2)."""

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from council.versions import LanguageVersion, OfficialLanguages
from helpers.concurrency import Versioned
from helpers.files import ATTACHMENT_EXTENSIONS, UploadValidator
from helpers.l10n.calendars import add_days
from helpers.storage import private_storage
from meetings.models import search_words


class ActType(models.Model):
    """A kind of act the council registers (decision of the assembly, regulation, contract…), with its legal delays."""

    cache_scopes = {"acts": "council_id"}  # printed on its acts

    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="act_types")
    name = models.CharField(_("name"), max_length=120)
    publish_within_days = models.PositiveIntegerField(
        _("days to publish"),
        null=True,
        blank=True,
        help_text=_("Days from adoption by which the act must be published. Empty: no deadline."),
    )
    in_force_after_days = models.PositiveIntegerField(
        _("days to entry into force"),
        default=15,
        help_text=_("Days from publication to entry into force, unless the act says otherwise (Kosovo: 15)."),
    )
    is_contract = models.BooleanField(
        _("contract"), default=False, help_text=_("Acts of this type name a counterparty and a value.")
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("type of act")
        verbose_name_plural = _("types of act")
        constraints = [models.UniqueConstraint(fields=["council", "name"], name="act_type_name_per_council")]

    def __str__(self) -> str:
        return self.name


class ActQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=[Act.Status.PUBLISHED, Act.Status.REPEALED])

    def in_force_on(self, day: date):
        return self.public().filter(Q(in_force_on__lte=day), Q(repealed_on__isnull=True) | Q(repealed_on__gt=day))

    def overdue_on(self, day: date):
        """Approved, not yet published, and past their type's deadline for publication."""
        return self.filter(status=Act.Status.APPROVED, publish_by__lt=day)

    def due_by(self, day: date):
        """Approved, not yet published, to be published by that day at the latest (the overdue ones included)."""
        return self.filter(status=Act.Status.APPROVED, publish_by__lte=day)


STANDINGS = {
    "draft": _("Draft"),
    "approved": _("Approved, to be published"),
    "overdue": _("Overdue for publication"),
    "not_yet_in_force": _("Published, not yet in force"),
    "in_force": _("In force"),
    "repealed": _("Repealed"),
}


class Act(OfficialLanguages, Versioned):
    cache_scopes = {"acts": "council_id"}  # the card of acts due for publication, printed acts

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")
        REPEALED = "repealed", _("Repealed")

    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="acts")
    type = models.ForeignKey(ActType, on_delete=models.PROTECT, related_name="acts", verbose_name=_("type"))
    year = models.PositiveIntegerField(_("year"), null=True, blank=True, help_text=_("In the council's calendar."))
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    file = models.FileField(
        _("file"),
        upload_to="acts/%Y/",
        storage=private_storage,  # served by the portal once the act is published
        blank=True,
        validators=[UploadValidator(*ATTACHMENT_EXTENSIONS, max_mb=20)],
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    publish_by = models.DateField(_("to be published by"), null=True, blank=True, editable=False)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    in_force_on = models.DateField(
        _("enters into force on"),
        null=True,
        blank=True,
        help_text=_("Empty: the type's number of days after publication."),
    )
    repealed_on = models.DateField(_("repealed on"), null=True, blank=True, editable=False)
    reminded_on = models.DateField(null=True, blank=True, editable=False)  # the office's last reminder to publish
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    decisions = models.ManyToManyField(
        "meetings.Decision", blank=True, related_name="acts", verbose_name=_("council decisions")
    )
    amends = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="amended_by", verbose_name=_("amends")
    )
    repeals = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="repealed_by", verbose_name=_("repeals")
    )
    missing_versions_allowed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published without every language by"),
    )
    counterparty = models.CharField(_("counterparty"), max_length=300, blank=True)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2, null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    search = search_words("title", "body")  # the portal's full-text search (PostgreSQL)
    history = HistoricalRecords(
        m2m_fields=[decisions, amends, repeals], excluded_fields=["version", "search", "reminded_on"]
    )

    objects = ActQuerySet.as_manager()

    class Meta(Versioned.Meta):
        ordering = ["-year", "-number", "-pk"]
        verbose_name = _("act")
        verbose_name_plural = _("acts")
        constraints = [
            models.UniqueConstraint(fields=["council", "type", "year", "number"], name="act_number_per_type_and_year")
        ]
        indexes = [models.Index(fields=["council", "status", "published_on"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}" if self.number else self.title

    @property
    def reference(self) -> str:
        """ "12/2026": its number within its type and year, once adopted."""
        return f"{self.number}/{self.year}" if self.number else ""

    @property
    def is_public(self) -> bool:
        return self.status in (self.Status.PUBLISHED, self.Status.REPEALED)

    def in_force(self, day: date) -> bool:
        return (
            self.is_public
            and self.in_force_on is not None
            and self.in_force_on <= day
            and (self.repealed_on is None or self.repealed_on > day)
        )

    def standing(self, day: date) -> str:
        """Where the act stands on that day, as the register shows it: a key of STANDINGS."""
        if self.repealed_on and self.repealed_on <= day:
            return "repealed"
        if self.is_public:
            return "in_force" if self.in_force(day) else "not_yet_in_force"
        if self.status == self.Status.APPROVED and self.publish_by and self.publish_by < day:
            return "overdue"
        return self.status

    @staticmethod
    def deadline(adopted_on: date | None, type: ActType) -> date | None:
        if adopted_on is None or type.publish_within_days is None:
            return None
        return adopted_on + timedelta(days=type.publish_within_days)


class ActVersion(LanguageVersion):
    """An act in another of the council's official languages (the act's own text is in the council's language)."""

    cache_scopes = {"acts": "act.council_id"}  # printed copies of its act

    act = models.ForeignKey(Act, on_delete=models.CASCADE, related_name="versions")
    file = models.FileField(
        _("file"),
        upload_to="acts/%Y/",
        storage=private_storage,
        blank=True,
        validators=[UploadValidator(*ATTACHMENT_EXTENSIONS, max_mb=20)],
    )
    search = search_words("title", "body")  # the portal finds an act by the words of any of its versions
    history = HistoricalRecords(excluded_fields=["search", "version"])

    class Meta(LanguageVersion.Meta):
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        constraints = [models.UniqueConstraint(fields=["act", "language"], name="one_version_per_language")]

    def __str__(self) -> str:
        return f"{self.act} ({self.language})"


class LegalProfile(models.Model):
    """The law under which a council answers requests for public documents: its delays and the routes it opens
    (extension, urgency, transfer, appeal), each with the article to cite. Kosovo's is KOSOVO below."""

    cache_scopes = {"requests": "council_id"}  # the yearly report names the law

    council = models.OneToOneField("council.Council", on_delete=models.CASCADE, related_name="legal_profile")
    law = models.CharField(_("law"), max_length=200, blank=True)
    country = models.CharField(
        _("country"),
        max_length=2,
        blank=True,
        help_text=_("Its ISO code, for the public holidays working days skip: XK for Kosovo, IR for Iran."),
    )
    days_to_decide = models.PositiveIntegerField(_("days to decide"), default=10)
    working_days = models.BooleanField(
        _("working days"), default=False, help_text=_("Count only working days (weekends and public holidays skipped).")
    )
    extension_days = models.PositiveIntegerField(
        _("longest extension (days)"), default=0, help_text=_("One extension, with a reasoned notice. 0: none.")
    )
    urgent_hours = models.PositiveIntegerField(
        _("hours to decide an urgent request"),
        default=0,
        help_text=_("When the documents are needed to protect a person's life or liberty. 0: no urgent route."),
    )
    transfer_working_days = models.PositiveIntegerField(
        _("working days to transfer"),
        default=0,
        help_text=_("To pass a request for documents held elsewhere to the competent institution. 0: no transfer."),
    )
    appeal_days = models.PositiveIntegerField(_("days to appeal"), default=0)
    appeal_body = models.CharField(_("appeal to"), max_length=200, blank=True)
    silence_is_refusal = models.BooleanField(
        _("silence is refusal"), default=False, help_text=_("A request not answered in time counts as refused.")
    )
    article_decision = models.CharField(_("article: deadline"), max_length=80, blank=True)
    article_extension = models.CharField(_("article: extension"), max_length=80, blank=True)
    article_urgent = models.CharField(_("article: urgent requests"), max_length=80, blank=True)
    article_transfer = models.CharField(_("article: transfer"), max_length=80, blank=True)
    article_refusal = models.CharField(_("article: refusal"), max_length=80, blank=True)
    article_appeal = models.CharField(_("article: appeal"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("legal profile")
        verbose_name_plural = _("legal profiles")

    def __str__(self) -> str:
        return self.law or str(self.council)

    def deadline(self, start: date, days: int) -> date:
        return add_days(start, days, working=self.working_days, country=self.country)


KOSOVO = {  # Law No. 06/L-081 on Access to Public Documents
    "law": "Ligji Nr. 06/L-081 për qasje në dokumente publike",
    "country": "XK",
    "days_to_decide": 7,
    "working_days": False,
    "extension_days": 15,
    "urgent_hours": 48,
    "transfer_working_days": 5,
    "appeal_days": 15,
    "appeal_body": "Agjencia për Informim dhe Privatësi",
    "silence_is_refusal": True,
    # The articles are left for the admin to fill in from the law's official text: each step cites the law's name
    # until then, never an article number we have not checked.
}
