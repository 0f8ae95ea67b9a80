"""The indexed vocabulary, held in memory per index state: completion of the word being typed, typo correction,
compound joins, substrings.

Loaded once per state of the index (the versions and their generations) and shared by all principals; every
answer is limited to the versions the caller may see, so nothing outside a municipality's agreements is revealed.
Corrections use the optimal-string-alignment distance (a swap of two letters, "skræm" for "skærm", counts one),
within 1 edit for words under 6 letters and 2 from 6 letters, first on the Danish spelling, then on the folded.
"""

import threading
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Collection, Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.catalogue.search.analysis import loose, strict
from app.catalogue.search.scope import Scope
from app.models import CatalogueSearchTerm

_KEEP = 4  # index states kept; a new version makes the old state useless
_cache: "OrderedDict[tuple[tuple[int, str], ...], Vocabulary]" = OrderedDict()
_lock = threading.Lock()


class Vocabulary:
    def __init__(self, rows: Iterable[tuple[int, str, str, int]]) -> None:
        self._counts: dict[str, dict[int, int]] = {}
        self._words: dict[str, str] = {}
        for version, term, word, count in rows:
            self._counts.setdefault(term, {})[version] = count
            self._words.setdefault(term, word)
        self._terms_of_word = {word: term for term, word in self._words.items()}
        self._sorted_loose = sorted((loose(term), term) for term in self._words)
        self._by_length: dict[int, list[str]] = {}
        self._words_by_length: dict[int, list[str]] = {}
        for term, word in self._words.items():
            self._by_length.setdefault(len(term), []).append(term)
            self._words_by_length.setdefault(len(word), []).append(word)

    def count(self, term: str, versions: Collection[int]) -> int:
        return sum(count for version, count in self._counts.get(term, {}).items() if version in versions)

    def word(self, term: str) -> str:
        return self._words.get(term, term)

    def known(self, text: str, versions: Collection[int]) -> bool:
        return self.count(strict(text), versions) > 0

    def correct(self, typed: str, versions: Collection[int]) -> tuple[str, int] | None:
        """The closest visible word and its frequency: fewest edits, then most items, then alphabetical."""
        if len(typed) < 3 or not typed.isalpha():
            return None
        limit = 1 if len(typed) < 6 else 2
        passes = ((typed, self._words_by_length, self._terms_of_word),
                  (strict(typed), self._by_length, None))
        for query, pool, to_term in passes:
            best: tuple[tuple[int, int, str], str] | None = None
            for size in range(len(query) - limit, len(query) + limit + 1):
                choices = pool.get(size)
                if not choices:
                    continue
                for choice, distance, _ in process.extract(query, choices, scorer=OSA.distance,
                                                           score_cutoff=limit, limit=None):
                    term = to_term[choice] if to_term is not None else choice
                    frequency = self.count(term, versions)
                    if distance and frequency and (best is None or (distance, -frequency, term) < best[0]):
                        best = ((distance, -frequency, term), term)
            if best is not None:
                return self.word(best[1]), -best[0][1]
        return None

    def complete(self, typed_loose: str, versions: Collection[int], limit: int, budget: int) -> list[str]:
        """Folded forms of the visible words that begin with the word being typed, most frequent first: at most
        `limit` words, and no more once they cover `budget` items."""
        found = []
        at = bisect_left(self._sorted_loose, (typed_loose,))
        while at < len(self._sorted_loose) and self._sorted_loose[at][0].startswith(typed_loose):
            form, term = self._sorted_loose[at]
            if (count := self.count(term, versions)) > 0:
                found.append((-count, form))
            at += 1
        forms: dict[str, None] = {}
        covered = 0
        for negative, form in sorted(found):
            if len(forms) >= limit or covered >= budget:
                break
            if form not in forms:
                forms[form] = None
                covered -= negative
        return list(forms)

    def words_beginning(self, typed_loose: str, versions: Collection[int], limit: int) -> list[str]:
        """The visible words, in their Danish spelling, that begin with the word being typed; most frequent first."""
        found = []
        at = bisect_left(self._sorted_loose, (typed_loose,))
        while at < len(self._sorted_loose) and self._sorted_loose[at][0].startswith(typed_loose):
            term = self._sorted_loose[at][1]
            if (count := self.count(term, versions)) > 0:
                found.append((-count, self._words[term]))
            at += 1
        return [word for _, word in sorted(found)[:limit]]

    def containing(self, fragment: str, versions: Collection[int], limit: int) -> list[str]:
        """Visible terms (strict folding) that contain `fragment`, most frequent first."""
        found = [(-count, term) for term in self._counts if fragment in term
                 and (count := self.count(term, versions)) > 0]
        return [term for _, term in sorted(found)[:limit]]


def vocabulary(session: Session, scope: Scope) -> Vocabulary:
    with _lock:
        cached = _cache.get(scope.generation)
        if cached is not None:
            _cache.move_to_end(scope.generation)
            return cached
    rows = session.execute(
        select(CatalogueSearchTerm.version_id, CatalogueSearchTerm.term, CatalogueSearchTerm.word,
               CatalogueSearchTerm.doc_count)
    ).all()
    loaded = Vocabulary(rows)
    with _lock:
        _cache[scope.generation] = loaded
        while len(_cache) > _KEEP:
            _cache.popitem(last=False)
    return loaded
