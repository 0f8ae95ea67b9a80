"""CSV catalogues as Danish suppliers export them: semicolon, comma or tab; UTF-8 or Windows-1252;
decimal commas.

The file is decoded and parsed incrementally and only the current record is kept, so a million-line file
reads in flat memory. Line numbers are physical: a record whose quoted description spans three lines is
reported at the line where it starts.
"""

import codecs
import csv
import io
import re
from collections.abc import Iterator
from typing import BinaryIO

from catalogs import errors
from catalogs.columns import HEADING_SEARCH_ROWS, ColumnMapping, find_heading
from catalogs.errors import CatalogFileError, LineError
from catalogs.lines import LineBuilder, LineResult
from catalogs.model import CatalogueHeader

SAMPLE_BYTES = 64 * 1024
_UTF8_BOM = b"\xef\xbb\xbf"
_DELIMITERS = (";", "\t", ",", "|")
_ESCAPED = re.compile("[\udc80-\udcff]")
_ERROR_HANDLER = "catalogs.counting-surrogateescape"
_decode_errors = 0


def _count_and_escape(exc: UnicodeError) -> tuple[str, int]:
    """Undecodable bytes become lone surrogates, as with surrogateescape, and bump a counter, so rows are only
    scanned for them once a file has actually had a decoding problem."""
    global _decode_errors
    _decode_errors += 1
    return codecs.lookup_error("surrogateescape")(exc)


codecs.register_error(_ERROR_HANDLER, _count_and_escape)


class CsvCatalogue:
    """Iterating yields one `LineResult` per record after the heading row."""

    def __init__(self, fh: BinaryIO, mapping: ColumnMapping | None = None):
        self._mapping = mapping or ColumnMapping()
        head = fh.read(SAMPLE_BYTES)
        fh.seek(0)
        if not head.strip(b" \t\r\n" + _UTF8_BOM):
            raise CatalogFileError("the file is empty", code=errors.EMPTY_FILE)
        self._encoding, self._fallback = _detect_encoding(head, self._mapping.encoding)
        delimiter = self._mapping.delimiter or _sniff_delimiter(_first_lines(head, self._encoding))
        decimal_mark = self._mapping.decimal or ("," if delimiter in ";\t" else None)
        codec = "utf-8-sig" if self._encoding == "utf-8" else self._encoding
        handler = "strict" if codec.startswith("utf-16") else _ERROR_HANDLER
        self._errors_before = _decode_errors
        self._text = io.TextIOWrapper(fh, encoding=codec, errors=handler, newline="")
        self._reader = csv.reader(
            self._text, delimiter=delimiter, quotechar='"', doublequote=True, strict=True
        )
        self._records = self._raw_records()
        candidates = (
            (line, [_repair(cell, self._fallback)[0].strip() for cell in row])
            for line, row in self._records
            if not isinstance(row, LineError)
        )
        try:
            _line, self._headings, self._match = find_heading(candidates, self._mapping)
        except BaseException:
            self.close()
            raise
        self._builder = LineBuilder(decimal_mark=decimal_mark)
        self.header = CatalogueHeader(
            format="csv",
            encoding=self._encoding,
            delimiter=delimiter,
            decimal_mark=decimal_mark,
            columns=self._match.columns,
            unmapped_columns=self._match.unmapped,
        )

    def __iter__(self) -> Iterator[LineResult]:
        width = len(self._headings)
        indices = self._match.indices.items()
        defaults = self._mapping.defaults
        for start, row in self._records:
            if isinstance(row, LineError):
                yield LineResult(None, [row], None, start, None)
                continue
            problems = []
            if _decode_errors != self._errors_before:
                row, bad = self._repair_row(row)
                if bad:
                    problems.append(
                        LineError(
                            start,
                            None,
                            None,
                            f"the line is not valid {self._encoding} text",
                            None,
                            code=errors.BAD_ENCODING,
                        )
                    )
            count = len(row)
            raw = {name: value for name, i in indices if i < count and (value := row[i].strip())}
            for name, value in defaults.items():
                raw.setdefault(name, value)
            result = self._builder.build(raw, lambda name, at=start: (at, None), line_number=start)
            if count > width and any(cell.strip() for cell in row[width:]):
                problems.append(
                    LineError(
                        start,
                        None,
                        None,
                        f"the row has {count} fields but the heading has {width}; "
                        "is a value with the delimiter missing its quotes?",
                        None,
                        code=errors.BAD_ROW,
                    )
                )
            if problems:
                item = result.item_number
                result.errors.extend(p if p.item_number else _with_item(p, item) for p in problems)
                result = result._replace(line=None)
            yield result

    def close(self) -> None:
        """Let go of the binary file without closing it: it belongs to whoever opened it."""
        if self._text is not None:
            self._text.detach()
            self._text = None

    def _repair_row(self, row: list[str]) -> tuple[list[str], bool]:
        repaired = [_repair(cell, self._fallback) for cell in row]
        return [cell for cell, _ in repaired], any(bad for _, bad in repaired)

    def _raw_records(self) -> Iterator[tuple[int, list[str] | LineError]]:
        reader = self._reader
        previous = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError:
                raise CatalogFileError(
                    f"the file is not valid {self._encoding} text",
                    line=previous + 1,
                    code=errors.BAD_ENCODING,
                ) from None
            except csv.Error as exc:
                start = previous + 1
                if "unexpected end of data" in str(exc):
                    raise CatalogFileError(
                        f"the file ends inside a quoted field that starts on line {start}; "
                        "it looks truncated",
                        line=start,
                        code=errors.TRUNCATED,
                    ) from None
                if "field larger than field limit" in str(exc):
                    raise CatalogFileError(
                        f"a quoted field starting on line {start} never ends (unbalanced quote)",
                        line=start,
                        code=errors.BAD_ROW,
                    ) from None
                previous = reader.line_num
                yield (
                    start,
                    LineError(start, None, None, f"malformed CSV row: {exc}", None, code=errors.BAD_ROW),
                )
                continue
            start, previous = previous + 1, reader.line_num
            if "".join(row).strip():
                yield start, row


