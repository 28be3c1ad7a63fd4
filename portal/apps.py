from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The public side: published pages, feeds, search and citizens' document requests."""

    name = "portal"

    def ready(self):
        from portal import documents  # noqa: F401 (registers the yearly report on requests)
