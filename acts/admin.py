from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from rules.contrib.admin import ObjectPermissionsModelAdmin

from acts.models import KOSOVO, ActType, LegalProfile


@admin.register(ActType)
class ActTypeAdmin(ObjectPermissionsModelAdmin):
    """The types of act a council registers, with their legal delays. The acts themselves are registered by the
    secretariat (/c/<council>/acts/), where a published act is never edited in place."""

    list_display = ["name", "council", "publish_within_days", "in_force_after_days", "is_contract", "position"]
    list_filter = ["council"]
    list_select_related = ["council"]
    list_editable = ["position"]


@admin.register(LegalProfile)
class LegalProfileAdmin(ObjectPermissionsModelAdmin):
    """Each council's law for public document requests: its delays, routes and the articles each step cites."""

    list_display = ["council", "law", "days_to_decide", "working_days", "extension_days", "urgent_hours"]
    list_select_related = ["council"]
    actions = ["apply_kosovo"]

    @admin.action(description=_("Apply Kosovo's Law No. 06/L-081 on access to public documents"))
    def apply_kosovo(self, request, queryset):
        queryset.update(**KOSOVO)
