from itertools import pairwise

from django import forms
from django.core.validators import MinValueValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from council.forms import CouncilDateField, FormMixin
from elections.models import AccessRequest, Answer, ChecklistTemplate, Complaint, ElectionPeriod
from helpers.concurrency import VersionedFormMixin


class ElectionPeriodForm(FormMixin, forms.ModelForm):
    announced_on = CouncilDateField(label=_("Announcement"))
    registration_starts_on = CouncilDateField(label=_("Candidate registration"))
    campaign_starts_on = CouncilDateField(label=_("Campaign start"))
    campaign_ends_on = CouncilDateField(label=_("Campaign end"))
    election_day = CouncilDateField(label=_("Election day"))
    results_on = CouncilDateField(label=_("Results"))

    class Meta:
        model = ElectionPeriod
        fields = ["name", *ElectionPeriod.KEY_DATES, "cadence_days", "template"]

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, council=council, **kwargs)
        # The council's own checklists, and the shared ones written in its language.
        self.fields["template"].queryset = ChecklistTemplate.objects.filter(
            Q(council=council) | Q(council__isnull=True, language=council.language)
        ).order_by("name", "-version")
        self.fields["template"].empty_label = None
        self.fields["cadence_days"].validators.append(MinValueValidator(1))

    def clean(self):
        cleaned = super().clean()
        dates = [(name, cleaned.get(name)) for name in ElectionPeriod.KEY_DATES if cleaned.get(name)]
        for (_earlier, before), (name, after) in pairwise(dates):
            if after < before:
                self.add_error(name, _("The key dates must follow each other: this one comes before the one above it."))
        return cleaned


class AttestationForm(FormMixin, forms.Form):
    """What an attestation says besides its answers: who co-signs it, and the version the edit started from."""

    co_signer = forms.CharField(label=_("Co-signed by (head of department)"), max_length=200, required=False)
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class AnswerForm(FormMixin, forms.Form):
    """One checklist item of an attestation (prefixed by the answer's key)."""

    value = forms.ChoiceField(label=_("Answer"), choices=Answer.Value.choices, widget=forms.RadioSelect, required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=4000)
    evidence = forms.FileField(
        label=_("Evidence file"), required=False, validators=Answer._meta.get_field("evidence").validators
    )

    def __init__(self, *args, answer, number, **kwargs):
        super().__init__(*args, prefix=answer.key, initial={"value": answer.value, "note": answer.note}, **kwargs)
        self.answer = answer
        self.number = number  # the item's place on the page: the error summary names it so, not by its question
        self.summary_anchor = f"answer-{self.prefix}"

    def summary_label(self, name) -> str:
        """ "Item 3", or "Item 3: Note": short, and telling apart the items' fields, which share their labels."""
        item = _("Item %(number)s") % {"number": self.number}
        if name is None:
            return item
        return _("%(item)s: %(field)s") % {"item": item, "field": self.fields[name].label}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("value") == Answer.Value.NOT_COMPLIANT and not cleaned.get("note"):
            self.add_error("note", _("Say what happened and what is being done about it."))
        return cleaned


def check_dates(form, first: str, then: str) -> None:
    """A register's two dates: neither in the future (council time), the second not before the first."""
    cleaned = form.cleaned_data
    today = form.council.today()
    for name in (first, then):
        if cleaned.get(name) and cleaned[name] > today:
            form.add_error(name, _("This date has not come yet."))
    if cleaned.get(first) and cleaned.get(then) and cleaned[then] < cleaned[first]:
        form.add_error(then, _("This date cannot come before the one above it."))


class AccessRequestForm(FormMixin, VersionedFormMixin, forms.ModelForm):
    requested_on = CouncilDateField(label=_("Requested on"))
    answered_on = CouncilDateField(label=_("Answered on"), required=False)

    class Meta:
        model = AccessRequest
        fields = ["department", "candidate", "kind", "details", "requested_on", "outcome", "reason", "answered_on"]
        widgets = {"details": forms.Textarea(attrs={"rows": 2}), "reason": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"details": {"required": _("Say what was asked for.")}}

    def __init__(self, *args, council, departments, **kwargs):
        super().__init__(*args, council=council, **kwargs)
        self.fields["department"].queryset = departments
        self.fields["department"].empty_label = None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == AccessRequest.Outcome.REFUSED and not cleaned.get("reason"):
            self.add_error("reason", _("A refusal needs its reason: it is how equal treatment is checked."))
        check_dates(self, "requested_on", "answered_on")
        return cleaned


class ComplaintForm(FormMixin, VersionedFormMixin, forms.ModelForm):
    received_on = CouncilDateField(label=_("Received on"))
    closed_on = CouncilDateField(label=_("Closed on"), required=False)

    class Meta:
        model = Complaint
        fields = ["department", "received_on", "complainant", "text", "handling", "closed_on"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "handling": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"complainant": {"required": _("Enter who the complaint is from.")}}

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, council=council, **kwargs)
        self.fields["department"].queryset = council.departments.all()

    def clean(self):
        cleaned = super().clean()
        check_dates(self, "received_on", "closed_on")
        return cleaned


class FollowUpForm(FormMixin, forms.Form):
    """What the chair did about an alert, recorded as it is closed."""

    reason = forms.CharField(
        label=_("Follow-up: what was done"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
