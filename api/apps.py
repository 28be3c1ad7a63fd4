from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The read-only public API (/api/v1/) and the bulk downloads: what the portal shows, as data."""

    name = "api"
