"""Second chances for a query that found (almost) nothing: join words, correct typos, look inside words.

Only runs when the query matched at most FEW items, so ordinary searches pay nothing for it. In order:
1. adjacent words that are one word in the catalogue are joined ("kaffe filtre" → "kaffefiltre");
2. a word with no or very few matches is replaced by the closest visible vocabulary word ("hvedmel" →
   "hvedemel"); with a few matches only when the correction is far more common;
3. a word that still matches nothing, of four letters or more, also matches the vocabulary words that contain it.
The new query is kept only when it finds more than the old one; `corrected_query` then shows what was searched.
"""

from sqlalchemy.orm import Session

from app.catalogue.search.analysis import fold
from app.catalogue.search.backend import SearchBackend
from app.catalogue.search.matching import CANDIDATE_CAP, Matches, find
from app.catalogue.search.query import Word, complete, make_word, word_expr
from app.catalogue.search.scope import Filters, Scope
from app.catalogue.search.vocabulary import vocabulary

FEW = 2
_COMMON = 20  # a correction of a word that has a few matches must be at least this frequent ...
_RATIO = 10  # ... and this many times more frequent than the word's own matches
_MIN_INFIX = 4
_INFIX_WORDS = 20


def _hits(session: Session, backend: SearchBackend, word: Word, filters: Filters) -> int:
    expr = filters.apply(word_expr(word))
    return 0 if expr is None else len(backend.candidates(session, expr, filters, FEW * _RATIO + 1))


def second_chance(session: Session, backend: SearchBackend, scope: Scope, words: list[Word], filters: Filters,
                  found: int) -> tuple[list[Word], Matches, str | None] | None:
    vocab = vocabulary(session, scope)
    versions = frozenset(filters.version_ids)
    hits = [_hits(session, backend, word, filters) for word in words]
    texts: list[str] = []
    misses: list[bool] = []
    changed = False
    index = 0
    while index < len(words):
        word, count = words[index], hits[index]
        if index + 1 < len(words) and 0 in (count, hits[index + 1]):
            joined = word.text + words[index + 1].text
            if vocab.known(joined, versions):
                texts.append(joined)
                misses.append(False)
                changed, index = True, index + 2
                continue
        fix = vocab.correct(word.text, versions) if count <= FEW and not word.text.isdigit() else None
        if fix is not None and (count == 0 or (fix[1] >= _COMMON and fix[1] >= _RATIO * count)):
            texts.append(fix[0])
            misses.append(False)
            changed = True
        else:
            texts.append(word.text)
            misses.append(count == 0)
        index += 1
    retry = [make_word(text, position == len(texts) - 1) for position, text in enumerate(texts)]
    complete(retry, vocab, versions)
    widened = False
    for word, missed in zip(retry, misses, strict=True):
        if missed and len(word.strict) >= _MIN_INFIX:
            contained = backend.words_containing(session, word.strict, scope, _INFIX_WORDS)
            word.extra = tuple(dict.fromkeys(fold(term) for term in contained))
            widened = widened or bool(word.extra)
    if not changed and not widened:
        return None
    matches = find(session, backend, retry, filters, CANDIDATE_CAP)
    if len(matches.candidates) <= found:
        return None
    return retry, matches, " ".join(texts) if changed else None
