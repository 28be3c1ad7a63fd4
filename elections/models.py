"""Election-period neutrality: the checklists departments attest against, election periods and their reporting
cycles, attestations and their answers, the chair's alerts, and the equal-access and complaints registers.

These models lived in the departments app until it was split: each keeps its table (and its history table) from
then, so `db_table` and `HistoricalRecords(table_name=...)` name the old tables.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from council.models import Department
from helpers.concurrency import Versioned
from helpers.files import ATTACHMENT_EXTENSIONS, UploadValidator
from helpers.storage import private_storage


class ChecklistTemplate(models.Model):
    """A neutrality checklist. Attestations copy each item's wording, so editing a template never alters them."""

    cache_scopes = {"elections": "council_id"}

    council = models.ForeignKey(
        "council.Council",
        on_delete=models.CASCADE,
        related_name="checklist_templates",
        null=True,
        blank=True,
        help_text=_("Empty: offered to every council."),
        verbose_name=_("council"),
    )
    name = models.CharField(_("name"), max_length=200)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    history = HistoricalRecords(table_name="departments_historicalchecklisttemplate")

    class Meta:
        db_table = "departments_checklisttemplate"
        ordering = ["name", "-version"]
        verbose_name = _("neutrality checklist template")
        verbose_name_plural = _("neutrality checklist templates")

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"


class ChecklistItem(models.Model):
    """One thing a department attests, with guidance, in a section of the template."""

    cache_scopes = {"elections": "template.council_id"}

    template = models.ForeignKey(
        ChecklistTemplate, on_delete=models.CASCADE, related_name="items", verbose_name=_("checklist")
    )
    section = models.CharField(_("section"), max_length=200)
    text = models.CharField(_("item"), max_length=500)
    guidance = models.TextField(_("guidance"), blank=True)
    evidence_required = models.BooleanField(_("evidence required"), default=False)
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords(table_name="departments_historicalchecklistitem")

    class Meta:
        db_table = "departments_checklistitem"
        ordering = ["order", "pk"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self) -> str:
        return self.text


class ElectionPeriod(models.Model):
    """An election the council watches: its key dates, how often departments attest, and the checklist used."""

    cache_scopes = {"elections": "council_id"}

    # in the order they must follow each other
    KEY_DATES = (
        "announced_on",
        "registration_starts_on",
        "campaign_starts_on",
        "campaign_ends_on",
        "election_day",
        "results_on",
    )

    council = models.ForeignKey(
        "council.Council", on_delete=models.CASCADE, related_name="election_periods", verbose_name=_("council")
    )
    name = models.CharField(_("name"), max_length=200)
    announced_on = models.DateField(_("announcement"))
    registration_starts_on = models.DateField(_("candidate registration"))
    campaign_starts_on = models.DateField(_("campaign start"))
    campaign_ends_on = models.DateField(_("campaign end"))
    election_day = models.DateField(_("election day"))
    results_on = models.DateField(_("results"))
    cadence_days = models.PositiveIntegerField(
        _("reporting cadence (days)"), default=7, help_text=_("Departments attest once per this many days.")
    )
    template = models.ForeignKey(ChecklistTemplate, on_delete=models.PROTECT, verbose_name=_("checklist"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "departments_electionperiod"
        ordering = ["-election_day", "-pk"]
        verbose_name = _("election period")
        verbose_name_plural = _("election periods")

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def cycle_spans(self):
        """(number, first day, last day) of each cycle: campaign start to results in steps of `cadence_days`.

        The last cycle ends with the results, shorter if need be.
        """
        start, number = self.campaign_starts_on, 1
        while start <= self.results_on:
            end = min(start + timedelta(days=self.cadence_days - 1), self.results_on)
            yield number, start, end
            start, number = end + timedelta(days=1), number + 1


class ReportingCycle(models.Model):
    """One attestation window of an election period; due on its last day (in the council's time zone)."""

    cache_scopes = {"elections": "period.council_id"}

    period = models.ForeignKey(
        ElectionPeriod, on_delete=models.CASCADE, related_name="cycles", verbose_name=_("period")
    )
    number = models.PositiveIntegerField(_("number"))
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    escalated = models.BooleanField(default=False, editable=False)  # missing attestations have been raised

    class Meta:
        db_table = "departments_reportingcycle"
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["period", "number"], name="unique_cycle_number")]
        verbose_name = _("reporting cycle")
        verbose_name_plural = _("reporting cycles")

    def __str__(self) -> str:
        return f"{self.period} #{self.number}"

    @property
    def deadline(self):
        return self.ends_on


class Attestation(Versioned):
    """A department's answers to the checklist for one cycle; frozen once submitted."""

    cache_scopes = {"elections": "department.council_id"}

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    cycle = models.ForeignKey(
        ReportingCycle, on_delete=models.CASCADE, related_name="attestations", verbose_name=_("reporting cycle")
    )
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="attestations", verbose_name=_("department")
    )
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.DRAFT)
    template_version = models.PositiveIntegerField(_("checklist version"))
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed by"),
    )
    signed_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    co_signer = models.CharField(_("co-signed by (head of department)"), max_length=200, blank=True)
    late = models.BooleanField(_("late"), default=False)
    history = HistoricalRecords(excluded_fields=["version"], table_name="departments_historicalattestation")

    class Meta(Versioned.Meta):
        db_table = "departments_attestation"
        constraints = [models.UniqueConstraint(fields=["cycle", "department"], name="one_attestation_per_cycle")]
        verbose_name = _("attestation")
        verbose_name_plural = _("attestations")

    def __str__(self) -> str:
        return f"{self.cycle} · {self.department}"

    @property
    def is_submitted(self) -> bool:
        return self.state == self.State.SUBMITTED


