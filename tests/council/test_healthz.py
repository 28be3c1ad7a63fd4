import json

from django.test import override_settings


def test_it_answers_200_when_database_and_broker_answer_and_says_no_more_to_strangers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}


def test_an_admin_sees_the_details(client, world):
    client.force_login(world.admin)
    response = client.get("/healthz")
    assert json.loads(response.content) == {"database": "ok", "broker": "ok", "queued_tasks": 0}


@override_settings(HEALTHZ_TOKEN="s3cret-monitor-token")
def test_a_monitor_with_the_token_sees_the_details_and_a_wrong_token_does_not(client, db):
    details = client.get("/healthz", headers={"Authorization": "Bearer s3cret-monitor-token"})
    assert json.loads(details.content)["database"] == "ok"
    assert json.loads(client.get("/healthz", headers={"Authorization": "Bearer guess"}).content) == {"status": "ok"}


def test_it_answers_503_when_the_broker_fails(client, world, monkeypatch):
    def broken_broker():
        raise ConnectionError("broker down")

    monkeypatch.setattr("council.views.get_broker", broken_broker)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "error"}
    client.force_login(world.admin)
    assert json.loads(client.get("/healthz").content)["broker"] == "error: ConnectionError"


@override_settings(HEALTHZ_TOKEN="s3cret-monitor-token")
def test_it_answers_503_when_the_database_fails(client, db, monkeypatch):
    class BrokenConnection:
        def cursor(self):
            raise ConnectionError("database down")

    monkeypatch.setattr("council.views.connection", BrokenConnection())
    response = client.get("/healthz", headers={"Authorization": "Bearer s3cret-monitor-token"})
    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "error: ConnectionError"
