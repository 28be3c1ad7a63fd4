from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.utils.translation import gettext_lazy as _

from council.models import Role, User


class CrispyMixin:
    """Crispy layout without a <form> tag: the template owns the form, its token and buttons."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class InvitationForm(CrispyMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    department = forms.ModelChoiceField(label=_("Department"), queryset=None, required=False)

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.council = council
        self.fields["department"].queryset = council.departments.all()
        self.fields["department"].help_text = _("Required for a PR liaison.")

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        user = User.objects.filter(email__iexact=email).first()
        if user and user.memberships.filter(council=self.council).exists():
            raise forms.ValidationError(_("This person is already a member of this council."))
        return email

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Role.LIAISON and not cleaned.get("department"):
            self.add_error("department", _("Choose the department this liaison speaks for."))
        return cleaned


class AcceptInvitationForm(CrispyMixin, SetPasswordForm):
    pass
