"""What the user decides about a returned cart: look at it, put it into the basket, or throw it away."""

from typing import Any

from sqlalchemy.orm import Session

from app.auth.principal import Principal
from app.basket import service as basket_service
from app.kit.errors import Conflict, Forbidden, NotFound
from app.kit.i18n import _
from app.models import Operation, PunchoutSession, SessionState
from app.punchout import repository
from app.punchout.flags import BLOCKING
from app.punchout.line_read import line_read


def get_session_or_404(session: Session, principal: Principal, session_id: int) -> PunchoutSession:
    record = repository.get_session(session, principal, session_id)
    if record is None:
        raise NotFound(
            _("Punch-out session %(id)s was not found.") % {"id": session_id}, code="unknown_session"
        )
    return record


def outcome(record: PunchoutSession) -> str | None:
    """cart, clear_lines (an empty cart on edit: ask before removing), cancelled, unchanged, failed, or None while
    the user is still in the shop."""
    if record.state is SessionState.started:
        return None
    if record.state in (SessionState.returned, SessionState.accepted):
        if record.operation is Operation.edit and not record.lines:
            return "clear_lines"
        return "cart"
    return record.state.value


def session_read(record: PunchoutSession) -> dict[str, Any]:
    return {
        "id": record.id,
        "connection": record.connection_id,
        "supplier": record.connection.supplier.name,
        "operation": record.operation.value,
        "state": record.state.value,
        "outcome": outcome(record),
        "created_at": record.created_at,
        "expires_at": record.expires_at,
        "returned_at": record.returned_at,
        "operation_allowed": record.operation_allowed,
        "currency": record.currency,
        "document_total": record.document_total,
        "computed_total": record.computed_total,
        "warnings": record.warnings or [],
        "error": {"code": record.error_code, "message": record.error_detail or ""}
        if record.error_code
        else None,
        "lines": [line_read(line) for line in record.lines],
    }


def _own_returned(session: Session, principal: Principal, session_id: int) -> PunchoutSession:
    record = get_session_or_404(session, principal, session_id)
    if record.user_id != principal.user_id:
        # The office may look at everyone's carts, but only the shopper decides about one.
        raise Forbidden(
            _("Only the person who shopped can decide about this basket."), code="not_your_session"
        )
    if record.state is not SessionState.returned:
        raise Conflict(_("This basket has already been dealt with."), code="session_not_open")
    return record


def accept(session: Session, principal: Principal, session_id: int) -> int:
    """Move the lines into the basket; for edit, they replace the lines that were sent to the shop. Returns the
    number of lines now in the basket from this visit."""
    record = _own_returned(session, principal, session_id)
    blocked = [line.line_number for line in record.lines if BLOCKING.intersection(line.flags)]
    if blocked or any(w.get("code") == "currency_mismatch" for w in record.warnings or []):
        raise Conflict(
            _(
                "The basket is in another currency than the agreement and cannot be used. Empty it in the shop "
                "or contact the supplier."
            ),
            code="currency_mismatch",
        )
    if not repository.claim_decision(session, record.id, SessionState.accepted):
        raise Conflict(_("This basket has already been dealt with."), code="session_not_open")
    session.refresh(record, ["state", "decided_at"])
    if record.operation is Operation.edit and record.reopens_session_id is not None:
        basket_service.remove_session_lines(session, principal, record.reopens_session_id)
    basket_service.add_punchout_lines(session, principal, record)
    return len(record.lines)


def discard(session: Session, principal: Principal, session_id: int) -> None:
    record = _own_returned(session, principal, session_id)
    if not repository.claim_decision(session, record.id, SessionState.cancelled):
        raise Conflict(_("This basket has already been dealt with."), code="session_not_open")
    session.refresh(record, ["state", "decided_at"])
