from council.permissions import is_admin
from council.selectors import memberships_of


def navigation(request):
    """What the navigation bar needs: the user's councils and whether they are an admin."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    memberships = sorted(memberships_of(user).values(), key=lambda m: m.council.name)
    return {"nav_memberships": memberships, "nav_is_admin": is_admin(user)}
