"""Judging a parsed cart, the same way for cXML and OCI: currency, prices, quantities, duplicates, totals.

Nothing is silently fixed. Each finding becomes a `Warning` with a stable code, and lines carry the same
code in `flags` so the review page can mark them. Only `negative_quantity` is an error (do not import).
"""

from collections import defaultdict
from decimal import Decimal

from punchout.model import Cart, CartLine, Warning
from punchout.values import round_money, tidy

TOTAL_MISMATCH = "total_mismatch"
CURRENCY_MISMATCH = "currency_mismatch"
DUPLICATE_LINE = "duplicate_line"
SHARED_SECRET_IN_CART = "shared_secret_in_cart"
NEGATIVE_QUANTITY = "negative_quantity"
MISSING_PRICE = "missing_price"
INVALID_OPERATION = "invalid_operation_allowed"

_CENT = Decimal("0.01")


def check_cart(cart: Cart, expected_currency: str | None) -> Cart:
    """Fill in what may be filled in, flag the rest, and compute `recomputed_total`. Returns `cart`."""
    expected = expected_currency.upper() if expected_currency else None
    _currency(cart, expected)
    for line in cart.lines:
        _line(cart, line)
    _duplicates(cart)
    _totals(cart)
    return cart


def warn(cart: Cart, code: str, message: str, severity: str = "warning", **detail: object) -> None:
    cart.warnings.append(Warning(code, message, dict(detail), severity))


def _flag(line: CartLine, code: str) -> None:
    if code not in line.flags:
        line.flags.append(code)


def _currency(cart: Cart, expected: str | None) -> None:
    # An empty Money@currency is taken as missing and filled from the connection settings (reference §15).
    cart.currency = cart.currency or next((ln.currency for ln in cart.lines if ln.currency), None) or expected
    if expected and cart.currency != expected:
        warn(
            cart,
            CURRENCY_MISMATCH,
            f"cart is in {cart.currency}, expected {expected}",
            expected=expected,
            found=cart.currency,
        )
    for line in cart.lines:
        line.currency = line.currency or cart.currency
        if line.currency != cart.currency or (expected and line.currency != expected):
            _flag(line, CURRENCY_MISMATCH)
            if line.currency != cart.currency:
                warn(
                    cart,
                    CURRENCY_MISMATCH,
                    f"line {line.line_number} is in {line.currency}, the cart in {cart.currency}",
                    line=line.line_number,
                    expected=cart.currency,
                    found=line.currency,
                )


def _line(cart: Cart, line: CartLine) -> None:
    if line.quantity < 0:
        _flag(line, NEGATIVE_QUANTITY)
        warn(
            cart,
            NEGATIVE_QUANTITY,
            f"line {line.line_number} has a negative quantity ({line.quantity})",
            severity="error",
            line=line.line_number,
            quantity=str(line.quantity),
        )
    if line.unit_price is None or line.unit_price == 0:
        _flag(line, MISSING_PRICE)
        reason = "missing" if line.unit_price is None else "zero"
        warn(
            cart,
            MISSING_PRICE,
            f"line {line.line_number} has no usable price ({reason})",
            line=line.line_number,
            reason=reason,
        )


def _duplicates(cart: Cart) -> None:
    """Two lines with the same key are kept both and flagged; only a person may merge them.

    Key from reference §15 (the Dolibarr rule): SupplierPartID, SupplierPartAuxiliaryID, unit, unit price.
    """
    groups: dict[tuple, list[CartLine]] = defaultdict(list)
    for line in cart.lines:
        key = (line.supplier_part_id, line.supplier_part_auxiliary_id, line.unit_of_measure, line.unit_price)
        groups[key].append(line)
    for key, lines in groups.items():
        if len(lines) < 2:
            continue
        for line in lines:
            _flag(line, DUPLICATE_LINE)
        numbers = [line.line_number for line in lines]
        warn(
            cart,
            DUPLICATE_LINE,
            f"lines {numbers} are the same item {key[0]!r}",
            lines=numbers,
            supplier_part_id=key[0],
            supplier_part_auxiliary_id=key[1],
        )


def _totals(cart: Cart) -> None:
    """Recompute the lines' total; flag a header Total that disagrees (reference §6: recompute, flag).

    A supplier may round each line to cents before adding, so either way of adding is accepted.
    """
    totals = [total for total in (line.line_total for line in cart.lines) if total is not None]
    exact = tidy(sum(totals, Decimal(0)))
    cart.recomputed_total = exact
    if cart.total is None:
        return
    rounded_per_line = sum((round_money(t) for t in totals), Decimal(0))
    if min(abs(cart.total - exact), abs(cart.total - rounded_per_line)) >= _CENT:
        warn(
            cart,
            TOTAL_MISMATCH,
            f"header total {cart.total} differs from the lines' sum {exact}",
            total=str(cart.total),
            recomputed_total=str(exact),
        )
