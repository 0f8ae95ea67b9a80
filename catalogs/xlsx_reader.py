"""XLSX catalogues, read row by row with openpyxl's read-only mode so large sheets stay out of memory.

Numeric cells arrive as floats. They are turned into Decimal through their shortest 15-significant-digit text
(what Excel itself shows), never through the binary float, so 12.95 stays 12.95.
"""

import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, BinaryIO

from openpyxl import load_workbook

from catalogs import errors
from catalogs.columns import ColumnMapping, find_heading
from catalogs.errors import CatalogFileError
from catalogs.lines import LineBuilder, LineResult, present
from catalogs.model import CatalogueHeader

_DECIMAL_FIELDS = {
    "price",
    "base_quantity",
    "vat_rate",
    "minimum_order_quantity",
    "order_increment",
    "orderable_unit_factor_rate",
    "lead_time_days",
    "content",
}


class XlsxCatalogue:
    """Iterating yields one `LineResult` per non-empty row after the heading row."""

    def __init__(
        self,
        fh: BinaryIO,
        mapping: ColumnMapping | None = None,
        sheet: str | None = None,
        max_unzipped_bytes: int | None = None,
    ):
        self._mapping = mapping or ColumnMapping()
        if max_unzipped_bytes is not None:
            _check_unzipped_size(fh, max_unzipped_bytes)
        try:
            self._workbook = load_workbook(fh, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
            raise CatalogFileError(
                f"the file is not a readable XLSX workbook: {exc}", code=errors.UNSUPPORTED_FORMAT
            ) from None
        name = sheet or self._mapping.sheet
        if name is not None and name not in self._workbook.sheetnames:
            self.close()
            raise CatalogFileError(
                f"sheet {name!r} not found; sheets: {', '.join(self._workbook.sheetnames)}",
                code=errors.UNKNOWN_SHEET,
            )
        worksheet = self._workbook[name] if name else self._workbook.worksheets[0]
        # Some writers record a wrong sheet size; without this, read-only mode would stop at it.
        worksheet.reset_dimensions()
        self._rows = self._numbered_rows(worksheet)
        candidates = ((number, [_heading(cell.value) for cell in cells]) for number, cells in self._rows)
        try:
            _row, self._headings, self._match = find_heading(candidates, self._mapping)
        except CatalogFileError as problem:
            self.close()
            if problem.code == errors.EMPTY_FILE:
                raise CatalogFileError(
                    f"sheet {worksheet.title!r} is empty", code=errors.EMPTY_FILE
                ) from None
            raise
        self._builder = LineBuilder(decimal_mark=self._mapping.decimal)
        self.header = CatalogueHeader(
            format="xlsx",
            sheet=worksheet.title,
            decimal_mark=self._mapping.decimal,
            columns=self._match.columns,
            unmapped_columns=self._match.unmapped,
        )

    def __iter__(self) -> Iterator[LineResult]:
        try:
            for row_number, cells in self._rows:
                raw: dict[str, Any] = {}
                for name, index in self._match.indices.items():
                    value = _cell_value(cells[index], name) if index < len(cells) else None
                    if present(value):
                        raw[name] = value
                for name, value in self._mapping.defaults.items():
                    raw.setdefault(name, value)
                yield self._builder.build(raw, lambda name, at=row_number: (at, None), line_number=row_number)
        finally:
            self.close()

    def close(self) -> None:
        self._workbook.close()

    @staticmethod
    def _numbered_rows(worksheet: Any) -> Iterator[tuple[int, tuple]]:
        for number, cells in enumerate(worksheet.iter_rows(), start=1):
            real = next((c.row for c in cells if getattr(c, "row", None)), number)
            if any(c.value is not None and str(c.value).strip() for c in cells):
                yield real, cells


def _check_unzipped_size(fh: BinaryIO, limit: int) -> None:
    """A small XLSX can unpack to gigabytes; refuse that before openpyxl starts inflating it."""
    try:
        with zipfile.ZipFile(fh) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise CatalogFileError(
            f"the file is not a readable XLSX workbook: {exc}", code=errors.UNSUPPORTED_FORMAT
        ) from None
    finally:
        fh.seek(0)
    if total > limit:
        raise CatalogFileError(
            f"the workbook unpacks to {total} bytes, more than the limit of {limit}", code=errors.TOO_LARGE
        )


def _heading(value: object) -> str:
    return "" if value is None else str(value).strip()


def _cell_value(cell: Any, name: str) -> object:
    value = cell.value
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        number = Decimal(value) if isinstance(value, int) else Decimal(format(value, ".15g"))
        # A VAT cell formatted as a percentage holds 0.25 for 25 %.
        if name == "vat_rate" and "%" in (getattr(cell, "number_format", "") or ""):
            number *= 100
        if name in _DECIMAL_FIELDS:
            return number
        return (
            format(number.normalize(), "f") if number == number.to_integral_value() else format(number, "f")
        )
    if isinstance(value, (datetime, date)):
        return value
    if isinstance(value, time):
        return value.isoformat()
    return str(value).strip()
