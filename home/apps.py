from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The signed-in home: what waits for each person across their councils."""

    name = "home"
