"""What can be printed: each kind of document, what it is about, who may have it and how it is built.

The domain apps know nothing of printing. Their pages show a print card with `{% print_card subject %}`
(`reports/templatetags/printing.py`), which asks this registry what the subject offers the viewer now; the
document views and the build task look kinds up here too. Kinds are registered in `reports/documents.py`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from council.models import Council
from reports.models import Document


@dataclass(frozen=True)
class Printable:
    kind: str  # a Document.Kind value
    build: Callable  # (document) -> DocumentSpec
    may_ask: Callable  # permission predicate (user, subject)
    may_download: Callable  # permission predicate (user, document)
    scopes: Callable  # (document) -> the cache scopes its content shows besides its council (helpers/caching.py)
    subject_field: str = ""  # the Document field naming what it is about; none: the council itself
    offered: Callable = lambda subject: True  # whether the subject can be printed so now (minutes once held)
    per_department: bool = False  # a liaison's copy covers their own department only
    yearly: bool = False  # about a year of the council's calendar (Document.year), asked for from a year's page

    @property
    def label(self) -> str:
        return Document.Kind(self.kind).label

    @property
    def subject_model(self) -> type:
        return Document._meta.get_field(self.subject_field).related_model if self.subject_field else Council


PRINTABLES: dict[str, Printable] = {}


def register(printable: Printable) -> None:
    PRINTABLES[printable.kind] = printable


def printables_for(user, subject, *, yearly: bool = False) -> list[Printable]:
    """The documents the user may print about the subject now (or about one of its years), in the order they were
    registered."""
    return [
        p
        for p in PRINTABLES.values()
        if isinstance(subject, p.subject_model)
        and p.yearly == yearly
        and p.offered(subject)
        and p.may_ask(user, subject)
    ]
