"""The cart going back to the buyer: a PunchOutOrderMessage in `cXML-base64`, or OCI `NEW_ITEM-*` fields.

Both travel as hidden fields of a form the browser posts to the buyer's return URL (reference §7, §12).
"""

import base64
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from app.demo_supplier.cart import Entry
from app.demo_supplier.products import CENT, Product, ShopCatalogue
from app.demo_supplier.session import ShopSession
from app.demo_supplier.shops import DemoShop
from punchout import Cart, CartLine, Credential, PriceBasis, build_oci_cart_fields, build_order_message

VAT_RATE = Decimal(25)


@dataclass(frozen=True)
class ReturnForm:
    """What the transfer page posts: where, into which frame, and the hidden fields in order."""

    action: str
    target: str | None
    fields: list[tuple[str, str]]


def cart_line(number: int, product: Product, quantity: Decimal, aux: str | None, currency: str) -> CartLine:
    basis = None
    if product.price_per != 1:
        basis = PriceBasis(
            quantity=Decimal(product.price_per), unit_of_measure=product.unit, price=product.quoted_price
        )
    line = CartLine(
        line_number=number,
        quantity=quantity,
        supplier_part_id=product.item_number,
        supplier_part_auxiliary_id=aux,
        unit_price=product.price,
        currency=currency,
        description=product.name,
        unit_of_measure=product.unit,
        classification=[("UNSPSC", product.unspsc)],
        manufacturer_name=product.brand,
        lead_time_days=product.lead_time_days,
        gtin=product.gtin,
        price_basis=basis,
        long_text=f"{product.name}. {product.long_text}" if product.long_text else None,
        description_lang="da",
    )
    total = line.line_total or Decimal(0)
    line.tax_amount = (total * VAT_RATE / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    line.tax_rate = VAT_RATE
    return line


def as_cart(shop: DemoShop, catalogue: ShopCatalogue, entries: list[Entry]) -> Cart:
    lines = []
    for number, entry in enumerate(entries, start=1):
        product = catalogue.get(entry.item_number)
        if product is not None:
            lines.append(cart_line(number, product, entry.quantity, entry.aux_id, shop.currency))
    return Cart(protocol="cxml", currency=shop.currency, lines=lines)


def cxml_form(shop: DemoShop, session: ShopSession, cart: Cart, *, unchanged: bool = False) -> ReturnForm:
    """`unchanged` (after inspect) adds Status 204: the user looked and changed nothing (reference §4)."""
    supplier = Credential(shop.supplier_identity.domain, shop.supplier_identity.identity)
    buyer = [Credential(domain, identity) for domain, identity in session.buyer] or [supplier]
    message = build_order_message(
        cart,
        supplier,
        buyer,
        supplier,
        session.buyer_cookie or "",
        shop.operation_allowed,
        status_code=204 if unchanged else None,
        user_agent=f"{shop.name} demobutik",
        deployment_mode=session.deployment_mode,
    )
    encoded = base64.b64encode(message).decode("ascii")
    return ReturnForm(session.return_url, None, [("cXML-base64", encoded)])


def oci_form(session: ShopSession, cart: Cart) -> ReturnForm:
    for line in cart.lines:
        # Without a GTIN, EXT_PRODUCT_ID carries the item number, so DETAIL and VALIDATE can find it again.
        if not line.gtin:
            line.extrinsics["EXT_PRODUCT_ID"] = line.supplier_part_id or ""
    return ReturnForm(session.return_url, session.target, build_oci_cart_fields(cart))


def return_form(shop: DemoShop, session: ShopSession, cart: Cart, *, unchanged: bool = False) -> ReturnForm:
    if session.protocol == "oci":
        return oci_form(session, cart)
    return cxml_form(shop, session, cart, unchanged=unchanged)
