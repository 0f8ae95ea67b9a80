"""Catalogue file formats: readers that turn supplier files into normalised lines, and their validation.

This package knows nothing of the web or the database; the service in `app.catalogue` stores what it yields.
"""

from catalogs.columns import ColumnMapping, load_mapping
from catalogs.errors import CatalogFileError, LineError
from catalogs.model import CatalogueHeader, CatalogueLine, Party, ReadSummary
from catalogs.read import DEFAULT_MAX_BYTES, CatalogueReader, detect_format, read_catalogue

__all__ = [
    "DEFAULT_MAX_BYTES",
    "CatalogFileError",
    "CatalogueHeader",
    "CatalogueLine",
    "CatalogueReader",
    "ColumnMapping",
    "LineError",
    "Party",
    "ReadSummary",
    "detect_format",
    "load_mapping",
    "read_catalogue",
]
