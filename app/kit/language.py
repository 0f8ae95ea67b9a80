"""Chooses the request's language before the route runs: the language cookie, then (for the API) Accept-Language."""

from starlette.types import ASGIApp, Receive, Scope, Send

from app.kit.csrf import _cookie
from app.kit.i18n import DEFAULT_LANGUAGE, LANGUAGES, current_language, pick_language

COOKIE = "portal_lang"


class LanguageMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        language = DEFAULT_LANGUAGE
        chosen = _cookie(scope, COOKIE)
        if chosen in LANGUAGES:
            language = chosen
        elif scope["path"].startswith("/api/"):
            for key, raw in scope.get("headers", []):
                if key == b"accept-language":
                    language = pick_language(raw.decode("latin-1"))
        token = current_language.set(language)
        try:
            await self.app(scope, receive, send)
        finally:
            current_language.reset(token)
