from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElectionsConfig(AppConfig):
    """Election-period neutrality: checklists, cycles, attestations, alerts, the equal-access and complaints
    registers."""

    name = "elections"
    verbose_name = _("Election neutrality")
