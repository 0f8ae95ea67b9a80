"""SAP OCI 4.0/5.0 cart return: `NEW_ITEM-<FIELD>[n]` form fields ⇄ `Cart`.

Field names and lengths follow the OCI 4.0/5.0 field table in reference §12. Names are read in any case;
n starts at 1; long text comes as `NEW_ITEM-LONGTEXT_n:132[]`, the line number before the colon, possibly
in several chunks. PRICE is per PRICEUNIT units, so the unit price is PRICE / PRICEUNIT.
"""

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal

from punchout.cart_checks import check_cart, warn
from punchout.errors import BuildError, MalformedDocumentError
from punchout.model import Cart, CartLine, PriceBasis
from punchout.values import format_decimal, is_valid_gtin, tidy, to_decimal

# NEW_ITEM-LONGTEXT_n:132[] (a chunk of line n's long text) or NEW_ITEM-<FIELD>[n], tried in that order.
_FIELD = re.compile(r"NEW_ITEM-(?:LONGTEXT_(\d+):\d+\[(\d*)\]|([A-Z0-9_]+)\[(\d+)\])")
# The same over many names, one a line: every line matches, its groups empty unless the stripped name is a field.
_FIELDS = re.compile(
    r"^(?:[^\S\n]*NEW_ITEM-(?:LONGTEXT_(\d+):\d+\[(\d*)\]|([A-Z0-9_]+)\[(\d+)\])[^\S\n]*$)?.*$", re.MULTILINE
)
_ZERO, _ONE = Decimal(0), Decimal(1)
# Fields with their own CartLine attribute; every other NEW_ITEM field is kept in `extrinsics`.
_MAPPED = {
    "DESCRIPTION",
    "MATNR",
    "QUANTITY",
    "UNIT",
    "PRICE",
    "PRICEUNIT",
    "CURRENCY",
    "LEADTIME",
    "VENDORMAT",
    "MANUFACTMAT",
    "MATGROUP",
    "LONGTEXT",
}
_PASSTHROUGH = (
    "EXT_PRODUCT_ID",
    "VENDOR",
    "MANUFACTCODE",
    "CONTRACT",
    "CONTRACT_ITEM",
    "SERVICE",
    "EXT_QUOTE_ID",
    "EXT_QUOTE_ITEM",
    "EXT_CATEGORY_ID",
    "EXT_CATEGORY",
    "EXT_SCHEMA_TYPE",
    "ATTACHMENT",
    "ATTACHMENT_TITLE",
    "ATTACHMENT_PURPOSE",
    "ITEM_TYPE",
    "PARENT_ID",
    "CUST_FIELD1",
    "CUST_FIELD2",
    "CUST_FIELD3",
    "CUST_FIELD4",
    "CUST_FIELD5",
)
DESCRIPTION_LENGTH = 40
LONGTEXT_CHUNK = 132

Fields = Mapping[str, object] | Iterable[tuple[str, str]]


def form_pairs(fields: Fields) -> list[tuple[str, str]]:
    """(name, value) pairs in arrival order, from a list of pairs, a dict, or a multi-dict.

    Starlette's FormData (and werkzeug's MultiDict) keep repeated keys only through `multi_items()`; a plain
    dict would drop all but one long-text chunk.
    """
    if hasattr(fields, "multi_items"):
        return [(str(k), str(v)) for k, v in fields.multi_items()]
    if isinstance(fields, Mapping):
        pairs = []
        for key, value in fields.items():
            values = value if isinstance(value, list | tuple) else [value]
            pairs.extend((str(key), str(v)) for v in values)
        return pairs
    return [(str(k), str(v)) for k, v in fields]


