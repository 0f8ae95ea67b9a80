"""One shop line as the API and the pages show it, for a returned cart and for the basket alike."""

from decimal import Decimal
from typing import Any

from app.models import BasketLine, PunchoutLine
from app.punchout.flags import flag_reads

_CENT = Decimal("0.01")


def line_read(line: PunchoutLine | BasketLine) -> dict[str, Any]:
    return {
        "id": line.id,
        "line_number": line.line_number,
        "supplier_part_id": line.supplier_part_id,
        "supplier_part_auxiliary_id": line.supplier_part_auxiliary_id,
        "description": line.description,
        "quantity": line.quantity,
        "unit": line.unit,
        "unit_price": line.unit_price,
        "currency": line.currency,
        "line_total": None if line.unit_price is None else (line.unit_price * line.quantity).quantize(_CENT),
        "unspsc": line.unspsc,
        "gtin": line.gtin,
        "flags": flag_reads(
            line.flags, line.unit_price, line.agreement_price, getattr(line, "agreement_unit", None)
        ),
    }
