"""The portal's Atom feed of what a council has published."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from acts.models import Act
from helpers import params
from helpers.l10n.text import strip_controls
from meetings.models import Meeting, Statement
from portal.selectors import public_statements
from portal.views import portal_council


def _printable(values: dict) -> dict:
    return {key: strip_controls(value) if isinstance(value, str) else value for key, value in values.items()}


class PrintableAtom1Feed(Atom1Feed):
    """XML 1.0 cannot carry control characters: text saved before the forms removed them is cleaned here, rather
    than the feed failing for every reader."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **_printable(kwargs))

    def add_item(self, *args, **kwargs):
        super().add_item(*args, **_printable(kwargs))

    def latest_post_date(self):
        """An empty feed was last updated when its council began (`empty_since`), not at the time of asking: the
        same feed gives the same bytes until something is published."""
        if not self.items and self.feed.get("empty_since"):
            return self.feed["empty_since"]
        return super().latest_post_date()


class PublicationsFeed(Feed):
    """Atom feed of a council's publications: meetings whose minutes are published."""

    feed_type = PrintableAtom1Feed

    def get_object(self, request, slug):
        council = portal_council(request, slug)
        return council

    def title(self, council):
        return council.name

    def subtitle(self, council):
        return _("Published minutes and decisions")

    def link(self, council):
        return reverse("portal:index", args=[council.slug])

    def feed_extra_kwargs(self, council):
        return {"empty_since": council.created_at}

    def items(self, council):
        meetings = list(council.meetings.filter(state=Meeting.State.PUBLISHED).order_by("-published_at")[:30])
        statements = list(public_statements(council).prefetch_related("versions").order_by("-published_at")[:30])
        return sorted(meetings + statements, key=lambda item: item.published_at, reverse=True)[:30]

    def item_title(self, item):
        if isinstance(item, Statement):  # in the reader's language where it has a version in it
            return item.version_in(get_language()).title
        return _("Minutes of %(meeting)s") % {"meeting": item.name}

    def item_description(self, item):
        if isinstance(item, Statement):
            return item.version_in(get_language()).body[:500]
        return item.title

    def item_link(self, item):
        name = "portal:statement" if isinstance(item, Statement) else "portal:meeting"
        return reverse(name, args=[item.council.slug, item.pk])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at


class ActsFeed(Feed):
    """Atom feed of a council's published acts, of every type or of one (`/acts/feed.atom?type=<id>`), each in the
    reader's language where the act has a version in it. The feed object is shared by every request: what one
    request asked for travels in the object get_object returns."""

    feed_type = PrintableAtom1Feed

    def get_object(self, request, slug):
        council = portal_council(request, slug)
        kind = params.integer(request.GET, "type")
        return council, council.act_types.filter(pk=kind).first() if kind else None

    def title(self, asked):
        council, kind = asked
        return f"{council.name} · {kind.name if kind else _('Register of acts')}"

    def link(self, asked):
        return reverse("portal:act-list", args=[asked[0].slug])

    def feed_extra_kwargs(self, asked):
        return {"empty_since": asked[0].created_at}

    def items(self, asked):
        council, kind = asked
        acts = Act.objects.filter(council=council).public().select_related("type", "council")
        if kind:
            acts = acts.filter(type=kind)
        return acts.prefetch_related("versions").order_by("-published_on", "-pk")[:30]

    def item_title(self, act):
        return f"{act.type} {act.reference}: {act.version_in(get_language()).title}"

    def item_description(self, act):
        return act.version_in(get_language()).body[:500]

    def item_link(self, act):
        return reverse("portal:act", args=[act.council.slug, act.pk])

    def item_pubdate(self, act):
        return datetime.combine(act.published_on, time(), tzinfo=act.council.tzinfo)
