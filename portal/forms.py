from django import forms
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
        fields = ["name", "contact", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6, "maxlength": 5000})}
        error_messages = {"text": {"required": _("Say which documents you are requesting.")}}

    def is_robot(self) -> bool:
        return bool(self.data.get("website"))


class RequestAnswerForm(FormMixin, forms.ModelForm):
    class Meta:
        model = DocumentRequest
        fields = ["answer", "answer_file"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 5})}

    def clean_answer(self):
        answer = self.cleaned_data["answer"].strip()
        if not answer:
            raise forms.ValidationError(_("Write the answer the requester will read."))
        return answer


class RequestRefuseForm(FormMixin, forms.Form):
    reason = forms.CharField(label=_("Legal reason for refusing"), widget=forms.Textarea(attrs={"rows": 3}))


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
