"""Queries behind the connection administration pages."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.auth.principal import Principal
from app.kit.scoping import select_visible
from app.models import PunchoutExchange


def last_tests(
    session: Session, principal: Principal, connection_ids: list[int]
) -> dict[int, PunchoutExchange]:
    """The newest test exchange of each connection. Tests are the exchanges outside a shop visit: a visit's
    setup request is logged with its session."""
    if not connection_ids:
        return {}
    newest = (
        select(func.max(PunchoutExchange.id))
        .where(PunchoutExchange.session_id.is_(None), PunchoutExchange.connection_id.in_(connection_ids))
        .group_by(PunchoutExchange.connection_id)
    )
    rows = session.scalars(select_visible(PunchoutExchange, principal).where(PunchoutExchange.id.in_(newest)))
    return {row.connection_id: row for row in rows}
