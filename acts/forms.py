from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from acts.models import Act, ActVersion
from council.forms import CouncilDateField, FormMixin, LanguageVersionForm
from helpers.concurrency import VersionedFormMixin
from helpers.l10n.digits import localize_digits
from meetings.models import Decision


def act_label(act: Act, language: str) -> str:
    return f"{act.type} {localize_digits(act.reference, language)} — {act.title[:80]}"


class ActForm(FormMixin, VersionedFormMixin, forms.ModelForm):
    in_force_on = CouncilDateField(
        label=_("Enters into force on"),
        required=False,
        help_text=_("Empty: the type's number of days after publication."),
    )

    class Meta:
        model = Act
        fields = [
            "type",
            "title",
            "body",
            "file",
            "in_force_on",
            "decisions",
            "amends",
            "repeals",
            "counterparty",
            "value",
        ]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, council=council, **kwargs)
        language = get_language()
        self.fields["type"].queryset = council.act_types.all()
        self.fields["decisions"].queryset = (
            Decision.objects.filter(council=council, number__isnull=False)
            .select_related("item__meeting")
            .order_by("-year", "-number")[:300]
        )
        self.fields["decisions"].label_from_instance = lambda d: (
            f"{localize_digits(d.reference, language)} — {d.text[:80]}"
        )
        published = Act.objects.filter(council=council, status=Act.Status.PUBLISHED).select_related("type")
        if self.instance.pk:
            published = published.exclude(pk=self.instance.pk)
        for name in ("amends", "repeals"):
            self.fields[name].queryset = published
            self.fields[name].label_from_instance = lambda act: act_label(act, language)
            self.fields[name].help_text = _("Published acts of this council; hold Ctrl to choose several.")

    def clean(self):
        data = super().clean()
        kind = data.get("type")
        if kind and not kind.is_contract:
            data["counterparty"], data["value"] = "", None
        if set(data.get("amends") or []) & set(data.get("repeals") or []):
            self.add_error("repeals", _("An act either amends or repeals another act, not both."))
        return data


class ApproveForm(FormMixin, forms.Form):
    adopted_on = CouncilDateField(label=_("Adopted on"))

    def __init__(self, *args, act: Act, **kwargs):
        super().__init__(*args, council=act.council, **kwargs)
        self.act = act

    def clean_adopted_on(self):
        day = self.cleaned_data["adopted_on"]
        if day > self.act.council.today():
            raise forms.ValidationError(_("An act cannot be adopted in the future."))
        return day


class PublishForm(FormMixin, forms.Form):
    published_on = CouncilDateField(label=_("Published on"))
    without_missing_versions = forms.BooleanField(
        label=_("Publish without the missing language versions (the chair's decision, recorded)"), required=False
    )

    def __init__(self, *args, act: Act, chair: bool, **kwargs):
        super().__init__(*args, council=act.council, **kwargs)
        self.initial.setdefault("published_on", act.council.today())
        if not (chair and act.missing_languages()):
            del self.fields["without_missing_versions"]


class VersionForm(LanguageVersionForm):
    class Meta:
        model = ActVersion
        fields = ["title", "body", "file"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}
