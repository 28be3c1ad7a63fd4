from datetime import timedelta
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council import permissions
from council.models import Department, Membership, Role
from council.selectors import liaison_department
from departments import exports, selectors, services
from departments.forms import (
    ActivityPeriodForm,
    ActivityReportForm,
    CourseForm,
    DepartmentForm,
    EnrolmentForm,
    ProposalForm,
    QuestionFormSet,
    ReturnForm,
    SurveyResponseForm,
    SurveyRoundForm,
)
from departments.models import (
    CHANNELS,
    STAFF_FUNCTIONS,
    ActivityPeriod,
    ActivityReport,
    SurveyResponse,
    SurveyRound,
    TrainingCourse,
    TrainingProposal,
)
from helpers import params
from helpers.caching import cached_read
from helpers.concurrency import CONFLICT_MESSAGE, EditConflict, edit_conflict, save_versioned
from helpers.exports import EXPORT_KINDS
from helpers.l10n import calendars
from helpers.l10n.text import persian_sort_key
from helpers.pages import form_page


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
    permissions.authorize(request.user, predicate, department)
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


# ---------------------------------------------------------------- what departments submit


def _council(request, slug, predicate=None):
    council = permissions.get_council_for_user(request.user, slug)
    if predicate is not None:
        permissions.authorize(request.user, predicate, council)
    return council


def _collection(request, model, slug, pk, predicate=permissions.can_run_submissions):
    council = _council(request, slug)
    collection = get_object_or_404(model.objects.select_related("council"), council=council, pk=pk)
    permissions.authorize(request.user, predicate, collection)
    return collection


def _asked_department(request, collection, department_pk, predicate) -> Department:
    """A department the collection asks; 404 for any other, 403 for people who may not see its answer."""
    department = get_object_or_404(collection.departments.select_related("council"), pk=department_pk)
    permissions.authorize(request.user, predicate, department)
    return department


def _collection_create(request, slug, *, form_class, model, title, list_url_name, section):
    council = _council(request, slug, permissions.can_run_submissions)
    form = form_class(request.POST or None, council=council, initial=_suggested_dates(council, model))
    questions = QuestionFormSet(request.POST or None, prefix="questions") if model is SurveyRound else None
    if request.method == "POST" and form.is_valid() and (questions is None or questions.is_valid()):
        extra = [
            (q.cleaned_data["text"], q.cleaned_data["kind"], q.cleaned_data.get("choices", ""))
            for q in (questions or [])
            if q.cleaned_data.get("text")
        ]
        fields = {name: form.cleaned_data[name] for name in ("title", "starts_on", "ends_on", "deadline")}
        collection = services.collection_create(
            model=model, council=council, departments=form.cleaned_data["departments"], questions=extra, **fields
        )
        messages.success(request, _("“%(title)s” is open. The liaisons can answer now.") % {"title": collection})
        return redirect(list_url_name, slug=council.slug)
    context = {
        "council": council,
        "form": form,
        "questions": questions,
        "title": title,
        "section": section,
        "back_url": reverse(list_url_name, args=[council.slug]),
    }
    return render(request, "departments/collection_form.html", context)


def _suggested_dates(council, model) -> dict:
    """The calendar month after the latest collection's (or the current month), due five days after it ends."""
    latest = model.objects.filter(council=council).order_by("-ends_on").first()
    today = council.today()
    day = latest.ends_on + timedelta(days=1) if latest else today
    starts_on, ends_on = calendars.month_of(day, calendar=council.calendar)
    return {"starts_on": starts_on, "ends_on": ends_on, "deadline": ends_on + timedelta(days=5)}


@require_POST
@login_required
def _collection_toggle(request, slug, pk, *, model, close: bool, url_name):
    collection = _collection(request, model, slug, pk)
    try:
        if close:
            services.collection_close(collection=collection)
            messages.success(request, _("Closed. Only answers returned for correction can still be changed."))
        else:
            services.collection_reopen(collection=collection)
            messages.success(request, _("Reopened. Departments can answer again."))
    except services.SubmissionError as error:
        messages.error(request, str(error))
    return redirect(url_name, slug=slug, pk=pk)


