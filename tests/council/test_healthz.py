import json


def test_it_answers_200_when_database_and_broker_answer(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"database": "ok", "broker": "ok", "queued_tasks": 0}


def test_it_answers_503_when_the_broker_fails(client, db, monkeypatch):
    def broken_broker():
        raise ConnectionError("broker down")

    monkeypatch.setattr("council.views.get_broker", broken_broker)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["broker"] == "error: ConnectionError"


def test_it_answers_503_when_the_database_fails(client, db, monkeypatch):
    class BrokenConnection:
        def cursor(self):
            raise ConnectionError("database down")

    monkeypatch.setattr("council.views.connection", BrokenConnection())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "error: ConnectionError"
