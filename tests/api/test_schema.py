"""The API against its own OpenAPI schema (schemathesis): every operation, inputs generated from the schema, never a
server error, never an answer the schema does not describe."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

from hamahang.wsgi import application


@pytest.fixture
def wsgi(settings):
    settings.API_RATE_LIMIT = "100000/m"  # the generated requests are one client's
    settings.ALLOWED_HOSTS = ["*"]
    # As Django's test client does: the test's database connection stays open between requests.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield application
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_every_operation_answers_as_its_schema_says(world, published, wsgi):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", wsgi)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 10

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def answers_as_described(case):
            path = case.path_parameters or {}
            if "slug" in path:
                path["slug"] = world.council.slug  # a council that exists, with one of each thing published
            if path.get("id", 1) % 2 == 0:  # half the time, a thing that exists
                path["id"] = next(p.pk for name, p in published.items() if f"/{name}s/" in case.operation.path)
            case.call_and_validate()

        answers_as_described()
