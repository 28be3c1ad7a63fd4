"""Cache keys carry the deployed code's version, so a deploy never shows pages cached by the code before it."""

from django.conf import settings

from hamahang.settings import release


def test_the_release_is_the_checked_out_commit_loose_or_packed(tmp_path, monkeypatch):
    monkeypatch.delenv("HAMAHANG_RELEASE", raising=False)
    git = tmp_path / ".git"
    (git / "refs" / "heads").mkdir(parents=True)
    (git / "HEAD").write_text("ref: refs/heads/main\n")
    (git / "refs" / "heads" / "main").write_text("0123456789abcdef0123\n")
    assert release(tmp_path) == "0123456789ab"
    (git / "refs" / "heads" / "main").unlink()
    (git / "packed-refs").write_text("# pack-refs\nfedcba9876543210fedc refs/heads/main\naaaa refs/heads/other\n")
    assert release(tmp_path) == "fedcba987654"
    (git / "HEAD").write_text("abcdefabcdef1234\n")  # detached
    assert release(tmp_path) == "abcdefabcdef"


def test_a_release_named_in_the_environment_wins_and_no_git_is_dev(tmp_path, monkeypatch):
    monkeypatch.delenv("HAMAHANG_RELEASE", raising=False)
    assert release(tmp_path) == "dev"
    monkeypatch.setenv("HAMAHANG_RELEASE", "2026.12.1")
    assert release(tmp_path) == "2026.12.1"


def test_every_cache_key_carries_the_release():
    assert settings.CACHES["default"]["KEY_PREFIX"].endswith(settings.RELEASE)
