"""Turns the raw values of one source line into a `CatalogueLine`, or into the errors that reject it.

All three readers end here, so a price, a GTIN or a unit is judged the same way whether it came from a CSV
cell, a spreadsheet cell or a UBL element.
"""

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any, NamedTuple

from catalogs import errors, values
from catalogs.errors import LineError
from catalogs.labels import normalise_labels
from catalogs.model import CatalogueLine
from catalogs.units import parse_content, unit_code
from catalogs.values import FieldProblem

TEXT_FIELDS = (
    "name",
    "description",
    "brand",
    "manufacturer",
    "manufacturer_item_number",
    "image_url",
    "catalogue_line_id",
)
LIST_FIELDS = ("labels", "certificates", "keywords")
BARE_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_LIST_SPLIT = re.compile(r"[;,|\n]+")
_CACHE_LIMIT = 4096

# Partial OIOUBL documents carry only part of an item, so they need less.
REQUIRED_BY_KIND = {
    None: ("supplier_item_number", "name", "price"),
    "pricing": ("supplier_item_number", "price"),
    "specification": ("supplier_item_number", "name"),
}


class LineResult(NamedTuple):
    line: CatalogueLine | None
    errors: list[LineError]
    item_number: str | None
    line_number: int | None
    xpath: str | None


class CleanLines(NamedTuple):
    """A run of CSV lines a fast path found clean, in file order, with their item numbers and line numbers,
    so the duplicate check can take the run at once."""

    lines: list[CatalogueLine]
    items: list[str]
    line_numbers: list[int]


Locator = Callable[[str | None], tuple[int | None, str | None]]


def present(value: object) -> bool:
    """Readers pass only present values: not None, not empty, strings stripped."""
    return value is not None and (not isinstance(value, str) or bool(value))


class LineBuilder:
    """Settings shared by every line of one file, and caches: units, dates and VAT rates repeat on almost
    every line, so each spelling is parsed once per file."""

    def __init__(
        self,
        decimal_mark: str | None = None,
        default_action: str = "add",
        kind: str | None = None,
        action_words: dict[str, str] = values.ACTIONS,
    ):
        self.decimal_mark = decimal_mark
        self.default_action = default_action
        self.kind = kind
        self._parse_action = _ignore_mark(lambda value: values.parse_action(value, action_words))
        self._caches: dict[str, dict[Any, Any]] = {name: {} for name in _SPECS}

    def field_parser(self, name: str) -> Callable[[Any], Any]:
        """What `build` does with a present value of field `name`: the parsed value, or `FieldProblem`."""
        parser, args, _memo, attribute = _SPECS[name]
        if attribute == "action":
            parser = self._parse_action
        mark = self.decimal_mark
        return lambda value: parser(value, *args, mark)

    def build(
        self, raw: dict[str, Any], locate: Locator, line_number: int | None = None, xpath: str | None = None
    ) -> LineResult:
        """`raw` maps field names to present values (see `present`); strings must already be stripped."""
        problems: list[LineError] = []
        item = raw.get("supplier_item_number")
        if item is not None and not isinstance(item, str):
            item = values.as_text(item)
        if "content_unit" in raw and "content" in raw:
            # A bare number in the content column takes its unit from a separate column or attribute.
            amount = values.as_text(raw["content"])
            if BARE_NUMBER.fullmatch(amount):
                raw = {**raw, "content": f"{amount} {raw['content_unit']}"}
        line = CatalogueLine(
            supplier_item_number=item or "",
            name=None,
            action=self.default_action,
            line_number=line_number,
            xpath=xpath,
        )
        mark, caches = self.decimal_mark, self._caches
        for name, value in raw.items():
            spec = _SPECS.get(name)
            if spec is None:
                continue
            parser, args, memo_on, attribute = spec
            if attribute == "action":
                parser = self._parse_action
            elif parser is None:
                text = value if isinstance(value, str) else values.as_text(value)
                setattr(line, attribute, text.replace("\r\n", "\n") if "\r" in text else text)
                continue
            memo = caches[name] if memo_on and isinstance(value, str) else None
            parsed = memo.get(value) if memo is not None else None
            if parsed is None:
                try:
                    parsed = parser(value, *args, mark)
                except FieldProblem as problem:
                    at_line, at_xpath = locate(name)
                    problems.append(
                        LineError(
                            at_line,
                            at_xpath,
                            name,
                            problem.reason,
                            values.as_text(value),
                            code=problem.code,
                            item_number=item,
                        )
                    )
                    continue
                if memo is not None:
                    if len(memo) >= _CACHE_LIMIT:
                        memo.clear()
                    memo[value] = parsed
            if attribute == "content":
                line.content_quantity, line.content_unit = parsed
            elif attribute in LIST_FIELDS:
                setattr(line, attribute, list(parsed))  # cached lists are shared: each line gets its own
            else:
                setattr(line, attribute, parsed)
        for name in ("supplier_item_number",) if line.action == "delete" else REQUIRED_BY_KIND[self.kind]:
            if name not in raw:
                at_line, at_xpath = locate(name)
                problems.append(
                    LineError(
                        at_line,
                        at_xpath,
                        name,
                        f"{name.replace('_', ' ')} is required",
                        None,
                        code=errors.MISSING_FIELD,
                        item_number=item,
                    )
                )
        for start, end, label in _PERIODS:
            if end not in raw:
                continue
            first, last = getattr(line, start), getattr(line, end)
            if first and last and last < first:
                at_line, at_xpath = locate(end)
                problems.append(
                    LineError(
                        at_line,
                        at_xpath,
                        end,
                        f"{label} ends before it starts",
                        values.as_text(raw[end]),
                        code=errors.BAD_DATE,
                        item_number=item,
                    )
                )
        return LineResult(None if problems else line, problems, item, line_number, xpath)


