"""The election-neutrality pages: periods and their compliance matrix, attestations, alerts, the registers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council import permissions
from council.models import Department
from council.selectors import liaison_department
from elections import exports, selectors, services
from elections.forms import (
    AccessRequestForm,
    AnswerForm,
    AttestationForm,
    ComplaintForm,
    ElectionPeriodForm,
    FollowUpForm,
)
from elections.models import Alert, Answer, Attestation, ElectionPeriod, ReportingCycle
from helpers import params
from helpers.concurrency import CONFLICT_MESSAGE, EditConflict, edit_conflict
from helpers.exports import EXPORT_KINDS
from helpers.files import file_response
from helpers.pages import form_page


def _council(request, slug, predicate=None):
    council = permissions.get_council_for_user(request.user, slug)
    if predicate is not None:
        permissions.authorize(request.user, predicate, council)
    return council


def _election(request, slug, pk, predicate=permissions.can_run_submissions) -> ElectionPeriod:
    council = _council(request, slug)
    period = get_object_or_404(ElectionPeriod.objects.select_related("council", "template"), council=council, pk=pk)
    permissions.authorize(request.user, predicate, period)
    return period


def _election_department(request, period, department_pk, predicate) -> Department:
    department = get_object_or_404(period.council.departments.select_related("council"), pk=department_pk)
    permissions.authorize(request.user, predicate, department)
    return department


@login_required
def election_list(request, slug):
    council = _council(request, slug)
    context = {
        "council": council,
        "periods": council.election_periods.all(),
        "own_department": liaison_department(request.user, council),
        "can_run": permissions.can_run_submissions(request.user, council),
    }
    return render(request, "elections/election_list.html", context)


@login_required
def election_create(request, slug):
    council = _council(request, slug, permissions.can_run_submissions)
    form = ElectionPeriodForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        period = services.election_period_create(council=council, **form.cleaned_data)
        messages.success(
            request, _("Election period created with %(count)s reporting cycles.") % {"count": period.cycles.count()}
        )
        return redirect("elections:election-detail", slug=slug, pk=period.pk)
    section_url = reverse("elections:election-list", args=[slug])
    return form_page(
        request,
        council,
        form,
        title=_("New election period"),
        submit=_("Create"),
        back=section_url,
        section=_("Election neutrality"),
        section_url=section_url,
        intro=_("Reporting cycles run from the campaign start to the results, one every so many days as set below."),
    )


@login_required
def election_detail(request, slug, pk):
    """The compliance matrix, the open alerts and, once closed, the summary."""
    period = _election(request, slug, pk)
    today = period.council.today()
    matrix = selectors.compliance_matrix(period, today=today)
    export = params.choice(request.GET, "export", EXPORT_KINDS)
    if export:
        return exports.compliance_response(matrix, export)
    context = {
        "council": period.council,
        "period": period,
        "matrix": matrix,
        "alerts": selectors.open_alerts(period.council).filter(cycle__period=period),
        "closed_alerts": Alert.objects.filter(cycle__period=period, closed_at__isnull=False)
        .select_related("cycle", "department", "answer", "closed_by")
        .order_by("-closed_at"),
        "items": selectors.item_compliance(period),
        "can_close": permissions.can_close_election(request.user, period),
    }
    return render(request, "elections/election_detail.html", context)


@require_POST
@login_required
def election_close(request, slug, pk):
    period = _election(request, slug, pk, permissions.can_close_election)
    try:
        services.election_period_close(period=period)
    except services.SubmissionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The election period is closed and archived; it can no longer be changed."))
    return redirect("elections:election-detail", slug=slug, pk=pk)


@login_required
def election_department(request, slug, pk, department_pk):
    """One department's attestations for every cycle of the period."""
    period = _election(request, slug, pk, permissions.can_view_council)
    department = _election_department(request, period, department_pk, permissions.can_view_submission)
    cells = selectors.department_cells(period, department, today=period.council.today())
    context = {
        "council": period.council,
        "period": period,
        "department": department,
        "cells": cells,
        "can_attest": period.is_open and permissions.can_answer_for_department(request.user, department),
        "can_run": permissions.can_run_submissions(request.user, period),
    }
    return render(request, "elections/election_department.html", context)


def _cycle(period, cycle_pk) -> ReportingCycle:
    return get_object_or_404(period.cycles, pk=cycle_pk)  # a cycle of another period is not found


