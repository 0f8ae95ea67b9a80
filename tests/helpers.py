"""HTTP helpers: sign in, read the CSRF token from a page, post forms as a browser would."""

import re

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.auth.service import create_api_token
from app.models import User
from tests.factories import PASSWORD

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_token(client: TestClient, path: str = "/login") -> str:
    page = client.get(path)
    match = _CSRF.search(page.text)
    assert match, f"no CSRF token on {path} (status {page.status_code})"
    return match.group(1)


def login(client: TestClient, email: str, password: str = PASSWORD) -> None:
    response = client.post(
        "/login", data={"email": email, "password": password, "csrf_token": csrf_token(client)}
    )
    assert response.status_code == 303, response.text


def post_form(client: TestClient, path: str, data: dict[str, object], token_from: str | None = None):  # type: ignore[no-untyped-def]
    """Post a form with a CSRF token taken from `token_from` (default: the start page)."""
    return client.post(path, data={**data, "csrf_token": csrf_token(client, token_from or "/")})


def api_headers(client: TestClient) -> dict[str, str]:
    """A browser calling the API with its session cookie sends the CSRF token as a header."""
    return {"X-CSRF-Token": csrf_token(client, "/")}


def bearer(db: Session, user: User) -> dict[str, str]:
    """Headers of a machine client acting as `user`."""
    token = create_api_token(db, user, "test")
    db.flush()
    return {"Authorization": f"Bearer {token}"}
