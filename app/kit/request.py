"""Small facts about the incoming request."""

from starlette.requests import Request


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None
