"""Background tasks of the register of acts: thin entry points run by django-q2."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse

from acts.models import Act
from council.models import Council, Role
from council.selectors import language_for_recipient
from council.tasks import send_templated_mail

REMIND_DAYS_BEFORE = 2


def send_publication_reminders() -> int:
    """Daily: each council's secretary and chair get one e-mail listing the approved acts due for publication
    within two days or already overdue, at most once a day. Returns the number of e-mails sent."""
    sent = 0
    councils = Council.objects.filter(acts__status=Act.Status.APPROVED).distinct()
    for council in councils:
        today = council.today()
        due = list(
            Act.objects.filter(council=council)
            .due_by(today + timedelta(days=REMIND_DAYS_BEFORE))
            .exclude(reminded_on=today)
            .select_related("type")
            .order_by("publish_by", "pk")
        )
        if not due:
            continue
        link = settings.SITE_URL + reverse("acts:act-list", args=[council.slug])
        office = council.memberships.filter(role__in=[Role.SECRETARY, Role.CHAIR]).select_related("user")
        for membership in office:
            if membership.user.email:
                send_templated_mail(
                    to=membership.user.email,
                    template="acts_due",
                    context={"council": council, "acts": due, "today": today, "link": link},
                    language=language_for_recipient(membership.user),
                )
                sent += 1
        Act.objects.filter(pk__in=[act.pk for act in due]).update(reminded_on=today)
    return sent
