"""CSV records read a run at a time, each with the physical line it starts on.

Reading record by record in a Python loop costs more than the parsing, so a run is pulled through C-level
iterators: `zip` reads `reader.line_num` right after each record (it takes its arguments left to right), and
each record and line number is appended as it comes, so the ones read before an error are kept.
"""

import csv
from collections import deque
from collections.abc import Iterator
from itertools import compress, islice, repeat
from operator import add, itemgetter, ne
from typing import Any, NamedTuple

RUN = 128
_first = itemgetter(0)


class Run(NamedTuple):
    rows: list[list[str]]
    starts: list[int]  # the line each row starts on
    multiline: list[int]  # positions in `rows` of records that span lines
    error: Exception | None = None  # what stopped the run early: the record starting at `error_line`
    error_line: int = 0


def record_runs(reader: Any) -> Iterator[Run]:
    """Runs of up to RUN records from where `reader` stands; a run that ends with a decoding or CSV error
    carries it, and the records before it."""
    line_num = reader.line_num
    while True:
        rows: list[list[str]] = []
        ends: list[int] = []  # the line each row ends on
        error = None
        try:
            line_nums = map(ends.append, map(getattr, repeat(reader), repeat("line_num")))
            records = zip(islice(reader, RUN), line_nums, strict=False)  # line_nums is endless
            deque(map(rows.append, map(_first, records)), maxlen=0)
        except (UnicodeDecodeError, csv.Error) as exc:
            error = exc
        after = ends[-1] + 1 if ends else line_num + 1
        if after - 1 - line_num == len(rows):
            starts, multiline = ends, []  # one line each: every row starts where it ends
        else:
            # A record starts on the line after the one the previous record ended on.
            starts = list(map(add, [line_num, *ends[:-1]], repeat(1)))
            multiline = list(compress(range(len(rows)), map(ne, ends, starts)))
        yield Run(rows, starts, multiline, error, after if error else 0)
        line_num = reader.line_num
        if error is None and len(rows) < RUN:
            return
