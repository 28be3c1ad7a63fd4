from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from rules.contrib.admin import ObjectPermissionsModelAdmin

from council.models import AuditEvent, Council, Department, Invitation, Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    raw_id_fields = ["department"]


@admin.register(Council)
class CouncilAdmin(ObjectPermissionsModelAdmin):
    list_display = ["name", "slug", "language", "calendar", "time_zone"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(ObjectPermissionsModelAdmin):
    list_display = ["user", "council", "role", "department"]
    list_filter = ["role", "council"]
    list_select_related = ["user", "council", "department"]
    search_fields = ["user__username", "user__email", "user__last_name"]
    autocomplete_fields = ["user", "council"]
    raw_id_fields = ["department"]


@admin.register(Invitation)
class InvitationAdmin(ObjectPermissionsModelAdmin):
    list_display = ["user", "invited_by", "created_at", "accepted_at"]
    list_select_related = ["user", "invited_by"]
    readonly_fields = ["user", "invited_by", "created_at", "accepted_at"]

    def has_add_permission(self, request):
        return False  # invitations are made by inviting someone from a council's member page


@admin.register(User)
class UserAdmin(ObjectPermissionsModelAdmin, DjangoUserAdmin):
    fieldsets = (*DjangoUserAdmin.fieldsets, (_("Preferences"), {"fields": ["language"]}))
    list_display = ["username", "email", "first_name", "last_name", "is_staff", "is_active"]


@admin.register(Department)
class DepartmentAdmin(ObjectPermissionsModelAdmin):
    list_display = ["name", "short_name", "council", "has_pr_unit", "head_name"]
    list_filter = ["council", "has_pr_unit"]
    list_select_related = ["council"]
    search_fields = ["name", "short_name"]


@admin.register(AuditEvent)
class AuditEventAdmin(ObjectPermissionsModelAdmin):
    """Read-only: the log is written by the events themselves and emptied only by the nightly purge."""

    list_display = ["at", "kind", "user", "login", "actor", "ip", "detail"]
    list_filter = ["kind", "at"]
    list_select_related = ["user", "actor"]
    search_fields = ["login", "ip", "user__username", "user__email", "actor__username", "detail"]
    date_hierarchy = "at"
    fields = ["at", "kind", "user", "login", "actor", "ip", "user_agent", "detail"]
    readonly_fields = fields
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
