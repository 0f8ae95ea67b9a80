"""The fast path for a run of clean CSV rows, done a column at a time.

Per row, Python spends more time interpreting the calls than doing the work (stripping a cell, one look-up
in a cache). Turning a run of rows into columns lets `map` do that work in C, so only the `CatalogueLine`
constructor still runs once per row in Python.

The run is all or nothing: if any row has anything unusual, the function returns None and the reader takes
each row of the run by itself (the row fast path, else `LineBuilder.build`, which reports the errors).
"""

import re
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from functools import lru_cache
from itertools import chain, repeat
from operator import itemgetter, lt
from typing import Any

from catalogs.gs1 import is_valid_gs1
from catalogs.lines import CleanLines
from catalogs.model import CatalogueLine
from catalogs.rows import SHARED, Memo, Rejected, RowPlan, crlf_to_lf

BatchFunction = Callable[[list[list[str]], list[int], list[int]], CleanLines | None]
# A price column whose cells are all "12,50", "12.5" or "12" (see rows._PLAIN_PRICE), joined by "\n".
_PLAIN_PRICES = re.compile(r"(?:[0-9]+(?:[.,][0-9][0-9]?)?\n)*[0-9]+(?:[.,][0-9][0-9]?)?").fullmatch
_MOD10 = bytes(value % 10 for value in range(256))
_BLANK_IS_NONE = {"": None}.get  # with the cell as the default: "" → None, any other cell → itself
_TEXT_ORDER = (
    "name",
    "catalogue_line_id",
    "description",
    "brand",
    "manufacturer",
    "manufacturer_item_number",
    "image_url",
)
_strip = str.strip
_PLAIN_NEW = CatalogueLine.__new__ is object.__new__  # then CatalogueLine(...) is __new__ and __init__
_first, _second = itemgetter(0), itemgetter(1)


def batch_function(plan: RowPlan) -> BatchFunction:
    """`lines(rows, starts, multiline)`: a `CleanLines` with one line per row, or None when the run must be
    taken row by row. `multiline` lists the rows that span physical lines (their cells may hold line breaks).
    """
    at = plan.indices.get
    width, text = plan.width, plan.text_defaults
    item_at, name_at, gtin_at, price_at = (
        at(name) for name in ("supplier_item_number", "name", "gtin", "price")
    )
    # The text fields in CatalogueLine order, name first.
    texts = [(at(name), text[name]) for name in _TEXT_ORDER]
    # Where each SHARED field's cells are, and its cache; content and its unit cell are read together.
    fields = [(at(name), plan.memos[name]) for name in SHARED if name not in ("content", "content_unit")]
    content_at, content_unit_at, content = at("content"), at("content_unit"), plan.content
    content_alone = Memo(lambda cell: content[cell, ""])  # without a content-unit column
    m_price, gtin_default = plan.price, plan.gtin_default
    if item_at is None or name_at is None or price_at is None or (gtin_at is None and gtin_default):
        return lambda rows, starts, multiline: None  # defaults stand in for them: the row path's business

    def shared_columns(cols: list[tuple[str, ...]], count: int) -> list[Iterable[Any]]:
        """Values per SHARED field (content gives two), through the field caches. Most are left as lazy
        iterators for the constructor: a bad value raises `Rejected` when it is reached."""
        columns = [
            _looked_up(cols[i], memo) if i is not None else repeat(memo[""], count) for i, memo in fields
        ]
        if content_at is None and content_unit_at is None:
            contents = [content["", ""]] * count
        elif content_unit_at is None:
            contents = list(map(content_alone.__getitem__, cols[content_at]))
        else:
            cells = cols[content_at] if content_at is not None else ("",) * count
            contents = list(map(content.__getitem__, zip(cells, cols[content_unit_at], strict=True)))
        columns[3:3] = [map(_first, contents), map(_second, contents)]
        return columns

    def text_column(cols: list[tuple[str, ...]], index: int | None, default: str | None) -> Any:
        if index is None:
            return repeat(default)
        column = list(map(_strip, cols[index]))
        return column if all(column) else list(map({"": default}.get, column, column))

    def lines(rows: list[list[str]], starts: list[int], multiline: list[int]) -> CleanLines | None:
        lengths = set(map(len, rows))
        if len(lengths) != 1 or (size := lengths.pop()) < width:
            return None
        cols = list(zip(*rows, strict=True))
        if size > width and "".join(chain.from_iterable(cols[width:])).strip():
            return None  # stray cells: build reports them
        items = list(map(_strip, cols[item_at]))
        names, line_ids, descriptions, brands, manufacturers, maker_items, images = columns = [
            text_column(cols, index, default) for index, default in texts
        ]
        if not all(items) or not all(names):
            return None  # blank item numbers and names: defaults, blank rows or errors
        gtins = _gtins(cols[gtin_at], gtin_default) if gtin_at is not None else repeat(None)
        if gtins is None:
            return None
        for i in multiline:
            for (index, default), column in zip(texts, columns, strict=True):
                if index is not None:
                    column[i] = crlf_to_lf(cols[index][i].strip()) or default
        try:
            shared = shared_columns(cols, len(rows))
            # The validity dates are needed twice: for the check and for the lines.
            shared[9:13] = dates = [list(shared[i]) for i in range(9, 13)]
            if _ends_before_start(dates[0], dates[1]) or _ends_before_start(dates[2], dates[3]):
                return None  # build reports it
            # In SHARED order.
            (actions, unspscs, units, quantities, content_units, bases, factors, currencies, vats, valid_froms,
             valid_tos, line_froms, line_tos, minimums, increments, lead_times, labels, certificates,
             keywords) = shared  # fmt: skip
            nothing = repeat(None)
            arguments = (
                items, names, actions, starts, nothing, line_ids, gtins, descriptions, brands, manufacturers,
                maker_items, unspscs, units, quantities, content_units, _prices(cols[price_at], m_price), bases,
                factors, currencies, vats, valid_froms, valid_tos, line_froms, line_tos, minimums, increments,
                lead_times, images, map(list, labels), map(list, certificates), map(list, keywords),
            )  # fmt: skip
            if _PLAIN_NEW:
                # What calling the class does, as two C-level passes: this skips the type call's repacking of
                # 31 arguments to add the instance.
                made = list(map(object.__new__, repeat(CatalogueLine, len(rows))))
                deque(map(CatalogueLine.__init__, made, *arguments), maxlen=0)
            else:
                made = list(map(CatalogueLine, *arguments))
        except Rejected:
            return None
        return CleanLines(made, items, starts)

    return lines


