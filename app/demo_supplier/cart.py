"""The shopping cart: lines of (item, quantity, AuxID), kept in a signed cookie scoped to one session.

The cookie's path is the session's own URL prefix, so it is sent neither to another punch-out session nor
to the portal, which shares the host (cookies ignore ports) and names its cookies `portal_*`.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from starlette.responses import Response

from app.demo_supplier.products import Product, ShopCatalogue
from app.demo_supplier.session import ShopSession
from app.demo_supplier.shops import DATALOSNINGER
from app.demo_supplier.tokens import CART, LIFETIME, Signer, TokenError

COOKIE = "demoshop_cart"
# Browsers keep about 4 KB per cookie, name and attributes included.
MAX_COOKIE_BYTES = 3800
MAX_QUANTITY = Decimal(9999)


class CartError(Exception):
    """A change the cart refuses, with a Danish message for the page."""


@dataclass
class Entry:
    item_number: str
    quantity: Decimal
    aux_id: str | None


@dataclass
class ShopCart:
    sid: str
    entries: list[Entry] = field(default_factory=list)

    def add(self, item_number: str, quantity: Decimal, aux_id: str | None) -> None:
        for entry in self.entries:
            # Same item and same AuxID is the same line; the buyer keys lines on exactly that (reference §15).
            if entry.item_number == item_number and entry.aux_id == aux_id:
                entry.quantity = _checked(entry.quantity + quantity)
                return
        self.entries.append(Entry(item_number, _checked(quantity), aux_id))

    def entry(self, index: int, item_number: str) -> Entry:
        # The item number guards against a stale page naming a line that has since moved.
        if not 0 <= index < len(self.entries) or self.entries[index].item_number != item_number:
            raise CartError("Linjen findes ikke længere i kurven. Siden er opdateret.")
        return self.entries[index]

    def set_quantity(self, index: int, item_number: str, quantity: Decimal) -> None:
        entry = self.entry(index, item_number)
        if quantity == 0:
            self.entries.remove(entry)
        else:
            entry.quantity = _checked(quantity)

    def remove(self, index: int, item_number: str) -> None:
        self.entries.remove(self.entry(index, item_number))

    @property
    def count(self) -> int:
        return len(self.entries)


def parse_quantity(raw: str | None) -> Decimal:
    """A quantity typed by a person: a comma or a point, at most three decimals (OCI QUANTITY allows 3)."""
    try:
        value = Decimal((raw or "").strip().replace(",", "."))
    except InvalidOperation:
        raise CartError("Antal skal være et tal, fx 2.") from None
    if not value.is_finite() or value < 0 or value != value.quantize(Decimal("0.001")):
        raise CartError("Antal skal være et positivt tal med højst tre decimaler.")
    return value


def _checked(quantity: Decimal) -> Decimal:
    if quantity <= 0:
        raise CartError("Antal skal være mindst 1.")
    if quantity > MAX_QUANTITY:
        raise CartError("Du kan højst bestille 9.999 af en vare ad gangen.")
    return quantity.normalize() if quantity == quantity.to_integral_value() else quantity


def aux_id(session: ShopSession, product: Product, bundle: str | None = None) -> str:
    """The shop's own cookie for a line; the buyer must echo it byte for byte in edit, inspect and orders."""
    ref = session.reference
    if product.wurth_aux:
        # A basket reference with a trailing newline and indentation, exactly as Würth sends it.
        return f"KURV-{ref}\n            "
    if session.shop == DATALOSNINGER.slug:
        return f"CFG:{ref}:{bundle or 'ENKELT'}:{product.item_number}"
    return f"KURV-{ref}/{product.item_number}"


def dump_cart(signer: Signer, cart: ShopCart) -> str:
    data = {"sid": cart.sid, "lines": [[e.item_number, str(e.quantity), e.aux_id] for e in cart.entries]}
    value = signer.dump(CART, data)
    if len(value) > MAX_COOKIE_BYTES:
        raise CartError("Kurven er fuld. Overfør den til indkøbssystemet, og start en ny.")
    return value


def load_cart(signer: Signer, raw: str | None, sid: str, catalogue: ShopCatalogue) -> ShopCart:
    """The cart in the cookie, or an empty one when there is none, it is not ours, or it has expired."""
    cart = ShopCart(sid)
    if not raw:
        return cart
    try:
        data = signer.load(CART, raw)
    except TokenError:
        return cart
    if data.get("sid") != sid:
        return cart
    cart.entries = _entries(data.get("lines"), catalogue)
    return cart


def _entries(lines: object, catalogue: ShopCatalogue) -> list[Entry]:
    found = []
    for item_number, quantity, aux in lines if isinstance(lines, list) else []:
        if catalogue.get(item_number) is not None:
            found.append(Entry(item_number, Decimal(quantity), aux))
    return found


def set_cart_cookie(response: Response, token: str, value: str) -> None:
    response.set_cookie(
        COOKIE, value, max_age=LIFETIME[CART], path=f"/s/{token}", httponly=True, samesite="lax"
    )
