"""Building blocks shared by every domain package: database, errors, identifiers, money, i18n, web helpers."""
