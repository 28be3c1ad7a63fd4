from django.contrib import admin
from rules.contrib.admin import ObjectPermissionsModelAdmin

from acts.models import ActType


@admin.register(ActType)
class ActTypeAdmin(ObjectPermissionsModelAdmin):
    """The types of act a council registers, with their legal delays. The acts themselves are registered by the
    secretariat (/c/<council>/acts/), where a published act is never edited in place."""

    list_display = ["name", "council", "publish_within_days", "in_force_after_days", "is_contract", "position"]
    list_filter = ["council"]
    list_select_related = ["council"]
    list_editable = ["position"]
