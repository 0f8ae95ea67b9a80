"""API shapes for the basket."""

from decimal import Decimal

from pydantic import BaseModel

from app.punchout.schemas import LineRead


class BasketLineRead(LineRead):
    source: str
    supplier: str
    supplier_id: int
    agreement: str | None
    punchout_session: int | None


class BasketRead(BaseModel):
    lines: list[BasketLineRead]
    line_count: int
    flagged_count: int
    totals: dict[str, Decimal]
