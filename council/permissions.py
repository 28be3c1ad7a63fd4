"""Who may do what: the role rules of DESIGN.md section 2, in one place.

Every view asks these actions: `authorize(user, can_x, obj)` to enforce one (403, or two-factor
set-up where the action needs it), `can_x(user, obj)` to decide whether to offer a button; the
Django admin asks `user.has_perm(name)`. Nothing else decides access, and `row_scope` is the one
answer to which departments' rows a list, an export or a PDF shows.

Every predicate takes (user, obj=None). `obj` is anything that belongs to a council (a Council
itself, or anything with `council_id`), and for department-bound rules anything with
`department_id`.
"""

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from council.mfa import TwoFactorRequired, two_factor_missing
from council.models import Council, Department, Role
from council.selectors import liaison_department, memberships_of


def council_id_of(obj) -> int | None:
    return obj.pk if isinstance(obj, Council) else getattr(obj, "council_id", None)


def department_id_of(obj) -> int | None:

    return obj.pk if isinstance(obj, Department) else getattr(obj, "department_id", None)


def role_in(user, obj) -> str | None:
    membership = memberships_of(user).get(council_id_of(obj))
    return membership.role if membership else None


@rules.predicate
def is_admin(user, obj=None) -> bool:
    return user.is_authenticated and user.is_active and (user.is_staff or user.is_superuser)


def has_role(*roles: str):
    @rules.predicate(name=f"has_role({', '.join(roles)})")
    def predicate(user, obj=None) -> bool:
        return obj is not None and role_in(user, obj) in roles

    return predicate


is_council_member = has_role(*Role.values)
is_chair = has_role(Role.CHAIR)
is_secretariat = has_role(Role.CHAIR, Role.SECRETARY)


@rules.predicate
def is_liaison_for(user, obj=None) -> bool:
    if obj is None:
        return False
    membership = memberships_of(user).get(council_id_of(obj))
    return bool(membership and membership.role == Role.LIAISON and membership.department_id == department_id_of(obj))


class Action:
    """One action of DESIGN.md section 2: who may take it, and whether it needs two-factor authentication
    (what chairs and admins alone may do, when HAMAHANG_REQUIRE_MFA is on). Call it to ask (`can_x(user, obj)`
    for a button), pass it to `authorize` to enforce."""

    def __init__(self, rule: rules.Predicate, *, two_factor: bool = False):
        self.rule = rule
        self.two_factor = two_factor

    def __call__(self, user, obj=None) -> bool:
        return self.rule(user, obj)


sees_every_department = is_admin | has_role(Role.CHAIR, Role.SECRETARY, Role.MEMBER)

# The table of DESIGN.md section 2, one action per row (or per distinct act within a row).
# Reading
can_view_council = Action(is_admin | is_council_member)
can_read_drafts = Action(is_admin | is_council_member)  # draft agendas and minutes, statements, documents
can_view_members = Action(is_admin | is_secretariat)
# A department's page and its work (action items, progress): everyone in the council but the other
# departments' liaisons.
can_view_department = Action(sees_every_department | is_liaison_for)
# Members
can_propose_agenda_item = Action(is_admin | is_council_member)
# The secretariat records the meeting
can_edit_agenda = Action(is_admin | is_secretariat)  # meetings, agenda items, attachments, invitations
can_record_attendance = Action(is_admin | is_secretariat)  # attendance, and that the meeting was held
can_edit_minutes = Action(is_admin | is_secretariat)  # minutes, votes, decisions, amendments
can_draft_statements = Action(is_admin | is_secretariat)  # press releases and media notes
can_handle_document_requests = Action(is_admin | is_secretariat)
can_register_acts = Action(is_admin | is_secretariat)  # register, approve and publish acts
# The chair decides (two-factor)
can_publish_agenda = Action(is_admin | is_chair, two_factor=True)
can_decide_proposals = Action(is_admin | is_chair, two_factor=True)  # accept or decline a proposed item
can_approve_minutes = Action(is_admin | is_chair, two_factor=True)  # approve, or return to the secretary
can_publish_minutes = Action(is_admin | is_chair, two_factor=True)
can_approve_statements = Action(is_admin | is_chair, two_factor=True)  # approve and publish
can_close_action_item = Action(is_admin | is_chair, two_factor=True)  # close as done, or reopen
can_close_election = Action(is_admin | is_chair, two_factor=True)  # close the period, close its alerts
can_publish_acts_missing_versions = Action(is_admin | is_chair, two_factor=True)  # an act without every language
# Departments' submissions (surveys, activity reports, training, neutrality): the secretariat runs them
# and sees every department's; a liaison sees and answers their own department's only.
can_run_submissions = Action(is_admin | is_secretariat)
can_view_submission = Action(is_admin | is_secretariat | is_liaison_for)
can_answer_for_department = Action(is_admin | is_liaison_for)
can_report_progress = Action(is_admin | is_secretariat | is_liaison_for)
# Admins (two-factor)
can_manage_council = Action(is_admin, two_factor=True)  # departments, members, invitations, the Django admin

