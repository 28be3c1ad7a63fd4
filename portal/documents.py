"""The office's yearly report on requests for public documents, printed like every document (reports/)."""

from django.utils import translation
from django.utils.translation import gettext as _

from council import permissions
from council.models import Council
from helpers.l10n import calendars
from portal import statistics
from reports.documents import Context, facts_table
from reports.models import Document
from reports.pdf.render import DocumentSpec, Grid, Heading, Text
from reports.registry import Printable, register


def request_report(council: Council, year: int, language: str) -> DocumentSpec:
    """The year's figures, as the law asks the office to report them to the government."""
    with translation.override(language):
        ctx = Context(council, language)
        figures = statistics.request_statistics(council, year)
        title = _("Requests for public documents in %(year)s") % {"year": ctx.digits(str(year))}
        first, last = calendars.year_bounds(year, calendar=council.calendar)
        about = [[_("Institution"), council.name], [_("Period"), f"{ctx.day(first)} – {ctx.day(last)}"]]
        profile = getattr(council, "legal_profile", None)
        if profile and profile.law:
            about.append([_("Law"), profile.law])
        outcomes = [
            [label, "—" if count is None else ctx.number(count)] for label, count in statistics.outcome_rows(figures)
        ]
        per_month = [[_("Month"), _("Requests received")]] + [
            [name, ctx.number(count)] for name, count in figures["months"]
        ]
        blocks = [
            Heading(title, size=15),
            facts_table(about),
            Heading(_("Outcomes")),
            facts_table(outcomes),
            Text(_("Figures on %(date)s.") % {"date": ctx.day(council.today())}, size=9.5),
            Heading(_("Requests per month")),
            Grid(per_month, [0.6, 0.4]),
        ]
        return ctx.spec(title, blocks)


register(
    Printable(
        Document.Kind.REQUEST_REPORT,
        build=lambda document: request_report(document.council, document.year, document.language),
        may_ask=permissions.can_handle_document_requests,
        may_download=permissions.can_handle_document_requests,
        scopes=lambda document: [("requests", document.council_id)],
        yearly=True,
    )
)
