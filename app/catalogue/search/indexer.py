"""Index maintenance: put a catalogue version's items into the search index, or take them out.

The caller owns the transaction (activating a version unindexes the old one, indexes the new one and flips both
statuses in one commit), so nothing here commits. Items are read in id batches, terms are generated in Python
with per-token and per-name caches, rows are written in bulk, and the full-text index is filled set-based.
"""

import uuid
from collections import Counter
from typing import Any

from sqlalchemy import delete, insert, select, text
from sqlalchemy.orm import Session

from app.catalogue.search.analysis import strict, tokens
from app.catalogue.search.backend import SearchBackend, backend_for
from app.catalogue.search.compounds import Decompounder
from app.catalogue.search.terms import TermBuilder, gtin_key, identifier_key, tag_terms
from app.models import CatalogueSearchTerm, CatalogueSearchVersion, CatalogueVersion
from app.models.base import utcnow

BATCH = 20_000
_CACHE_LIMIT = 100_000
# The version's id range, from the covering (version, item number) index.
_BOUNDS = text("SELECT min(id), max(id) FROM catalogue_item WHERE version_id = :version")
# `+version_id`: scan the id range, not the (version, item number) index.
_NAMES = text("SELECT DISTINCT name FROM catalogue_item WHERE id BETWEEN :low AND :high AND +version_id = :version")


def index_version(session: Session, version_id: int) -> int:
    """Make every item of the version searchable (replacing what was indexed for it); returns rows indexed."""
    backend = backend_for(session)
    supplier_id, agreement_id = session.execute(
        select(CatalogueVersion.supplier_id, CatalogueVersion.agreement_id).where(CatalogueVersion.id == version_id)
    ).one()
    unindex_version(session, version_id)
    low, high = session.execute(_BOUNDS, {"version": version_id}).one()
    if low is None:
        low = high = 0
    rows = _Rows(TermBuilder(Decompounder(_standalone_words(session, version_id, low, high))), version_id,
                 agreement_id)
    with backend.bulk(session):
        count = _write(backend, session, version_id, rows)
        backend.finish_version(session, version_id, low, high)
    _write_vocabulary(session, version_id, rows.frequency())
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


def _write(backend: SearchBackend, session: Session, version_id: int, rows: "_Rows") -> int:
    count, after = 0, 0
    while batch := backend.read_items(session, version_id, after, BATCH):
        backend.write_rows(session, rows.make(batch))
        after, count = batch[-1][0], count + len(batch)
    return count


def _standalone_words(session: Session, version_id: int, low: int, high: int) -> set[str]:
    """Words the catalogue uses on their own in a name: they join the decompounding lexicon. DISTINCT in the
    database over the version's id range."""
    words: set[str] = set()
    for (name,) in session.execute(_NAMES, {"low": low, "high": high, "version": version_id}):
        words.update(tokens(name))
    return words


class _Rows:
    """Search rows from item rows. Terms are cached per (name, description, brand, manufacturer) and tags per
    (commodity code, price band, labels); document frequencies are counted per cached entry and added up when the
    cache is emptied, so the per-item work is a few dictionary lookups."""

    def __init__(self, builder: TermBuilder, version_id: int, agreement_id: int) -> None:
        self.builder, self.version_id, self.agreement_id = builder, version_id, agreement_id
        self._terms: dict[tuple[Any, ...], list[Any]] = {}
        self._tags: dict[tuple[Any, ...], str] = {}
        self._frequency: Counter[str] = Counter()

    def make(self, batch: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        rows = []
        version_id, agreement_id = self.version_id, self.agreement_id
        terms_of, tags_of = self._terms.get, self._tags.get
        for item_id, number, gtin, mpn, name, description, brand, manufacturer, unspsc, price, labels in batch:
            text_key = (name, description, brand, manufacturer)
            entry = terms_of(text_key) or self._new_terms(text_key)
            entry[4] += 1
            band = 0 if price < 50 else 1 if price < 200 else 2 if price < 1000 else 3  # terms.PRICE_BANDS, inline
            tag_key = (unspsc, band, labels)
            rows.append((
                item_id, version_id, agreement_id,
                # Stored only when it differs from the item number itself (see the model).
                None if number.isalnum() and number.upper() == number else identifier_key(number),
                gtin.zfill(14) if gtin and gtin.isdigit() and 8 <= len(gtin) <= 14 else gtin_key(gtin),
                identifier_key(mpn) if mpn else None,
                entry[0], entry[1], entry[2], tags_of(tag_key) or self._new_tags(tag_key),
            ))
        return rows

    def frequency(self) -> Counter[str]:
        self._flush()
        return self._frequency

    def _new_terms(self, key: tuple[Any, ...]) -> list[Any]:
        if len(self._terms) >= _CACHE_LIMIT:
            self._flush()
        name, description, brand, manufacturer = (_text(value) for value in key)
        name_terms = self.builder.name(name)
        body = " ".join(part for part in (description, brand, manufacturer) if part)
        body_terms, body_words = self.builder.body(body, name_terms) if body else ("", ())
        entry = [name_terms.name, name_terms.parts, body_terms, set(name_terms.words + body_words), 0]
        self._terms[key] = entry
        return entry

    def _new_tags(self, key: tuple[Any, ...]) -> str:
        if len(self._tags) >= _CACHE_LIMIT:
            self._tags.clear()
        unspsc, band, labels = key
        segment = unspsc[:2] if unspsc and len(unspsc) >= 2 else None
        tags = self._tags[key] = tag_terms(self.version_id, segment, band, _text(labels) or None)
        return tags

    def _flush(self) -> None:
        for entry in self._terms.values():
            for word in entry[3]:
                self._frequency[word] += entry[4]
        self._terms.clear()


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
