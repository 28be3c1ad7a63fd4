from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_q.brokers import get_broker

from council import permissions, services
from council.caching import cached
from council.forms import (
    AcceptInvitationForm,
    InvitationForm,
    RequestAnswerForm,
    RequestAssignForm,
    RequestRefuseForm,
)
from council.models import DocumentRequest, Membership, Role
from council.selectors import councils_for, language_for_recipient, memberships_of


@login_required
def home(request):
    """Each of the user's councils with what their role follows there; admins also see every other council."""
    from home.owed import answers_owed
    from meetings.selectors import liaison_dashboard, pending_replies

    user = request.user
    memberships = sorted(memberships_of(user).values(), key=lambda m: m.council.name)
    cards = []
    for m in memberships:
        card = {
            "council": m.council,
            "role_label": m.get_role_display(),
            "department": m.department,
            "can_view_members": permissions.can_view_members(user, m.council),
            "chair": None,
            "liaison": None,
        }
        if m.role in (Role.CHAIR, Role.SECRETARY):
            card["chair"] = chair_card(m.council)
        elif m.role == Role.LIAISON:
            card["liaison"] = liaison_dashboard(m)
            card["owed"] = answers_owed(m.department) if m.department else []
        cards.append(card)
    other_councils = []
    if permissions.is_admin(user):
        other_councils = councils_for(user).exclude(pk__in=[m.council_id for m in memberships])
    context = {"cards": cards, "other_councils": other_councils, "replies": pending_replies(user)}
    return render(request, "council/home.html", context)


def chair_card(council) -> dict:
    """The chair's and secretary's card: the next meeting, and what awaits them, cached as one read until the
    council's data changes or the day does."""
    from elections.selectors import alert_counts
    from meetings.selectors import chair_counts, next_meeting

    today = council.today()
    awaiting = cached(
        council.pk, "chair-card", lambda: {**chair_counts(council, today), "alerts": alert_counts(council)}, today
    )
    return {"next_meeting": next_meeting(council), "today": today, **awaiting}


@login_required
def council_detail(request, slug):
    council = permissions.get_council_for_user(request.user, slug)
    user = request.user
    context = {
        "council": council,
        "membership": memberships_of(user).get(council.pk),
        "department_count": council.departments.count(),
        "can_view_members": permissions.can_view_members(user, council),
        "can_manage": permissions.can_manage_council(user, council),
        "can_handle_requests": permissions.can_edit_agenda(user, council),
    }
    return render(request, "council/council_detail.html", context)


@login_required
def member_list(request, slug):
    council = permissions.get_council_for_user(request.user, slug)
    permissions.authorize(request.user, permissions.can_view_members, council)
    members = Membership.objects.filter(council=council).with_people()
    context = {
        "council": council,
        "members": members,
        "can_invite": permissions.can_manage_council(request.user, council),
    }
    return render(request, "council/member_list.html", context)


@login_required
def member_invite(request, slug):
    council = permissions.get_council_for_user(request.user, slug)
    permissions.authorize(request.user, permissions.can_manage_council, council)
    form = InvitationForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        membership = services.member_add(added_by=request.user, council=council, **form.cleaned_data)
        messages.success(
            request,
            _("%(email)s is now in the council and has been told by e-mail.") % {"email": membership.user.email},
        )
        return redirect("council:member-list", slug=council.slug)
    return render(request, "council/member_invite.html", {"council": council, "form": form})


