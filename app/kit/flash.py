"""One-shot messages shown on the next page, carried in a signed cookie so any worker can show them."""

from itsdangerous import BadSignature, URLSafeSerializer
from starlette.requests import Request
from starlette.responses import Response

COOKIE = "portal_flash"


def _serializer(secret: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt="portal-flash")


def flash(response: Response, secret: str, message: str, kind: str = "success") -> None:
    response.set_cookie(COOKIE, _serializer(secret).dumps([kind, message]), httponly=True, samesite="lax")


def read_flash(request: Request, secret: str) -> tuple[str, str] | None:
    raw = request.cookies.get(COOKIE)
    if not raw:
        return None
    try:
        kind, message = _serializer(secret).loads(raw)
    except (BadSignature, ValueError, TypeError):
        return None
    return str(kind), str(message)


def clear_flash(request: Request, response: Response) -> None:
    if COOKIE in request.cookies:
        response.delete_cookie(COOKIE)
