"""Physical lines of a decoded CSV, for reading records without the csv module where that is safe.

A line without a quote character is a whole record, and what `csv.reader` (strict, `"` as quote doubled
inside quoted cells as in RFC 4180, no escape character) makes of it is exactly `line.split(delimiter)`,
or no cells for an empty line: outside quotes the csv module only splits at the delimiter. `str.split`
does that at half the cost. Lines with quotes, and over-long ones, still go through the csv module, which
reads them from the same feed, so a quoted cell may run on over the following lines.

Lines end where a text stream opened with newline="" ends them: at CR LF, CR or LF.
"""

import csv
import re
from collections.abc import Iterator
from itertools import compress, repeat
from operator import contains, methodcaller, not_
from typing import IO, Any

from catalogs.records import RUN, Run

CHUNK_CHARS = 256 * 1024
_BREAK = re.compile(r"\r\n|\r|\n")
_count_quotes = methodcaller("count", '"')


class LineFeed:
    """The lines of a text stream a chunk at a time: `lines` holds the current chunk's lines without their
    line breaks, from `pos` on; iterating gives the next line with its line break, as csv.reader wants."""

    def __init__(self, text: IO[str], line_num: int):
        self._text = text
        self.lines: list[str] = []
        self._ends: str | list[str] = "\n"
        self.pos = 0
        self.number = line_num  # physical lines consumed so far
        self._carry = ""
        self._eof = False

    def ahead(self, limit: int) -> list[str]:
        """Up to `limit` unread lines of the current chunk, the next chunk once this one is used up; none at
        the end of the text."""
        while self.pos >= len(self.lines):
            if self._eof:
                return []
            self._fill()
        return self.lines[self.pos : self.pos + limit]

    def skip(self, count: int) -> None:
        self.pos += count
        self.number += count

    def __iter__(self) -> "LineFeed":
        return self

    def __next__(self) -> str:
        if not self.ahead(1):
            raise StopIteration
        ends = self._ends
        line = self.lines[self.pos] + (ends if ends.__class__ is str else ends[self.pos])
        self.skip(1)
        return line

    def _fill(self) -> None:
        chunk = self._text.read(CHUNK_CHARS)
        self._eof, self.pos = not chunk, 0
        carry = self._carry
        if chunk and "\r" not in chunk and "\r" not in carry and "\n" not in carry:
            lines = chunk.split("\n")
            lines[0] = carry + lines[0]
            self._carry = lines.pop()  # not ended yet: it continues in the next chunk
            self.lines, self._ends = lines, "\n"
            return
        text = self._carry + chunk
        ends: str | list[str]
        if self._eof:
            lines, ends = _split_mixed(text, final=True)
            if lines[-1] == "":
                del lines[-1], ends[-1]  # the text ended with a line break: no line after it
            self.lines, self._ends, self._carry = lines, ends, ""
            return
        if "\r" not in text:
            lines, ends = text.split("\n"), "\n"
        else:
            lines, ends = text.split("\r\n"), "\r\n"
            if any(map(contains, lines[:-1], repeat("\r"))) or any(map(contains, lines[:-1], repeat("\n"))):
                lines, ends = _split_mixed(text, final=False)
                ends.pop()
        self._carry = lines.pop()  # not ended yet: it continues in the next chunk
        self.lines, self._ends = lines, ends


def _split_mixed(text: str, final: bool) -> tuple[list[str], list[str]]:
    """Lines and their line breaks, then the text after the last break with an empty break. Unless `final`,
    a CR at the very end may be half of a CR LF, so it stays with that rest."""
    lines, ends, start = [], [], 0
    for found in _BREAK.finditer(text):
        if not final and found.end() == len(text) and found.group() == "\r":
            break
        lines.append(text[start : found.start()])
        ends.append(found.group())
        start = found.end()
    lines.append(text[start:])
    ends.append("")
    return lines, ends


def feed_runs(feed: LineFeed, reader: Any, delimiter: str) -> Iterator[Run]:
    """Runs of records as `records.record_runs` gives them; `reader` is a csv.reader over `feed`."""
    split = methodcaller("split", delimiter)
    dialect = {"delimiter": delimiter, "quotechar": '"', "doublequote": True, "strict": True}
    careful_to = 0  # lines before this one go through the csv module one record at a time
    while True:
        rows: list[list[str]] = []
        starts: list[int] = []
        multiline: list[int] = []
        error, error_line = None, 0
        while len(rows) < RUN:
            lines = feed.ahead(RUN - len(rows))
            if not lines:
                break
            if feed.number >= careful_to:
                count, taken = _take(lines, split, dialect)
                if count:
                    rows += taken
                    starts += range(feed.number + 1, feed.number + 1 + count)
                    feed.skip(count)
                    continue
                if taken is None:
                    careful_to = feed.number + len(lines)
            start = feed.number + 1
            try:
                rows.append(next(reader))
            except StopIteration:
                break
            except csv.Error as exc:
                error, error_line = exc, start
                break
            starts.append(start)
            if feed.number > start:
                multiline.append(len(rows) - 1)
        yield Run(rows, starts, multiline, error, error_line)
        if error is None and len(rows) < RUN:
            return


def _take(lines: list[str], split: Any, dialect: dict[str, Any]) -> tuple[int, list[list[str]] | None]:
    """(how many of the leading lines are whole records, their rows). Quote-free lines are split; lines with
    an even number of quotes are read by the csv module together, and taken if each made one record. None
    for the rows when that check failed: the lines are then better read one record at a time."""
    quoted = list(compress(range(len(lines)), map(contains, lines, repeat('"'))))
    count = len(lines)
    # An odd number of quotes leaves a quoted cell open at the end of the line (or a stray quote sits in an
    # unquoted cell): the csv module reads that record, and the lines it runs on to.
    for at, quotes in zip(quoted, map(_count_quotes, map(lines.__getitem__, quoted)), strict=True):
        if quotes % 2:
            count = at
            break
    limit = csv.field_size_limit()
    if count and max(map(len, lines[:count])) > limit:
        count = next(at for at, line in enumerate(lines) if len(line) > limit)  # the csv module reports it
    if not count:
        return 0, []
    lines = lines[:count]
    rows = list(map(split, lines))
    if not all(lines):
        for at in compress(range(count), map(not_, lines)):
            rows[at] = []  # an empty line is a record without cells
    quoted = [at for at in quoted if at < count]
    if quoted:
        try:
            parsed = list(csv.reader([lines[at] + "\n" for at in quoted], **dialect))
        except csv.Error:
            return 0, None
        if len(parsed) != len(quoted):
            return 0, None  # a record ran on into the next quoted line
        for at, row in zip(quoted, parsed, strict=True):
            rows[at] = row
    return count, rows
