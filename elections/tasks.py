"""Background work for election neutrality: alerts to the chair, the daily escalation of missing attestations."""

from django.conf import settings
from django.urls import reverse

from council.models import Membership, Role
from council.selectors import language_for_recipient
from council.tasks import send_templated_mail
from elections.models import Alert
from elections.services import missing_attestations_escalate


def send_alert(alert_id: int) -> int:
    """E-mail the council's chair an election-neutrality alert, in the chair's language."""
    alert = Alert.objects.select_related("cycle__period__council", "department", "answer").get(pk=alert_id)
    council = alert.cycle.period.council
    chairs = Membership.objects.filter(council=council, role=Role.CHAIR).select_related("user")
    link = settings.SITE_URL + reverse("elections:election-detail", args=[council.slug, alert.cycle.period_id])
    sent = 0
    for membership in chairs:
        if membership.user.email:
            send_templated_mail(
                to=membership.user.email,
                template="neutrality_alert",
                context={"alert": alert, "council": council, "link": link},
                language=language_for_recipient(membership.user),
            )
            sent += 1
    return sent


def escalate_missing_attestations() -> int:
    """Daily: an alert for each attestation still missing after its cycle's deadline."""
    return missing_attestations_escalate()
