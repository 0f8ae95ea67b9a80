"""Decimal parsing for amounts typed by Danish users ("1.234,50") or sent by machines ("1234.50")."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Annotated

from pydantic import BeforeValidator

TWO_PLACES = Decimal("0.01")


def parse_decimal(text: str | None) -> Decimal | None:
    """Parse '1.234,50', '1234,5', '1234.50' or '' (None). Raises ValueError on anything else."""
    if text is None:
        return None
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "").removesuffix("kr.").removesuffix("kr")
    if not cleaned:
        return None
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif cleaned.count(".") > 1:
        cleaned = cleaned.replace(".", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite():
        raise ValueError(text)
    return value


def round_money(value: Decimal) -> Decimal:
    # Danish invoices round half up to whole øre (commercial rounding), not Python's default half-even.
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def _coerce_decimal(value: object) -> object:
    if isinstance(value, str):
        try:
            return parse_decimal(value)
        except ValueError:
            return value  # pydantic then reports it as not a number
    return value


# Accepts Danish ("1.234,50") and machine ("1234.50") forms in forms and JSON alike.
DecimalInput = Annotated[Decimal, BeforeValidator(_coerce_decimal)]
