import re

from allauth.account import forms as account_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from council.l10n import calendars
from council.l10n.digits import localize_digits, to_latin_digits
from council.l10n.text import normalize_letters, normalize_line
from council.models import Role, User
from council.params import whole_number

NUMERIC_FIELDS = (forms.IntegerField, forms.DecimalField, forms.FloatField, forms.DateField, forms.TimeField)


class CalendarWidgetMedia:
    """The offline Jalali date picker, loaded only by forms that have a Jalali date input."""

    class Media:
        css = {"all": ["vendor/jalalidatepicker/jalalidatepicker.min.css"]}
        js = ["vendor/jalalidatepicker/jalalidatepicker.min.js", "js/datepicker.js"]


class JalaliDateInput(CalendarWidgetMedia, forms.TextInput):
    def __init__(self, *, with_time=False):
        attrs = {"data-jdp": "", "autocomplete": "off", "inputmode": "numeric", "class": "jalali-date"}
        if not with_time:
            attrs["data-jdp-only-date"] = ""
        super().__init__(attrs=attrs)


class CouncilDateField(forms.Field):
    """A date typed and shown in the council's calendar (set by the form's council), stored as a date."""

    with_time = False
    default_error_messages = {
        "invalid": _("Enter a valid date, for example %(example)s."),
    }

    def __init__(self, **kwargs):
        self.calendar, self.tz = calendars.GREGORIAN, None
        super().__init__(**kwargs)
        self.use_calendar(calendars.GREGORIAN, None)

    def use_calendar(self, calendar: str, tz) -> None:
        self.calendar, self.tz = calendar, tz
        if calendar == calendars.JALALI:
            self.widget = JalaliDateInput(with_time=self.with_time)
        elif self.with_time:
            self.widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
        else:
            self.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def example(self) -> str:
        example = "1405/01/15" if self.calendar == calendars.JALALI else "2026-04-04"
        return example + (" 14:30" if self.with_time else "")

    def invalid(self):
        example = localize_digits(self.example(), get_language())
        return forms.ValidationError(self.error_messages["invalid"], code="invalid", params={"example": example})

    def prepare_value(self, value):
        if isinstance(value, str) or value is None:
            return value
        if self.calendar == calendars.JALALI:
            return localize_digits(calendars.date_input_value(value, calendar=self.calendar), get_language())
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return calendars.parse_date(str(value), calendar=self.calendar)
        except (ValueError, OverflowError):
            raise self.invalid() from None


class CouncilDateTimeField(CouncilDateField):
    """A date and time typed in the council's calendar and time zone, stored as aware UTC."""

    with_time = True
    default_error_messages = {
        "invalid": _("Enter a valid date and time, for example %(example)s."),
    }

    def prepare_value(self, value):
        if isinstance(value, str) or value is None:
            return value
        local = calendars.local(value, self.tz)
        if self.calendar == calendars.JALALI:
            text = f"{calendars.date_input_value(local.date(), calendar=self.calendar)} {local:%H:%M}"
            return localize_digits(text, get_language())
        return local.strftime("%Y-%m-%dT%H:%M")

    def to_python(self, value):
        if value in self.empty_values:
            return None
        parts = to_latin_digits(str(value)).replace("T", " ").split()
        if len(parts) != 2:
            raise self.invalid()
        try:
            day = calendars.parse_date(parts[0], calendar=self.calendar)
            at = calendars.parse_time(parts[1])
        except (ValueError, OverflowError):
            raise self.invalid() from None
        return calendars.make_aware(day, at, self.tz)


def row_id(value: str) -> str:
    """An id chosen from a list: one a database integer holds, else 0, which no row has ("Select a valid choice")."""
    number = whole_number(value)
    return value if not value else str(number if number is not None else 0)


def without_thousands_separators(value: str) -> str:
    """A whole number as people write it: "۵۰٬۰۰۰٬۰۰۰", "50,000,000" and "50 000 000" are all 50000000."""
    return re.sub(r"(?<=\d)[,٬\s.’'](?=\d{3}\b)", "", to_latin_digits(value).strip())


