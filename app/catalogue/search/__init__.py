"""Catalogue search: Danish-aware terms, SQLite FTS5 or PostgreSQL full text behind one interface."""

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