def _submission_edit(request, submission, *, form_class, form_kwargs, template, context, detail_url):
    """The liaison's form: "save" keeps a draft, "submit" hands it in once complete. Nothing typed is lost."""
    council = submission.department.council
    if not submission.is_editable:
        messages.info(request, _("This answer can no longer be changed."))
        return redirect(detail_url)
    submitting = params.choice(request.POST, "action", {"submit"}) is not None
    form = form_class(request.POST or None, instance=submission, council=council, submitting=submitting, **form_kwargs)
    conflicts = []
    if request.method == "POST":
        if form.is_valid():
            try:
                services.submission_save(
                    submission=submission,
                    values=form.values(),
                    base_version=form.cleaned_data.get("base_version"),
                    by=request.user,
                    submit=submitting,
                )
            except EditConflict:
                collection = submission.collection
                saved = type(submission).objects.get(**{collection.link: collection}, department=submission.department)
                conflicts = edit_conflict(request, form, saved)
            except services.SubmissionError as error:
                messages.error(request, str(error))
                return redirect(detail_url)
            else:
                if submitting:
                    messages.success(request, _("Submitted. Thank you."))
                    return redirect(detail_url)
                messages.success(request, _("Draft saved. You can come back and submit it later."))
                return redirect(request.path)
        elif submitting:
            messages.error(request, _("Not submitted yet: complete the fields marked below, then submit again."))
        else:
            messages.error(request, _("Not saved: correct the fields marked below."))
    context = {"council": council, "form": form, "submission": submission, "conflicts": conflicts, **context}
    return render(request, template, context)


def _may_start(request, collection, department) -> bool:
    """A closed collection takes no new answers: say so rather than open an empty draft."""
    if collection.is_open or collection.submissions.filter(department=department).exists():
        return True
    messages.error(request, _("This collection is closed and takes no more answers."))
    return False


def _submission_return(request, submission, *, back, section, section_url):
    form = ReturnForm(request.POST or None, council=submission.department.council)
    if request.method == "POST" and form.is_valid():
        try:
            services.submission_return(submission=submission, reason=form.cleaned_data["reason"])
        except services.SubmissionError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Returned to %(department)s for correction.") % {"department": submission.department}
            )
        return redirect(back)
    return form_page(
        request,
        submission.department.council,
        form,
        title=_("Return for correction: %(department)s") % {"department": submission.department},
        submit=_("Return for correction"),
        back=back,
        section=section,
        section_url=section_url,
        intro=_("The liaison is told what to correct and can change and resubmit the answer, even after the deadline."),
        style="warning",
    )


def _answer_actions(request, submission, department, url_name, args) -> dict:
    """What the person reading an answer may do with it, and where."""
    user = request.user
    can_answer = permissions.can_answer_for_department(user, department)
    return {
        "can_edit": can_answer and (submission is None or submission.is_editable),
        "can_return": bool(
            submission and submission.is_submitted and permissions.can_run_submissions(user, department)
        ),
        "edit_url": reverse(f"departments:{url_name}-edit", args=args),
        "return_url": reverse(f"departments:{url_name}-return", args=args),
    }


# ---------------------------------------------------------------- staffing-gap surveys


def _collection_list(request, slug, *, model, template):
    """The council's collections; a liaison sees their own department's answer to each."""
    council = _council(request, slug)
    own = liaison_department(request.user, council)
    collections = list(selectors.collections_with_progress(council, model))
    mine, asked = {}, set()
    if own:
        submissions = model.submission_model().objects.filter(department=own, **{f"{model.link}__in": collections})
        by_pk = {c.pk: c for c in collections}
        for submission in submissions:
            setattr(submission, model.link, by_pk[getattr(submission, f"{model.link}_id")])
            mine[submission.collection.pk] = submission
        asked = set(getattr(own, model.department_relation).values_list("pk", flat=True))
    context = {
        "council": council,
        "rows": [(c, mine.get(c.pk), c.pk in asked) for c in collections],
        "own_department": own,
        "can_run": permissions.can_run_submissions(request.user, council),
        "today": council.today(),
    }
    return render(request, template, context)


@login_required
def survey_list(request, slug):
    return _collection_list(request, slug, model=SurveyRound, template="departments/survey_list.html")


@login_required
def survey_create(request, slug):
    return _collection_create(
        request,
        slug,
        form_class=SurveyRoundForm,
        model=SurveyRound,
        title=_("Open a staffing-gap survey round"),
        list_url_name="departments:survey-list",
        section=_("Staffing-gap surveys"),
    )


