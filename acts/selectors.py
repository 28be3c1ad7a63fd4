from django.utils.translation import gettext_lazy as _

from acts.models import Act


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
