from django import forms
from django.utils.translation import gettext_lazy as _

from council.forms import FormMixin
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
