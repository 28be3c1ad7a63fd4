"""Background tasks: thin entry points that load by id and do one thing."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from council.audit import purge_old_events
from council.models import Invitation, Membership
from council.selectors import language_for_recipient
from council.services import invitation_token


def send_templated_mail(*, to: str, template: str, context: dict, language: str, attachment=None) -> None:
    """Render emails/<template>_subject.txt, .txt and .html in the recipient's language and send them.

    `attachment` is (filename, content, mimetype), e.g. a meeting's .ics.
    """
    with translation.override(language):
        context = {**context, "site_url": settings.SITE_URL}
        subject = render_to_string(f"emails/{template}_subject.txt", context).strip()
        text = render_to_string(f"emails/{template}.txt", context)
        html = render_to_string(f"emails/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, to=[to])
    message.attach_alternative(html, "text/html")
    if attachment:
        message.attach(*attachment)
    message.send()


def send_invitation(invitation_id: int) -> None:
    invitation = Invitation.objects.select_related("user", "invited_by").get(pk=invitation_id)
    user = invitation.user
    link = settings.SITE_URL + reverse("council:invitation-accept", args=[invitation_token(invitation)])
    memberships = list(user.memberships.select_related("council", "department").order_by("created_at"))
    send_templated_mail(
        to=user.email,
        template="invitation",
        context={
            "invitation": invitation,
            "user": user,
            "link": link,
            "memberships": memberships,
            # dates in the calendar of the (first) council the e-mail speaks for
            "council": memberships[0].council if memberships else None,
        },
        language=language_for_recipient(user),
    )


def send_membership_notice(membership_id: int) -> None:
    membership = Membership.objects.select_related("user", "council", "department").get(pk=membership_id)
    send_templated_mail(
        to=membership.user.email,
        template="membership_notice",
        context={
            "membership": membership,
            "user": membership.user,
            "council": membership.council,
            "link": settings.SITE_URL + reverse("council:council-detail", args=[membership.council.slug]),
        },
        language=language_for_recipient(membership.user),
    )


def purge_audit_events() -> int:
    """Daily (migration 0011): the audit log keeps AUDIT_RETENTION_DAYS."""
    return purge_old_events()
