"""API shapes for what the procurement office reads about its connections: the exchange log and flagged lines."""

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict


class ExchangeRead(BaseModel):
    """One server-to-server request and its answer, as logged: the texts had their secrets blanked on the way in."""

    model_config = ConfigDict(from_attributes=True)
    id: int
    kind: str
    created_at: datetime
    session_id: int | None
    duration_ms: int | None
    http_status: int | None
    cxml_status: int | None
    outcome: str
    request_text: str | None
    response_text: str | None


class FlaggedLineRead(BaseModel):
    line_id: int
    supplier_id: int
    supplier: str
    session_id: int
    date: datetime
    user_id: int
    item_number: str | None
    description: str
    quantity: Decimal
    unit: str | None
    unit_price: Decimal | None
    currency: str | None
    agreement_price: Decimal | None
    difference: Decimal | None
    flags: list[str]
