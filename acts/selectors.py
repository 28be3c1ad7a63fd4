from datetime import date, timedelta

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from acts.models import Act
from council.models import Council
from helpers.caching import cached_read


def related_acts(act: Act, *, public_only: bool) -> list[tuple[str, list[Act]]]:
    """The acts this one amends or repeals and those amending or repealing it, titled, for its page."""
    links = [
        (_("Amends"), act.amends),
        (_("Repeals"), act.repeals),
        (_("Amended by"), act.amended_by),
        (_("Repealed by"), act.repealed_by),
    ]
    return [
        (title, list((manager.public() if public_only else manager.all()).select_related("type")))
        for title, manager in links
    ]


@cached_read(
    "acts-due",
    council=lambda council, today: council.pk,
    scopes=lambda council, today: [("acts", council.pk)],
    key=lambda council, today: (today,),
)
def publication_due(council: Council, today: date) -> dict:
    """For the secretariat's card: approved acts past their deadline for publication, and those due within a week."""
    return (
        Act.objects.filter(council=council)
        .due_by(today + timedelta(days=7))
        .aggregate(
            overdue=Count("pk", filter=Q(publish_by__lt=today)), due_soon=Count("pk", filter=Q(publish_by__gte=today))
        )
    )
