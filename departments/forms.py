from django import forms

from council.concurrency import VersionedFormMixin
from council.forms import FormMixin
from departments.models import Department


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
