"""Reading a regular cart line on a short path, and every other line with `cxml_item_read.read_line`.

`read_line` takes whatever suppliers send: element names in any case, several descriptions and languages, price
bases, tax, extrinsics, GTINs in four places, markup in the auxiliary ID. That generality costs about 20 µs a line,
most of a large return. Most lines are regular: the DTD's element names in their own case, each element once, one
Description, one Money, and nothing else. `regular_line` reads those directly, and gives up (returns None) on the
first thing it does not expect, so both paths always make the same `CartLine`;
`tests/punchout/test_cxml_item_regular.py` holds them to that.
"""

from xml.sax.saxutils import escape

from lxml import etree

from punchout.cxml_item_read import _days, _preferred_lang, read_line
from punchout.model import CartLine
from punchout.values import to_decimal
from punchout.xmlsafe import XML_LANG

# The attributes of ItemIn in the cXML DTD (read_line reads two, but would find those in any case: any other
# spelling makes the line irregular).
_ITEM_ATTRIBUTES = frozenset(
    {
        "quantity",
        "lineNumber",
        "requisitionID",
        "agreementItemNumber",
        "requestedDeliveryDate",
        "isAdHoc",
        "parentLineNumber",
        "itemType",
        "compositeItemType",
        "itemClassification",
        "itemCategory",
    }
)
_ID_ELEMENTS = frozenset({"SupplierPartID", "SupplierPartAuxiliaryID", "BuyerPartID"})
_DETAIL_ELEMENTS = frozenset(
    {
        "UnitPrice",
        "Description",
        "UnitOfMeasure",
        "Classification",
        "ManufacturerPartID",
        "ManufacturerName",
        "LeadTime",
        "URL",
    }
)
_MONEY_ATTRIBUTES = frozenset({"currency", "alternateAmount", "alternateCurrency"})
_DESCRIPTION_ATTRIBUTES = frozenset({XML_LANG})
_CLASSIFICATION_ATTRIBUTES = frozenset({"domain", "code"})


def read_lines(items: list[etree._Element]) -> list[CartLine]:
    lines = []
    for index, item in enumerate(items, start=1):
        line = regular_line(item, index)
        lines.append(line if line is not None else read_line(item, index))
    return lines


def _leaf_text(el: etree._Element | None) -> str | None:
    if el is None:
        return None
    return (el.text or "").strip() or None


def regular_line(item: etree._Element, index: int) -> CartLine | None:
    """The `CartLine` `read_line` would make of `item`, or None when the line is not regular (or has no quantity,
    which `read_line` reports)."""
    if not _ITEM_ATTRIBUTES.issuperset(item.keys()) or len(item) != 2:
        return None
    quantity = to_decimal(item.get("quantity"))
    item_id, detail = item[0], item[1]
    if quantity is None or item_id.tag != "ItemID" or detail.tag != "ItemDetail":
        return None
    ids: dict[str, etree._Element] = {}
    for el in item_id:
        tag = el.tag
        # A comment's tag is not a string, so comments too send the line the long way; so does a child element.
        if tag not in _ID_ELEMENTS or tag in ids or len(el):
            return None
        ids[tag] = el
    details: dict[str, etree._Element] = {}
    for el in detail:
        tag = el.tag
        if tag not in _DETAIL_ELEMENTS or tag in details:
            return None
        if len(el) and tag != "UnitPrice":
            return None
        details[tag] = el
    price, currency = None, None
    unit_price = details.get("UnitPrice")
    if unit_price is not None and len(unit_price):
        money = unit_price[0]
        if len(unit_price) != 1 or money.tag != "Money" or len(money):
            return None
        if not _MONEY_ATTRIBUTES.issuperset(money.keys()):
            return None
        price = to_decimal(money.text)
        currency = (money.get("currency") or "").strip().upper() or None
    descriptions: dict[str, str] = {}
    description = details.get("Description")
    if description is not None:
        if not _DESCRIPTION_ATTRIBUTES.issuperset(description.keys()):
            return None
        descriptions[description.get(XML_LANG) or ""] = (description.text or "").strip()
    classification: list[tuple[str, str]] = []
    commodity = details.get("Classification")
    if commodity is not None:
        if not _CLASSIFICATION_ATTRIBUTES.issuperset(commodity.keys()):
            return None
        domain = (commodity.get("domain") or "").strip()
        classification.append((domain, _leaf_text(commodity) or (commodity.get("code") or "").strip()))
    lang = _preferred_lang(descriptions)
    number = (item.get("lineNumber") or "").strip()
    aux = ids.get("SupplierPartAuxiliaryID")
    return CartLine(
        line_number=int(number) if number and number.isdigit() else index,
        quantity=quantity,
        supplier_part_id=_leaf_text(ids.get("SupplierPartID")),
        supplier_part_auxiliary_id=escape(aux.text or "") if aux is not None else None,
        buyer_part_id=_leaf_text(ids.get("BuyerPartID")),
        unit_price=price,
        currency=currency,
        description=descriptions.get(lang) if lang is not None else None,
        description_lang=lang,
        descriptions=descriptions,
        unit_of_measure=_leaf_text(details.get("UnitOfMeasure")),
        classification=classification,
        manufacturer_part_id=_leaf_text(details.get("ManufacturerPartID")),
        manufacturer_name=_leaf_text(details.get("ManufacturerName")),
        lead_time_days=_days(_leaf_text(details.get("LeadTime"))),
        url=_leaf_text(details.get("URL")),
    )
