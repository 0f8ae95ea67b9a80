"""One entry point for every catalogue file: detect the format, read it, count and de-duplicate the lines.

    with read_catalogue(upload, mapping=load_mapping("supplier.json")) as catalogue:
        for entry in catalogue:
            if isinstance(entry, LineError): ...
        catalogue.summary  # lines read, accepted, rejected

Iteration streams. Only the item numbers already seen are kept (for the duplicate check), about 150 bytes
each.
"""

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, BinaryIO

from catalogs import errors
from catalogs.columns import ColumnMapping, load_mapping
from catalogs.csv_reader import CsvCatalogue
from catalogs.errors import CatalogFileError, LineError
from catalogs.lines import CleanLines, LineResult
from catalogs.model import CatalogueHeader, CatalogueLine, ReadSummary

# A million-line Peppol catalogue is about 1.3 GB; the web layer can pass a lower cap for uploads.
DEFAULT_MAX_BYTES = 2 * 1024 * 1024 * 1024
UNZIP_FACTOR = 20
FORMATS = ("csv", "xlsx", "ubl")


class CatalogueReader:
    """Iterate once to get `CatalogueLine` and `LineError` objects in file order; `summary` fills in as
    you go. The source yields a `LineResult` per line, or a clean line as the `CatalogueLine` itself or in a
    run of `CleanLines`."""

    def __init__(self, source: Any, header: CatalogueHeader, close: Any = None):
        self._source = source
        self._close = close
        self.header = header
        self.summary = ReadSummary()
        self._started = False

    def __iter__(self) -> Iterator[CatalogueLine | LineError]:
        if self._started:
            raise RuntimeError("a catalogue can be read only once")
        self._started = True
        return self._stream()

    def _stream(self) -> Iterator[CatalogueLine | LineError]:
        summary, seen = self.summary, {}
        try:
            batch: LineResult | CatalogueLine | CleanLines
            for batch in self._source:
                if batch.__class__ is CleanLines:
                    # One look-up per item: setdefault gives back the line an item first appeared on, which
                    # is this line's own number only when the item is new.
                    firsts = list(map(seen.setdefault, batch.items, batch.line_numbers))
                    if firsts == batch.line_numbers:
                        for line in batch.lines:
                            summary.lines_read += 1
                            summary.accepted += 1
                            yield line
                        continue
                    checked = zip(batch.lines, batch.items, batch.line_numbers, firsts, strict=True)
                    for line, item, number, first in checked:
                        summary.lines_read += 1
                        if first == number:
                            summary.accepted += 1
                            yield line
                        else:
                            yield from self._checked(LineResult(line, [], item, number, None), seen)
                    continue
                summary.lines_read += 1
                if batch.__class__ is CatalogueLine:
                    # A clean line from a fast path: only the duplicate check is left.
                    item = batch.supplier_item_number
                    if item not in seen:
                        seen[item] = summary.lines_read if batch.xpath else batch.line_number
                        summary.accepted += 1
                        yield batch
                        continue
                    batch = LineResult(batch, [], item, batch.line_number, batch.xpath)
                yield from self._checked(batch, seen)
        finally:
            self.close()

    def _checked(self, result: LineResult, seen: dict[str, int]) -> list[CatalogueLine | LineError]:
        """The line, or its errors with a duplicate item number added; counted in the summary."""
        summary, problems, item = self.summary, result.errors, result.item_number
        if item is not None:
            first = seen.get(item)
            if first is None:
                # XML may put every line on one physical line, so there the position counts.
                seen[item] = summary.lines_read if result.xpath else result.line_number
            else:
                where = f"{result.xpath.rpartition('[')[0]}[{first}]" if result.xpath else f"line {first}"
                problems = [
                    *problems,
                    LineError(
                        result.line_number,
                        result.xpath,
                        "supplier_item_number",
                        f"item number {item} already appears at {where}; the first one is kept",
                        item,
                        code=errors.DUPLICATE_ITEM,
                        item_number=item,
                    ),
                ]
        if problems:
            summary.rejected += 1
            summary.errors += len(problems)
            for problem in problems:
                summary.by_code[problem.code] = summary.by_code.get(problem.code, 0) + 1
            return problems
        summary.accepted += 1
        return [result.line]

    def close(self) -> None:
        if self._close is not None:
            self._close()
            self._close = None

    def __enter__(self) -> "CatalogueReader":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def read_catalogue(
    source: str | os.PathLike | IO[bytes],
    format: str | None = None,
    mapping: ColumnMapping | dict | str | os.PathLike | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    sheet: str | None = None,
) -> CatalogueReader:
    """Open a catalogue file (a path or a binary file object) and read its header.

    `format` is 'csv', 'xlsx' or 'ubl'; by default it is detected from the first bytes. `mapping` (a
    `ColumnMapping`, a dict or a path to a JSON mapping file) applies to CSV and XLSX. Whole-file problems
    raise `CatalogFileError`; problems with single lines come out of the iteration as `LineError`.
    """
    if format not in (None, *FORMATS):
        raise ValueError(f"format must be one of {FORMATS} or None, not {format!r}")
    if mapping is not None and not isinstance(mapping, ColumnMapping):
        mapping = ColumnMapping.from_dict(mapping) if isinstance(mapping, dict) else load_mapping(mapping)
    fh, close = _open(source, max_bytes)
    try:
        fmt = format or detect_format(fh.read(8), fh)
        fh.seek(0)
        if fmt == "xlsx":
            from catalogs.xlsx_reader import XlsxCatalogue

            reader: Any = XlsxCatalogue(fh, mapping, sheet, max_unzipped_bytes=max_bytes * UNZIP_FACTOR)
        elif fmt == "ubl":
            from catalogs.ubl_reader import UblCatalogue

            reader = UblCatalogue(fh)
        else:
            reader = CsvCatalogue(fh, mapping)
    except BaseException:
        close()
        raise

    def close_all() -> None:
        if hasattr(reader, "close"):
            reader.close()
        close()

    return CatalogueReader(reader, reader.header, close_all)


