import re

from allauth.account import forms as account_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from council.models import Role, User
from helpers.concurrency import VersionedFormMixin
from helpers.l10n import calendars
from helpers.l10n.digits import localize_digits, localize_digits_in_html, to_latin_digits
from helpers.l10n.text import normalize_letters, normalize_line
from helpers.params import whole_number

NUMERIC_FIELDS = (forms.IntegerField, forms.DecimalField, forms.FloatField, forms.DateField, forms.TimeField)


class LocalizedDigitsMixin:
    """A widget showing its value (typed, redisplayed after an error, or initial) in the page's digits.

    For the inputs whose digits the form reads back as Latin ones (numbers, dates, `digit_fields`), so that a
    Persian page shows "۱۴۰۵/۱۳/۴۰" again, not "1405/13/40".
    """

    def format_value(self, value):
        value = super().format_value(value)
        return localize_digits(value, get_language()) if isinstance(value, str) else value


class DigitsInput(LocalizedDigitsMixin, forms.TextInput):
    """A number, a phone number: typed as text in any digits, shown in the page's."""


class CouncilDateInput(LocalizedDigitsMixin, forms.TextInput):
    """A date (and time) typed as text in the council's calendar: 1405/01/15 or 04.04.2026, with a button that
    opens a month grid in the page's language, usable by keyboard (js/datepicker.js).

    Not the browser's own date input: it shows the browser's language and format ("mm/dd/yyyy") whatever the
    page's, knows no Jalali calendar, and throws away Persian digits.
    """

    class Media:
        js = ["js/datepicker.js"]

    def __init__(self, *, calendar, with_time=False):
        super().__init__(
            attrs={
                "data-date-picker": "time" if with_time else "date",
                "data-calendar": calendar,
                "data-label-choose": _("Choose a date"),
                "data-label-previous": _("Previous month"),
                "data-label-next": _("Next month"),
                "autocomplete": "off",
                "inputmode": "numeric",
            }
        )


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
        self.widget = CouncilDateInput(calendar=calendar, with_time=self.with_time)

    def example(self) -> str:
        example = "1405/01/15" if self.calendar == calendars.JALALI else "04.04.2026"
        return example + (" 14:30" if self.with_time else "")

    def invalid(self):
        example = localize_digits(self.example(), get_language())
        return forms.ValidationError(self.error_messages["invalid"], code="invalid", params={"example": example})

    def prepare_value(self, value):
        if isinstance(value, str) or value is None:
            return value
        return calendars.date_input_value(value, calendar=self.calendar)

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
        return f"{calendars.date_input_value(local.date(), calendar=self.calendar)} {local:%H:%M}"

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


# The normalisers that read digits: their fields show them in the page's digits again.
DIGIT_NORMALIZERS = (to_latin_digits, without_thousands_separators)
REQUIRED = forms.Field.default_error_messages["required"]


# Words that make a label a date already ("Due date", "Election day"): "Enter the due date", not "the date for".
DATE_WORDS = ("date", "day", "تاریخ", "روز", "data", "datë", "dita")


def required_message(field) -> str | None:
    """What to do about an empty field, from its label: "Enter the title.", "Choose the department.",
    "Enter the due date, for example 04.04.2026." None when the field has its own message (the way to word
    a label that does not read well in these sentences) or no label."""
    if not field.label or str(field.error_messages.get("required")) != str(REQUIRED):
        return None
    label = str(field.label)
    if get_language() == "en":  # "the new password", but "the PR unit"
        label = " ".join(word if word.isupper() else word.lower() for word in label.split(" "))
    if label.rstrip().endswith(("?", "؟")):
        return gettext("Answer this question.")
    if isinstance(field, CouncilDateField):
        example = localize_digits(field.example(), get_language())
        if any(word in label.casefold() for word in DATE_WORDS):
            return gettext("Enter the %(label)s, for example %(example)s.") % {"label": label, "example": example}
        return gettext("Enter the date for “%(label)s”, for example %(example)s.") % {
            "label": str(field.label),
            "example": example,
        }
    if isinstance(field.widget, forms.FileInput):
        return gettext("Choose a file to upload.")
    if isinstance(field.widget, forms.CheckboxInput):
        return gettext("Tick the box to continue.")
    if isinstance(field, (forms.ChoiceField, forms.ModelChoiceField, forms.NullBooleanField)):
        return gettext("Choose the %(label)s.") % {"label": label}
    return gettext("Enter the %(label)s.") % {"label": label}


class FormMixin:
    """What every Hamahang form does.

    - Crispy layout without a <form> tag: the template owns the form, its token and buttons.
    - Persian and Arabic-Indic digits typed into numeric, date and time fields (and the
      fields named in `digit_fields`) are read as Latin digits; on Persian pages those fields
      show their values, and every field its help text and errors, in Persian digits.
    - An empty required field says what to do ("Enter the title.", `required_message`); a
      field's own `error_messages["required"]` wins.
    - Text fields get Persian ی and ک for their Arabic look-alikes, and single-line ones
      single spaces, so "شهرداري  پرديس" and "شهرداری پردیس" are the same name.
    - Text fields lose control characters (multi-line ones keep tab and newline; Word's line
      break becomes one) and stray bidi controls: they would break feeds, spreadsheets and PDFs.
    - Given a `council`, its date fields use the council's calendar and time zone.

    The data is normalised when the form is validated, and each field prepared when it is first
    used, so fields a subclass adds in its own `__init__` (one per agenda item, per extra
    question) are handled too.
    """

    digit_fields: tuple[str, ...] = ()

    def __init__(self, *args, council=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.council = council
        self.helper = FormHelper()
        self.helper.form_tag = False
        self._prepared = set()
        if council is not None:
            for field in self.fields.values():
                if isinstance(field, CouncilDateField):
                    field.use_calendar(council.calendar, council.tzinfo)

    def __getitem__(self, name):
        if name in self.fields:
            self._prepare(name, self.fields[name])
        return super().__getitem__(name)

    def _prepare(self, name, field):
        """The field's messages and widget in the page's language and digits (once per field)."""
        if name in self._prepared:
            return
        self._prepared.add(name)
        language = get_language()
        if isinstance(field.widget, forms.NumberInput):
            # A browser's number input throws away Persian digits; the server reads them instead.
            field.widget = DigitsInput(attrs={**field.widget.attrs, "inputmode": "numeric"})
        elif type(field.widget) is forms.TextInput and self._normalizer(name, field) in DIGIT_NORMALIZERS:
            field.widget = DigitsInput(attrs=field.widget.attrs)
        if message := required_message(field):
            field.error_messages = {**field.error_messages, "required": message}
        if field.help_text and language == "fa":
            help_text = localize_digits_in_html(str(field.help_text), language)
            field.help_text = mark_safe(help_text) if isinstance(field.help_text, SafeData) else help_text

    def full_clean(self):
        for name, field in self.fields.items():
            self._prepare(name, field)
        if self.is_bound:
            self.data = self._normalized(self.data)
        super().full_clean()

    def add_error(self, field, error):
        super().add_error(field, error)
        if get_language() == "fa":  # "at least ۱۰ characters"
            for errors in self._errors.values():
                errors.data[:] = [
                    forms.ValidationError(localize_digits(message, "fa"), code=error.code)
                    for error in errors.as_data()
                    for message in error
                ]

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


class LanguageVersionForm(FormMixin, VersionedFormMixin, forms.ModelForm):
    """An act's or a statement's text in another official language (council/versions.py): a form adding one starts
    from version 0, so that two people adding it at once do not overwrite each other."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.initial["base_version"] = 0
