"""Basket queries: always the signed-in user's own lines (the scoping rule makes a basket personal)."""

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from app.auth.principal import Principal
from app.kit.scoping import select_visible, visible_to
from app.models import BasketLine


def list_lines(session: Session, principal: Principal) -> list[BasketLine]:
    return list(
        session.scalars(
            select_visible(BasketLine, principal)
            .options(selectinload(BasketLine.supplier), selectinload(BasketLine.agreement))
            .order_by(
                BasketLine.supplier_id, BasketLine.punchout_session_id, BasketLine.line_number, BasketLine.id
            )
        )
    )


def get_line(session: Session, principal: Principal, line_id: int) -> BasketLine | None:
    return session.scalar(select_visible(BasketLine, principal).where(BasketLine.id == line_id))


def lines_of_session(session: Session, principal: Principal, punchout_session_id: int) -> list[BasketLine]:
    return list(
        session.scalars(
            select_visible(BasketLine, principal)
            .where(BasketLine.punchout_session_id == punchout_session_id)
            .order_by(BasketLine.line_number, BasketLine.id)
        )
    )


def delete_lines_of_session(session: Session, principal: Principal, punchout_session_id: int) -> int:
    result = session.execute(
        delete(BasketLine)
        .where(visible_to(BasketLine, principal), BasketLine.punchout_session_id == punchout_session_id)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


def count_lines(session: Session, principal: Principal) -> int:
    return len(session.scalars(select(BasketLine.id).where(visible_to(BasketLine, principal))).all())
