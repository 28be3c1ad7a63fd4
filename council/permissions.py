"""Who may do what: the role rules of DESIGN.md section 2, in one place.

Every view, template and admin page asks these predicates (directly as
`can_x(user, obj)`, or as `user.has_perm(name, obj)`); nothing else decides access.
Every predicate takes (user, obj=None). `obj` is anything that belongs to a council
(a Council itself, or anything with `council_id`), and for department-bound rules
anything with `department_id`.
"""

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

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


# The table of DESIGN.md section 2. Publishing and approving also need two-factor
# authentication for chairs and admins: see council.mfa.require_mfa.
can_view_council = is_admin | is_council_member
can_read_drafts = is_admin | is_council_member
can_propose_agenda_item = is_admin | is_council_member
can_edit_agenda = is_admin | is_secretariat
can_publish = is_admin | is_chair
can_answer_for_department = is_admin | is_liaison_for
can_see_all_submissions = is_admin | is_secretariat
can_report_progress = is_admin | is_secretariat | is_liaison_for
can_manage_council = is_admin
# A department's page and its work (action items, progress): everyone in the council but
# the other departments' liaisons.
can_view_department = is_admin | has_role(Role.CHAIR, Role.SECRETARY, Role.MEMBER) | is_liaison_for
can_view_members = is_admin | is_secretariat
can_close_action_item = can_publish
# Department submissions (surveys, activity reports, training): the secretariat runs them
# and sees every department's; a liaison sees and answers their own department's only.
can_run_submissions = can_see_all_submissions
can_view_submission = can_see_all_submissions | is_liaison_for

rules.add_perm("council.view_council", can_view_council)
rules.add_perm("council.view_members", can_view_members)
rules.add_perm("council.manage_council", can_manage_council)
rules.add_perm("council.view_department", can_view_department)
rules.add_perm("council.manage_department", can_manage_council)

ADMIN_MODELS = (
    "council.council",
    "council.membership",
    "council.invitation",
    "council.user",
    "council.department",
    "elections.checklisttemplate",
    "elections.checklistitem",
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


def get_council_for_user(user, slug: str) -> Council:
    """The council, or 404 for anyone who is neither its member nor an admin."""
    for membership in memberships_of(user).values():  # already read with the user's councils
        if membership.council.slug == slug:
            return membership.council
    council = get_object_or_404(Council, slug=slug)
    if not can_view_council(user, council):
        raise Http404
    return council


def authorize(user, predicate, obj) -> None:
    """403 for a member who lacks the right; callers have already 404'd outsiders."""
    if not predicate(user, obj):
        raise PermissionDenied


def departments_answered_by(user, council, *, secretariat_too=False):
    """The departments a person may act for: a liaison's own; every one for admins (and, if asked, the secretariat)."""
    if is_admin(user) or (secretariat_too and can_run_submissions(user, council)):
        return council.departments.all()
    own = liaison_department(user, council)
    return council.departments.filter(pk=own.pk) if own else council.departments.none()
