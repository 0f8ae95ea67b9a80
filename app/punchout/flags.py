"""Line flags and document warnings: stable codes for the API, words for the pages."""

from decimal import Decimal

from app.kit.i18n import _
from app.punchout.schemas import FlagRead

PRICE_ABOVE_AGREEMENT = "price_above_agreement"
NOT_ON_AGREEMENT = "not_on_agreement"
UNIT_MISMATCH = "unit_mismatch"
# Flags that keep a line out of the basket: the order would go out in the wrong currency.
BLOCKING = {"currency_mismatch"}


def flag_reads(
    codes: list[str], unit_price: Decimal | None, agreement_price: Decimal | None, agreement_unit: str | None
) -> list[FlagRead]:
    reads = []
    for code in codes:
        if code == PRICE_ABOVE_AGREEMENT and unit_price is not None and agreement_price is not None:
            reads.append(
                FlagRead(code=code, agreement_price=agreement_price, difference=unit_price - agreement_price)
            )
        elif code == UNIT_MISMATCH:
            reads.append(FlagRead(code=code, agreement_unit=agreement_unit))
        else:
            reads.append(FlagRead(code=code))
    return reads


def flag_label(code: str) -> str:
    labels = {
        PRICE_ABOVE_AGREEMENT: _("Price above the agreement price"),
        NOT_ON_AGREEMENT: _("Not on the agreement"),
        UNIT_MISMATCH: _("Unit differs from the agreement"),
        "currency_mismatch": _("Other currency"),
        "duplicate_line": _("Same item twice"),
        "missing_price": _("No price"),
        "negative_quantity": _("Negative quantity"),
    }
    return labels.get(code, code)


def warning_label(code: str, detail: dict[str, object]) -> str:
    if code == "total_mismatch":
        return _(
            "The shop's total (%(stated)s) does not match the sum of the lines (%(computed)s); the sum of the "
            "lines is used."
        ) % {"stated": detail.get("total", "?"), "computed": detail.get("recomputed_total", "?")}
    if code == "currency_mismatch":
        return _(
            "The cart is in %(found)s, but the agreement is in %(expected)s. It cannot go into the basket."
        ) % {
            "found": detail.get("found", "?"),
            "expected": detail.get("expected", "?"),
        }
    if code == "shared_secret_in_cart":
        return _("The cart carried a password (SharedSecret). It was ignored and removed.")
    if code == "duplicate_line":
        return _("The same item appears on more than one line.")
    if code == "missing_price":
        return _("A line has no price.")
    if code == "operation_ignored":
        return _("The shop returned lines from a view-only visit; nothing was changed.")
    return code
