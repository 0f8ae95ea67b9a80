"""Punch-out queries."""

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from app.auth.principal import Principal
from app.kit.scoping import select_visible
from app.models import (
    PunchoutConnection,
    PunchoutExchange,
    PunchoutLine,
    PunchoutSession,
    SessionState,
    Supplier,
)
from app.models.base import utcnow


def list_connections(
    session: Session, principal: Principal, *, active_only: bool = False
) -> list[PunchoutConnection]:
    stmt = (
        select_visible(PunchoutConnection, principal)
        .options(selectinload(PunchoutConnection.supplier), selectinload(PunchoutConnection.agreement))
        .order_by(PunchoutConnection.name)
    )
    if active_only:
        stmt = stmt.where(PunchoutConnection.active.is_(True))
    return list(session.scalars(stmt))


def get_connection(session: Session, principal: Principal, connection_id: int) -> PunchoutConnection | None:
    return session.scalar(
        select_visible(PunchoutConnection, principal)
        .options(selectinload(PunchoutConnection.supplier), selectinload(PunchoutConnection.agreement))
        .where(PunchoutConnection.id == connection_id)
    )


def connection_name_taken(session: Session, principal: Principal, name: str, exclude_id: int | None) -> bool:
    stmt = select_visible(PunchoutConnection, principal).where(
        func.lower(PunchoutConnection.name) == name.lower()
    )
    if exclude_id is not None:
        stmt = stmt.where(PunchoutConnection.id != exclude_id)
    return session.scalar(stmt.limit(1)) is not None


def connections_for_supplier(
    session: Session, principal: Principal, supplier_id: int
) -> list[PunchoutConnection]:
    return list(
        session.scalars(
            select_visible(PunchoutConnection, principal).where(
                PunchoutConnection.supplier_id == supplier_id, PunchoutConnection.active.is_(True)
            )
        )
    )


def get_session(session: Session, principal: Principal, session_id: int) -> PunchoutSession | None:
    return session.scalar(
        select_visible(PunchoutSession, principal)
        .options(
            selectinload(PunchoutSession.lines),
            selectinload(PunchoutSession.connection).selectinload(PunchoutConnection.supplier),
        )
        .where(PunchoutSession.id == session_id)
    )


def get_sessions(
    session: Session, principal: Principal, session_ids: list[int]
) -> dict[int, PunchoutSession]:
    """Several visits at once, with their connections: the basket groups its lines by the visit they came from."""
    if not session_ids:
        return {}
    rows = session.scalars(
        select_visible(PunchoutSession, principal)
        .options(selectinload(PunchoutSession.connection))
        .where(PunchoutSession.id.in_(session_ids))
    )
    return {row.id: row for row in rows}


def recent_sessions(session: Session, principal: Principal, limit: int = 20) -> list[PunchoutSession]:
    return list(
        session.scalars(
            select_visible(PunchoutSession, principal)
            .where(PunchoutSession.user_id == principal.user_id)
            .options(selectinload(PunchoutSession.connection).selectinload(PunchoutConnection.supplier))
            .order_by(PunchoutSession.id.desc())
            .limit(limit)
        )
    )


def session_by_token_hash(session: Session, token_hash: str) -> PunchoutSession | None:
    """The return endpoint's lookup: the token is the only authority there (no user is signed in on that
    cross-site POST), so this is deliberately not scoped to a principal."""
    return session.scalar(
        select(PunchoutSession)
        .options(joinedload(PunchoutSession.connection))
        .where(PunchoutSession.token_hash == token_hash)
    )


def claim_for_return(session: Session, record: PunchoutSession) -> bool:
    """Move a started, unexpired session to `returned` in one conditional UPDATE: of two concurrent returns (a
    double-click, a replay) exactly one sees a row change, on any number of workers and on both databases. The
    loaded `record` is brought up to date from the UPDATE itself (RETURNING), without reading the row again."""
    now = utcnow()
    claimed = session.execute(
        update(PunchoutSession)
        .where(
            PunchoutSession.id == record.id,
            PunchoutSession.state == SessionState.started,
            PunchoutSession.expires_at > now,
        )
        .values(state=SessionState.returned, returned_at=now)
        .returning(PunchoutSession.state, PunchoutSession.returned_at)
        .execution_options(synchronize_session=False)
    ).first()
    if claimed is None:
        return False
    set_committed_value(record, "state", claimed.state)
    set_committed_value(record, "returned_at", claimed.returned_at)
    return True


def claim_decision(session: Session, session_id: int, new_state: SessionState) -> bool:
    """Accept or discard a returned cart once, however many tabs submit the form."""
    result = session.execute(
        update(PunchoutSession)
        .where(PunchoutSession.id == session_id, PunchoutSession.state == SessionState.returned)
        .values(state=new_state, decided_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def flagged_lines(
    session: Session, principal: Principal, supplier_id: int | None = None, limit: int = 500
) -> list[tuple[PunchoutLine, PunchoutSession, Supplier]]:
    """Returned lines that carry a flag, newest first: what the office follows up with suppliers."""
    visible = select_visible(PunchoutSession, principal).subquery()
    stmt = (
        select(PunchoutLine, PunchoutSession, Supplier)
        .join(visible, visible.c.id == PunchoutLine.session_id)
        .join(PunchoutSession, PunchoutSession.id == PunchoutLine.session_id)
        .join(PunchoutConnection, PunchoutConnection.id == PunchoutSession.connection_id)
        .join(Supplier, Supplier.id == PunchoutConnection.supplier_id)
        .where(PunchoutLine.flagged.is_(True))
        .order_by(PunchoutLine.id.desc())
        .limit(limit)
    )
    if supplier_id is not None:
        stmt = stmt.where(Supplier.id == supplier_id)
    return [(line, ps, supplier) for line, ps, supplier in session.execute(stmt)]


def exchanges(
    session: Session, principal: Principal, connection_id: int, limit: int = 50
) -> list[PunchoutExchange]:
    return list(
        session.scalars(
            select_visible(PunchoutExchange, principal)
            .where(PunchoutExchange.connection_id == connection_id)
            .order_by(PunchoutExchange.id.desc())
            .limit(limit)
        )
    )


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
