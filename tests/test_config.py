import pytest
from pydantic import ValidationError

from app.config import Settings


class TestSecretKey:
    @pytest.mark.parametrize("value", ["changethis", "secret", "short-but-random"])
    def test_placeholder_or_short_secret_is_refused_in_production(self, monkeypatch, value):
        monkeypatch.setenv("PORTAL_ENVIRONMENT", "production")
        monkeypatch.setenv("PORTAL_SECRET_KEY", value)
        with pytest.raises(ValidationError, match="PORTAL_SECRET_KEY"):
            Settings()

    def test_missing_secret_is_refused_in_production(self, monkeypatch):
        monkeypatch.setenv("PORTAL_ENVIRONMENT", "production")
        monkeypatch.delenv("PORTAL_SECRET_KEY")
        with pytest.raises(ValidationError):
            Settings()

    def test_generated_once_and_kept_under_var(self, monkeypatch, tmp_path):
        monkeypatch.chdir(tmp_path)
        monkeypatch.delenv("PORTAL_SECRET_KEY")
        monkeypatch.setenv("PORTAL_ENVIRONMENT", "development")
        first = Settings().resolved_secret_key()
        assert len(first) >= 32
        assert (tmp_path / "var" / "secret_key").read_text().strip() == first
        assert Settings().resolved_secret_key() == first


def test_default_database_is_a_sqlite_file_under_var(monkeypatch):
    monkeypatch.delenv("PORTAL_DATABASE_URL")
    assert Settings().database_url == "sqlite:///var/portal.db"
