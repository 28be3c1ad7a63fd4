"""Reads about councils and people that several views share."""

from django.conf import settings

from council.models import Council, Membership, Role


def memberships_of(user) -> dict[int, Membership]:
    """The user's memberships by council id, loaded once per user object (one query)."""
    if not user.is_authenticated:
        return {}
    cached = getattr(user, "_memberships_by_council", None)
    if cached is None:
        rows = Membership.objects.filter(user=user).select_related("council", "department").order_by("created_at")
        cached = {m.council_id: m for m in rows}
        user._memberships_by_council = cached
    return cached


def preferred_language(user) -> str | None:
    """The user's own choice, else their (first) council's language; None when neither is known."""
    if user.language:
        return user.language
    for membership in memberships_of(user).values():
        return membership.council.language
    return None


def language_for_recipient(user) -> str:
    return preferred_language(user) or settings.LANGUAGE_CODE


def councils_for(user):
    """The councils the user can open: all of them for an admin, else their own."""
    if user.is_staff or user.is_superuser:
        return Council.objects.all()
    return Council.objects.filter(memberships__user=user)


def council_chair(council: Council):
    """Who chairs the council's meetings unless someone else is named: its chair (the first, if several)."""
    membership = council.memberships.filter(role=Role.CHAIR).select_related("user").order_by("pk").first()
    return membership.user if membership else None


def liaison_department(user, council: Council):
    """The department a liaison answers for in this council, else None."""
    membership = memberships_of(user).get(council.pk)
    return membership.department if membership and membership.role == Role.LIAISON else None
