"""Index maintenance: put a catalogue version's items into the search index, or take them out.

The caller owns the transaction (activating a version unindexes the old one, indexes the new one and flips both
statuses in one commit), so nothing here commits.

Catalogues repeat themselves: a million items have a few thousand distinct names and descriptions, and a few dozen
label lists. So terms are generated once per distinct text, not per item. One pass counts the distinct texts of
the version, another finds the few items whose identifiers need Python to key them; their terms, label tags and keys
go into scratch tables; then one INSERT … SELECT in the database writes every item's search row, and the full-text
index is filled set-based. No per-item Python work remains but counting.
"""

import hashlib
import uuid
from collections import Counter
from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete, insert, select, text
from sqlalchemy.orm import Session

from app.catalogue.search.analysis import strict, tokens
from app.catalogue.search.backend import (
    IDENTIFIERS_SQL,
    SCRATCH_KEYS,
    SCRATCH_LABELS,
    SCRATCH_TEXT,
    SearchBackend,
    backend_for,
)
from app.catalogue.search.compounds import Decompounder
from app.catalogue.search.terms import TermBuilder, label_tags, row_keys
from app.models import CatalogueSearchTerm, CatalogueSearchVersion, CatalogueVersion
from app.models.base import utcnow

# Items counted per window of ids; distinct texts held before their terms are written out. Both bound memory
# when every item has a text of its own (unique descriptions): then the work is per item after all.
WINDOW = 100_000
PENDING_LIMIT = 50_000
_IDS_PER_QUERY = 500
BATCH = 20_000
# The version's id range, from the covering (version, item number) index.
_BOUNDS = text("SELECT min(id), max(id) FROM catalogue_item WHERE version_id = :version")
# `+version_id`: scan the id range, not the (version, item number) index.
_NAMES = text("SELECT DISTINCT name FROM catalogue_item WHERE id BETWEEN :low AND :high AND +version_id = :version")


class IndexMismatch(RuntimeError):
    """The search rows written are not one per item: never leave a version partly searchable."""


def index_version(session: Session, version_id: int, texts: Mapping[tuple[Any, ...], int] | None = None) -> int:
    """Make every item of the version searchable (replacing what was indexed for it); returns rows indexed.

    `texts` spares reading every item back when the caller has just written them: how many of the version's
    items have each (name, description, brand, manufacturer, labels), exactly as stored (`app.catalogue.text_tally`).
    Counts that do not add up to the items indexed raise IndexMismatch."""
    backend = backend_for(session)
    supplier_id, agreement_id = session.execute(
        select(CatalogueVersion.supplier_id, CatalogueVersion.agreement_id).where(CatalogueVersion.id == version_id)
    ).one()
    unindex_version(session, version_id)
    low, high = session.execute(_BOUNDS, {"version": version_id}).one()
    if low is None:
        low = high = 0
    counted = _Texts(session, backend, version_id, low, high)
    with backend.bulk(session):
        backend.create_scratch(session)
        expected = counted.collect(texts)
        count = backend.fan_out(session, version_id, agreement_id, low, high)
        if count != expected:
            raise IndexMismatch(f"version {version_id}: {count} search rows for {expected} items")
        backend.finish_version(session, version_id, low, high)
        backend.drop_scratch(session)
    _write_vocabulary(session, version_id, counted.frequency)
    session.execute(insert(CatalogueSearchVersion).values(
        version_id=version_id, agreement_id=agreement_id, supplier_id=supplier_id, item_count=count,
        generation=uuid.uuid4().hex, indexed_at=utcnow(),
    ))
    return count


def unindex_version(session: Session, version_id: int) -> int:
    """Remove the version's items from the index; returns rows removed (0 when it was not indexed)."""
    # Rows and their version record are written in one transaction, so the record tells whether there are rows.
    indexed = session.scalar(select(CatalogueSearchVersion.item_count).where(
        CatalogueSearchVersion.version_id == version_id))
    if indexed is None:
        return 0
    removed = backend_for(session).remove_version(session, version_id)
    for model in (CatalogueSearchTerm, CatalogueSearchVersion):
        session.execute(delete(model).where(model.version_id == version_id)
                        .execution_options(synchronize_session=False))
    return removed


