"""The texts of the item rows an import stores, counted for the search index.

The index generates terms once per distinct (name, description, brand, manufacturer, labels) and needs to know how
many items have each; for a version just imported the importer counts them as it stores the rows, so that
activating it need not read every item back (`search.indexer.index_version(texts=…)`).
"""

from collections import Counter
from operator import itemgetter
from typing import Any

from app.catalogue.lines import TEXT_COLUMNS, ItemRow

# Distinct texts counted at most: a catalogue repeats a few thousand; past this the index counts them itself, in
# windows that bound its memory.
TEXTS_LIMIT = 40_000
TextCounts = Counter[tuple[Any, ...]]
_texts_of = itemgetter(*TEXT_COLUMNS)


class TextTally:
    """How many rows have each text, as the index keys them; `counts` is None once there are more than `limit`."""

    def __init__(self, limit: int | None = None) -> None:
        self.counts: TextCounts | None = Counter()
        self._limit = TEXTS_LIMIT if limit is None else limit

    def add(self, rows: list[ItemRow]) -> None:
        if self.counts is not None:
            self.counts.update(map(_texts_of, rows))
            if len(self.counts) > self._limit:
                self.counts = None