@login_required
def survey_dashboard(request, slug, pk):
    round = _collection(request, SurveyRound, slug, pk)
    export = params.choice(request.GET, "export", EXPORT_KINDS)
    if export:
        return exports.gap_response(selectors.gap_dashboard(round), export)
    context = {"council": round.council, "round": round, "dashboard_body": _gap_dashboard_body(request, round)}
    return render(request, "departments/survey_dashboard.html", context)


@cached_read(
    "gap-dashboard-page",
    council=lambda request, round: round.council_id,
    scopes=lambda request, round: [("submissions", round.council_id)],
    key=lambda request, round: (round.pk, translation.get_language()),
)
def _gap_dashboard_body(request, round) -> str:
    """The dashboard's figures, charts and tables, rendered: the same for everyone who may see them."""
    context = {
        "council": round.council,
        "round": round,
        "dashboard": selectors.gap_dashboard(round),
        "functions": STAFF_FUNCTIONS,
        "rtl": translation.get_language_bidi(),
    }
    return render_to_string("departments/_gap_dashboard.html", context, request)


survey_close = partial(_collection_toggle, model=SurveyRound, close=True, url_name="departments:survey-dashboard")
survey_reopen = partial(_collection_toggle, model=SurveyRound, close=False, url_name="departments:survey-dashboard")


def _survey_answer(request, slug, pk, department_pk, predicate):
    round = _collection(request, SurveyRound, slug, pk, permissions.can_view_council)
    department = _asked_department(request, round, department_pk, predicate)
    return round, department


@login_required
def survey_answer_edit(request, slug, pk, department_pk):
    round, department = _survey_answer(request, slug, pk, department_pk, permissions.can_answer_for_department)
    if not _may_start(request, round, department):
        return redirect("departments:survey-answer", slug=slug, pk=pk, department_pk=department_pk)
    response = services.survey_response_start(round=round, department=department)
    response.round = round
    detail_url = reverse("departments:survey-answer", args=[slug, pk, department_pk])
    questions = list(round.questions.all())
    changed = selectors.changed_fields(response, response.previous, selectors.ANSWER_FIELDS)
    return _submission_edit(
        request,
        response,
        form_class=SurveyResponseForm,
        form_kwargs={"questions": questions},
        template="departments/survey_form.html",
        context={"round": round, "department": department, "previous": response.previous, "changed": changed},
        detail_url=detail_url,
    )


@login_required
def survey_answer(request, slug, pk, department_pk):
    round, department = _survey_answer(request, slug, pk, department_pk, permissions.can_view_submission)
    response = (
        SurveyResponse.objects.filter(round=round, department=department)
        .select_related("previous", "submitted_by")
        .first()
    )
    context = {
        "council": round.council,
        "round": round,
        "department": department,
        "submission": response,
        **_answer_actions(request, response, department, "survey-answer", [slug, pk, department_pk]),
    }
    if response:
        response.round = round
        context.update(selectors.survey_answer_data(response, round.questions.all()))
    return render(request, "departments/survey_answer.html", context)


@login_required
def survey_answer_return(request, slug, pk, department_pk):
    round, department = _survey_answer(request, slug, pk, department_pk, permissions.can_run_submissions)
    response = get_object_or_404(SurveyResponse, round=round, department=department)
    response.round = round
    return _submission_return(
        request,
        response,
        back=reverse("departments:survey-answer", args=[slug, pk, department_pk]),
        section=_("Staffing-gap surveys"),
        section_url=reverse("departments:survey-list", args=[slug]),
    )


# ---------------------------------------------------------------- activity reports


@login_required
def activity_list(request, slug):
    return _collection_list(request, slug, model=ActivityPeriod, template="departments/activity_list.html")


@login_required
def activity_create(request, slug):
    return _collection_create(
        request,
        slug,
        form_class=ActivityPeriodForm,
        model=ActivityPeriod,
        title=_("Open a reporting period"),
        list_url_name="departments:activity-list",
        section=_("Activity reports"),
    )


@login_required
def activity_period(request, slug, pk):
    period = _collection(request, ActivityPeriod, slug, pk)
    reports = {r.department_id: r for r in period.submissions.all()}
    context = {
        "council": period.council,
        "period": period,
        "rows": [(d, reports.get(d.pk)) for d in selectors.by_name(period.departments.all())],
        "channels": CHANNELS,
    }
    return render(request, "departments/activity_period.html", context)


