"""The secretariat's register of acts under /c/<council-slug>/acts/."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from acts import forms, services
from acts.models import Act
from acts.selectors import related_acts
from council import permissions
from council.versions import language_name
from helpers.concurrency import EditConflict, edit_conflict
from helpers.files import file_response


def _act(request, slug, pk) -> Act:
    council = permissions.get_council_for_user(request.user, slug)
    permissions.authorize(request.user, permissions.can_register_acts, council)
    return get_object_or_404(Act.objects.select_related("council", "type"), council=council, pk=pk)


@login_required
def act_list(request, slug):
    council = permissions.get_council_for_user(request.user, slug)
    permissions.authorize(request.user, permissions.can_register_acts, council)
    context = {
        "council": council,
        "acts": council.acts.select_related("type").order_by("status", "-year", "-number", "-pk"),
        "today": council.today(),
        "has_types": council.act_types.exists(),
    }
    return render(request, "acts/act_list.html", context)


@login_required
def act_edit(request, slug, pk=None):
    if pk:
        act = _act(request, slug, pk)
        council = act.council
    else:
        council = permissions.get_council_for_user(request.user, slug)
        permissions.authorize(request.user, permissions.can_register_acts, council)
        act = Act(council=council)
    form = forms.ActForm(request.POST or None, request.FILES or None, instance=act, council=council)
    conflicts = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {name: data[name] for name in ("type", "title", "body", "in_force_on", "counterparty", "value")}
        if data.get("file"):
            fields["file"] = data["file"]
        try:
            act = services.act_save(
                act=form.instance,
                fields=fields,
                decisions=data["decisions"],
                amends=data["amends"],
                repeals=data["repeals"],
                base_version=data["base_version"],
                by=request.user,
            )
        except EditConflict:
            conflicts = edit_conflict(request, form, Act.objects.get(pk=act.pk))
        except services.ActError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Act saved."))
            return redirect("acts:act-detail", slug=slug, pk=act.pk)
    context = {
        "council": council,
        "form": form,
        "conflicts": conflicts,
        "title": _("Edit act") if pk else _("Register an act"),
        "back_url": request.path.removesuffix("edit/") if pk else request.path.removesuffix("new/"),
    }
    return render(request, "acts/act_form.html", context)


@login_required
def act_detail(request, slug, pk):
    act = _act(request, slug, pk)
    editable = act.status in (Act.Status.DRAFT, Act.Status.APPROVED)
    versions = list(act.versions.all())
    context = {
        "council": act.council,
        "act": act,
        "today": act.council.today(),
        "decisions": act.decisions.select_related("item__meeting"),
        "related": related_acts(act, public_only=False),
        "history": act.history.select_related("history_user").order_by("-history_date")[:50],
        "can_edit": editable,
        "approve_form": forms.ApproveForm(act=act) if act.status == Act.Status.DRAFT else None,
        "publish_form": forms.PublishForm(act=act, chair=_may_skip_versions(request, act))
        if act.status == Act.Status.APPROVED
        else None,
        "versions": versions,
        "missing": [(code, language_name(code)) for code in act.missing_languages(versions)],
    }
    return render(request, "acts/act_detail.html", context)


def _may_skip_versions(request, act) -> bool:
    return permissions.can_publish_acts_missing_versions(request.user, act.council)


def _move(request, slug, pk, form_class, change, done: str, **form_kwargs):
    act = _act(request, slug, pk)
    form = form_class(request.POST, act=act, **{k: make(request, act) for k, make in form_kwargs.items()})
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    else:
        try:
            change(act=act, by=request.user, **form.cleaned_data)
            messages.success(request, done)
        except services.ActError as error:
            messages.error(request, str(error))
    return redirect("acts:act-detail", slug=slug, pk=pk)


@require_POST
@login_required
def act_approve(request, slug, pk):
    return _move(request, slug, pk, forms.ApproveForm, services.act_approve, _("Act approved and numbered."))


@require_POST
@login_required
def act_publish(request, slug, pk):
    if request.POST.get("without_missing_versions"):  # the chair's decision: two-factor where it is required
        act = _act(request, slug, pk)
        permissions.authorize(request.user, permissions.can_publish_acts_missing_versions, act.council)
    return _move(
        request,
        slug,
        pk,
        forms.PublishForm,
        services.act_publish,
        _("Act published on the public portal."),
        chair=_may_skip_versions,
    )


@login_required
def act_version(request, slug, pk, language):
    """The act in another of the council's official languages: added, or changed until the act is published."""
    act = _act(request, slug, pk)
    if language not in act.council.languages[1:]:
        raise Http404
    version = act.versions.filter(language=language).first()
    form = forms.VersionForm(request.POST or None, request.FILES or None, instance=version, council=act.council)
    conflicts = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.act_version_save(
                act=act,
                language=language,
                title=data["title"],
                body=data["body"],
                file=data.get("file"),
                base_version=data["base_version"],
                by=request.user,
            )
        except EditConflict:
            conflicts = edit_conflict(request, form, act.versions.get(language=language))
        except services.ActError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Language version saved."))
            return redirect("acts:act-detail", slug=slug, pk=pk)
    context = {
        "council": act.council,
        "form": form,
        "conflicts": conflicts,
        "title": f"{act.title} · {language_name(language)}",
        "back_url": reverse("acts:act-detail", args=[slug, pk]),
        "language": language,
    }
    return render(request, "acts/act_form.html", context)


@login_required
def act_file(request, slug, pk):
    return file_response(_act(request, slug, pk).file)
