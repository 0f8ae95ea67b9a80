"""Who sees which connections, and what the procurement office reads about them: the tests and exchanges with each
shop, and the returned lines that break the agreement."""

from sqlalchemy.orm import Session

from app.auth.dependencies import require_role
from app.auth.principal import Principal
from app.kit.errors import NotFound
from app.kit.i18n import _
from app.models import PunchoutConnection, PunchoutExchange, Role, Supplier
from app.punchout import repository
from app.punchout.connections import get_connection_or_404
from app.punchout.schemas import FlaggedLineRead

EXCHANGE_LOG_LIMIT = 50


def _office(principal: Principal) -> bool:
    return principal.has_role(Role.procurement, Role.admin)


def list_connections(session: Session, principal: Principal) -> list[PunchoutConnection]:
    """Everyone may shop through the active connections; the office also sees those switched off."""
    return repository.list_connections(session, principal, active_only=not _office(principal))


def get_connection(session: Session, principal: Principal, connection_id: int) -> PunchoutConnection:
    connection = get_connection_or_404(session, principal, connection_id)
    if not connection.active and not _office(principal):
        # Answered like a foreign id: a switched-off shop is none of a requisitioner's business.
        raise NotFound(
            _("Punch-out connection %(id)s was not found.") % {"id": connection_id}, code="unknown_connection"
        )
    return connection


def connection_overview(
    session: Session, principal: Principal
) -> list[tuple[PunchoutConnection, PunchoutExchange | None]]:
    require_role(principal, Role.procurement, Role.admin)
    connections = repository.list_connections(session, principal)
    tests = repository.last_tests(session, principal, [c.id for c in connections])
    return [(c, tests.get(c.id)) for c in connections]


def connection_exchanges(
    session: Session, principal: Principal, connection_id: int, limit: int = EXCHANGE_LOG_LIMIT
) -> list[PunchoutExchange]:
    require_role(principal, Role.procurement, Role.admin)
    connection = get_connection_or_404(session, principal, connection_id)
    return repository.exchanges(session, principal, connection.id, limit)


def flagged_lines(
    session: Session, principal: Principal, supplier_id: int | None = None
) -> list[FlaggedLineRead]:
    require_role(principal, Role.procurement, Role.admin)
    reads = []
    for line, visit, supplier in repository.flagged_lines(session, principal, supplier_id):
        difference = None
        if line.unit_price is not None and line.agreement_price is not None:
            difference = line.unit_price - line.agreement_price
        reads.append(
            FlaggedLineRead(
                line_id=line.id,
                supplier_id=supplier.id,
                supplier=supplier.name,
                session_id=visit.id,
                date=visit.returned_at or visit.created_at,
                user_id=visit.user_id,
                item_number=line.supplier_part_id,
                description=line.description,
                quantity=line.quantity,
                unit=line.unit,
                unit_price=line.unit_price,
                currency=line.currency,
                agreement_price=line.agreement_price,
                difference=difference,
                flags=list(line.flags or []),
            )
        )
    return reads


def suppliers_with_connections(session: Session, principal: Principal) -> list[Supplier]:
    """The suppliers the municipality punches out to: the choices for filtering the flagged lines."""
    require_role(principal, Role.procurement, Role.admin)
    found = {c.supplier.id: c.supplier for c in repository.list_connections(session, principal)}
    return sorted(found.values(), key=lambda s: s.name)
