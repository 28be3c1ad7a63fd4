from django.contrib import admin
from rules.contrib.admin import ObjectPermissionsModelAdmin

from departments.models import Department


@admin.register(Department)
class DepartmentAdmin(ObjectPermissionsModelAdmin):
    list_display = ["name", "short_name", "council", "has_pr_unit", "head_name"]
    list_filter = ["council", "has_pr_unit"]
    list_select_related = ["council"]
    search_fields = ["name", "short_name"]
