from django.contrib import admin
from rules.contrib.admin import ObjectPermissionsModelAdmin

from elections.models import ChecklistItem, ChecklistTemplate


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    fields = ["order", "section", "text", "guidance", "evidence_required"]
    extra = 1


@admin.register(ChecklistTemplate)
class ChecklistTemplateAdmin(ObjectPermissionsModelAdmin):
    """Admins edit the neutrality checklists; each save is a new version (attestations keep their own copy)."""

    list_display = ["name", "language", "council", "version", "updated_at"]
    list_filter = ["language"]
    inlines = [ChecklistItemInline]
    readonly_fields = ["version"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change and (form.has_changed() or any(formset.has_changed() for formset in formsets)):
            template = form.instance
            template.version += 1
            template.save(update_fields=["version", "updated_at"])
