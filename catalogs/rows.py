"""The fast path for a row of cells: a clean CSV row becomes a `CatalogueLine` with one dictionary look-up per
field, because units, contents, dates, VAT rates, labels and many prices repeat on almost every line.

It only takes rows it is sure of. Anything unusual (a value that does not parse, an empty required field, an
end date before its start date, stray cells past the heading) makes the row function return None, and the
reader builds that row with `LineBuilder.build`, which reports the errors. So the fast path has to agree with
`build` on clean rows only, and it does by calling the same parsers, once per distinct cell text.
"""

import re
from collections.abc import Callable
from decimal import Decimal
from operator import itemgetter
from typing import Any

from catalogs.gs1 import is_valid_gs1
from catalogs.lines import BARE_NUMBER, LIST_FIELDS, REQUIRED_BY_KIND, TEXT_FIELDS, LineBuilder
from catalogs.model import CatalogueLine
from catalogs.values import FieldProblem, parse_gtin

CACHE_LIMIT = 4096
# Distinct combinations of a row's terms (see SHARED): a few thousand in a large catalogue.
SHARED_LIMIT = 16384

# Cells that differ from line to line; absent columns read a blank cell.
OWN = (
    "supplier_item_number",
    "name",
    "catalogue_line_id",
    "gtin",
    "description",
    "brand",
    "manufacturer",
    "manufacturer_item_number",
    "image_url",
    "price",
)
# Cells that repeat from line to line, in `CatalogueLine` order: their values come from caches.
SHARED = (
    "action",
    "unspsc",
    "unit",
    "content",
    "content_unit",
    "base_quantity",
    "orderable_unit_factor_rate",
    "currency",
    "vat_rate",
    "valid_from",
    "valid_to",
    "line_valid_from",
    "line_valid_to",
    "minimum_order_quantity",
    "order_increment",
    "lead_time_days",
    "labels",
    "certificates",
    "keywords",
)
_ATTRIBUTE = {"unit": "orderable_unit"}
_DEFAULTS = {name: field.default for name, field in CatalogueLine.__dataclass_fields__.items()}
# "12,50", "12.5" or "12": parse_price reads these as the digits with a point, so the general parser is
# skipped for them (prices are too varied to cache well).
_PLAIN_PRICE = re.compile(r"[0-9]+(?:[.,][0-9][0-9]?)?").fullmatch
RowFunction = Callable[[list[str], int, bool], CatalogueLine | None]


class Rejected(Exception):
    """The fast path cannot take this value; the row goes the full way."""


class Memo(dict):
    """Cell text → parsed value, parsed on first sight. Cleared when full, so unique values cannot grow it."""

    __slots__ = ("_convert", "_limit")

    def __init__(self, convert: Callable[[Any], Any], limit: int = CACHE_LIMIT):
        super().__init__()
        self._convert = convert
        self._limit = limit

    def __missing__(self, key: Any) -> Any:
        value = self._convert(key)  # Rejected is not cached: bad values are rare, and reported in full
        if len(self) >= self._limit:
            self.clear()
        self[key] = value
        return value


class RowPlan:
    """What the fast paths need for one file: where each field is, its defaults, and the caches."""

    def __init__(self, builder: LineBuilder, indices: dict[str, int], defaults: dict[str, str], width: int):
        if builder.kind is not None:
            raise ValueError("the row fast path is for plain catalogues only")
        self.width, self.indices = width, indices
        self.item_default = defaults.get("supplier_item_number")  # kept exactly as written, like build does
        self.text_defaults = {name: crlf_to_lf(defaults.get(name)) for name in TEXT_FIELDS}
        self.gtin_default = defaults.get("gtin")
        self.present = [name for name in SHARED if name in indices]
        # A cache per field, keyed by cell text; content's by its cell and the content-unit cell.
        self.memos = {
            name: _memo(builder, name, defaults, _absent(builder, name))
            for name in SHARED
            if name not in ("content", "content_unit")
        }
        self.content = Memo(_content_converter(builder, defaults))
        # Keyed by the present SHARED cells: a tuple of them, or the cell itself when there is one.
        self.shared = Memo(_shared_converter(self), SHARED_LIMIT)
        self.price = _memo(builder, "price", defaults, None)
        self.line = _row_function(self)

    def gtin(self, cell: str) -> str | None:
        """What build makes of a GTIN cell that is not a plain valid code; `Rejected` when it is bad."""
        value = cell.strip() or self.gtin_default
        if not value:
            return None
        try:
            return parse_gtin(value)
        except FieldProblem:
            raise Rejected from None


