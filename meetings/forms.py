from datetime import timedelta

import django_filters
from django import forms
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from council.forms import CouncilDateField, CouncilDateTimeField, FormMixin, LanguageVersionForm
from council.models import User
from council.selectors import council_chair
from helpers.concurrency import VersionedFormMixin
from helpers.l10n.digits import localize_digits
from meetings.models import (
    ActionItem,
    AgendaAttachment,
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    ProgressUpdate,
    Statement,
    StatementVersion,
    attendance_state,
)


class MeetingForm(FormMixin, VersionedFormMixin, forms.ModelForm):
    starts_at = CouncilDateTimeField(label=_("Date and time"))
    stream_url = forms.URLField(
        label=_("Online or stream link"),
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"dir": "ltr"}),
    )

    class Meta:
        model = Meeting
        fields = ["title", "starts_at", "duration_minutes", "place", "stream_url", "chaired_by"]

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, council=council, **kwargs)
        _choose_chair_among_members(self.fields["chaired_by"], council)
        if self.instance.pk is None:
            self.initial.setdefault("chaired_by", council_chair(council))

    def clean_starts_at(self):
        starts_at = self.cleaned_data["starts_at"]
        if starts_at and starts_at <= timezone.now() and starts_at != self.instance.starts_at:
            raise forms.ValidationError(_("This date and time have already passed. Choose a time in the future."))
        return starts_at


class MeetingChairForm(FormMixin, VersionedFormMixin, forms.ModelForm):
    """Who chaired a held meeting, correctable until its minutes are approved."""

    class Meta:
        model = Meeting
        fields = ["chaired_by"]

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, council=council, **kwargs)
        _choose_chair_among_members(self.fields["chaired_by"], council)


def _choose_chair_among_members(field, council) -> None:
    field.queryset = User.objects.filter(memberships__council=council).order_by("first_name", "last_name")
    field.label_from_instance = lambda user: user.display_name
    field.help_text = _("The council's chair, or the member who stands in for them.")