activity_close = partial(_collection_toggle, model=ActivityPeriod, close=True, url_name="departments:activity-period")
activity_reopen = partial(_collection_toggle, model=ActivityPeriod, close=False, url_name="departments:activity-period")


@login_required
def activity_dashboard(request, slug):
    council = _council(request, slug, permissions.can_run_submissions)
    dashboard = selectors.activity_dashboard(council, today=council.today())
    export = params.choice(request.GET, "export", EXPORT_KINDS)
    if export:
        return exports.activity_response(council, dashboard, export)
    context = {"council": council, "dashboard": dashboard, "channels": CHANNELS, "rtl": translation.get_language_bidi()}
    return render(request, "departments/activity_dashboard.html", context)


def _activity_report(request, slug, pk, department_pk, predicate):
    period = _collection(request, ActivityPeriod, slug, pk, permissions.can_view_council)
    department = _asked_department(request, period, department_pk, predicate)
    return period, department


@login_required
def activity_report_edit(request, slug, pk, department_pk):
    period, department = _activity_report(request, slug, pk, department_pk, permissions.can_answer_for_department)
    if not _may_start(request, period, department):
        return redirect("departments:activity-report", slug=slug, pk=pk, department_pk=department_pk)
    report = services.activity_report_start(period=period, department=department)
    report.period = period
    return _submission_edit(
        request,
        report,
        form_class=ActivityReportForm,
        form_kwargs={},
        template="departments/activity_form.html",
        context={"period": period, "department": department},
        detail_url=reverse("departments:activity-report", args=[slug, pk, department_pk]),
    )


@login_required
def activity_report(request, slug, pk, department_pk):
    period, department = _activity_report(request, slug, pk, department_pk, permissions.can_view_submission)
    report = ActivityReport.objects.filter(period=period, department=department).select_related("submitted_by").first()
    if report:
        report.period = period
    context = {
        "council": period.council,
        "period": period,
        "department": department,
        "submission": report,
        "channels": [(label, getattr(report, channel)) for channel, label in CHANNELS] if report else [],
        "history": selectors.history_of(report) if report else [],
        **_answer_actions(request, report, department, "activity-report", [slug, pk, department_pk]),
    }
    return render(request, "departments/activity_report.html", context)


@login_required
def activity_report_return(request, slug, pk, department_pk):
    period, department = _activity_report(request, slug, pk, department_pk, permissions.can_run_submissions)
    report = get_object_or_404(ActivityReport, period=period, department=department)
    report.period = period
    return _submission_return(
        request,
        report,
        back=reverse("departments:activity-report", args=[slug, pk, department_pk]),
        section=_("Activity reports"),
        section_url=reverse("departments:activity-list", args=[slug]),
    )


# ---------------------------------------------------------------- training


def _proposal(request, slug, pk, predicate=permissions.can_view_submission) -> TrainingProposal:
    council = _council(request, slug)
    proposal = get_object_or_404(
        TrainingProposal.objects.select_related("department", "course"), council=council, pk=pk
    )
    permissions.authorize(request.user, predicate, proposal)
    return proposal


def _course(request, slug, pk, predicate=permissions.can_view_council) -> TrainingCourse:
    council = _council(request, slug)
    course = get_object_or_404(TrainingCourse.objects.select_related("council"), council=council, pk=pk)
    permissions.authorize(request.user, predicate, course)
    return course


@login_required
def training_list(request, slug):
    council = _council(request, slug)
    user = request.user
    scope = permissions.row_scope(user, council)
    can_review = scope.every
    proposals = scope.filter(TrainingProposal.objects.filter(council=council).select_related("department", "course"))
    context = {
        "council": council,
        "demand": selectors.training_demand(council) if can_review else [],
        "proposals": proposals,
        "can_review": can_review,
        "can_propose": permissions.is_admin(user) or scope.department is not None,
        "courses": council.training_courses.exclude(state=TrainingCourse.State.CANCELLED).annotate(
            enrolled=Count("enrolments")
        ),
    }
    return render(request, "departments/training_list.html", context)