@login_required
def attestation_detail(request, slug, pk, cycle_pk, department_pk):
    period = _election(request, slug, pk, permissions.can_view_council)
    department = _election_department(request, period, department_pk, permissions.can_view_submission)
    cycle = _cycle(period, cycle_pk)
    attestation = get_object_or_404(Attestation.objects.select_related("signed_by"), cycle=cycle, department=department)
    context = {
        "council": period.council,
        "period": period,
        "department": department,
        "cycle": cycle,
        "attestation": attestation,
        "answers": attestation.answers.all(),
        "can_attest": period.is_open
        and not attestation.is_submitted
        and permissions.can_answer_for_department(request.user, department),
    }
    return render(request, "elections/attestation_detail.html", context)


@login_required
def attestation_edit(request, slug, pk, cycle_pk, department_pk):
    period = _election(request, slug, pk, permissions.can_view_council)
    department = _election_department(request, period, department_pk, permissions.can_answer_for_department)
    cycle = _cycle(period, cycle_pk)
    detail = reverse("elections:attestation-detail", args=[slug, pk, cycle_pk, department_pk])
    if not period.is_open:
        messages.error(request, _("This election period is closed and archived."))
        return redirect("elections:election-department", slug=slug, pk=pk, department_pk=department_pk)
    if cycle.starts_on > period.council.today():
        messages.error(request, _("This cycle has not started yet."))
        return redirect("elections:election-department", slug=slug, pk=pk, department_pk=department_pk)
    attestation = services.attestation_draft(cycle=cycle, department=department)  # unsaved until the first save
    if attestation.is_submitted:
        messages.info(request, _("This attestation has been submitted and is frozen."))
        return redirect(detail)
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    answers = list(attestation.answers.select_related("item")) if attestation.pk else attestation.draft_answers
    forms_ = [
        AnswerForm(data, files, answer=answer, number=number, council=period.council)
        for number, answer in enumerate(answers, 1)
    ]
    header = AttestationForm(
        data, council=period.council, initial={"co_signer": attestation.co_signer or department.head_name}
    )
    submitting = params.choice(request.POST, "action", {"submit"}) is not None
    if request.method == "POST":
        if all(form.is_valid() for form in [header, *forms_]):
            values = {form.answer.key: form.cleaned_data for form in forms_}
            try:
                problems = services.attestation_save(
                    attestation=attestation,
                    answers=values,
                    co_signer=header.cleaned_data["co_signer"],
                    by=request.user,
                    submit=submitting,
                    base_version=header.cleaned_data["base_version"],
                )
            except EditConflict:
                # The form now starts from the saved version.
                attestation = Attestation.objects.get(cycle=cycle, department=department)
                messages.error(request, CONFLICT_MESSAGE)
                saved = {a.key: a for a in attestation.answers.all()}
                for form in forms_:
                    form.saved = saved.get(form.answer.key)
            except services.SubmissionError as error:
                messages.error(request, str(error))  # nothing was saved; the forms keep what was typed
            else:
                if not problems and submitting:
                    messages.success(request, _("Attestation submitted and signed. Thank you."))
                    return redirect(detail)
                if not problems:
                    messages.success(request, _("Draft saved. You can come back and submit it later."))
                    return redirect(request.path)
                attestation = Attestation.objects.get(cycle=cycle, department=department)  # the first save made it
                messages.error(
                    request,
                    _(
                        "Answer every item, with evidence where it is required, before submitting. "
                        "Your answers and files are saved as a draft."
                    ),
                )
                fresh = {a.key: a for a in attestation.answers.select_related("item")}
                for form in forms_:
                    form.answer = fresh.get(form.answer.key, form.answer)  # shows the evidence now on file
                    if form.answer.pk in problems:
                        form.add_error(None, problems[form.answer.pk])
        else:
            messages.error(request, _("Not saved: correct the items marked below."))
    context = {
        "council": period.council,
        "period": period,
        "department": department,
        "cycle": cycle,
        "attestation": attestation,
        "forms": forms_,
        "header": header,
    }
    return render(request, "elections/attestation_form.html", context)


@login_required
def evidence_download(request, slug, pk, answer_pk):
    period = _election(request, slug, pk, permissions.can_view_council)
    answer = get_object_or_404(
        Answer.objects.select_related("attestation__department"), attestation__cycle__period=period, pk=answer_pk
    )
    permissions.authorize(request.user, permissions.can_view_submission, answer.attestation.department)
    return file_response(answer.evidence)


