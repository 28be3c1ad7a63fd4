from django import forms
from django.core.validators import MinValueValidator, URLValidator
from django.utils.translation import gettext_lazy as _

from council.forms import CouncilDateField, FormMixin
from council.models import Department
from departments.models import (
    CHANNELS,
    STAFF_FUNCTIONS,
    ActivityPeriod,
    ActivityReport,
    Enrolment,
    Equipment,
    SurveyQuestion,
    SurveyResponse,
    SurveyRound,
    TrainingCourse,
    TrainingProposal,
)
from helpers.concurrency import VersionedFormMixin
from helpers.l10n.text import persian_sort_key


class DepartmentForm(FormMixin, VersionedFormMixin, forms.ModelForm):
    digit_fields = ("phone",)

    class Meta:
        model = Department
        fields = ["name", "short_name", "head_name", "has_pr_unit", "email", "phone", "address"]

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, council=council, **kwargs)
        self.instance.council = council

    def validate_unique(self):
        # council is not a form field, so ModelForm would skip the per-council uniqueness checks.
        try:
            self.instance.validate_constraints()
        except forms.ValidationError as error:
            self._update_errors(error)


class CollectionForm(FormMixin, forms.ModelForm):
    """Opens a survey round or a reporting period."""

    starts_on = CouncilDateField(label=_("Period start"))
    ends_on = CouncilDateField(label=_("Period end"))
    deadline = CouncilDateField(
        label=_("Deadline"), help_text=_("Answers after this day are accepted and flagged late.")
    )

    class Meta:
        fields = ["title", "starts_on", "ends_on", "deadline", "departments"]
        widgets = {"departments": forms.CheckboxSelectMultiple}

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, council=council, **kwargs)
        departments = sorted(council.departments.all(), key=lambda d: persian_sort_key(d.name))
        self.fields["departments"].queryset = council.departments.all()
        self.fields["departments"].choices = [(d.pk, d.name) for d in departments]
        self.fields["departments"].help_text = _("Every department is asked unless you untick it.")
        if not self.is_bound:
            self.initial.setdefault("departments", [d.pk for d in departments])

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The period cannot end before it starts."))
        deadline = cleaned.get("deadline")
        if starts_on and deadline and deadline < starts_on:
            self.add_error("deadline", _("The deadline cannot come before the period starts."))
        return cleaned


class SurveyRoundForm(CollectionForm):
    class Meta(CollectionForm.Meta):
        model = SurveyRound


class ActivityPeriodForm(CollectionForm):
    class Meta(CollectionForm.Meta):
        model = ActivityPeriod


