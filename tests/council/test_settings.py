import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from hamahang.settings import envbool, envint

PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k3j4h5g6f7d8s9a0p1o2i3u4y5t6r7e8w9q0z1x2c3v4b5n6m7-+=",
    "DJANGO_ALLOWED_HOSTS": "council.example.org",
}


def run_django(args, **env):
    """Run manage.py in a fresh interpreter, with only the given environment on top of a clean one."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "HAMAHANG_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args], env={**clean, **env}, capture_output=True, text=True, timeout=120
    )


def test_envbool_refuses_a_malformed_value(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        envbool("SOME_FLAG", True)
    monkeypatch.setenv("SOME_FLAG", "off")
    assert envbool("SOME_FLAG", True) is False


def test_envint_refuses_a_malformed_value(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured):
        envint("SOME_NUMBER", 1)


def test_it_refuses_to_start_without_debug_and_a_real_secret_key():
    result = run_django(["check"], DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="x.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_it_refuses_to_start_without_debug_and_allowed_hosts():
    result = run_django(["check"], DJANGO_DEBUG="0", DJANGO_SECRET_KEY=PRODUCTION_ENV["DJANGO_SECRET_KEY"])
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_settings_pass_check_deploy_with_no_warning():
    result = run_django(["check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_mfa_is_required_by_default_when_debug_is_off():
    script = "from django.conf import settings; print(settings.HAMAHANG_REQUIRE_MFA)"
    assert run_django(["shell", "--no-imports", "-c", script], **PRODUCTION_ENV).stdout.strip() == "True"
    assert (
        run_django(["shell", "--no-imports", "-c", script], **PRODUCTION_ENV, HAMAHANG_REQUIRE_MFA="0").stdout.strip()
        == "False"
    )


def test_redis_url_puts_the_cache_on_redis():
    script = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = run_django(["shell", "--no-imports", "-c", script], REDIS_URL="redis://127.0.0.1:6379/15")
    assert result.stdout.strip() == "helpers.caching.RedisCache"


def test_database_url_switches_to_postgresql_and_the_broker_stays_the_database():
    script = (
        "from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE'], settings.Q_CLUSTER['orm'], settings.Q_CLUSTER['max_attempts'])"
    )
    result = run_django(["shell", "--no-imports", "-c", script], DATABASE_URL="postgres://u@127.0.0.1:5432/hamahang")
    assert result.stdout.split() == ["django.db.backends.postgresql", "default", "3"]


def test_the_content_security_policy_forbids_inline_scripts(client, db):
    policy = client.get("/accounts/login/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy


def test_queued_tasks_are_retried_after_a_timeout_and_not_forever(settings):
    cluster = settings.Q_CLUSTER
    assert cluster["retry"] > cluster["timeout"]
    assert 1 <= cluster["max_attempts"] <= 10