@login_required
def alert_close(request, slug, pk, alert_pk):
    period = _election(request, slug, pk, permissions.can_close_election)
    alert = get_object_or_404(Alert.objects.select_related("department", "answer"), cycle__period=period, pk=alert_pk)
    form = FollowUpForm(request.POST or None, council=period.council)
    if request.method == "POST" and form.is_valid():
        try:
            services.alert_close(alert=alert, follow_up=form.cleaned_data["reason"], by=request.user)
        except services.SubmissionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Alert closed; the follow-up is recorded."))
        return redirect("elections:election-detail", slug=slug, pk=pk)
    back = reverse("elections:election-detail", args=[slug, pk])
    intro = alert.answer.text if alert.answer else alert.get_kind_display()
    return form_page(
        request,
        period.council,
        form,
        title=_("Close the alert: %(department)s") % {"department": alert.department},
        submit=_("Close the alert"),
        back=back,
        section=period.name,
        section_url=back,
        intro=intro,
    )


@login_required
def access_register(request, slug, pk):
    """Candidates' requests for halls, equipment and publicity: logged by departments, compared by the chair."""
    period = _election(request, slug, pk, permissions.can_view_council)
    user = request.user
    departments = permissions.departments_answered_by(user, period.council)
    scope = permissions.row_scope(user, period.council)
    can_review = scope.every
    if not (can_review or scope.department):
        raise PermissionDenied
    requests = scope.filter(period.access_requests.select_related("department"))
    form = None
    if period.is_open and departments.exists():
        form = AccessRequestForm(request.POST or None, council=period.council, departments=departments)
        if request.method == "POST" and form.is_valid():
            fields = {name: value for name, value in form.cleaned_data.items() if name != "base_version"}
            try:
                services.access_request_create(period=period, by=user, **fields)
            except services.SubmissionError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Request recorded."))
                return redirect(request.path)
    context = {
        "council": period.council,
        "period": period,
        "groups": selectors.equal_access(period, requests),
        "form": form,
    }
    return render(request, "elections/access_register.html", context)


@login_required
def access_request_edit(request, slug, pk, request_pk):
    """Record the answer to a request, or correct it, while the period is open."""
    period = _election(request, slug, pk, permissions.can_view_council)
    access = get_object_or_404(period.access_requests.select_related("department"), pk=request_pk)
    permissions.authorize(request.user, permissions.can_view_submission, access.department)
    register = reverse("elections:access-register", args=[slug, pk])
    if not period.is_open:
        return redirect(register)
    departments = permissions.departments_answered_by(request.user, period.council, secretariat_too=True)
    form = AccessRequestForm(request.POST or None, instance=access, council=period.council, departments=departments)
    return _register_row_edit(
        request,
        period,
        form,
        register,
        saved=_("Request saved."),
        title=_("Equal-access request"),
        section=_("Equal-access register"),
    )


@login_required
def complaint_edit(request, slug, pk, complaint_pk):
    period = _election(request, slug, pk)
    complaint = get_object_or_404(period.complaints, pk=complaint_pk)
    register = reverse("elections:complaint-register", args=[slug, pk])
    if not period.is_open:
        return redirect(register)
    form = ComplaintForm(request.POST or None, instance=complaint, council=period.council)
    return _register_row_edit(
        request, period, form, register, saved=_("Complaint saved."), title=_("Complaint"), section=_("Complaints")
    )


def _register_row_edit(request, period, form, register, *, saved, title, section):
    """Save an edit of a register entry; on a conflict, keep what was typed and show what was saved meanwhile."""
    conflicts = []
    if request.method == "POST" and form.is_valid():
        try:
            services.register_row_edit(form=form)
        except EditConflict:
            conflicts = edit_conflict(request, form, type(form.instance).objects.get(pk=form.instance.pk))
        except services.SubmissionError as error:
            messages.error(request, str(error))
            return redirect(register)
        else:
            messages.success(request, saved)
            return redirect(register)
    return form_page(
        request,
        period.council,
        form,
        title=title,
        submit=_("Save"),
        back=register,
        section=section,
        section_url=register,
        conflicts=conflicts,
    )


@login_required
def complaint_register(request, slug, pk):
    period = _election(request, slug, pk)
    form = ComplaintForm(request.POST or None, council=period.council) if period.is_open else None
    if form is not None and request.method == "POST" and form.is_valid():
        fields = {name: value for name, value in form.cleaned_data.items() if name != "base_version"}
        try:
            services.complaint_create(period=period, by=request.user, **fields)
        except services.SubmissionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Complaint recorded."))
            return redirect(request.path)
    context = {
        "council": period.council,
        "period": period,
        "complaints": period.complaints.select_related("department"),
        "form": form,
    }
    return render(request, "elections/complaint_register.html", context)
