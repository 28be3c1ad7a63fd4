"""The council's section menu: its sections, in order, each shown to those the permission rules let in.

Sections name their pages by URL name only, so the council app knows the apps above it by address, not by import.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from council import permissions


@dataclass(frozen=True)
class Section:
    """One entry of the menu: its label and icon, its page (a URL name taking the council's slug), who sees it."""

    label: str
    icon: str
    url_name: str
    action: permissions.Action = permissions.can_view_council


SECTIONS = [
    Section(_("Council home"), "house", "council:council-detail"),
    Section(_("Meetings"), "calendar3", "meetings:meeting-list"),
    Section(_("Follow-up of decisions"), "list-check", "meetings:action-list"),
    Section(_("Press statements"), "megaphone", "meetings:statement-list"),
    Section(_("Register of acts"), "journal-text", "acts:act-list", permissions.can_register_acts),
    Section(_("Document requests"), "envelope-paper", "portal:request-list", permissions.can_handle_document_requests),
    Section(_("Departments"), "buildings", "departments:department-list"),
    Section(_("Staffing-gap surveys"), "clipboard-data", "departments:survey-list"),
    Section(_("Activity reports"), "graph-up", "departments:activity-list"),
    Section(_("Training"), "mortarboard", "departments:training-list"),
    Section(_("Election neutrality"), "shield-check", "elections:election-list"),
    Section(_("Members"), "people", "council:member-list", permissions.can_view_members),
]


def council_menu(user, council, path: str) -> list[dict]:
    """The sections this person may open, the one holding `path` marked current (the longest address that starts
    it; the council's home only when it is the page itself)."""
    entries = [
        {"label": section.label, "icon": section.icon, "url": reverse(section.url_name, args=[council.slug])}
        for section in SECTIONS
        if section.action(user, council)
    ]
    home, *others = entries
    holding = [entry for entry in others if path.startswith(entry["url"])]
    current = max(holding, key=lambda entry: len(entry["url"])) if holding else home if path == home["url"] else None
    for entry in entries:
        entry["current"] = entry is current
    return entries