def parse_oci_cart(fields: Fields, expected_currency: str | None = None) -> Cart:
    """An OCI cart as a `Cart` (protocol "oci"), judged like a cXML cart (see `cart_checks`)."""
    pairs = fields if isinstance(fields, list) else form_pairs(fields)
    if not all(name.__class__ is str and value.__class__ is str for name, value in pairs):
        pairs = form_pairs(pairs)
    items: dict[int, dict[str, str]] = {}
    misfiled: dict[int, str] = {}
    long_texts: dict[int, list[tuple[int, int, str]]] = {}
    bucket: dict[str, str] = {}
    last_line = None
    # One pass over thousands of fields, their names read by one regular expression over all of them.
    names = _read_names(pairs)
    for position, ((text_line, chunk, field, line), (_name, value)) in enumerate(
        zip(names, pairs, strict=True)
    ):
        if field:
            if line != last_line:  # a line's fields come together: look its bucket up once
                bucket = items.setdefault(int(line), {})
                last_line = line
            bucket[field] = value.strip()
            if field == "LONGTEXT":
                # NEW_ITEM-LONGTEXT[n] also occurs; SAP misfiles it (reference §12), but its line number is clear.
                misfiled[int(line)] = value
        elif text_line:
            long_texts.setdefault(int(text_line), []).append((int(chunk) if chunk else 0, position, value))
    for number in long_texts:
        items.setdefault(number, {})
    if not items:
        raise MalformedDocumentError("no NEW_ITEM-* fields in the OCI cart", field="NEW_ITEM-*")
    cart = Cart(protocol="oci", raw_fields=pairs)
    for number in sorted(items):
        text = "".join(chunk for _, _, chunk in sorted(long_texts[number])) if number in long_texts else ""
        cart.lines.append(_line(cart, number, items[number], text or misfiled.get(number) or None))
    return check_cart(cart, expected_currency)


def _read_names(pairs: list[tuple[str, str]]) -> list[tuple[str, str, str, str]]:
    """(long-text line, chunk, field, line) for each name, empty strings where a group did not match: names in any
    case and with surrounding whitespace, as `_FIELD` over `name.strip().upper()` reads them."""
    names = [name for name, _ in pairs]
    joined = "\n".join(names)
    if joined.count("\n") == len(names) - 1:
        found = _FIELDS.findall(joined.upper())
        if len(found) == len(names):
            return found
    # A name holding a line break of its own: one name at a time.
    return [_one_name(name) for name in names]


def _one_name(name: str) -> tuple[str, str, str, str]:
    match = _FIELD.fullmatch(name.strip().upper())
    return tuple(group or "" for group in match.groups()) if match else ("", "", "", "")  # type: ignore[return-value]


def _line(cart: Cart, number: int, values: dict[str, str], long_text: str | None) -> CartLine:
    """`values` are stripped; `long_text` is as it came."""
    quantity = _decimal(cart, values.get("QUANTITY"), number, "QUANTITY")
    if quantity is None:
        raise MalformedDocumentError("line without a readable quantity", field=f"NEW_ITEM-QUANTITY[{number}]")
    price = _decimal(cart, values.get("PRICE"), number, "PRICE")
    price_unit = _decimal(cart, values.get("PRICEUNIT"), number, "PRICEUNIT")
    unit = values.get("UNIT") or None
    basis = None
    unit_price = price
    if price is not None and price_unit not in (None, _ZERO, _ONE):
        # Empty PRICEUNIT means 1. A price per 100 read as a unit price is wrong a hundredfold (ref. §12).
        basis = PriceBasis(quantity=price_unit, unit_of_measure=unit, price=price)
        unit_price = tidy(price / price_unit, 6)
    ext_id = values.get("EXT_PRODUCT_ID") or None
    classification = []
    if values.get("MATGROUP"):
        classification.append(("MaterialGroup", values["MATGROUP"]))
    if values.get("EXT_CATEGORY_ID"):
        classification.append((values.get("EXT_SCHEMA_TYPE") or "", values["EXT_CATEGORY_ID"]))
    lead = to_decimal(values.get("LEADTIME"))
    return CartLine(
        line_number=number,
        quantity=quantity,
        supplier_part_id=values.get("VENDORMAT") or ext_id,
        buyer_part_id=values.get("MATNR") or None,
        unit_price=unit_price,
        currency=(values.get("CURRENCY") or "").upper() or None,
        description=values.get("DESCRIPTION") or None,
        long_text=long_text,
        unit_of_measure=unit,
        classification=classification,
        manufacturer_part_id=values.get("MANUFACTMAT") or None,
        lead_time_days=int(lead) if lead is not None and lead >= 0 else None,
        gtin=ext_id if is_valid_gtin(ext_id) else None,
        price_basis=basis,
        extrinsics={k: v for k, v in values.items() if v and k not in _MAPPED},
    )


