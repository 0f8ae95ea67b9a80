"""CSRF protection by signed double submit.

A random value lives in an HttpOnly cookie; every form carries that value signed with the secret key and a
timestamp. A forged form cannot know the cookie, and an old token expires. Nothing is kept on the server, so it
works the same on every worker.
"""

import hmac
import secrets

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE = "portal_csrf"
FIELD = "csrf_token"
HEADER = "x-csrf-token"
MAX_AGE_SECONDS = 12 * 3600


def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt="portal-csrf")


def issue_token(secret: str, cookie_value: str) -> str:
    return _serializer(secret).dumps(cookie_value)


def token_is_valid(secret: str, cookie_value: str | None, token: str | None) -> bool:
    if not cookie_value or not token:
        return False
    try:
        signed = _serializer(secret).loads(token, max_age=MAX_AGE_SECONDS)
    except (SignatureExpired, BadSignature):
        return False
    return isinstance(signed, str) and hmac.compare_digest(signed, cookie_value)


class CsrfCookieMiddleware:
    """Makes sure every browser has the CSRF cookie; the value is put in scope state for the templates."""

    def __init__(self, app: ASGIApp, secure: bool) -> None:
        self.app = app
        self.secure = secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        existing = _cookie(scope, COOKIE)
        value = existing or secrets.token_urlsafe(24)
        scope.setdefault("state", {})["csrf_cookie"] = value

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and existing is None:
                flags = "Path=/; HttpOnly; SameSite=Lax" + ("; Secure" if self.secure else "")
                headers = list(message.get("headers", []))
                headers.append((b"set-cookie", f"{COOKIE}={value}; {flags}".encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def _cookie(scope: Scope, name: str) -> str | None:
    for key, raw in scope.get("headers", []):
        if key == b"cookie":
            for part in raw.decode("latin-1").split(";"):
                k, _, v = part.strip().partition("=")
                if k == name and v:
                    return v
    return None