def detect_format(first_bytes: bytes, fh: BinaryIO | None = None) -> str:
    """'xlsx' for a zip, 'ubl' when the first non-blank character is '<', otherwise 'csv'."""
    if first_bytes.startswith(b"PK\x03\x04"):
        return "xlsx"
    if first_bytes.startswith(b"\xd0\xcf\x11\xe0"):
        raise CatalogFileError(
            "old Excel .xls files are not supported; save the sheet as .xlsx or CSV",
            code=errors.UNSUPPORTED_FORMAT,
        )
    head = first_bytes
    if fh is not None:
        fh.seek(0)
        head = fh.read(1024)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "ignore").encode("utf-8")
    return "ubl" if head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<") else "csv"


def _open(source: Any, max_bytes: int) -> tuple[BinaryIO, Any]:
    if isinstance(source, (str, os.PathLike)):
        size = Path(source).stat().st_size
        _check_size(size, max_bytes)
        fh = open(source, "rb")  # noqa: SIM115 - closed by the reader
        return fh, fh.close
    if source.seekable():
        start = source.tell()
        size = source.seek(0, os.SEEK_END) - start
        source.seek(start)
        _check_size(size, max_bytes)
        if start:
            return _spool(source, max_bytes)
        return source, lambda: None
    return _spool(source, max_bytes)


def _spool(source: IO[bytes], max_bytes: int) -> tuple[BinaryIO, Any]:
    """Readers seek, so a stream is copied to a temporary file first, stopping as soon as it is too large."""
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    copied = 0
    while chunk := source.read(1024 * 1024):
        copied += len(chunk)
        if copied > max_bytes:
            spool.close()
            _check_size(copied, max_bytes)
        spool.write(chunk)
    spool.seek(0)
    return spool, spool.close  # type: ignore[return-value]


def _check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise CatalogFileError(
            f"the file is larger than the limit of {max_bytes} bytes", code=errors.TOO_LARGE
        )