@login_required
def proposal_create(request, slug):
    council = _council(request, slug)
    departments = permissions.departments_answered_by(request.user, council)
    if not departments.exists():
        raise PermissionDenied
    form = ProposalForm(request.POST or None, council=council, departments=departments)
    if request.method == "POST" and form.is_valid():
        fields = {name: value for name, value in form.cleaned_data.items() if name != "base_version"}
        proposal = services.proposal_create(council=council, proposed_by=request.user, **fields)
        messages.success(request, _("Proposal sent to the council."))
        return redirect("departments:proposal-detail", slug=slug, pk=proposal.pk)
    return _training_form(request, council, form, title=_("Propose a training course"), submit=_("Send proposal"))


def _training_form(request, council, form, **kwargs):
    training = reverse("departments:training-list", args=[council.slug])
    kwargs.setdefault("back", training)
    return form_page(request, council, form, section=_("Training"), section_url=training, **kwargs)


@login_required
def proposal_detail(request, slug, pk):
    proposal = _proposal(request, slug, pk)
    user = request.user
    pending = proposal.state == TrainingProposal.State.PROPOSED
    context = {
        "council": proposal.department.council,
        "proposal": proposal,
        "history": selectors.history_of(proposal),
        "can_edit": pending and permissions.can_answer_for_department(user, proposal),
        "can_review": pending and permissions.can_run_submissions(user, proposal),
    }
    return render(request, "departments/proposal_detail.html", context)


@login_required
def proposal_edit(request, slug, pk):
    proposal = _proposal(request, slug, pk, permissions.can_answer_for_department)
    council = proposal.department.council
    if proposal.state != TrainingProposal.State.PROPOSED:
        messages.error(request, _("This proposal has already been reviewed and can no longer be changed."))
        return redirect("departments:proposal-detail", slug=slug, pk=pk)
    editing = TrainingProposal.objects.get(pk=proposal.pk)
    departments = permissions.departments_answered_by(request.user, council)
    form = ProposalForm(request.POST or None, instance=editing, council=council, departments=departments)
    conflicts = []
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_edit(form=form)
        except EditConflict:
            conflicts = edit_conflict(request, form, TrainingProposal.objects.get(pk=proposal.pk))
        except services.SubmissionError as error:
            messages.error(request, str(error))
            return redirect("departments:proposal-detail", slug=slug, pk=pk)
        else:
            messages.success(request, _("Proposal saved."))
            return redirect("departments:proposal-detail", slug=slug, pk=pk)
    title = _("Edit the proposal")
    return _training_form(request, council, form, title=title, submit=_("Save"), conflicts=conflicts)


@login_required
def proposal_decline(request, slug, pk):
    proposal = _proposal(request, slug, pk, permissions.can_run_submissions)
    council = proposal.department.council
    form = ReturnForm(request.POST or None, council=council)
    form.fields["reason"].label = _("Why the council declines it")
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_decline(proposal=proposal, reason=form.cleaned_data["reason"], by=request.user)
        except services.SubmissionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Proposal declined; the department sees the reason."))
        return redirect("departments:proposal-detail", slug=slug, pk=pk)
    return _training_form(
        request,
        council,
        form,
        title=_("Decline: %(topic)s") % {"topic": proposal.topic},
        submit=_("Decline"),
        style="danger",
    )


@login_required
def course_create(request, slug):
    """Approve one proposal as a course, or merge several (chosen on the training page) into one."""
    council = _council(request, slug, permissions.can_run_submissions)
    chosen = params.integers(request.POST if request.method == "POST" else request.GET, "proposals")
    proposals = list(
        TrainingProposal.objects.filter(
            council=council, state=TrainingProposal.State.PROPOSED, pk__in=chosen
        ).select_related("department")
    )
    if not proposals:
        messages.error(request, _("Choose at least one proposal awaiting review."))
        return redirect("departments:training-list", slug=slug)
    first = proposals[0]
    initial = {
        "title": first.topic,
        "gap": first.gap,
        "audience": first.audience,
        "trainer": first.trainer,
        "duration_hours": max(p.duration_hours for p in proposals),
        "estimated_cost": first.estimated_cost,
    }
    form = CourseForm(request.POST if "title" in request.POST else None, council=council, initial=initial)
    if form.is_bound and form.is_valid():
        fields = {name: value for name, value in form.cleaned_data.items() if name != "base_version"}
        try:
            course = services.course_create(council=council, proposals=proposals, **fields)
        except services.SubmissionError as error:
            messages.error(request, str(error))
            return redirect("departments:training-list", slug=slug)
        messages.success(request, _("Course created; the proposing departments can enrol their staff."))
        return redirect("departments:course-detail", slug=slug, pk=course.pk)
    context = {"council": council, "form": form, "proposals": proposals}
    return render(request, "departments/course_form.html", context)


