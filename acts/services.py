"""Every change of an act: each one atomic, checked against the row as it is now (locked), named in its history."""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from acts.models import Act, ActVersion
from council.models import Council
from council.versions import language_name
from helpers.concurrency import claim_version
from helpers.l10n.calendars import year_of


class ActError(Exception):
    """A change the act's status does not allow; the message is for the user."""


def _locked(act: Act, by) -> Act:
    act.refresh_from_db(from_queryset=Act.objects.select_for_update())
    act._history_user = by
    return act


@transaction.atomic
def act_save(*, act: Act, fields: dict, decisions, amends, repeals, base_version=None, by) -> Act:
    """Register a new act, or edit one not yet published (refused with EditConflict unless the edit began from its
    saved version). Published acts are changed only by a new act that amends them."""
    if act.pk:
        status = Act.objects.select_for_update().values_list("status", flat=True).get(pk=act.pk)
        if status not in (Act.Status.DRAFT, Act.Status.APPROVED):
            raise ActError(_("A published act is not edited: register a new act that amends it."))
        claim_version(act, base_version)
    else:
        act.created_by = by
    for name, value in fields.items():
        setattr(act, name, value)
    act.publish_by = Act.deadline(act.adopted_on, act.type)
    act._history_user = by
    # Only what the form edits: the status, number and dates the edit began with may have moved on since (an
    # approval does not change the version the edit is checked against).
    act.save(update_fields=[*fields, "publish_by", "version"] if act.pk else None)
    act.decisions.set(decisions)
    act.amends.set(amends)
    act.repeals.set(repeals)
    return act


@transaction.atomic
def act_approve(*, act: Act, adopted_on: date, by) -> None:
    """The act was adopted: it gets the next number of its type in the year of its adoption."""
    _locked(act, by)
    if act.status != Act.Status.DRAFT:
        raise ActError(_("Only a draft act is approved."))
    Council.objects.select_for_update().filter(pk=act.council_id).first()  # serialises numbering per council
    year = year_of(adopted_on, calendar=act.council.calendar)
    last = Act.objects.filter(council=act.council_id, type=act.type_id, year=year).aggregate(last=Max("number"))
    act.status, act.adopted_on, act.year, act.number = Act.Status.APPROVED, adopted_on, year, (last["last"] or 0) + 1
    act.publish_by = Act.deadline(adopted_on, act.type)
    act.save(update_fields=["status", "adopted_on", "year", "number", "publish_by"])


@transaction.atomic
def act_publish(*, act: Act, published_on: date, by, without_missing_versions=False) -> None:
    """Publish an approved act. It needs a version in each of the council's official languages, unless the chair
    decides to publish without them (recorded). It enters into force on its own date or its type's days after
    publication; the acts it repeals stop being in force on that day."""
    _locked(act, by)
    if act.status != Act.Status.APPROVED:
        raise ActError(_("An act is published once it has been approved."))
    if act.adopted_on and published_on < act.adopted_on:
        raise ActError(_("An act cannot be published before the day it was adopted."))
    missing = act.missing_languages()
    if missing and not without_missing_versions:
        names = ", ".join(map(language_name, missing))
        raise ActError(
            _("The act has no version in: %(languages)s. Add it, or the chair publishes without it.")
            % {"languages": names}
        )
    act.status, act.published_on = Act.Status.PUBLISHED, published_on
    act.in_force_on = act.in_force_on or published_on + timedelta(days=act.type.in_force_after_days)
    act.missing_versions_allowed_by = by if missing else None
    act.save(update_fields=["status", "published_on", "in_force_on", "missing_versions_allowed_by"])
    for repealed in act.repeals.select_for_update().filter(status=Act.Status.PUBLISHED):
        repealed._history_user = by
        repealed.status, repealed.repealed_on = Act.Status.REPEALED, act.in_force_on
        repealed.save(update_fields=["status", "repealed_on"])


@transaction.atomic
def act_version_save(*, act: Act, language: str, title: str, body: str, file=None, base_version=0, by) -> ActVersion:
    """The act in another official language. Once the act is published a missing version may still be added, never
    changed: a correction is an amending act."""
    act = Act.objects.select_for_update().select_related("council").get(pk=act.pk)
    if language not in act.council.languages[1:]:
        raise ActError(_("This language is not one of the council's other official languages."))
    version = ActVersion.objects.filter(act=act, language=language).first()
    if version and act.is_public:
        raise ActError(_("A published act's version is not edited: register a new act that amends it."))
    if version:  # a form adding one started from version 0: someone else added it since
        claim_version(version, base_version)
    version = version or ActVersion(act=act, language=language, added_by=by)
    version.title, version.body = title, body
    if file:
        version.file = file
    version._history_user = by
    version.save()
    return version
