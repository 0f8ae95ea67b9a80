"""A catalogue reader's lines as batches of item rows, rejected lines and counts: the form in which the importer
stores them, whether the file is read in this process or in a reader process (`reader_process`).

Kept free of the database and the web, so that a reader process imports no more than the readers need.
"""

from collections.abc import Iterator
from typing import NamedTuple, Protocol

from app.catalogue.lines import ItemRow, item_rows
from catalogs.errors import LineError
from catalogs.model import CatalogueHeader, ReadSummary
from catalogs.read import CatalogueReader

# Lines per batch: large enough that a batch's fixed costs (a message, a statement) vanish, small enough that
# a batch in flight costs a megabyte or so.
BATCH_LINES = 2000


class LineBatch(NamedTuple):
    """The next lines of the file, in file order."""

    rows: list[ItemRow]  # the accepted lines that put an item in (all but UBL Delete), as item rows
    numbers: list[str]  # the item number of every accepted line, deletes included: a delta replaces them
    rejected: list[LineError]  # every problem of every rejected line
    lines_read: int  # lines of the file read so far


class Batches(Protocol):
    """What the importer reads from: the file's header at once, then its batches; `summary` once they are
    all read."""

    header: CatalogueHeader
    summary: ReadSummary

    def __iter__(self) -> Iterator[LineBatch]: ...


class LocalBatches:
    """Batches read in this process."""

    def __init__(self, reader: CatalogueReader, version_id: int, size: int = BATCH_LINES) -> None:
        self.header, self.summary = reader.header, reader.summary
        self._reader, self._version_id, self._size = reader, version_id, size

    def __iter__(self) -> Iterator[LineBatch]:
        return line_batches(self._reader, self._version_id, self._size)


def line_batches(reader: CatalogueReader, version_id: int, size: int = BATCH_LINES) -> Iterator[LineBatch]:
    header, summary = reader.header, reader.summary
    row = item_rows(version_id, header.valid_from, header.valid_to)
    rows: list[ItemRow] = []
    numbers: list[str] = []
    rejected: list[LineError] = []
    for entry in reader:
        if entry.__class__ is LineError:
            rejected.append(entry)
        else:
            numbers.append(entry.supplier_item_number)
            if entry.action != "delete":
                rows.append(row(entry))
        if len(numbers) + len(rejected) >= size:
            yield LineBatch(rows, numbers, rejected, summary.lines_read)
            rows, numbers, rejected = [], [], []
    yield LineBatch(rows, numbers, rejected, summary.lines_read)
