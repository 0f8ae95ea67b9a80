"""Reading one ItemIn (a cart line) or ItemOut (an edit/inspect line) into a `CartLine`.

Only facts are read here; judging the cart (duplicates, totals, currency) happens in `cart_checks`.
"""

from decimal import Decimal

from lxml import etree

from punchout.cxml_read import read_money
from punchout.errors import MalformedDocumentError
from punchout.model import CartLine, PriceBasis
from punchout.values import is_valid_gtin, tax_rate_percent, tidy, to_decimal
from punchout.xmlsafe import attr, by_name, child, child_text, first, inner_xml, lang_of, local, text

_GTIN_NAMES = {"ean", "ean-13", "ean13", "ean-8", "gtin", "gtin-13", "gtin13", "gtin-14", "gtin14", "eanid"}
PREFERRED_LANGS = ("da", "en")


def read_line(item: etree._Element, index: int) -> CartLine:
    """`index` counts from 1 and stands in for a missing lineNumber."""
    quantity = to_decimal(attr(item, "quantity"))
    if quantity is None:
        raise MalformedDocumentError(
            "line without a readable quantity", xpath=f"{item.tag}[{index}]/@quantity"
        )
    raw_number = attr(item, "lineNumber")
    top = by_name(item)
    item_id = by_name(first(top, "itemid"))
    detail = by_name(first(top, "itemdetail"))
    price, currency = read_money(first(detail, "unitprice"))
    basis = _price_basis(first(detail, "pricebasisquantity"), price)
    descriptions, short_name = _descriptions(detail.get("description", []))
    lang = _preferred_lang(descriptions)
    extrinsics = _extrinsics(detail.get("extrinsic", []) + top.get("extrinsic", []))
    tax_amount, tax_rate = _tax(first(top, "tax"))
    aux = first(item_id, "supplierpartauxiliaryid")
    return CartLine(
        line_number=int(raw_number) if raw_number and raw_number.isdigit() else index,
        quantity=quantity,
        supplier_part_id=text(first(item_id, "supplierpartid")),
        supplier_part_auxiliary_id=inner_xml(aux) if aux is not None else None,
        buyer_part_id=text(first(item_id, "buyerpartid")),
        unit_price=_unit_price(price, basis),
        currency=currency,
        description=descriptions.get(lang) if lang is not None else None,
        description_lang=lang,
        descriptions=descriptions,
        short_name=short_name.get(lang) if lang is not None else None,
        unit_of_measure=text(first(detail, "unitofmeasure")),
        classification=[
            (attr(c, "domain") or "", text(c) or attr(c, "code") or "")
            for c in detail.get("classification", [])
        ],
        manufacturer_part_id=text(first(detail, "manufacturerpartid")),
        manufacturer_name=text(first(detail, "manufacturername")),
        lead_time_days=_days(text(first(detail, "leadtime"))),
        gtin=_gtin(item_id.get("idreference", []), first(detail, "itemdetailindustry"), extrinsics),
        price_basis=basis,
        tax_amount=tax_amount,
        tax_rate=tax_rate,
        extrinsics=extrinsics,
        url=text(first(detail, "url")),
    )


def _extrinsics(elements: list[etree._Element]) -> dict[str, str]:
    """Extrinsic name → text, ItemDetail's before the line's own; the first of a name wins (as read_extrinsics)."""
    found: dict[str, str] = {}
    for el in elements:
        name = attr(el, "name")
        if name and name not in found:
            found[name] = text(el) or ""
    return found


def _price_basis(el: etree._Element | None, price: Decimal | None) -> PriceBasis | None:
    if el is None:
        return None
    quantity = to_decimal(attr(el, "quantity"))
    factor = to_decimal(attr(el, "conversionFactor"))
    if not quantity or quantity <= 0:
        return None
    return PriceBasis(
        quantity=quantity,
        conversion_factor=factor if factor and factor > 0 else Decimal(1),
        unit_of_measure=child_text(el, "UnitOfMeasure"),
        description=child_text(el, "Description"),
        price=price,
    )


def _unit_price(price: Decimal | None, basis: PriceBasis | None) -> Decimal | None:
    """Price per ordered unit.

    cXML 1.2.071 DTD, PriceBasisQuantity: UnitPrice is quoted for `quantity` units of the basis unit, and
    `conversionFactor` is "the conversion ratio from the unit of measure of the order to the unit of
    measure of the PriceBasisQuantity". One ordered unit is therefore `conversionFactor` basis units, and
    costs Money × conversionFactor ÷ quantity. It is the cXML form of OCI PRICEUNIT (reference §6).
    """
    if price is None or basis is None:
        return price
    return tidy(price * basis.conversion_factor / basis.quantity, 6)


def _descriptions(elements: list[etree._Element]) -> tuple[dict[str, str], dict[str, str]]:
    """Description text and ShortName per xml:lang. Description is mixed content (#PCDATA | ShortName)*."""
    texts: dict[str, str] = {}
    shorts: dict[str, str] = {}
    for el in elements:
        lang = lang_of(el) or ""
        own = [el.text or ""]
        for c in el:
            if local(c) == "shortname":
                shorts.setdefault(lang, text(c) or "")
            else:
                own.append("".join(c.itertext()))
            own.append(c.tail or "")
        body = "".join(own).strip()
        texts.setdefault(lang, body or shorts.get(lang, ""))
    return texts, shorts


def _preferred_lang(descriptions: dict[str, str]) -> str | None:
    """Danish first, then English, then whatever came first (da-DK and en-GB count as da and en)."""
    for wanted in PREFERRED_LANGS:
        for lang in descriptions:
            if lang.lower().split("-")[0] == wanted:
                return lang
    return next(iter(descriptions), None)


def _tax(tax: etree._Element | None) -> tuple[Decimal | None, Decimal | None]:
    if tax is None:
        return None, None
    amount, _ = read_money(tax)
    detail = child(tax, "TaxDetail")
    if amount is None:
        amount, _ = read_money(child(detail, "TaxAmount"))
    return amount, tax_rate_percent(to_decimal(attr(detail, "percentageRate")))


def _days(raw: str | None) -> int | None:
    value = to_decimal(raw)
    return int(value) if value is not None and value >= 0 else None


def _gtin(
    references: list[etree._Element], industry: etree._Element | None, extrinsics: dict[str, str]
) -> str | None:
    """A GTIN with a valid check digit from IdReference, an extrinsic, or the deprecated industry EANID."""
    candidates = [
        attr(r, "identifier") for r in references if (attr(r, "domain") or "").lower() in _GTIN_NAMES
    ]
    candidates += [v.strip() for k, v in extrinsics.items() if k.lower() in _GTIN_NAMES]
    if industry is not None:
        candidates.append(child_text(industry, "ItemDetailRetail/EANID"))
    return next((c for c in candidates if is_valid_gtin(c)), None)
