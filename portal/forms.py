from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from acts.models import STANDINGS
from council.forms import CouncilDateField, FormMixin
from council.models import User
from portal.models import DocumentRequest


class PublicRequestForm(FormMixin, forms.ModelForm):
    """A citizen's request. `website` is a trap for robots: people never see it, so it stays empty."""

    website = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = DocumentRequest
        fields = ["name", "contact", "text", "urgent"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6, "maxlength": 5000})}
        error_messages = {"text": {"required": _("Say which documents you are requesting.")}}

    def __init__(self, *args, urgent_hours=0, **kwargs):
        super().__init__(*args, **kwargs)
        if urgent_hours:
            self.fields["urgent"].help_text = _(
                "The documents are needed to protect a person's life or liberty: the council must answer within "
                "%(hours)s hours."
            ) % {"hours": urgent_hours}
        else:
            del self.fields["urgent"]  # the council's law has no urgent route

    def is_robot(self) -> bool:
        return bool(self.data.get("website"))


class RequestAnswerForm(FormMixin, forms.ModelForm):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=DocumentRequest.Outcome.choices)

    class Meta:
        model = DocumentRequest
        fields = ["outcome", "answer", "answer_file"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 5})}

    def clean_answer(self):
        answer = self.cleaned_data["answer"].strip()
        if not answer:
            raise forms.ValidationError(_("Write the answer the requester will read."))
        return answer


class RequestRefuseForm(FormMixin, forms.Form):
    ground = forms.ChoiceField(label=_("Ground for refusing"), choices=DocumentRequest.Ground.choices)
    reason = forms.CharField(label=_("Legal reason for refusing"), widget=forms.Textarea(attrs={"rows": 3}))


class RequestExtendForm(FormMixin, forms.Form):
    days = forms.IntegerField(label=_("Extend by (days)"), min_value=1)
    reason = forms.CharField(
        label=_("Reasons, as the requester will read them"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, most: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].max_value = most
        self.fields["days"].validators.append(MaxValueValidator(most))
        self.fields["days"].widget.attrs["max"] = most


class RequestTransferForm(FormMixin, forms.Form):
    to = forms.CharField(label=_("Competent institution"), max_length=300)
    note = forms.CharField(label=_("Note to the requester"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RequestAppealForm(FormMixin, forms.Form):
    on = CouncilDateField(label=_("Appealed on"))


class RequestAssignForm(FormMixin, forms.Form):
    assigned_to = forms.ModelChoiceField(label=_("Handled by"), queryset=None)

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, council=council, **kwargs)
        self.fields["assigned_to"].queryset = User.objects.filter(memberships__council=council).order_by(
            "last_name", "first_name"
        )
        self.fields["assigned_to"].label_from_instance = lambda user: user.display_name


class ActFilterForm(FormMixin, forms.Form):
    """The public register's filters; every one optional, a wrong one ignored with its message."""

    STANDING_CHOICES = [("", _("Any")), ("in_force", STANDINGS["in_force"]), ("repealed", STANDINGS["repealed"])]

    q = forms.CharField(label=_("Words"), required=False, max_length=200)
    type = forms.ModelChoiceField(label=_("Type"), queryset=None, required=False, empty_label=_("Any"))
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1, max_value=9999)
    standing = forms.ChoiceField(label=_("Status"), choices=STANDING_CHOICES, required=False)
    on = CouncilDateField(label=_("In force on"), required=False, help_text=_("Acts in force on that day."))

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, council=council, **kwargs)
        self.fields["type"].queryset = council.act_types.all()
