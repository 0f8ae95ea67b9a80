"""Security headers on every response (OWASP Secure Headers Project recommendations)."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_BASE_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
    # No form-action: punch-out sends the browser on to supplier shops, and browsers apply form-action to redirects.
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; "
        b"frame-ancestors 'none'; base-uri 'self'; object-src 'none'",
    ),
]


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, hsts: bool) -> None:
        self.app = app
        self.headers = list(_BASE_HEADERS)
        if hsts:
            self.headers.append((b"strict-transport-security", b"max-age=31536000; includeSubDomains"))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in self.headers if k not in present
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)