def _as_list(value: object, _mark: str | None = None) -> list[str]:
    parts = value if isinstance(value, list) else _LIST_SPLIT.split(values.as_text(value))
    return [part.strip() for part in parts if part and part.strip()]


def _labels(value: object, _mark: str | None) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(normalise_labels([part for text in value for part in normalise_labels(text)]))
    return tuple(normalise_labels(values.as_text(value)))


def _unit(value: object, _mark: str | None) -> str:
    code = unit_code(values.as_text(value))
    if code is None:
        raise FieldProblem(
            errors.UNKNOWN_UNIT, f"unknown unit: {value} (use a UN/ECE code such as EA, PK, KGM)"
        )
    return code


def _content(value: object, _mark: str | None) -> tuple[Decimal, str]:
    parsed = parse_content(values.as_text(value))
    if parsed is None:
        raise FieldProblem(
            errors.BAD_QUANTITY, f"content must read like '1 kg', '500 g', '10 stk' or '6 x 1 l': {value}"
        )
    return parsed


def _leading_quantity(value: object, mark: str | None = None) -> Decimal:
    """Base quantities are sometimes written with their unit ("100 stk"); the unit adds nothing here."""
    if isinstance(value, str):
        value = re.sub(r"^\s*(?:pr\.?|per)\s*", "", value, flags=re.IGNORECASE)
        match = re.fullmatch(r"\s*([\d.,]+)\s*([^\d\s].*)?", value)
        if match and (match[2] is None or unit_code(match[2])):
            value = match[1]
    return values.parse_positive(value, "price base quantity", mark)


def _ignore_mark(parser: Callable[[Any], Any]) -> Callable[[Any, str | None], Any]:
    return lambda value, _mark: parser(value)


# (source field, parser, extra arguments before the decimal mark, cache results).
_PARSERS: list[tuple[str, Callable[..., Any], tuple, bool]] = [
    ("action", _ignore_mark(values.parse_action), (), True),
    ("gtin", _ignore_mark(values.parse_gtin), (), False),
    ("unspsc", _ignore_mark(values.parse_unspsc), (), True),
    ("price", values.parse_price, (), True),
    ("currency", _ignore_mark(values.parse_currency), (), True),
    ("vat_rate", values.parse_vat, (), True),
    ("base_quantity", _leading_quantity, (), True),
    ("orderable_unit_factor_rate", values.parse_positive, ("orderable unit factor",), True),
    ("minimum_order_quantity", values.parse_positive, ("minimum quantity",), True),
    ("order_increment", values.parse_positive, ("order increment",), True),
    ("lead_time_days", _ignore_mark(values.parse_lead_time), (), True),
    ("unit", _unit, (), True),
    ("content", _content, (), True),
    ("valid_from", _ignore_mark(values.parse_date), (), True),
    ("valid_to", _ignore_mark(values.parse_date), (), True),
    ("line_valid_from", _ignore_mark(values.parse_date), (), True),
    ("line_valid_to", _ignore_mark(values.parse_date), (), True),
    ("labels", _labels, (), True),
    ("certificates", _as_list, (), True),
    ("keywords", _as_list, (), True),
]


# field → (parser or None for plain text, extra arguments, cache results, CatalogueLine attribute)
_SPECS: dict[str, tuple[Callable[..., Any] | None, tuple, bool, str]] = {
    **{name: (None, (), False, name) for name in TEXT_FIELDS},
    **{name: (parser, args, cache, name) for name, parser, args, cache in _PARSERS},
    "unit": (_unit, (), True, "orderable_unit"),
}
_PERIODS = (
    ("valid_from", "valid_to", "price validity"),
    ("line_valid_from", "line_valid_to", "line validity"),
)