class Answer(models.Model):
    """One item of an attestation, with the item's wording as it was when the attestation began."""

    cache_scopes = {"elections": "attestation.department.council_id"}

    class Value(models.TextChoices):
        COMPLIANT = "compliant", _("Compliant")
        NOT_COMPLIANT = "not_compliant", _("Not compliant")
        NOT_APPLICABLE = "not_applicable", _("Not applicable")

    attestation = models.ForeignKey(
        Attestation, on_delete=models.CASCADE, related_name="answers", verbose_name=_("attestation")
    )
    item = models.ForeignKey(
        ChecklistItem, on_delete=models.SET_NULL, null=True, related_name="answers", verbose_name=_("checklist item")
    )
    section = models.CharField(max_length=200)
    text = models.CharField(max_length=500)
    evidence_required = models.BooleanField(default=False)
    order = models.PositiveIntegerField(default=0)
    value = models.CharField(_("answer"), max_length=16, choices=Value.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    evidence = models.FileField(
        _("evidence"),
        upload_to="evidence/%Y/%m/",
        storage=private_storage,
        blank=True,
        max_length=300,
        validators=[UploadValidator(*ATTACHMENT_EXTENSIONS)],
    )
    history = HistoricalRecords(table_name="departments_historicalanswer")

    class Meta:
        db_table = "departments_answer"
        ordering = ["order", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return self.text

    @property
    def key(self) -> str:
        """Names the answer's form fields alike before and after the attestation is first saved."""
        return f"i{self.item_id}" if self.item_id else f"a{self.pk}"

    @classmethod
    def copied_from(cls, item: ChecklistItem, **fields) -> "Answer":
        """An unsaved answer with the item's wording as it is now: later edits of the checklist never reach it."""
        return cls(
            item=item,
            section=item.section,
            text=item.text,
            evidence_required=item.evidence_required,
            order=item.order,
            **fields,
        )


class Alert(models.Model):
    """Something the chair must follow up: a "not compliant" answer, or an attestation missing after its deadline."""

    cache_scopes = {"elections": "department.council_id"}

    class Kind(models.TextChoices):
        NOT_COMPLIANT = "not_compliant", _("Not compliant")
        MISSING = "missing", _("Attestation missing")

    cycle = models.ForeignKey(
        ReportingCycle, on_delete=models.CASCADE, related_name="alerts", verbose_name=_("reporting cycle")
    )
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="alerts", verbose_name=_("department")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, null=True, blank=True, related_name="alerts", verbose_name=_("answer")
    )
    raised_at = models.DateTimeField(_("raised"), auto_now_add=True)
    follow_up = models.TextField(_("follow-up: what was done"), blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    history = HistoricalRecords(table_name="departments_historicalalert")

    class Meta:
        db_table = "departments_alert"
        ordering = ["closed_at", "-raised_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "department", "kind", "answer"], name="one_alert_per_cause", nulls_distinct=False
            )
        ]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.department}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class AccessRequest(Versioned):
    """A candidate's (or campaign's) request to a department for a hall, equipment or publicity, and its answer."""

    cache_scopes = {"elections": "period.council_id"}

    class Kind(models.TextChoices):
        HALL = "hall", _("Hall or venue")
        EQUIPMENT = "equipment", _("Equipment")
        PUBLICITY = "publicity", _("Publicity")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Not answered yet")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")

    period = models.ForeignKey(
        ElectionPeriod, on_delete=models.CASCADE, related_name="access_requests", verbose_name=_("period")
    )
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="access_requests", verbose_name=_("department")
    )
    candidate = models.CharField(_("candidate or campaign"), max_length=200)
    kind = models.CharField(_("kind of request"), max_length=16, choices=Kind.choices)
    details = models.TextField(_("what was asked for"))
    requested_on = models.DateField(_("requested on"))
    outcome = models.CharField(_("answer"), max_length=16, choices=Outcome.choices, default=Outcome.PENDING)
    reason = models.TextField(_("reason for the answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    history = HistoricalRecords(excluded_fields=["version"], table_name="departments_historicalaccessrequest")

    class Meta(Versioned.Meta):
        db_table = "departments_accessrequest"
        ordering = ["-requested_on", "-pk"]
        verbose_name = _("equal-access request")
        verbose_name_plural = _("equal-access requests")

    def __str__(self) -> str:
        return f"{self.candidate} · {self.get_kind_display()}"


class Complaint(Versioned):
    """A complaint about a department's partiality during the election, and how it was handled."""

    cache_scopes = {"elections": "period.council_id"}

    period = models.ForeignKey(
        ElectionPeriod, on_delete=models.CASCADE, related_name="complaints", verbose_name=_("period")
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("department complained about"),
    )
    received_on = models.DateField(_("received on"))
    complainant = models.CharField(_("from"), max_length=200)
    text = models.TextField(_("complaint"))
    handling = models.TextField(_("how it was handled"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    history = HistoricalRecords(excluded_fields=["version"], table_name="departments_historicalcomplaint")

    class Meta(Versioned.Meta):
        db_table = "departments_complaint"
        ordering = ["-received_on", "-pk"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")

    def __str__(self) -> str:
        return self.complainant
