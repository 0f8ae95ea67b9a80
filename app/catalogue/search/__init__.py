"""Catalogue search: Danish-aware terms, SQLite FTS5 or PostgreSQL full text behind one interface.

How a search runs (`engine.search`):
1. Scope: the indexed versions the principal may see (`app.kit.scoping.visible_to`), active ones only.
2. Exact lane: an identifier-like query is looked up as supplier item number, GTIN and manufacturer part number
   (normalised for case, spaces, dashes); hits always come first.
3. Full text: the query's words become generated terms (`query`: two Danish foldings, Snowball stems, the
   word being typed completed from the vocabulary) and three tiers of expression; filters ride along as tags.
   User text never reaches MATCH or a tsquery; only our own letters-and-digits terms are quoted into them.
4. Second chance, when (almost) nothing matched: joined compounds, typo correction, substrings
   (`corrections`), with `corrected_query` set.
5. Ranking in Python over at most `matching.CANDIDATE_CAP` candidates (the same on both databases), facets
   over those candidates, then the page read in full through the scope.

Broad words: when a word matches more items than the cap, `SearchResult.total_capped` is set ("more than
`total`"), facet counts cover the candidates, and price sorting still orders every match in the database.

Indexing (`indexer`): `index_version` in the caller's transaction; `unindex_version` removes a version. The
vocabulary of each indexed version feeds completion and typo correction; it is held in memory per worker and
reloaded when any version's generation changes.
"""

from app.catalogue.search.backend import SearchBackend, backend_for
from app.catalogue.search.engine import search
from app.catalogue.search.indexer import index_version, unindex_version
from app.catalogue.search.suggest import suggest
from app.catalogue.search.types import FacetValue, SearchHit, SearchParams, SearchResult

__all__ = [
    "FacetValue",
    "SearchBackend",
    "SearchHit",
    "SearchParams",
    "SearchResult",
    "backend_for",
    "index_version",
    "search",
    "suggest",
    "unindex_version",
]
