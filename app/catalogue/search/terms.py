"""The terms of one catalogue item, per index column, and the keys of its exact lanes.

Columns: `name_terms` holds the folded (`analysis.fold`) words of the item name; `part_terms` their stems, compound
parts and hyphen joins; `body_terms` whatever description, brand and manufacturer add; `tag_terms` filter tags (version,
UNSPSC segment, price band, labels) so that filters run inside the full-text query rather than after it.
"""

import re
from dataclasses import dataclass

from app.catalogue.search.analysis import STOPWORDS, fold, hyphen_joins, stem, strict, tokens
from app.catalogue.search.compounds import Decompounder

PRICE_BANDS = (50, 200, 1000)  # upper bounds in DKK; the last band is open
_KEY_NOISE = re.compile(r"[\s\-./_]+")
_CACHE_LIMIT = 100_000


def price_band(price: float) -> int:
    return sum(1 for bound in PRICE_BANDS if price >= bound)


def version_tag(version_id: int) -> str:
    return f"zv{version_id}"


def segment_tag(segment: str) -> str:
    return f"zs{segment}"


def band_tag(band: int) -> str:
    return f"zp{band}"


def label_tag(label: str) -> str:
    return "zl" + "".join(char for char in strict(label.lower()) if char.isalnum())


def identifier_key(value: str | None) -> str | None:
    """Item numbers are typed with or without case, spaces, dashes and dots; compare them without."""
    key = _KEY_NOISE.sub("", value or "").upper()
    return key[:100] or None


def gtin_key(value: str | None) -> str | None:
    """GTIN-8/12/13/14 compare as 14 digits: GS1 right-justifies every GTIN in a 14-digit field, zero-filled."""
    digits = _KEY_NOISE.sub("", value or "")
    return digits.zfill(14) if digits.isdigit() and 8 <= len(digits) <= 14 else None


@dataclass(frozen=True, slots=True)
class NameTerms:
    name: str
    parts: str
    seen: frozenset[str]
    words: tuple[str, ...]  # vocabulary entries, Danish spelling


class TermBuilder:
    """Caches per token and per name: catalogues repeat words, and names (with other descriptions), a great deal."""

    def __init__(self, decompounder: Decompounder) -> None:
        self.decompounder = decompounder
        self._tokens: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {}
        self._names: dict[str, NameTerms] = {}

    def token(self, token: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """(exact forms, derived forms, vocabulary words) of one lower-case token."""
        cached = self._tokens.get(token)
        if cached is not None:
            return cached
        exact = (fold(token),)
        derived = [fold(stem(token))]
        parts = self.decompounder.parts(token)
        for part in parts:
            derived += [fold(part), fold(stem(part))]
        # The vocabulary feeds prefix completion and typo correction: words with letters, of two or more.
        words = ((token,) if len(token) > 1 and not token.isdigit() else ()) + parts
        cached = (exact, tuple(form for form in dict.fromkeys(derived) if form not in exact), words)
        if len(self._tokens) >= _CACHE_LIMIT:
            self._tokens.clear()
        self._tokens[token] = cached
        return cached

    def name(self, text: str) -> NameTerms:
        cached = self._names.get(text)
        if cached is not None:
            return cached
        exact: dict[str, None] = {}
        derived: dict[str, None] = {}
        words: dict[str, None] = {}
        for token in tokens(text):
            forms, more, vocabulary = self.token(token)
            exact.update(dict.fromkeys(forms))
            derived.update(dict.fromkeys(more))
            words.update(dict.fromkeys(vocabulary))
        for joined in hyphen_joins(text):
            derived[fold(joined)] = None
        parts = [form for form in derived if form not in exact]
        cached = NameTerms(" ".join(exact), " ".join(parts), frozenset(exact) | frozenset(parts), tuple(words))
        if len(self._names) >= _CACHE_LIMIT:
            self._names.clear()
        self._names[text] = cached
        return cached

    def body(self, text: str, name: NameTerms) -> tuple[str, tuple[str, ...]]:
        """Terms the description, brand and manufacturer add beyond the name, and their vocabulary words."""
        terms: dict[str, None] = {}
        words: dict[str, None] = {}
        for token in tokens(text):
            if token in STOPWORDS or token.isdigit():
                continue
            forms, more, vocabulary = self.token(token)
            terms.update(dict.fromkeys(form for form in forms + more if form not in name.seen))
            words.update(dict.fromkeys(vocabulary))
        return " ".join(terms), tuple(words)


def row_keys(number: str, gtin: str | None, mpn: str | None) -> tuple[str | None, str | None, str | None]:
    """An item's exact-lane keys: (item number, GTIN, part number). The item number's is kept only when it differs
    from the number as stored, which catalogue_item's own index finds."""
    item_key = None if number.isalnum() and number.upper() == number else identifier_key(number)
    return item_key, gtin_key(gtin), identifier_key(mpn) if mpn else None


def label_tags(labels: str | None) -> str:
    """The tags of a "|"-separated label list, each after a space (the end of `tag_terms`)."""
    return "".join(" " + label_tag(label) for label in (labels or "").split("|") if label)


def tag_terms(version_id: int, segment: str | None, band: int, labels: str | None) -> str:
    tags = f"{version_tag(version_id)} {band_tag(band)}"
    if segment:
        tags += " " + segment_tag(segment)
    return tags + label_tags(labels)
