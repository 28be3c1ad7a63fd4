import hmac

from allauth.account.decorators import reauthentication_required
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes import views as recovery_code_views
from allauth.mfa.totp import views as totp_views
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_q.brokers import get_broker

from council import home_page, permissions, services
from council.forms import AcceptInvitationForm, EmailCodeForm, InvitationForm
from council.mfa import EnrolmentEmailCode
from council.models import Membership
from council.selectors import language_for_recipient, memberships_of
from helpers import params, traffic


@login_required
def council_detail(request, slug):
    """The council's home: the next meeting, what waits for this person, recent decisions (`council.home_page`)."""
    council = permissions.get_council_for_user(request.user, slug)
    user = request.user
    membership = memberships_of(user).get(council.pk)
    context = {"council": council, "membership": membership, **home_page.read(user, council, membership)}
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
        return redirect("home:home")
    return render(request, "council/invitation_accept.html", {"form": form, "invitation": invitation})


TWO_FACTOR_NEXT = "hamahang_two_factor_next"


@login_required
@reauthentication_required(app="allauth.mfa")
def activate_totp(request):
    """allauth's turning on of an authenticator app, once a code sent to the account's e-mail address is typed
    back; afterwards the recovery codes, then back to the page that sent the person here (its `next`)."""
    if is_mfa_enabled(request.user, [Authenticator.Type.TOTP]):
        return totp_views.activate_totp(request)  # allauth offers to turn it off
    next_url = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        request.session[TWO_FACTOR_NEXT] = next_url
    process = EnrolmentEmailCode.resume(request)
    if process is None or not process.confirmed:
        return _confirm_email_for_two_factor(request, process)
    response = totp_views.activate_totp(request)
    if is_mfa_enabled(request.user, [Authenticator.Type.TOTP]):
        process.abort()
    return response


def _confirm_email_for_two_factor(request, process):
    form = EmailCodeForm(request.POST if "code" in request.POST else None)
    error = ""
    if request.method == "POST" and "send" in request.POST:
        if not request.user.email:
            error = _("Your account has no e-mail address. Ask an administrator to add it.")
        elif not traffic.allow(request, "two_factor_email", "3/10m/key", key=str(request.user.pk)):
            return traffic.too_many_requests(request)
        else:
            process = EnrolmentEmailCode.start(request)
            messages.info(request, _("We sent a code to %(email)s.") % {"email": request.user.email})
            return redirect(request.get_full_path())
    elif request.method == "POST" and form.is_valid():
        if process is None:
            error = _("The code has expired or was typed wrong too many times. Send a new one.")
        elif process.check(form.cleaned_data["code"]):
            return redirect(request.get_full_path())
        else:
            form.add_error("code", _("The code is not correct."))
    context = {"form": form, "sent": process is not None, "email": request.user.email, "error": error}
    return render(request, "council/two_factor_email.html", context, status=400 if error else 200)


@login_required
def recovery_codes(request):
    """allauth's page of recovery codes, with the way back to where two-factor set-up interrupted the person."""
    response = recovery_code_views.view_recovery_codes(request)
    if hasattr(response, "context_data") and TWO_FACTOR_NEXT in request.session:
        response.context_data["next_url"] = request.session.pop(TWO_FACTOR_NEXT)
    return response


def not_found(request):
    raise Http404


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says (the Django admin's pages say nothing)."""
    return redirect(static("favicon.svg"), permanent=True)


def set_language(request):
    """Switch the interface language; a signed-in user's choice is saved on their profile."""
    if request.method != "POST":  # e.g. reloading the page after a switch
        return redirect("home:home")
    language = params.choice(request.POST, "language", dict(settings.LANGUAGES))
    if language is None:
        shown = params.text(request.POST, "language", max_length=20)
        return render(request, "council/unknown_language.html", {"language": shown}, status=400)
    next_url = params.text(request.POST, "next", max_length=2000) or reverse("home:home")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = reverse("home:home")
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
    """200 when the database and the task broker answer, 503 otherwise; which part failed and the queue's length
    only for admins and for monitors that send HEALTHZ_TOKEN (an anonymous caller learns up or down)."""
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
    if not _may_see_health_details(request):
        status = {"status": "ok" if healthy else "error"}
    return JsonResponse(status, status=200 if healthy else 503)


def _may_see_health_details(request) -> bool:
    if permissions.is_admin(request.user):
        return True
    token = settings.HEALTHZ_TOKEN
    sent = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    return bool(token) and hmac.compare_digest(sent.encode(), token.encode())
