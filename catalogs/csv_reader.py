"""CSV catalogues as Danish suppliers export them: semicolon, comma or tab; UTF-8 or Windows-1252;
decimal commas.

The file is decoded and parsed incrementally and only the current run of records is kept (a chunk of text
and up to `records.RUN` records), so a million-line file reads in flat memory. Line numbers are physical: a record
whose quoted description spans three lines is reported at the line where it starts.

Clean runs of records become lines a column at a time (`batch.py`), other clean records one by one
(`rows.py`), and everything else through `LineBuilder.build`, which reports the errors; quote-free lines are
split without the csv module (`text_lines.py`).
"""

import codecs
import csv
import io
import re
from collections.abc import Iterable, Iterator
from itertools import compress, repeat
from operator import lt
from typing import BinaryIO

from catalogs import errors
from catalogs.batch import batch_function
from catalogs.columns import HEADING_SEARCH_ROWS, ColumnMapping, find_heading
from catalogs.errors import CatalogFileError, LineError
from catalogs.lines import CleanLines, LineBuilder, LineResult
from catalogs.model import CatalogueHeader, CatalogueLine
from catalogs.records import record_runs
from catalogs.rows import RowPlan
from catalogs.text_lines import LineFeed, feed_runs

SAMPLE_BYTES = 64 * 1024
CHUNK_BYTES = 256 * 1024
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
    """Iterating reads the records after the heading row: clean ones as `CatalogueLine`s, mostly in runs
    (`CleanLines`), and each record with a problem as a `LineResult`."""

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
        if handler != "strict":
            # Decoding in larger chunks than the default 8 KB: each chunk also costs a decoder snapshot for
            # tell(), which at 8 KB was a tenth of the reading time. Not with strict decoding, where the
            # chunk a decoding error falls in decides the line it is reported at.
            self._text._CHUNK_SIZE = CHUNK_BYTES
        self._dialect = {"delimiter": delimiter, "quotechar": '"', "doublequote": True, "strict": True}
        self._reader = csv.reader(self._text, **self._dialect)
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
        self._plan = RowPlan(self._builder, self._match.indices, self._mapping.defaults, len(self._headings))
        self._batch = batch_function(self._plan)
        self.header = CatalogueHeader(
            format="csv",
            encoding=self._encoding,
            delimiter=delimiter,
            decimal_mark=decimal_mark,
            columns=self._match.columns,
            unmapped_columns=self._match.unmapped,
        )

    def __iter__(self) -> Iterator[CleanLines | CatalogueLine | LineResult]:
        if self._text.errors == "strict":
            runs = record_runs(self._reader)  # decoding errors must surface where the csv module meets them
        else:
            feed = LineFeed(self._text, self._reader.line_num)
            runs = feed_runs(feed, csv.reader(feed, **self._dialect), self._dialect["delimiter"])
        for run in runs:
            rows, starts, multiline = run.rows, run.starts, run.multiline
            if _decode_errors != self._errors_before:
                odd: Iterable[int] = range(len(rows))  # each row is checked for undecodable bytes
            else:
                # Rows that lack cells (blank lines among them) are taken one at a time, the rest in runs.
                odd = list(compress(range(len(rows)), map(lt, map(len, rows), repeat(len(self._headings)))))
            begin = 0
            for end in (*odd, len(rows)):
                if end > begin:
                    inner = [i - begin for i in multiline if begin <= i < end] if odd else multiline
                    clean = self._batch(rows[begin:end], starts[begin:end], inner)
                    if clean is not None:
                        yield clean
                    else:
                        for i in range(begin, end):
                            yield from self._row(rows[i], starts[i], i in multiline)
                if end < len(rows):
                    yield from self._row(rows[end], starts[end], end in multiline)
                begin = end + 1
            if run.error is not None:
                start = run.error_line
                yield LineResult(None, [self._bad_record(run.error, start)], None, start, None)

    def _row(self, row: list[str], start: int, multiline: bool) -> Iterator[CatalogueLine | LineResult]:
        raw_row, problems = row, None
        if _decode_errors != self._errors_before:
            row, bad = self._repair_row(row)
            if bad:
                problems = [self._bad_encoding(start)]
        if problems is None and len(row) >= len(self._headings):
            line = self._plan.line(row, start, multiline)
            if line is not None:
                yield line
                return
        if "".join(raw_row).strip():
            yield self._result(row, start, problems or [])

    def _result(self, row: list[str], start: int, problems: list[LineError]) -> LineResult:
        """The full path, for rows the fast path does not take: every problem of the row is reported."""
        width, count = len(self._headings), len(row)
        raw = {
            name: value for name, i in self._match.indices.items() if i < count and (value := row[i].strip())
        }
        for name, value in self._mapping.defaults.items():
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
        return result

    def close(self) -> None:
        """Let go of the binary file without closing it: it belongs to whoever opened it."""
        if self._text is not None:
            self._text.detach()
            self._text = None

    def _repair_row(self, row: list[str]) -> tuple[list[str], bool]:
        repaired = [_repair(cell, self._fallback) for cell in row]
        return [cell for cell, _ in repaired], any(bad for _, bad in repaired)

    def _raw_records(self) -> Iterator[tuple[int, list[str] | LineError]]:
        """Non-blank records with the line they start on, for the heading search."""
        reader = self._reader
        previous = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except (UnicodeDecodeError, csv.Error) as exc:
                start = previous + 1
                previous = reader.line_num
                yield start, self._bad_record(exc, start)
                continue
            start, previous = previous + 1, reader.line_num
            if "".join(row).strip():
                yield start, row

    def _bad_record(self, exc: Exception, start: int) -> LineError:
        """The error for a record the csv module refused; raises when the rest of the file is lost too."""
        if isinstance(exc, UnicodeDecodeError):
            raise CatalogFileError(
                f"the file is not valid {self._encoding} text", line=start, code=errors.BAD_ENCODING
            ) from None
        if "unexpected end of data" in str(exc):
            raise CatalogFileError(
                f"the file ends inside a quoted field that starts on line {start}; it looks truncated",
                line=start,
                code=errors.TRUNCATED,
            ) from None
        if "field larger than field limit" in str(exc):
            raise CatalogFileError(
                f"a quoted field starting on line {start} never ends (unbalanced quote)",
                line=start,
                code=errors.BAD_ROW,
            ) from None
        return LineError(start, None, None, f"malformed CSV row: {exc}", None, code=errors.BAD_ROW)

    def _bad_encoding(self, start: int) -> LineError:
        return LineError(
            start, None, None, f"the line is not valid {self._encoding} text", None, code=errors.BAD_ENCODING
        )


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
