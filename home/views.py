"""The signed-in home: each of the user's councils with what their role follows there."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from acts.selectors import publication_due
from council import permissions
from council.models import Role
from council.selectors import councils_for, memberships_of
from elections.selectors import alert_counts
from helpers.caching import cached_read
from home.owed import answers_owed
from meetings.selectors import chair_counts, liaison_dashboard, next_meeting, pending_replies, waiting_for


@login_required
def home(request):
    """Each of the user's councils with what their role follows there, and a badge with the number of things
    waiting for them there; admins also see every other council."""
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
        # The chair's counts are the cached read the card shows; a liaison's items are those the card read.
        open_actions = card["liaison"]["open_actions"] if card["liaison"] else None
        card["waiting"] = waiting_for(user, m.council, open_actions=open_actions)
        cards.append(card)
    other_councils = []
    if permissions.is_admin(user):
        other_councils = councils_for(user).exclude(pk__in=[m.council_id for m in memberships])
    context = {"cards": cards, "other_councils": other_councils, "replies": pending_replies(user)}
    return render(request, "home/home.html", context)


def chair_card(council) -> dict:
    """The chair's and secretary's card: the next meeting, and what awaits them (the counts their badge is
    built from, the open neutrality alerts and the acts due for publication)."""
    today = council.today()
    return {
        "next_meeting": next_meeting(council),
        "today": today,
        **chair_counts(council, today),
        "alerts": open_alerts(council),
        "acts": publication_due(council, today),
    }


@cached_read(
    "open-alerts",
    council=lambda council: council.pk,
    scopes=lambda council: [("elections", council.pk)],
)
def open_alerts(council) -> list[tuple]:
    return alert_counts(council)