rules.add_perm("council.view_council", can_view_council.rule)
rules.add_perm("council.view_members", can_view_members.rule)
rules.add_perm("council.manage_council", can_manage_council.rule)
rules.add_perm("council.view_department", can_view_department.rule)
rules.add_perm("council.manage_department", can_manage_council.rule)

ADMIN_MODELS = (
    "council.council",
    "council.membership",
    "council.invitation",
    "council.user",
    "council.department",
    "council.auditevent",
    "elections.checklisttemplate",
    "elections.checklistitem",
    "acts.acttype",
    "acts.legalprofile",
)

# The Django admin: admins (staff) manage councils, members and departments. A few of
# these names are already taken above, by rules that also let admins in.
for action in ("add", "change", "delete", "view"):
    for name in ADMIN_MODELS:
        app_label, model = name.split(".")
        if not rules.perm_exists(f"{app_label}.{action}_{model}"):
            rules.add_perm(f"{app_label}.{action}_{model}", is_admin)
rules.add_perm("council", is_admin)
rules.add_perm("departments", is_admin)
rules.add_perm("elections", is_admin)
rules.add_perm("acts", is_admin)


def get_council_for_user(user, slug: str) -> Council:
    """The council, or 404 for anyone who is neither its member nor an admin."""
    for membership in memberships_of(user).values():  # already read with the user's councils
        if membership.council.slug == slug:
            return membership.council
    council = get_object_or_404(Council, slug=slug)
    if not can_view_council(user, council):
        raise Http404
    return council


def authorize(user, action: Action, obj) -> None:
    """403 for a member who lacks the right (callers have already 404'd outsiders); for an action that needs
    two-factor authentication and a person without it, the set-up page (`council.mfa.TwoFactorMiddleware`)."""
    if not action(user, obj):
        raise PermissionDenied
    if action.two_factor and two_factor_missing(user):
        raise TwoFactorRequired


class RowScope:
    """Whose rows a person sees in a list, an export or a PDF: every department's, or one department's (a
    liaison's own), or none."""

    def __init__(self, *, every: bool, department: Department | None = None):
        self.every = every
        self.department = department

    def filter(self, queryset, field: str = "department_id"):
        if self.every:
            return queryset
        if self.department is None:
            return queryset.none()
        return queryset.filter(**{field: self.department.pk})

    @property
    def key(self) -> str:
        """What identifies the scope in a cache key."""
        return "all" if self.every else str(self.department and self.department.pk)


def row_scope(user, council, *, sees_all: Action | rules.Predicate = can_run_submissions) -> RowScope:
    """The one answer to "which departments' rows may this person see here": all of them for those `sees_all`
    lets in (by default the secretariat and admins, as for submissions), else a liaison's own department."""
    if sees_all(user, council):
        return RowScope(every=True)
    return RowScope(every=False, department=liaison_department(user, council))


def departments_answered_by(user, council, *, secretariat_too=False):
    """The departments a person may act for: a liaison's own; every one for admins (and, if asked, the secretariat)."""
    sees_all = can_run_submissions if secretariat_too else is_admin
    return row_scope(user, council, sees_all=sees_all).filter(council.departments.all(), "pk")
