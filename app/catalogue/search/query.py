"""A query as words, each with every form it may match, and the three tiers of full-text expression.

Tiers exist because a broad word has more matches than are ranked (`matching.CANDIDATE_CAP`): the candidates
are taken from the strongest tier that fills the cap, so exact name matches are never crowded out by weaker ones.
- tier 1: every word matches a word of the name exactly (either folding);
- tier 2: every word matches the name through stems, compound parts or, for the word being typed, completions;
- tier 3: every word matches anywhere, description and brand included (completions still only in the name).
"""

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.catalogue.search.analysis import OPERATORS, STOPWORDS, fold, loose, stem, strict, tokens, unfold
from app.catalogue.search.expr import BODY, NAME, PART, Expr, all_of, any_of, terms

if TYPE_CHECKING:
    from app.catalogue.search.vocabulary import Vocabulary

MAX_QUERY_LENGTH = 500
MAX_WORDS = 8
MAX_WORD_LENGTH = 60
# Completion starts at three letters; shorter words match only whole words.
MIN_PREFIX = 3
# The most frequent completions of the word being typed, until they cover many times the candidates that are
# ranked: enough to fill them in any order of the index, and a bounded posting list for PostgreSQL's GIN, which
# reads every posting of an OR before the first row. Rarer completions need one more letter.
MAX_COMPLETIONS = 50
COMPLETION_BUDGET = 10_000
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(slots=True)
class Word:
    text: str  # as typed, lower case
    strict: str
    loose: str
    exact: tuple[str, ...]  # its folded form
    derived: tuple[str, ...]  # folded stems
    stems: frozenset[str]  # loose forms of its stems, for ranking
    prefix: bool = False  # the word being typed, to be completed from the vocabulary
    completions: tuple[str, ...] = ()  # indexed words it begins, filled in by `complete`
    extra: tuple[str, ...] = field(default=())  # whole words containing it, when nothing else matched


def make_word(text: str, last: bool) -> Word:
    stems = [stem(text)]
    if text.isascii():
        stems.append(stem(unfold(text)))
    exact = fold(text)
    strict_form = strict(text)
    return Word(
        text=text,
        strict=strict_form,
        loose=loose(strict_form),
        exact=(exact,),
        derived=tuple(form for form in dict.fromkeys(fold(stemmed) for stemmed in stems) if form != exact),
        stems=frozenset(fold(stemmed) for stemmed in stems),
        prefix=last and len(strict_form) >= MIN_PREFIX and not text.isdigit(),
    )


def clean(q: str | None) -> str:
    """What was typed, without control characters (PostgreSQL text cannot hold NUL) and of bounded length."""
    return _CONTROL.sub(" ", (q or "")[:MAX_QUERY_LENGTH])


def parse(q: str) -> list[Word]:
    found = [token[:MAX_WORD_LENGTH] for token in tokens(clean(q)) if token not in OPERATORS]
    meaningful = [token for token in found if token not in STOPWORDS]
    chosen = (meaningful or found)[:MAX_WORDS]
    return [make_word(text, index == len(chosen) - 1) for index, text in enumerate(chosen)]


def _word_expr(word: Word, tier: int) -> Expr | None:
    if tier == 1:
        return any_of(terms(word.exact + word.extra, (NAME,)))
    columns = (NAME, PART) if tier == 2 else (NAME, PART, BODY)
    # Completions stay in the name: "mel" being typed should not bring every "mellemristet" description along.
    return any_of(terms(word.exact + word.derived + word.extra, columns) + terms(word.completions, (NAME, PART)))


def complete(words: list[Word], vocabulary: "Vocabulary", versions: Collection[int]) -> None:
    """Expand the word being typed into the indexed words it begins. FTS5 merges the whole terms of an OR lazily,
    so a capped first page stops early where a prefix query (`"kaf"*`) merges every matching posting list first,
    and it needs no prefix index at indexing time; for PostgreSQL, which reads every posting of an OR into a
    bitmap, `COMPLETION_BUDGET` bounds the work."""
    for word in words:
        if word.prefix:
            word.completions = tuple(vocabulary.complete(word.loose, versions, MAX_COMPLETIONS, COMPLETION_BUDGET))


def tier_exprs(words: list[Word]) -> list[Expr]:
    """Expressions for tiers 1..3; each later tier matches a superset of the one before."""
    found = []
    for tier in (1, 2, 3):
        parts = [_word_expr(word, tier) for word in words]
        if any(part is None for part in parts):
            return []
        expr = all_of(list(parts))
        if expr is not None:
            found.append(expr)
    return found


def word_expr(word: Word) -> Expr | None:
    """One word on its own, anywhere: how many items it would match."""
    return _word_expr(word, 3)
