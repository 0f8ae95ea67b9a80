"""Typed settings, read once from the environment (prefix PORTAL_)."""

import secrets
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from pydantic import SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

VAR_DIR = Path("var")

# Values that have appeared in docs and templates; a production deployment must never run with one.
PLACEHOLDER_SECRETS = {
    "",
    "changethis",
    "changeme",
    "secret",
    "dev",
    "development",
    "insecure",
    "please-change",
}


class Environment(StrEnum):
    development = "development"
    test = "test"
    production = "production"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PORTAL_", extra="ignore")

    environment: Environment = Environment.development
    database_url: str = f"sqlite:///{VAR_DIR / 'portal.db'}"
    secret_key: SecretStr | None = None
    base_url: str = "http://127.0.0.1:8000"
    log_level: str = "INFO"
    default_language: str = "da"
    session_max_age_hours: int = 12
    # Login throttling: this many failures for one e-mail within the window lock it for the window.
    login_max_failures: int = 5
    login_failure_window_minutes: int = 15
    # argon2 cost; tests lower it through the environment.
    password_time_cost: int = 3
    password_memory_kib: int = 65536
    demo_supplier_port: int = 8001
    # Catalogue uploads through the web; the command line reads files of any size.
    max_upload_mb: int = 200
    # Punch-out: the cart comes back through the browser. Starlette's form defaults (1,000 fields, 1 MiB a field)
    # are too small for OCI carts of a few hundred lines and large base64 cXML carts, so the return reads its
    # body itself under these caps.
    punchout_return_max_mb: int = 10
    punchout_return_max_fields: int = 50_000
    # How long a started shop visit may take before its return token expires (OCA uses two hours).
    punchout_session_minutes: int = 120
    # Applies to each server-to-server request unless the connection sets its own.
    punchout_timeout_seconds: int = 10

    @model_validator(mode="after")
    def _refuse_placeholder_secret(self) -> "Settings":
        if self.environment is Environment.production:
            value = self.secret_key.get_secret_value() if self.secret_key else ""
            if value.lower() in PLACEHOLDER_SECRETS or len(value) < 32:
                raise ValueError(
                    "PORTAL_SECRET_KEY must be set to a random value of at least 32 characters in production"
                )
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def secure_cookies(self) -> bool:
        return self.base_url.startswith("https://")

    def resolved_secret_key(self) -> str:
        """The configured key, or one generated once and kept under var/ so restarts keep sessions valid."""
        if self.secret_key is not None:
            return self.secret_key.get_secret_value()
        path = VAR_DIR / "secret_key"
        if path.exists():
            return path.read_text().strip()
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        path.write_text(key)
        path.chmod(0o600)
        return key


@lru_cache
def get_settings() -> Settings:
    return Settings()
