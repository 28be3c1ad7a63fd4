from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Documents and exports")

    def ready(self):
        from reports import documents  # noqa: F401 (registers what can be printed)