def _row_function(plan: RowPlan) -> RowFunction:
    """`line(row, start, multiline)` for rows of at least `width` cells; `multiline` says the record spans
    physical lines, the only way a cell can hold a carriage return."""
    width, indices, item_default, text = plan.width, plan.indices, plan.item_default, plan.text_defaults
    own = itemgetter(*(indices.get(name, -1) for name in OWN))  # -1: the blank cell appended below
    present = plan.present
    shared = itemgetter(*(indices[name] for name in present)) if present else _no_cells
    name_default, line_id_default, description_default = (
        text["name"],
        text["catalogue_line_id"],
        text["description"],
    )
    brand_default, manufacturer_default = text["brand"], text["manufacturer"]
    maker_item_default, image_default = text["manufacturer_item_number"], text["image_url"]
    multiline_texts = [(OWN.index(name), text[name]) for name in OWN[1:-1] if name != "gtin"]
    m_price, m_shared, slow_gtin = plan.price, plan.shared, plan.gtin

    def line(row: list[str], start: int, multiline: bool) -> CatalogueLine | None:
        if len(row) != width and "".join(row[width:]).strip():
            return None
        row.append("")
        cells = own(row)
        terms = shared(row)
        row.pop()
        item, name, line_id, gtin, description, brand, manufacturer, maker_item, image, price = cells
        item = item.strip()
        if not item:
            if item_default is None or not "".join(row).strip():
                return None  # a blank row is no line at all, even with a default item number
            item = item_default
        name = name.strip() or name_default
        if not name:
            return None
        try:
            (action, unspsc, unit, content_quantity, content_unit, base, factor, currency, vat, valid_from,
             valid_to, line_from, line_to, minimum, increment, lead_time, labels, certificates,
             keywords) = m_shared[terms]  # fmt: skip
            price = Decimal(price.replace(",", ".")) if _PLAIN_PRICE(price) else m_price[price]
            # A plain GTIN is valid as it stands; anything else (spaces, hyphens, blank) goes through parse_gtin.
            gtin = gtin if gtin and is_valid_gs1(gtin) else slow_gtin(gtin)
        except Rejected:
            return None
        if multiline:
            name, line_id, description, brand, manufacturer, maker_item, image = (
                crlf_to_lf(cells[at].strip()) or default for at, default in multiline_texts
            )
        else:
            line_id = line_id.strip() or line_id_default
            description = description.strip() or description_default
            brand = brand.strip() or brand_default
            manufacturer = manufacturer.strip() or manufacturer_default
            maker_item = maker_item.strip() or maker_item_default
            image = image.strip() or image_default
        return CatalogueLine(
            item, name, action, start, None, line_id, gtin, description, brand, manufacturer, maker_item,
            unspsc, unit, content_quantity, content_unit, price, base, factor, currency, vat, valid_from,
            valid_to, line_from, line_to, minimum, increment, lead_time, image, [*labels], [*certificates],
            [*keywords],
        )  # fmt: skip

    return line


def _memo(builder: LineBuilder, name: str, defaults: dict[str, str], absent: Any) -> Memo:
    """A cache of what `build` makes of one field's cell: a blank cell takes the mapping default, and without
    one the line's default (a required field is rejected)."""
    parse = builder.field_parser(name)
    default, needed, listed = defaults.get(name), name in REQUIRED_BY_KIND[None], name in LIST_FIELDS

    def convert(cell: str) -> Any:
        value = cell.strip() or default
        if not value:
            if needed:
                raise Rejected
            return absent
        try:
            parsed = parse(value)
        except FieldProblem:
            raise Rejected from None
        return tuple(parsed) if listed else parsed

    return Memo(convert)


def _absent(builder: LineBuilder, name: str) -> Any:
    """A field's value when its cell is blank and there is no default: the line's own default."""
    if name == "action":
        return builder.default_action
    return () if name in LIST_FIELDS else _DEFAULTS[_ATTRIBUTE.get(name, name)]


def _shared_converter(plan: RowPlan) -> Callable[[Any], tuple]:
    """Parses the cells of the present SHARED columns (one cell alone, not in a tuple) into values for every
    SHARED field, absent ones taking their defaults, through the field caches: a new combination of
    familiar values costs look-ups only."""
    present, memos, content = plan.present, plan.memos, plan.content

    def convert(key: Any) -> tuple:
        cells = dict(zip(present, (key,) if len(present) == 1 else key, strict=True))
        parsed: list[Any] = []
        for name in SHARED:
            if name == "content":
                parsed += content[cells.get("content", ""), cells.get("content_unit", "")]
            elif name != "content_unit":
                parsed.append(memos[name][cells.get(name, "")])
        # Content gives two values (quantity and unit) and its unit cell none, so the positions still match.
        values = dict(zip(SHARED, parsed, strict=True))
        for start, end in (("valid_from", "valid_to"), ("line_valid_from", "line_valid_to")):
            if values[start] and values[end] and values[end] < values[start]:
                raise Rejected  # build reports it
        return tuple(parsed)

    return convert


def _content_converter(builder: LineBuilder, defaults: dict[str, str]) -> Callable[[tuple[str, str]], Any]:
    """Content is keyed by its cell and the content-unit cell: a bare number takes its unit from there."""
    parse = builder.field_parser("content")
    default, unit_default = defaults.get("content"), defaults.get("content_unit")

    def convert(cells: tuple[str, str]) -> tuple[Any, Any]:
        value = cells[0].strip() or default
        if not value:
            return None, None
        unit = cells[1].strip() or unit_default
        if unit and BARE_NUMBER.fullmatch(value):
            value = f"{value} {unit}"
        try:
            return parse(value)
        except FieldProblem:
            raise Rejected from None

    return convert


def _no_cells(_row: list[str]) -> tuple:
    return ()


def crlf_to_lf(text: str | None) -> str | None:
    """Text fields keep line breaks as LF, as `LineBuilder.build` does."""
    return text.replace("\r\n", "\n") if text else text
