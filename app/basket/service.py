"""Basket rules: lines come from an accepted punch-out cart; edit replaces a visit's lines as a whole."""

from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from app.auth.principal import Principal
from app.basket import repository
from app.kit.errors import NotFound
from app.kit.i18n import _
from app.models import BasketLine, LineSource, PunchoutSession
from app.models.base import utcnow
from app.punchout.line_read import line_read


def add_punchout_lines(session: Session, principal: Principal, record: PunchoutSession) -> list[BasketLine]:
    connection = record.connection
    now = utcnow()
    lines = [
        BasketLine(
            municipality_id=principal.municipality_id,
            user_id=principal.user_id,
            department_id=record.department_id,
            supplier_id=connection.supplier_id,
            agreement_id=connection.agreement_id,
            source=LineSource.punchout,
            punchout_session_id=record.id,
            catalogue_item_id=line.catalogue_item_id,
            line_number=line.line_number,
            supplier_part_id=line.supplier_part_id,
            supplier_part_auxiliary_id=line.supplier_part_auxiliary_id,
            description=line.description,
            quantity=line.quantity,
            unit=line.unit,
            unit_price=line.unit_price,
            currency=line.currency,
            unspsc=line.unspsc,
            gtin=line.gtin,
            manufacturer_part_id=line.manufacturer_part_id,
            agreement_price=line.agreement_price,
            flags=list(line.flags),
            created_at=now,
        )
        for line in record.lines
    ]
    session.add_all(lines)
    session.flush()
    return lines


def remove_session_lines(session: Session, principal: Principal, punchout_session_id: int) -> int:
    return repository.delete_lines_of_session(session, principal, punchout_session_id)


def remove_line(session: Session, principal: Principal, line_id: int) -> None:
    line = repository.get_line(session, principal, line_id)
    if line is None:
        raise NotFound(_("Basket line %(id)s was not found.") % {"id": line_id}, code="unknown_basket_line")
    session.delete(line)
    session.flush()


def basket_read(session: Session, principal: Principal) -> dict[str, Any]:
    lines = repository.list_lines(session, principal)
    totals: dict[str, Decimal] = {}
    reads = []
    for line in lines:
        if line.line_total is not None:
            currency = line.currency or "DKK"
            totals[currency] = totals.get(currency, Decimal("0.00")) + line.line_total
        reads.append(
            {
                **line_read(line),
                "source": line.source.value,
                "supplier": line.supplier.name,
                "supplier_id": line.supplier_id,
                "agreement": line.agreement.number if line.agreement else None,
                "punchout_session": line.punchout_session_id,
            }
        )
    return {
        "lines": reads,
        "line_count": len(reads),
        "flagged_count": sum(1 for line in lines if line.flags),
        "totals": totals,
    }
