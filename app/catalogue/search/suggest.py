"""As-you-type suggestions: completions of the word being typed (from the names that match, then from the
vocabulary), then the names of the best matching items; scoped like search."""

from collections import Counter

from sqlalchemy.orm import Session

from app.auth.principal import Principal
from app.catalogue.search.analysis import loose, strict, tokens
from app.catalogue.search.backend import backend_for
from app.catalogue.search.matching import find
from app.catalogue.search.query import complete, parse
from app.catalogue.search.ranking import rank
from app.catalogue.search.scope import build_filters, load_scope
from app.catalogue.search.types import SearchParams
from app.catalogue.search.vocabulary import vocabulary

SUGGEST_CAP = 200


def suggest(session: Session, principal: Principal, prefix: str, limit: int = 8) -> list[str]:
    words = parse(prefix)
    if not words or len(words[-1].strict) < 2 or limit < 1:
        return []
    scope = load_scope(session, principal)
    filters = build_filters(scope, SearchParams(), browsing=False)
    if filters is None:
        return []
    vocab = vocabulary(session, scope)
    complete(words, vocab, filters.version_ids)
    ranked = rank(words, find(session, backend_for(session), words, filters, SUGGEST_CAP).candidates)
    typing = words[-1]
    lead = " ".join(word.text for word in words[:-1])
    # Completions found in the best matching names (with all the other words), then other visible words.
    found: Counter[str] = Counter()
    for candidate in ranked:
        for token in tokens(candidate.name):
            if token.isalpha() and loose(strict(token)).startswith(typing.loose):
                found[token] += 1
    completions = [token for token, _ in found.most_common()]
    if len(words) == 1:
        completions += vocab.words_beginning(typing.loose, filters.version_ids, limit)
    offered = [f"{lead} {token}".strip() for token in completions]
    offered += [candidate.name for candidate in ranked]
    unique: dict[str, str] = {}
    for text in offered:
        unique.setdefault(text.lower(), text)
    return list(unique.values())[:limit]
