from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The signed-in home: what waits for each person across their councils."""

    name = "home"

    def ready(self):
        from council import home_page
        from home.council_home import council_home

        home_page.add_reader(council_home)