class QuestionForm(FormMixin, forms.ModelForm):
    class Meta:
        model = SurveyQuestion
        fields = ["text", "kind", "choices"]
        widgets = {"choices": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False  # an empty row is skipped

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("text"):
            return cleaned
        choices = SurveyQuestion(choices=cleaned.get("choices") or "").choice_list
        if cleaned.get("kind") == SurveyQuestion.Kind.CHOICE and len(choices) < 2:
            self.add_error("choices", _("A choice question needs at least two choices, one per line."))
        return cleaned


QuestionFormSet = forms.formset_factory(QuestionForm, extra=5, max_num=5)


def yes_no_field(label, **kwargs):
    return forms.NullBooleanField(
        label=label, widget=forms.RadioSelect(choices=[(True, _("Yes")), (False, _("No"))]), **kwargs
    )


class SubmissionForm(FormMixin, VersionedFormMixin, forms.ModelForm):
    """A department's answer. Saving a draft takes it as it is; submitting needs every `required_to_submit` field."""

    required_to_submit: tuple[str, ...] = ()

    def __init__(self, *args, submitting=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        for name, field in self.fields.items():
            field.required = submitting and name in self.required_to_submit


class SurveyResponseForm(SubmissionForm):
    has_pr_unit = yes_no_field(_("Does your department's org chart have a PR unit or position?"))
    missing_equipment = forms.MultipleChoiceField(
        label=_("Missing equipment"), choices=Equipment.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = SurveyResponse
        fields = (
            ["has_pr_unit", "approved_positions", "filled_positions", "positions_note"]
            + [f"{kind}_{function}" for function, _label in STAFF_FUNCTIONS for kind in ("staff", "needed")]
            + ["missing_equipment", "equipment_notes", "annual_budget", "training_needs", "comments"]
        )
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("positions_note", "equipment_notes", "training_needs", "comments")
        }

    required_to_submit = (
        "has_pr_unit",
        "approved_positions",
        "filled_positions",
        *(f"{kind}_{function}" for function, _label in STAFF_FUNCTIONS for kind in ("staff", "needed")),
        "annual_budget",
    )

    def __init__(self, *args, questions=(), **kwargs):
        self.questions = list(questions)
        super().__init__(*args, **kwargs)
        for question in self.questions:
            name = f"extra_{question.pk}"
            self.fields[name] = self.extra_field(question)
            self.fields[name].required = self.submitting
            self.initial.setdefault(name, self.instance.extra_answers.get(str(question.pk)))

    @staticmethod
    def extra_field(question):
        Kind = SurveyQuestion.Kind
        if question.kind == Kind.NUMBER:
            return forms.DecimalField(
                label=question.text, min_value=0, widget=forms.TextInput(attrs={"inputmode": "decimal"})
            )
        if question.kind == Kind.YES_NO:
            return yes_no_field(question.text)
        if question.kind == Kind.CHOICE:
            return forms.ChoiceField(label=question.text, choices=[("", "—")] + [(c, c) for c in question.choice_list])
        return forms.CharField(label=question.text, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    @property
    def extra_fields(self):
        return [self[f"extra_{question.pk}"] for question in self.questions]

    def staff_rows(self):
        """(label, [staff field, needed field]) per function, for the table the template draws."""
        return [(label, [self[f"staff_{function}"], self[f"needed_{function}"]]) for function, label in STAFF_FUNCTIONS]

    def clean(self):
        cleaned = super().clean()
        approved, filled = cleaned.get("approved_positions"), cleaned.get("filled_positions")
        over = approved is not None and filled is not None and filled > approved
        if self.submitting and over and not cleaned.get("positions_note"):
            self.add_error(
                "positions_note",
                _("More positions are filled than approved. That is allowed: explain it in this note."),
            )
        return cleaned

    def values(self) -> dict:
        """The model fields to save, with the extra answers gathered into one dictionary."""
        values = {name: self.cleaned_data[name] for name in self._meta.fields}
        answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"extra_{question.pk}")
            if value not in (None, ""):
                answers[str(question.pk)] = str(value) if question.kind == SurveyQuestion.Kind.NUMBER else value
        values["extra_answers"] = answers
        return values


class ActivityReportForm(SubmissionForm):
    class Meta:
        model = ActivityReport
        fields = [channel for channel, _label in CHANNELS] + ["links", "highlights", "obstacles"]
        widgets = {
            "links": forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
            "highlights": forms.Textarea(attrs={"rows": 4}),
            "obstacles": forms.Textarea(attrs={"rows": 3}),
        }

    required_to_submit = tuple(channel for channel, _label in CHANNELS)

    @property
    def count_fields(self):
        return [self[channel] for channel, _label in CHANNELS]

    def clean_links(self):
        links = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        validate = URLValidator(schemes=["http", "https"])
        for link in links:
            try:
                validate(link)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("“%(link)s” is not a web address. Put one address per line, starting with https://."),
                    params={"link": link},
                ) from None
        return "\n".join(links)

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class ReturnForm(FormMixin, forms.Form):
    reason = forms.CharField(
        label=_("What needs correcting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Say what needs correcting.")},
    )


class ProposalForm(FormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = TrainingProposal
        fields = [
            "department",
            "topic",
            "audience",
            "expected_participants",
            "duration_hours",
            "trainer",
            "estimated_cost",
            "priority",
            "gap",
        ]

    def __init__(self, *args, council, departments, **kwargs):
        super().__init__(*args, council=council, **kwargs)
        self.fields["department"].queryset = departments
        self.fields["department"].empty_label = None
        for name in ("expected_participants", "duration_hours"):  # at least one, not just "not negative"
            field = self.fields[name]
            field.validators = [v for v in field.validators if not isinstance(v, MinValueValidator)]
            field.validators.append(MinValueValidator(1))


class CourseForm(FormMixin, VersionedFormMixin, forms.ModelForm):
    starts_on = CouncilDateField(label=_("Date"), required=False)

    class Meta:
        model = TrainingCourse
        fields = [
            "title",
            "gap",
            "audience",
            "trainer",
            "duration_hours",
            "estimated_cost",
            "starts_on",
            "place",
            "state",
        ]


class EnrolmentForm(FormMixin, forms.ModelForm):
    class Meta:
        model = Enrolment
        fields = ["department", "name", "position"]

    def __init__(self, *args, council, departments, **kwargs):
        super().__init__(*args, council=council, **kwargs)
        self.fields["department"].queryset = departments
        self.fields["department"].empty_label = None
