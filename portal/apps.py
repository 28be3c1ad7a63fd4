from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The public side: published pages, feeds, search and citizens' document requests."""

    name = "portal"