class ReasonForm(FormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class AgendaItemForm(FormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "description", "presenter", "minutes_allotted"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, council=council, **kwargs)
        self.fields["presenter"].queryset = council.departments.all()


class AttachmentForm(FormMixin, forms.ModelForm):
    class Meta:
        model = AgendaAttachment
        fields = ["file"]


class ProposalForm(FormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Why the council should discuss it"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class DecisionForm(FormMixin, VersionedFormMixin, forms.ModelForm):
    due_date = CouncilDateField(label=_("Due date"), required=False)

    class Meta:
        model = Decision
        fields = ["text", "departments", "due_date"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "departments": forms.CheckboxSelectMultiple}

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, council=council, **kwargs)
        self.fields["departments"].queryset = council.departments.all()


class MinutesForm(FormMixin, VersionedFormMixin, forms.Form):
    """The discussion summary of every agenda item, edited together."""

    def __init__(self, *args, meeting, items, **kwargs):
        self.instance = meeting  # the minutes are versioned by their meeting
        super().__init__(*args, council=meeting.council, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"discussion_{item.pk}"] = forms.CharField(
                label=item.title, required=False, widget=forms.Textarea(attrs={"rows": 5}), initial=item.discussion
            )

    def discussions(self) -> dict[int, str]:
        return {item.pk: self.cleaned_data[f"discussion_{item.pk}"].strip() for item in self.items}


class NewDecisionForm(FormMixin, forms.Form):
    """A decision drafted under an agenda item in the minutes editor, saved with the minutes. Empty, it adds none.

    The departments are a list read once for the whole editor (`departments`), not a queryset per item."""

    text = forms.CharField(label=_("Decision"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    departments = forms.MultipleChoiceField(
        label=_("Responsible departments"), required=False, widget=forms.CheckboxSelectMultiple
    )
    due_date = CouncilDateField(label=_("Due date"), required=False)

    def __init__(self, *args, council, departments, **kwargs):
        super().__init__(*args, council=council, **kwargs)
        self.department_rows = {str(department.pk): department for department in departments}
        self.fields["departments"].choices = [(key, d.name) for key, d in self.department_rows.items()]
        self.fields["departments"].widget.attrs["class"] = "form-check-input"
        due = self.fields["due_date"].widget.attrs
        due["class"] = f"{due.get('class', '')} form-control".strip()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("text", "").strip() and (cleaned.get("departments") or cleaned.get("due_date")):
            self.add_error("text", _("A decision needs its text."))
        return cleaned

    def department_checkboxes(self) -> str:
        """The departments' checkboxes, as Django's widget writes them but without a template per checkbox: thirty
        departments under each of a dozen items made those templates most of the editor's time."""
        field = self["departments"]
        chosen = {str(value) for value in field.value() or ()}
        return mark_safe(
            "".join(
                f'<div class="form-check"><input type="checkbox" name="{field.html_name}" value="{key}"'
                f' class="form-check-input" id="{field.auto_id}_{index}"{" checked" if key in chosen else ""}>'
                f' <label class="form-check-label" for="{field.auto_id}_{index}">{escape(label)}</label></div>'
                for index, (key, label) in enumerate(self.fields["departments"].choices)
            )
        )

    def due_date_input(self) -> str:
        """The due date's input as its widget's template (input.html) writes it, without the template: one per item
        of the editor, they were a fifth of its time."""
        field = self["due_date"]
        attrs = {**field.build_widget_attrs({}), "id": field.auto_id}
        widget = field.field.widget.get_context(field.html_name, field.value(), attrs)["widget"]
        value = "" if widget["value"] is None else format_html(' value="{}"', widget["value"])
        attributes = "".join(
            f" {name}" if setting is True else format_html(' {}="{}"', name, setting)
            for name, setting in widget["attrs"].items()
            if setting is not False
        )
        return format_html(
            '<input type="{}" name="{}"{}{}>', widget["type"], widget["name"], value, mark_safe(attributes)
        )

    @property
    def is_drafted(self) -> bool:
        """Something was typed or ticked: the details stay open."""
        return self.is_bound and any(self.data.get(self.add_prefix(name)) for name in self.fields)

    def decision(self) -> dict | None:
        """The decision to add, or None when nothing was typed."""
        text = self.cleaned_data["text"].strip()
        if not text:
            return None
        departments = [self.department_rows[key] for key in self.cleaned_data["departments"]]
        return {"text": text, "departments": departments, "due_date": self.cleaned_data["due_date"]}


# What a member's reply to the invitation says about whether they came, until the secretariat records it.
STATUS_FROM_REPLY = {
    Attendance.Reply.ATTENDING: Attendance.Status.PRESENT,
    Attendance.Reply.DELEGATE: Attendance.Status.DELEGATE,
    Attendance.Reply.NOT_ATTENDING: Attendance.Status.EXCUSED,
}


class AttendanceForm(FormMixin, forms.Form):
    """Each invited member's attendance, one row per member. A row not recorded yet starts from the member's reply
    (attending: present; a delegate: that delegate; not attending: excused). `base_state` is what the rows held
    when the form was opened, so a save over someone else's is refused (helpers/concurrency)."""

    base_state = forms.CharField(widget=forms.HiddenInput, required=False)

    class Media:
        js = ["js/attendance.js"]

    def __init__(self, *args, attendances, **kwargs):
        super().__init__(*args, **kwargs)
        self.attendances = attendances
        self.initial.setdefault("base_state", attendance_state(attendances))
        self.from_reply = set()
        self.saved = {}
        for attendance in attendances:
            status, delegate = attendance.status, attendance.delegate_name
            if not status and attendance.reply in STATUS_FROM_REPLY:
                status = STATUS_FROM_REPLY[attendance.reply]
                delegate = attendance.reply_delegate if status == Attendance.Status.DELEGATE else ""
                self.from_reply.add(attendance.pk)
            self.fields[f"status_{attendance.pk}"] = forms.ChoiceField(
                label=str(attendance.membership.user.display_name),
                choices=Attendance.Status.choices,
                required=False,
                initial=status,
            )
            self.fields[f"delegate_{attendance.pk}"] = forms.CharField(
                label=_("Delegate's name"), required=False, max_length=200, initial=delegate
            )

    @classmethod
    def all_present(cls, data, attendances):
        """The posted rows with everyone present, except those a delegate attended for: what was typed is kept."""
        data = data.copy()
        for attendance in attendances:
            if data.get(f"status_{attendance.pk}") != Attendance.Status.DELEGATE:
                data[f"status_{attendance.pk}"] = Attendance.Status.PRESENT
        return data

    def rows(self):
        return [
            (a, self.cleaned_data[f"status_{a.pk}"], self.cleaned_data[f"delegate_{a.pk}"]) for a in self.attendances
        ]

    def show_saved_state(self, saved: list[Attendance]) -> None:
        """After a conflict: the rows as saved meanwhile are shown beside what was typed, which stays in the form;
        the next save starts from them."""
        self.saved = {attendance.pk: attendance for attendance in saved}
        self.data = self.data.copy()
        self.data["base_state"] = attendance_state(saved)

    def bound_rows(self):
        return [
            (a, self[f"status_{a.pk}"], self[f"delegate_{a.pk}"], a.pk in self.from_reply, self.saved.get(a.pk))
            for a in self.attendances
        ]


class AmendmentForm(FormMixin, forms.Form):
    target = forms.ChoiceField(label=_("What to correct"))
    new_text = forms.CharField(label=_("Corrected text"), widget=forms.Textarea(attrs={"rows": 5}))
    reason = forms.CharField(label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        choices = []
        for item in items:
            choices.append((f"item-{item.pk}", _("Discussion: %(title)s") % {"title": item.title}))
            choices += [
                (f"decision-{d.pk}", _("Decision %(ref)s") % {"ref": d.reference or d.text[:40]})
                for d in item.decisions.all()
            ]
        self.fields["target"].choices = choices


class RsvpForm(FormMixin, forms.Form):
    reply = forms.ChoiceField(label=_("Your reply"), choices=Attendance.Reply.choices[1:], widget=forms.RadioSelect)
    delegate = forms.CharField(label=_("Delegate's name"), required=False, max_length=200)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reply") == Attendance.Reply.DELEGATE and not cleaned.get("delegate", "").strip():
            self.add_error("delegate", _("Give the name of the person you are sending."))
        return cleaned


class ProgressForm(FormMixin, forms.ModelForm):
    class Meta:
        model = ProgressUpdate
        fields = ["text", "attachment", "proposes_done"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class ActionItemFilterForm(FormMixin, forms.Form):
    """The follow-up filters' form, normalised like every form."""


class ActionItemFilter(django_filters.FilterSet):
    """The follow-up page's filters: department, status, due date."""

    department = django_filters.ModelChoiceFilter(
        label=_("Department"), queryset=None, empty_label=_("All departments")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ActionItem.Status.choices, empty_label=_("Every status")
    )
    due_before = django_filters.DateFilter(field_name="due_date", lookup_expr="lte", label=_("Due by"))
    overdue = django_filters.BooleanFilter(label=_("Overdue only"), method="filter_overdue", widget=forms.CheckboxInput)
    open_only = django_filters.BooleanFilter(
        label=_("Open items only"), method="filter_open", widget=forms.CheckboxInput
    )

    class Meta:
        model = ActionItem
        fields = ["department", "status"]
        form = ActionItemFilterForm

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.council = council
        self.filters["department"].queryset = council.departments.all()
        field = CouncilDateField(label=_("Due by"), required=False)
        field.use_calendar(council.calendar, council.tzinfo)
        self.form.fields["due_before"] = field
        for name, css in (("department", "form-select"), ("status", "form-select"), ("due_before", "form-control")):
            attrs = self.form.fields[name].widget.attrs
            attrs["class"] = f"{attrs.get('class', '')} {css}".strip()

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        today = self.council.today()
        return queryset.filter(status__in=ActionItem.OPEN_STATUSES, due_date__lt=today)

    def filter_open(self, queryset, name, value):
        return queryset.filter(status__in=ActionItem.OPEN_STATUSES) if value else queryset


class StatementForm(FormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Statement
        fields = ["title", "body", "meeting", "decisions", "photo"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10}), "decisions": forms.CheckboxSelectMultiple}

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, council=council, **kwargs)
        self.fields["meeting"].queryset = council.meetings.exclude(state=Meeting.State.CANCELLED)
        # Statements follow meetings: the decisions of the past year are the ones to choose from.
        recent = timezone.now() - timedelta(days=365)
        self.fields["decisions"].queryset = Decision.objects.filter(
            council=council, number__isnull=False, item__meeting__starts_at__gte=recent
        ).order_by("-year", "-number")
        language = get_language()
        self.fields["decisions"].label_from_instance = lambda d: (
            f"{localize_digits(d.reference, language)} — {d.text[:80]}"
        )


class PublishForm(FormMixin, forms.Form):
    publish_at = CouncilDateTimeField(
        label=_("Publish at"),
        required=False,
        help_text=_("Leave empty to publish now; a later time holds it until then."),
    )
    without_missing_versions = forms.BooleanField(
        label=_("Publish without the missing language versions (the chair's decision, recorded)"), required=False
    )

    def __init__(self, *args, statement: Statement, **kwargs):
        super().__init__(*args, council=statement.council, **kwargs)
        if not statement.missing_languages():
            del self.fields["without_missing_versions"]


class StatementVersionForm(LanguageVersionForm):
    class Meta:
        model = StatementVersion
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}