class _Texts:
    """The distinct texts of a version's items, their terms written to the scratch tables, and the vocabulary's
    word frequencies (each word counted once per item whose name, description, brand or manufacturer has it)."""

    def __init__(self, session: Session, backend: SearchBackend, version_id: int, low: int, high: int) -> None:
        self.session, self.backend, self.version_id, self.low, self.high = session, backend, version_id, low, high
        self.frequency: Counter[str] = Counter()
        self._builder: TermBuilder | None = None
        self._written: set[bytes] = set()
        self._labels: set[str] = set()

    def collect(self, given: Mapping[tuple[Any, ...], int] | None = None) -> int:
        """Count every item's texts (unless `given`), write what the fan-out needs; returns how many items were
        counted."""
        pending: Counter[tuple[Any, ...]] = Counter(given or ())
        items = sum(pending.values())
        for start in range(self.low, self.high + 1, WINDOW):
            end = min(start + WINDOW - 1, self.high)
            if given is None:
                for key, count in self.backend.text_counts(self.session, self.version_id, start, end):
                    pending[key] += count
                    items += count
            self._write_keys(self.backend.odd_ids(self.session, self.version_id, start, end))
            if len(pending) >= PENDING_LIMIT and start + WINDOW <= self.high:
                self._flush(pending, complete=False)
                pending.clear()
        self._flush(pending, complete=True)
        return items

    def _flush(self, pending: Counter[tuple[Any, ...]], complete: bool) -> None:
        per_text: Counter[tuple[str, str, str, str]] = Counter()
        labels: set[str] = set()
        for (name, description, brand, manufacturer, label_list), count in pending.items():
            per_text[(_text(name), _text(description), _text(brand), _text(manufacturer))] += count
            labels.add(_text(label_list))
        if self._builder is None:
            # The decompounding lexicon needs every name of the version: at hand when everything was counted.
            names = {key[0] for key in per_text} if complete else self._all_names()
            self._builder = TermBuilder(Decompounder(word for name in names for word in tokens(name)))
        self._write_texts(per_text)
        self._write_labels(labels - self._labels)

    def _all_names(self) -> set[str]:
        rows = self.session.execute(_NAMES, {"low": self.low, "high": self.high, "version": self.version_id})
        return {name for (name,) in rows}

    def _write_texts(self, per_text: Counter[tuple[str, str, str, str]]) -> None:
        assert self._builder is not None
        rows = []
        for key, count in per_text.items():
            name, description, brand, manufacturer = key
            name_terms = self._builder.name(name)
            body = " ".join(part for part in (description, brand, manufacturer) if part)
            body_terms, body_words = self._builder.body(body, name_terms) if body else ("", ())
            for word in set(name_terms.words + body_words):
                self.frequency[word] += count
            # A text seen again after a flush is counted again, but written once.
            digest = hashlib.blake2b(repr(key).encode(), digest_size=16).digest()
            if digest not in self._written:
                self._written.add(digest)
                rows.append((*key, name_terms.name, name_terms.parts, body_terms))
        for start in range(0, len(rows), BATCH):
            self.backend.write_scratch(self.session, SCRATCH_TEXT, rows[start:start + BATCH])

    def _write_labels(self, labels: set[str]) -> None:
        self._labels |= labels
        if labels:
            self.backend.write_scratch(self.session, SCRATCH_LABELS, [(value, label_tags(value)) for value in labels])

    def _write_keys(self, ids: list[int]) -> None:
        """Items whose identifiers are not stored the way they are typed ("NM-1001", a GTIN with spaces)."""
        connection = self.session.connection()
        for start in range(0, len(ids), _IDS_PER_QUERY):
            chunk = ids[start:start + _IDS_PER_QUERY]
            rows = connection.exec_driver_sql(IDENTIFIERS_SQL.format(ids=", ".join(str(int(i)) for i in chunk)))
            keys = [(item_id, *row_keys(number, gtin, mpn)) for item_id, number, gtin, mpn in rows]
            self.backend.write_scratch(self.session, SCRATCH_KEYS, keys)


def _text(value: str | bytes | None) -> str:
    return value.decode() if isinstance(value, bytes) else value or ""


def _write_vocabulary(session: Session, version_id: int, frequency: Counter[str]) -> None:
    """One row per folded term; when spellings fold alike ("smør", "smoer") the commonest is shown."""
    counts: Counter[str] = Counter()
    shown: dict[str, tuple[int, str]] = {}
    for word, count in frequency.items():
        term = strict(word)
        if len(term) <= 100:
            counts[term] += count
            if term not in shown or count > shown[term][0]:
                shown[term] = (count, word[:100])
    rows = [{"version_id": version_id, "term": term, "word": shown[term][1], "doc_count": count}
            for term, count in counts.items()]
    for start in range(0, len(rows), BATCH):
        session.execute(insert(CatalogueSearchTerm), rows[start:start + BATCH])
