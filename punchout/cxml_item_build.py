"""Writing ItemOut (our setup and order requests) and ItemIn (the demo shop's carts) from a line.

Both take a `CartLine` or an `OrderLine`; the two share attribute names. Children follow the cXML 1.2.071
DTD order:
  ItemIn/ItemOut (ItemID, Path?, ItemDetail, …, ShipTo?, Shipping?, Tax?, …, Comments, …)
  ItemID (SupplierPartID, SupplierPartAuxiliaryID?, BuyerPartID?, IdReference*)
  ItemDetail (UnitPrice, Description+, …, UnitOfMeasure, PriceBasisQuantity?, Classification+,
              ManufacturerPartID?, ManufacturerName?, URL?, LeadTime?, …, Extrinsic*)
"""

from decimal import Decimal

from lxml import etree

from punchout.cxml_envelope import add_address, add_comments, add_description, add_extrinsics, add_money, sub
from punchout.errors import BuildError
from punchout.model import CartLine
from punchout.model_order import OrderLine
from punchout.values import format_date, format_decimal
from punchout.xmlsafe import set_inner_xml

Line = CartLine | OrderLine


def add_item(
    parent: etree._Element, tag: str, line: Line, *, currency: str | None = None, detail_required: bool = True
) -> etree._Element:
    """Append an ItemIn or ItemOut for `line`.

    ItemDetail is optional in ItemOut (cXML DTD), so an edit/inspect echo of a line that never had a price
    sends the ItemID alone; ItemIn and OrderRequest lines need it and raise `BuildError` instead.
    """
    attrs: dict[str, str | None] = {
        "quantity": format_decimal(line.quantity),
        "lineNumber": str(line.line_number),
    }
    if isinstance(line, OrderLine):
        attrs["agreementItemNumber"] = line.agreement_item_number
        if line.requested_delivery_date:
            attrs["requestedDeliveryDate"] = format_date(line.requested_delivery_date)
        attrs["isAdHoc"] = "yes" if line.is_ad_hoc else None
    item = sub(parent, tag, **attrs)
    _item_id(item, line)
    if line.unit_price is not None and line.unit_of_measure:
        _item_detail(item, line, line.currency or currency)
    elif detail_required:
        raise BuildError(f"line {line.line_number} needs a unit price and a unit of measure")
    if isinstance(line, OrderLine) and line.ship_to:
        add_address(item, "ShipTo", line.ship_to)
    if line.tax_amount is not None:
        add_tax(item, line.tax_amount, line.currency or currency, line.tax_rate)
    if isinstance(line, OrderLine):
        add_comments(item, line.comments)
    return item


def _item_id(item: etree._Element, line: Line) -> None:
    if not line.supplier_part_id:
        raise BuildError(f"line {line.line_number} has no SupplierPartID")
    item_id = sub(item, "ItemID")
    sub(item_id, "SupplierPartID", line.supplier_part_id)
    if line.supplier_part_auxiliary_id is not None:
        # The supplier's cookie goes back exactly as received: whitespace, escapes and markup (DTD comment
        # on SupplierPartAuxiliaryID; Würth sends a trailing newline, reference §6).
        set_inner_xml(sub(item_id, "SupplierPartAuxiliaryID"), line.supplier_part_auxiliary_id)
    if line.buyer_part_id:
        sub(item_id, "BuyerPartID", line.buyer_part_id)
    if line.gtin:
        # EAN/GTIN belongs in ItemID/IdReference; the ItemDetailIndustry EAN field is deprecated (ref. §6).
        domain = "EAN-13" if len(line.gtin) == 13 else "GTIN"
        sub(item_id, "IdReference", identifier=line.gtin, domain=domain)


def _item_detail(item: etree._Element, line: Line, currency: str | None) -> None:
    detail = sub(item, "ItemDetail")
    basis = line.price_basis
    quoted = basis.price if basis is not None and basis.price is not None else line.unit_price
    add_money(sub(detail, "UnitPrice"), quoted, currency)
    _descriptions(detail, line)
    sub(detail, "UnitOfMeasure", line.unit_of_measure)
    if basis is not None:
        pbq = sub(
            detail,
            "PriceBasisQuantity",
            quantity=format_decimal(basis.quantity),
            conversionFactor=format_decimal(basis.conversion_factor),
        )
        sub(pbq, "UnitOfMeasure", basis.unit_of_measure or line.unit_of_measure)
        if basis.description:
            sub(pbq, "Description", basis.description, lang=line.description_lang or "da")
    # Classification+ is mandatory. Lines that came without one get an empty UNSPSC entry rather than a
    # guessed code; domain and code are echoed exactly otherwise, even an empty domain (reference §15).
    for domain, code in line.classification or [("UNSPSC", "")]:
        sub(detail, "Classification", code, domain=domain)
    if line.manufacturer_part_id:
        sub(detail, "ManufacturerPartID", line.manufacturer_part_id)
    if line.manufacturer_name:
        sub(detail, "ManufacturerName", line.manufacturer_name)
    if line.url:
        sub(detail, "URL", line.url)
    if line.lead_time_days is not None:
        sub(detail, "LeadTime", str(line.lead_time_days))
    add_extrinsics(detail, line.extrinsics)


def _descriptions(detail: etree._Element, line: Line) -> None:
    lang = line.description_lang or "da"
    texts = dict(line.descriptions)
    if not texts or lang not in texts:
        texts = {lang: line.description or line.short_name or line.supplier_part_id or "", **texts}
    for text_lang, text in texts.items():
        add_description(detail, text, text_lang, line.short_name if text_lang == lang else None)


def add_tax(parent: etree._Element, amount: Decimal, currency: str | None, rate: Decimal | None) -> None:
    """Tax (Money, Description, TaxDetail*) with one VAT TaxDetail; the rate is written as a percentage."""
    tax = sub(parent, "Tax")
    add_money(tax, amount, currency)
    sub(tax, "Description", "Moms", lang="da")
    detail = sub(
        tax, "TaxDetail", category="vat", percentageRate=format_decimal(rate) if rate is not None else None
    )
    add_money(sub(detail, "TaxAmount"), amount, currency)