@never_cache
def invitation_accept(request, token):
    invitation = services.invitation_from_token(token)
    if invitation is not None:  # the page speaks the invitee's language, not the browser's
        translation.activate(language_for_recipient(invitation.user))
    if invitation is None:
        return render(request, "council/invitation_invalid.html", {"reason": "unknown"}, status=404)
    if not invitation.is_usable:
        reason = "used" if invitation.accepted_at else "expired"
        return render(request, "council/invitation_invalid.html", {"reason": reason}, status=410)
    form = AcceptInvitationForm(invitation.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(invitation=invitation, password=form.cleaned_data["new_password1"])
        except services.InvitationUnusable:
            return render(request, "council/invitation_invalid.html", {"reason": "used"}, status=410)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to Hamahang. Your password is set."))
        return redirect("council:home")
    return render(request, "council/invitation_accept.html", {"form": form, "invitation": invitation})


def not_found(request):
    raise Http404


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says (the Django admin's pages say nothing)."""
    return redirect(static("favicon.svg"), permanent=True)


def set_language(request):
    """Switch the interface language; a signed-in user's choice is saved on their profile."""
    if request.method != "POST":  # e.g. reloading the page after a switch
        return redirect("council:home")
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        return render(request, "council/unknown_language.html", {"language": language[:20]}, status=400)
    next_url = request.POST.get("next") or reverse("council:home")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = reverse("council:home")
    if request.user.is_authenticated:
        services.user_set_language(user=request.user, language=language)
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


def ping(request):
    """The cheapest page Django can serve (no database): the ceiling the load benchmark compares pages with."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def healthz(request):
    """200 when the database and the task broker answer, 503 otherwise."""
    status = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        status["database"] = "ok"
    except Exception as error:  # any failure means unhealthy; say which
        status["database"] = f"error: {type(error).__name__}"
    try:
        broker = get_broker()
        status["broker"] = "ok" if broker.ping() else "error"
        status["queued_tasks"] = broker.queue_size()
    except Exception as error:
        status["broker"] = f"error: {type(error).__name__}"
    healthy = status["database"] == "ok" and status["broker"] == "ok"
    return JsonResponse(status, status=200 if healthy else 503)


# Public document requests: the council's queue


def _document_request(request, slug, pk) -> DocumentRequest:
    council = permissions.get_council_for_user(request.user, slug)
    permissions.authorize(request.user, permissions.can_edit_agenda, council)
    return get_object_or_404(DocumentRequest.objects.select_related("council", "assigned_to"), council=council, pk=pk)


@login_required
def request_list(request, slug):
    council = permissions.get_council_for_user(request.user, slug)
    permissions.authorize(request.user, permissions.can_edit_agenda, council)
    requests = council.document_requests.select_related("assigned_to")
    if request.GET.get("show") != "all":
        requests = requests.filter(status__in=[DocumentRequest.Status.RECEIVED, DocumentRequest.Status.ASSIGNED])
    context = {"council": council, "requests": requests, "today": council.today()}
    return render(request, "council/request_list.html", context)


@login_required
def request_detail(request, slug, pk):
    """A request and what can be done with it: assign, answer (text and a file) or refuse with a legal reason."""
    document_request = _document_request(request, slug, pk)
    council = document_request.council
    action = request.POST.get("action") if request.method == "POST" else None
    forms_ = {
        "assign": RequestAssignForm(request.POST if action == "assign" else None, council=council),
        "answer": RequestAnswerForm(
            request.POST if action == "answer" else None, request.FILES or None, instance=document_request
        ),
        "refuse": RequestRefuseForm(request.POST if action == "refuse" else None),
    }
    form = forms_.get(action)
    if form is not None and form.is_valid():
        try:
            if action == "assign":
                services.request_assign(request=document_request, to=form.cleaned_data["assigned_to"])
            elif action == "answer":
                services.request_answer(
                    request=document_request, answer=form.cleaned_data["answer"], file=form.cleaned_data["answer_file"]
                )
            else:
                services.request_refuse(request=document_request, reason=form.cleaned_data["reason"])
        except services.RequestClosed:
            messages.error(request, _("This request has already been answered or refused."))
        else:
            messages.success(request, _("Request updated."))
        return redirect("council:request-detail", slug=slug, pk=pk)
    context = {"council": council, "document_request": document_request, **{f"{k}_form": f for k, f in forms_.items()}}
    return render(request, "council/request_detail.html", context)
