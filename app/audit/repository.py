"""Reading the audit trail of the principal's municipality."""

from sqlalchemy.orm import Session

from app.auth.principal import Principal
from app.kit.scoping import select_visible
from app.models import AuditEvent


def list_events(
    session: Session, principal: Principal, *, limit: int = 200, offset: int = 0
) -> list[AuditEvent]:
    stmt = select_visible(AuditEvent, principal).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    return list(session.scalars(stmt.limit(limit).offset(offset)))
