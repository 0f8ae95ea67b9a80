"""Domain errors: each carries an HTTP status and a stable code; one handler renders them as a page or JSON."""

from typing import Any


class DomainError(Exception):
    status_code = 400
    code = "bad_request"

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None, **detail: Any):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.field = field
        self.detail = detail

    def as_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.field:
            body["field"] = self.field
        if self.detail:
            body["detail"] = self.detail
        return {"error": body}


class NotFound(DomainError):
    status_code = 404
    code = "not_found"


class Forbidden(DomainError):
    status_code = 403
    code = "forbidden"


class NotAuthenticated(DomainError):
    status_code = 401
    code = "not_authenticated"


class Conflict(DomainError):
    status_code = 409
    code = "conflict"


class InvalidInput(DomainError):
    status_code = 422
    code = "invalid_input"


class TooManyRequests(DomainError):
    status_code = 429
    code = "too_many_attempts"


class ServiceUnavailable(DomainError):
    status_code = 503
    code = "database_unavailable"


class Gone(DomainError):
    status_code = 410
    code = "gone"


class BadGateway(DomainError):
    """A supplier's system failed us: down, slow, or answering something we cannot use."""

    status_code = 502
    code = "supplier_error"