@login_required
def course_detail(request, slug, pk):
    course = _course(request, slug, pk)
    user = request.user
    council = course.council
    scope = permissions.row_scope(user, council)
    can_review = scope.every
    departments = permissions.departments_answered_by(user, council, secretariat_too=True)
    enrolments = scope.filter(course.enrolments.select_related("department"))
    context = {
        "council": council,
        "course": course,
        "proposals": course.proposals.select_related("department"),
        "enrolments": enrolments,
        "enrolled_total": course.enrolments.count(),
        "can_review": can_review,
        "enrol_form": EnrolmentForm(council=council, departments=departments) if departments.exists() else None,
    }
    return render(request, "departments/course_detail.html", context)


@login_required
def course_edit(request, slug, pk):
    course = _course(request, slug, pk, permissions.can_run_submissions)
    form = CourseForm(request.POST or None, instance=TrainingCourse.objects.get(pk=course.pk), council=course.council)
    conflicts = []
    if request.method == "POST" and form.is_valid():
        try:
            save_versioned(form)
        except EditConflict:
            conflicts = edit_conflict(request, form, TrainingCourse.objects.get(pk=course.pk))
        else:
            messages.success(request, _("Course saved."))
            return redirect("departments:course-detail", slug=slug, pk=pk)
    back = reverse("departments:course-detail", args=[slug, pk])
    return _training_form(
        request, course.council, form, title=_("Edit the course"), submit=_("Save"), back=back, conflicts=conflicts
    )


@require_POST
@login_required
def enrolment_add(request, slug, pk):
    course = _course(request, slug, pk)
    departments = permissions.departments_answered_by(request.user, course.council, secretariat_too=True)
    if not departments.exists():
        raise PermissionDenied
    form = EnrolmentForm(request.POST, council=course.council, departments=departments)
    if form.is_valid():
        try:
            services.enrolment_add(course=course, by=request.user, **form.cleaned_data)
        except services.SubmissionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("%(name)s is enrolled.") % {"name": form.cleaned_data["name"]})
    else:
        messages.error(
            request,
            _("Not enrolled: %(errors)s") % {"errors": " ".join(e for errors in form.errors.values() for e in errors)},
        )
    return redirect("departments:course-detail", slug=slug, pk=pk)


@require_POST
@login_required
def enrolment_delete(request, slug, pk, enrolment_pk):
    course = _course(request, slug, pk)
    enrolment = get_object_or_404(course.enrolments, pk=enrolment_pk)
    permissions.authorize(request.user, permissions.can_view_submission, enrolment.department)
    try:
        services.enrolment_delete(enrolment=enrolment)
    except services.SubmissionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(name)s is no longer enrolled.") % {"name": enrolment.name})
    return redirect("departments:course-detail", slug=slug, pk=pk)


@require_POST
@login_required
def course_attendance(request, slug, pk):
    course = _course(request, slug, pk, permissions.can_run_submissions)
    attended = set(params.integers(request.POST, "attended"))
    try:
        services.attendance_record(course=course, attended_ids=attended)
    except services.SubmissionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Attendance recorded."))
    return redirect("departments:course-detail", slug=slug, pk=pk)


@login_required
def training_plan(request, slug):
    """The council's courses of one year of its calendar, exportable."""
    council = _council(request, slug)
    this_year = calendars.year_of(council.today(), calendar=council.calendar)
    try:
        year = params.integer(request.GET, "year") or this_year
        first, last = calendars.year_bounds(year, calendar=council.calendar)
    except (ValueError, OverflowError):
        year = this_year
        first, last = calendars.year_bounds(year, calendar=council.calendar)
    courses = selectors.training_plan(council, first, last)
    export = params.choice(request.GET, "export", EXPORT_KINDS)
    if export:
        return exports.training_plan_response(council, courses, year, export)
    context = {
        "council": council,
        "courses": courses,
        "year": year,
        "years": [year - 1, year + 1],
        "undated": selectors.undated_courses(council),
    }
    return render(request, "departments/training_plan.html", context)
