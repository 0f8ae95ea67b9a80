"""Index maintenance: put a catalogue version's items into the search index, or take them out.

The caller owns the transaction (activating a version unindexes the old one, indexes the new one and flips both
statuses in one commit), so nothing here commits. Items are read in id batches, terms are generated in Python
with per-token and per-name caches, rows are written in bulk, and the full-text index is filled set-based.
"""

import uuid
from collections import Counter
from collections.abc import Iterator
from typing import Any

from sqlalchemy import delete, insert, select, text
from sqlalchemy.orm import Session

from app.catalogue.search.analysis import strict, tokens
from app.catalogue.search.backend import SearchBackend, backend_for
from app.catalogue.search.compounds import Decompounder
from app.catalogue.search.terms import TermBuilder, gtin_key, identifier_key, price_band, tag_terms
from app.models import CatalogueSearchTerm, CatalogueSearchVersion, CatalogueVersion
from app.models.base import utcnow

BATCH = 20_000
_CACHE_LIMIT = 100_000
# `+version_id` keeps the planner on the primary-key range instead of the (version, item number) index.
_NAMES = text("SELECT id, name FROM catalogue_item WHERE id > :after AND +version_id = :version "
              "ORDER BY id LIMIT :batch")


def index_version(session: Session, version_id: int) -> int:
    """Make every item of the version searchable (replacing what was indexed for it); returns rows indexed."""
    backend = backend_for(session)
    supplier_id, agreement_id = session.execute(
        select(CatalogueVersion.supplier_id, CatalogueVersion.agreement_id).where(CatalogueVersion.id == version_id)
    ).one()
    unindex_version(session, version_id)
    rows = _Rows(TermBuilder(Decompounder(_standalone_words(session, version_id))), version_id,
                 agreement_id)
    count = 0
    for batch in _batches(backend, session, version_id):
        backend.write_rows(session, rows.make(batch))
        count += len(batch)
    backend.finish_version(session, version_id)
    _write_vocabulary(session, version_id, rows.frequency())
    session.execute(insert(CatalogueSearchVersion).values(
        version_id=version_id, agreement_id=agreement_id, supplier_id=supplier_id, item_count=count,
        generation=uuid.uuid4().hex, indexed_at=utcnow(),
    ))
    return count


def unindex_version(session: Session, version_id: int) -> int:
    """Remove the version's items from the index; returns rows removed (0 when it was not indexed)."""
    removed = backend_for(session).remove_version(session, version_id)
    for model in (CatalogueSearchTerm, CatalogueSearchVersion):
        session.execute(delete(model).where(model.version_id == version_id)
                        .execution_options(synchronize_session=False))
    return removed


def _batches(backend: SearchBackend, session: Session, version_id: int) -> Iterator[list[tuple[Any, ...]]]:
    after = 0
    while batch := backend.read_items(session, version_id, after, BATCH):
        yield batch
        after = batch[-1][0]


def _standalone_words(session: Session, version_id: int) -> set[str]:
    """Words the catalogue uses on their own in a name: they join the decompounding lexicon."""
    words: set[str] = set()
    after = 0
    while batch := session.execute(_NAMES, {"after": after, "version": version_id, "batch": BATCH}).all():
        for name in {row[1] for row in batch}:
            words.update(tokens(name))
        after = batch[-1][0]
    return words


class _Rows:
    """Search rows from item rows. Terms are cached per (name, description, brand, manufacturer) and tags per
    (segment, price band, labels); document frequencies are counted per cached entry and added up when the
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
        for item_id, number, gtin, name, description, brand, manufacturer, mpn, unspsc, price, labels in batch:
            entry = terms_of((name, description, brand, manufacturer))
            if entry is None:
                entry = self._new_terms((name, description, brand, manufacturer))
            entry[4] += 1
            segment = unspsc[:2] if unspsc and len(unspsc) >= 2 else None
            tag_key = (segment, price_band(price), labels)
            tags = tags_of(tag_key) or self._new_tags(tag_key)
            rows.append((item_id, version_id, agreement_id,
                         number.upper() if number.isalnum() else identifier_key(number) or "",
                         gtin_key(gtin) if gtin else None, identifier_key(mpn) if mpn else None,
                         entry[0], entry[1], entry[2], tags))
        return rows

    def frequency(self) -> Counter[str]:
        self._flush()
        return self._frequency

    def _new_terms(self, key: tuple[Any, ...]) -> list[Any]:
        if len(self._terms) >= _CACHE_LIMIT:
            self._flush()
        name, description, brand, manufacturer = key
        name_terms = self.builder.name(name)
        body_text = " ".join(part for part in (description, brand, manufacturer) if part)
        body, body_words = self.builder.body(body_text, name_terms, name) if body_text else ("", ())
        entry = self._terms[key] = [name_terms.name, name_terms.parts, body, set(name_terms.words + body_words), 0]
        return entry

    def _new_tags(self, key: tuple[Any, ...]) -> str:
        if len(self._tags) >= _CACHE_LIMIT:
            self._tags.clear()
        tags = self._tags[key] = tag_terms(self.version_id, *key)
        return tags

    def _flush(self) -> None:
        for entry in self._terms.values():
            for word in entry[3]:
                self._frequency[word] += entry[4]
        self._terms.clear()


def _write_vocabulary(session: Session, version_id: int, frequency: Counter[str]) -> None:
    by_term: dict[str, tuple[str, int]] = {}
    for word, count in frequency.items():
        term = strict(word)
        if len(term) > 100:
            continue
        known = by_term.get(term)
        if known is None or count > known[1]:
            by_term[term] = (word, count if known is None else count + known[1])
        else:
            by_term[term] = (known[0], known[1] + count)
    rows = [{"version_id": version_id, "term": term, "word": word, "doc_count": count}
            for term, (word, count) in by_term.items()]
    for start in range(0, len(rows), BATCH):
        session.execute(insert(CatalogueSearchTerm), rows[start:start + BATCH])
