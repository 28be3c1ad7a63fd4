"""What a council's home page shows each person: the next meeting, what waits for them, the recent decisions.

Registered with `council.home_page` (the council app draws the page but may not read meetings or submissions).
"""

from council import permissions
from council.models import Role
from home.owed import answers_owed
from home.views import chair_card
from meetings.selectors import (
    liaison_dashboard,
    next_meeting,
    pending_replies,
    recent_decisions,
    waiting_action_items,
)


def council_home(user, council, membership) -> dict:
    role = membership.role if membership else None
    today = council.today()
    context = {
        "today": today,
        "next_meeting": next_meeting(council),
        "recent_decisions": recent_decisions(council),
        "replies": [a for a in pending_replies(user) if a.meeting.council_id == council.pk],
        "secretariat": None,
        "liaison": None,
        "can_decide": permissions.can_approve_minutes(user, council),
    }
    if role in (Role.CHAIR, Role.SECRETARY) or (role is None and permissions.is_admin(user)):
        context["secretariat"] = chair_card(council)
    elif role == Role.LIAISON and membership.department:
        dashboard = liaison_dashboard(membership)
        context["liaison"] = {
            "owed": answers_owed(membership.department),
            "open_actions": dashboard["open_actions"],
            # What their badge on the home page counts: new items and overdue ones, each once.
            "waiting_actions": waiting_action_items(dashboard["open_actions"], today),
        }
    context["nothing_waits"] = not any(_waiting(context))
    return context


def _waiting(context) -> list:
    """Each kind of thing the "what waits for you" card lists (the proposals only to those who decide them)."""
    secretariat, liaison = context["secretariat"] or {}, context["liaison"] or {}
    return [
        context["replies"],
        *(secretariat.get(key) for key in ("alerts", "awaiting_approval", "done_to_accept", "overdue_by_department")),
        context["can_decide"] and secretariat.get("pending_proposals"),
        liaison.get("owed"),
        liaison.get("waiting_actions"),
    ]