def _decimal(cart: Cart, raw: str | None, number: int, name: str) -> Decimal | None:
    """OCI numbers use a decimal point; a lone comma is read as one too, with a warning (reference §12)."""
    value = to_decimal(raw)
    if value is None and raw and raw.count(",") == 1 and "." not in raw:
        value = to_decimal(raw.replace(",", "."))
        if value is not None:
            warn(
                cart,
                "decimal_comma",
                f"{name} of line {number} used a decimal comma: {raw!r}",
                line=number,
                field=name,
                value=raw,
            )
    return value


def build_oci_cart_fields(cart: Cart) -> list[tuple[str, str]]:
    """The OCI return form for a cart (demo shop side), strict to the OCI field rules.

    DESCRIPTION is cut to its 40 characters, with the full text in LONGTEXT; QUANTITY has a decimal point
    and at most 3 decimals; PRICE/PRICEUNIT repeat a quoted price basis when there is one.
    """
    fields: list[tuple[str, str]] = []
    for n, line in enumerate(cart.lines, start=1):
        fields.extend(_line_fields(n, line, cart.currency))
    return fields


def _line_fields(n: int, line: CartLine, currency: str | None) -> list[tuple[str, str]]:
    if line.quantity != line.quantity.quantize(Decimal("0.001")):
        raise BuildError(f"OCI QUANTITY allows 3 decimals; line {n} has {line.quantity}")
    description = line.description or line.short_name or ""
    long_text = line.long_text or (description if len(description) > DESCRIPTION_LENGTH else None)
    basis = line.price_basis
    if basis is not None and basis.price is not None and basis.conversion_factor == 1:
        price, price_unit = basis.price, basis.quantity
    else:
        price, price_unit = line.unit_price, Decimal(1)
    values = {
        "DESCRIPTION": description[:DESCRIPTION_LENGTH],
        "MATNR": line.buyer_part_id,
        "QUANTITY": format_decimal(line.quantity.quantize(Decimal("0.001"))),
        "UNIT": line.unit_of_measure,
        "PRICE": format_decimal(price) if price is not None else None,
        "PRICEUNIT": format_decimal(price_unit),
        "CURRENCY": line.currency or currency,
        "LEADTIME": str(line.lead_time_days) if line.lead_time_days is not None else None,
        "VENDORMAT": line.supplier_part_id,
        "MANUFACTMAT": line.manufacturer_part_id,
        "MATGROUP": _material_group(line),
    }
    values.update({k: line.extrinsics[k] for k in _PASSTHROUGH if line.extrinsics.get(k)})
    if "EXT_PRODUCT_ID" not in values and line.gtin:
        values["EXT_PRODUCT_ID"] = line.gtin
    fields = [(f"NEW_ITEM-{name}[{n}]", value) for name, value in values.items() if value]
    if long_text:
        for start in range(0, len(long_text), LONGTEXT_CHUNK):
            fields.append((f"NEW_ITEM-LONGTEXT_{n}:132[]", long_text[start : start + LONGTEXT_CHUNK]))
    return fields


def _material_group(line: CartLine) -> str | None:
    # MATGROUP (10 characters) is often filled with UNSPSC (reference §12).
    by_domain = {domain.lower(): code for domain, code in reversed(line.classification) if code}
    return by_domain.get("materialgroup") or by_domain.get("unspsc")
