"""Relevance of a candidate to the query's words, from how each word meets the item name.

The same Python ranking runs on both databases over the same candidates, so SQLite and PostgreSQL order results
identically. Per word, the best match with a word of the name counts:

    exact (Danish or strict folding) 100, loose folding 90, same stem 80, compound head ("mel" in "hvedemel")
    60, head by stem 55, beginning of a word (prefix or compound modifier) 45, inside a word 30,
    only in the description or brand 10.

A match on the name's first word, which in Danish catalogue names is usually the product itself ("Æbler 1 kg",
"Hvedemel økologisk"), earns a little more. Ties go to shorter names, then by name.
"""

from functools import lru_cache

from app.catalogue.search.analysis import loose, stem, strict, tokens
from app.catalogue.search.query import Word
from app.catalogue.search.types import Candidate

_FIRST_WORD_BONUS = 3


@lru_cache(maxsize=100_000)
def _name_words(name: str) -> tuple[tuple[str, str, str], ...]:
    """(strict, loose, loose stem) for each word of a name."""
    return tuple((s, loose(s), loose(strict(stem(token)))) for token in tokens(name) for s in (strict(token),))


def _word_score(word: Word, name_word: tuple[str, str, str]) -> int:
    exact, folded, stemmed = name_word
    if exact == word.strict:
        return 100
    if folded == word.loose:
        return 90
    if stemmed in word.stems:
        return 80
    if len(word.loose) >= 3 and folded.endswith(word.loose):
        return 60
    if any(len(s) >= 3 and stemmed.endswith(s) for s in word.stems):
        return 55
    if folded.startswith(word.loose):
        return 45
    if len(word.loose) >= 3 and word.loose in folded:
        return 30
    return 0


def score(words: list[Word], name: str) -> int:
    name_words = _name_words(name)
    total = 0
    for word in words:
        best = 10
        for position, name_word in enumerate(name_words):
            points = _word_score(word, name_word)
            if points:
                best = max(best, points + (_FIRST_WORD_BONUS if position == 0 else 0))
        if word.extra and best == 10:
            best = 30
        total += best
    return total


def rank(words: list[Word], candidates: list[Candidate]) -> list[Candidate]:
    keys: dict[str, tuple[int, int, str]] = {}
    for name in {candidate.name for candidate in candidates}:
        keys[name] = (-score(words, name), len(_name_words(name)), name.lower())
    return sorted(candidates, key=lambda c: (keys[c.name], c.item_id))
