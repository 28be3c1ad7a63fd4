"""Texts kept in each of a council's official languages: an act or a press statement is written in the council's
language and has a version in each of its other official languages (Gjilan: Albanian, and Serbian)."""

import copy

import cyrtranslit
from django.conf import settings
from django.db import models
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from helpers.concurrency import Versioned


def language_name(code: str) -> str:
    """The language's name in the active language: "Serbian", "serbisht"."""
    return str(get_language_info(code)["name_translated"])


class OfficialLanguages:
    """For a model with a `council` and `versions` (rows of a LanguageVersion)."""

    def missing_languages(self, versions=None) -> list[str]:
        """The council's official languages it has no version in yet (its own text is in the council's)."""
        have = {v.language for v in (self.versions.all() if versions is None else versions)}
        return [code for code in self.council.languages[1:] if code not in have]

    def version_in(self, language: str):
        """Its text in that language: a version (Serbian in Latin script read from the Cyrillic one), or itself
        (the council's language, or none there)."""
        versions = {version.language: version for version in self.versions.all()}
        if language in versions:
            return versions[language]
        if language == "sr-latn" and "sr" in versions:
            return versions["sr"].in_latin_script()
        return self


class LanguageVersion(Versioned):
    """A text in another of the council's official languages. Versioned: two people editing the same version, or
    adding it at once, do not overwrite each other (a form adding one starts from version 0)."""

    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta(Versioned.Meta):
        abstract = True
        ordering = ["language"]

    def in_latin_script(self):
        """This Serbian version as Latin-script readers read it (Serbian's letter-for-letter transliteration)."""
        latin = copy.copy(self)
        latin.pk, latin.language = None, "sr-latn"
        latin.title, latin.body = cyrtranslit.to_latin(self.title, "sr"), cyrtranslit.to_latin(self.body, "sr")
        return latin