def _looked_up(cells: tuple[str, ...], memo: dict[str, Any]) -> Iterable[Any]:
    """The cached values of a column; a column of one repeated text (common) needs one look-up."""
    first = cells[0]
    if cells == (first,) * len(cells):
        return repeat(memo[first], len(cells))
    return map(memo.__getitem__, cells)


def _ends_before_start(firsts: list[Any], lasts: list[Any]) -> bool:
    """Whether some line's validity ends before it starts (dates, or None where there is none)."""
    if not any(lasts) or not any(firsts):
        return False
    if not all(firsts) or not all(lasts):
        return any(last < first for first, last in zip(firsts, lasts, strict=True) if first and last)
    return any(map(lt, lasts, firsts))


def _prices(cells: tuple[str, ...], memo: dict[str, Decimal]) -> Iterable[Decimal]:
    """Plain prices are read straight (one check for the whole column); others go through the cache."""
    joined = "\n".join(cells)
    if _PLAIN_PRICES(joined):
        prices = joined.replace(",", ".").split("\n")
        if len(prices) == len(cells):  # else a cell held a line break, so the joined check proves nothing
            return map(Decimal, prices)
    return map(memo.__getitem__, cells)


def _gtins(cells: tuple[str, ...], default: str | None) -> Sequence[str | None] | None:
    """The GTIN column as build would make it (blank is None), or None when a cell is invalid or needs
    parse_gtin (spaces, hyphens, a default for blanks), which the row path sorts out."""
    if all(cells):
        return cells if _all_valid(cells) else None
    if default or not _all_valid(list(filter(None, cells))):
        return None
    return list(map(_BLANK_IS_NONE, cells, cells))


def _all_valid(codes: Sequence[str]) -> bool:
    """Every code a valid GS1 number (GS1 General Specifications §7.9.1), checked for the whole column at once
    when the codes are plain ASCII digits of one length, else one by one.

    The weighted sums are done with big integers: the codes, one byte per digit, make one number; doubling
    the bytes at odd distances from each code's end and adding gives the weights 3 and 1; multiplying by
    1 + 256 + … + 256^(n-1) adds every n consecutive bytes, so each code's sum lands in one byte (at most
    252 here, so no byte carries into the next)."""
    blob = "".join(codes)
    data = blob.encode() if blob.isascii() else b""
    if not data.isdigit():
        return not codes  # other digits, spaces or hyphens: the row path
    size = len(codes[0])
    # None longer than the first and all together as long as that many: then all have its length.
    if size not in (8, 12, 13, 14) or len(data) != size * len(codes) or max(map(len, codes)) != size:
        return all(map(is_valid_gs1, codes))
    zeros, odd, window = _masks(size, len(codes))
    digits = int.from_bytes(data, "big") - zeros
    sums = ((digits + 2 * (digits & odd)) * window).to_bytes(len(data) + size - 1, "big")
    return not sums[size - 1 :: size].translate(_MOD10).strip(b"\0")


@lru_cache(maxsize=512)
def _masks(size: int, count: int) -> tuple[int, int, int]:
    """For `count` codes of `size` digits: the bytes of "0" to take off, the bytes at odd distances from each
    code's end, and the window that adds `size` neighbouring bytes."""
    odd = bytes(255 if (size - 1 - k) % 2 else 0 for k in range(size))
    return (
        int.from_bytes(b"0" * (size * count), "big"),
        int.from_bytes(odd * count, "big"),
        int.from_bytes(b"\1" * size, "big"),
    )