def _repair(cell: str, fallback: bool) -> tuple[str, bool]:
    """(text, still bad). Undeclared UTF-8 may hide a Windows-1252 line beyond the sample: decode that as
    Windows-1252."""
    if not _ESCAPED.search(cell):
        return cell, False
    if fallback:
        try:
            return cell.encode("utf-8", "surrogateescape").decode("cp1252"), False
        except UnicodeError:
            pass
    return cell, True


def _with_item(problem: LineError, item: str | None) -> LineError:
    return LineError(
        problem.line,
        problem.xpath,
        problem.field,
        problem.reason,
        problem.value,
        code=problem.code,
        item_number=item,
    )


def _detect_encoding(head: bytes, declared: str | None) -> tuple[str, bool]:
    """(encoding, repair stray Windows-1252 bytes). Only undeclared UTF-8 gets the repair."""
    if declared:
        return declared, False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", False
    if head.startswith(_UTF8_BOM):
        return "utf-8", False
    if b"\x00" in head:
        raise CatalogFileError(
            "the file contains NUL bytes: it is binary or UTF-16 without a byte order mark; "
            "save it as CSV UTF-8",
            code=errors.BAD_ENCODING,
        )
    try:
        head.decode("utf-8")
        return "utf-8", True
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3 and exc.reason == "unexpected end of data":
            return "utf-8", True
    try:
        head.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise CatalogFileError(
            f"the file is neither UTF-8 nor Windows-1252 "
            f"(byte 0x{head[exc.start]:02x} at offset {exc.start})",
            line=head[: exc.start].count(b"\n") + 1,
            code=errors.BAD_ENCODING,
        ) from None
    return "cp1252", False


def _first_lines(head: bytes, encoding: str) -> list[str]:
    text = head.decode(encoding, "replace").lstrip("\ufeff")
    return [line for line in text.splitlines() if line.strip()][:HEADING_SEARCH_ROWS]


def _sniff_delimiter(lines: list[str]) -> str:
    """The candidate that occurs most often outside quotes in one of the first lines (the heading usually, but
    a title line may come first); semicolon wins a tie."""
    counts = dict.fromkeys(_DELIMITERS, 0)
    for line in lines:
        quoted, here = False, dict.fromkeys(_DELIMITERS, 0)
        for char in line:
            if char == '"':
                quoted = not quoted
            elif not quoted and char in here:
                here[char] += 1
        counts = {d: max(counts[d], here[d]) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ";"
