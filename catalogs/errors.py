"""Errors a catalogue file can produce.

A problem with one line never stops a read: it becomes a `LineError` in the stream. A problem that makes the
whole file unreadable raises `CatalogFileError`. Both carry a stable `code` so the UI can show a translated
message; the English `reason` is for logs and for suppliers who read English.
"""

from dataclasses import KW_ONLY, dataclass
from typing import Any

# Line-level codes.
MISSING_FIELD = "missing_field"
BAD_PRICE = "bad_price"
NEGATIVE_PRICE = "negative_price"
BAD_GTIN = "bad_gtin"
BAD_UNSPSC = "bad_unspsc"
UNKNOWN_UNIT = "unknown_unit"
BAD_QUANTITY = "bad_quantity"
BAD_DATE = "bad_date"
BAD_VAT = "bad_vat"
BAD_CURRENCY = "bad_currency"
BAD_ACTION = "bad_action"
BAD_ROW = "bad_row"
DUPLICATE_ITEM = "duplicate_item"

# File-level codes (some, like bad_encoding, also occur on single lines).
MISSING_COLUMN = "missing_column"
WRONG_DOCUMENT_TYPE = "wrong_document_type"
UNSAFE_XML = "unsafe_xml"
BAD_XML = "bad_xml"
TRUNCATED = "truncated"
TOO_LARGE = "too_large"
BAD_ENCODING = "bad_encoding"
EMPTY_FILE = "empty_file"
UNSUPPORTED_FORMAT = "unsupported_format"
BAD_MAPPING = "bad_mapping"
UNKNOWN_SHEET = "unknown_sheet"


@dataclass(slots=True, frozen=True)
class LineError:
    """One problem on one line. `line` is the file's own line (or sheet row) number; XML adds an `xpath`."""

    line: int | None
    xpath: str | None
    field: str | None
    reason: str
    value: str | None
    _: KW_ONLY
    code: str
    item_number: str | None = None

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line is not None else (self.xpath or "file")
        return f"{where}: {self.reason} [{self.code}]"


class CatalogFileError(Exception):
    """The file as a whole cannot be read; nothing after this point is trustworthy."""

    def __init__(self, reason: str, line: int | None = None, xpath: str | None = None, *, code: str):
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.xpath = xpath
        self.code = code

    def __reduce__(self) -> tuple[Any, ...]:
        # A reader process hands it to the importer: pickle by keyword, which the default cannot.
        return _file_error, (self.reason, self.line, self.xpath, self.code)

    def __str__(self) -> str:
        where = f" (line {self.line})" if self.line is not None else ""
        return f"{self.reason}{where} [{self.code}]"


def _file_error(reason: str, line: int | None, xpath: str | None, code: str) -> CatalogFileError:
    return CatalogFileError(reason, line, xpath, code=code)
