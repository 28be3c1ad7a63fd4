from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from council import permissions
from council.concurrency import CONFLICT_MESSAGE, EditConflict, save_versioned
from council.l10n.text import persian_sort_key
from council.models import Membership, Role
from departments.forms import DepartmentForm
from departments.models import Department


@login_required
def department_list(request, slug):
    council = permissions.get_council_for_user(request.user, slug)
    departments = sorted(council.departments.all(), key=lambda d: persian_sort_key(d.name))
    rows = [(department, permissions.can_view_department(request.user, department)) for department in departments]
    context = {
        "council": council,
        "rows": rows,
        "can_manage": permissions.can_manage_council(request.user, council),
        "without_pr_unit": sum(1 for department, _visible in rows if not department.has_pr_unit),
    }
    return render(request, "departments/department_list.html", context)


def _department_for_user(request, slug, pk, predicate) -> Department:
    council = permissions.get_council_for_user(request.user, slug)
    department = get_object_or_404(Department.objects.select_related("council"), council=council, pk=pk)
    if not predicate(request.user, department):
        raise PermissionDenied
    return department


@login_required
def department_detail(request, slug, pk):
    department = _department_for_user(request, slug, pk, permissions.can_view_department)
    liaisons = Membership.objects.filter(department=department, role=Role.LIAISON).with_people()
    context = {
        "council": department.council,
        "department": department,
        "liaisons": liaisons,
        "can_manage": permissions.can_manage_council(request.user, department),
    }
    return render(request, "departments/department_detail.html", context)


@login_required
def department_create(request, slug):
    council = permissions.get_council_for_user(request.user, slug)
    permissions.authorize(request.user, permissions.can_manage_council, council)
    form = DepartmentForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        department = form.save()
        messages.success(request, _("Department “%(name)s” added.") % {"name": department.name})
        return redirect("departments:department-detail", slug=council.slug, pk=department.pk)
    return render(request, "departments/department_form.html", {"council": council, "form": form})


@login_required
def department_edit(request, slug, pk):
    department = _department_for_user(request, slug, pk, permissions.can_manage_council)
    # The form edits its own copy, so the page around it keeps showing the saved name.
    editing = Department.objects.get(pk=department.pk)
    form = DepartmentForm(request.POST or None, instance=editing, council=department.council)
    saved_version = None
    if request.method == "POST" and form.is_valid():
        try:
            save_versioned(form)
        except EditConflict:
            saved_version = Department.objects.get(pk=department.pk)
            form.data = form.data.copy()
            form.data["base_version"] = saved_version.version
            messages.error(request, CONFLICT_MESSAGE)
        else:
            messages.success(request, _("Department “%(name)s” saved.") % {"name": form.instance.name})
            return redirect("departments:department-detail", slug=department.council.slug, pk=department.pk)
    context = {"council": department.council, "form": form, "department": department, "saved_version": saved_version}
    return render(request, "departments/department_form.html", context)