class FormMixin:
    """What every Hamahang form does.

    - Crispy layout without a <form> tag: the template owns the form, its token and buttons.
    - Persian and Arabic-Indic digits typed into numeric, date and time fields (and the
      fields named in `digit_fields`) are read as Latin digits.
    - Text fields get Persian ی and ک for their Arabic look-alikes, and single-line ones
      single spaces, so "شهرداري  پرديس" and "شهرداری پردیس" are the same name.
    - Text fields lose control characters (multi-line ones keep tab and newline; Word's line
      break becomes one) and stray bidi controls: they would break feeds, spreadsheets and PDFs.
    - Given a `council`, its date fields use the council's calendar and time zone.

    The data is normalised when the form is validated, so fields a subclass adds in its own
    `__init__` (one per agenda item, per extra question) are normalised too.
    """

    digit_fields: tuple[str, ...] = ()

    def __init__(self, *args, council=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.council = council
        self.helper = FormHelper()
        self.helper.form_tag = False
        for field in self.fields.values():
            if isinstance(field.widget, forms.NumberInput):
                # A browser's number input throws away Persian digits; the server reads them instead.
                field.widget = forms.TextInput(attrs={**field.widget.attrs, "inputmode": "numeric"})
        if council is not None:
            for field in self.fields.values():
                if isinstance(field, CouncilDateField):
                    field.use_calendar(council.calendar, council.tzinfo)

    def full_clean(self):
        if self.is_bound:
            self.data = self._normalized(self.data)
        super().full_clean()

    def _normalizer(self, name, field):
        if isinstance(field, forms.ModelChoiceField) and not field.to_field_name:
            return row_id
        if isinstance(field, forms.IntegerField) and not isinstance(field, forms.DecimalField):
            return without_thousands_separators
        if isinstance(field, (*NUMERIC_FIELDS, CouncilDateField)) or name in self.digit_fields:
            return to_latin_digits
        if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput):
            return normalize_letters if isinstance(field.widget, forms.Textarea) else normalize_line
        return None

    def _normalized(self, data):
        data = data.copy()
        for name, field in self.fields.items():
            normalize = self._normalizer(name, field)
            key = self.add_prefix(name)
            if normalize is None or key not in data:
                continue
            if hasattr(data, "getlist"):
                data.setlist(key, [normalize(v) if isinstance(v, str) else v for v in data.getlist(key)])
            elif isinstance(data[key], str):
                data[key] = normalize(data[key])
        return data


class InvitationForm(FormMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=[("", "—"), *Role.choices])
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=None, required=False, help_text=_("Required for a PR liaison.")
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, council=council, **kwargs)
        self.fields["department"].queryset = council.departments.all()

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


class AcceptInvitationForm(FormMixin, SetPasswordForm):
    pass


class LatinDigitsCodeMixin:
    """allauth's two-factor code forms, accepting the code in Persian or Arabic-Indic digits."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound and isinstance(self.data.get("code"), str):
            self.data = self.data.copy()
            self.data["code"] = to_latin_digits(self.data["code"]).strip()


class AuthenticateForm(LatinDigitsCodeMixin, FormMixin, mfa_forms.AuthenticateForm):
    pass


class ReauthenticateForm(LatinDigitsCodeMixin, FormMixin, mfa_forms.ReauthenticateForm):
    pass


class ActivateTOTPForm(LatinDigitsCodeMixin, FormMixin, totp_forms.ActivateTOTPForm):
    pass


# allauth's account forms (settings.ACCOUNT_FORMS), normalised like ours.


class LoginForm(FormMixin, account_forms.LoginForm):
    pass


class ResetPasswordForm(FormMixin, account_forms.ResetPasswordForm):
    pass


class ResetPasswordKeyForm(FormMixin, account_forms.ResetPasswordKeyForm):
    pass


class ChangePasswordForm(FormMixin, account_forms.ChangePasswordForm):
    pass


class AccountSetPasswordForm(FormMixin, account_forms.SetPasswordForm):
    pass


class AccountReauthenticateForm(FormMixin, account_forms.ReauthenticateForm):
    pass


class EmailCodeForm(LatinDigitsCodeMixin, FormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code from the e-mail"), max_length=20, widget=forms.TextInput(attrs={"autocomplete": "one-time-code"})
    )
