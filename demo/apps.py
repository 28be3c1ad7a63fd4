from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo councils (`seed_demo`) and the load-test data (`generate_load_data`): builders, not product."""

    name = "demo"
