"""Which spreadsheet column holds which field: the usual headings (see `headings.py`), or a mapping file.

The mapping file format is described in MAPPING.md.
"""

import codecs
import itertools
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from catalogs import errors
from catalogs.errors import CatalogFileError
from catalogs.headings import ALIASES, heading_key, recognise

FIELDS = tuple(ALIASES)
REQUIRED = ("supplier_item_number", "name", "price")
HEADING_SEARCH_ROWS = 10
_MAPPING_KEYS = {"columns", "delimiter", "encoding", "decimal", "sheet", "defaults", "auto"}


@dataclass(slots=True)
class ColumnMapping:
    columns: dict[str, str] = field(default_factory=dict)
    delimiter: str | None = None
    encoding: str | None = None
    decimal: str | None = None
    sheet: str | None = None
    defaults: dict[str, str] = field(default_factory=dict)
    auto: bool = True

    @classmethod
    def from_dict(cls, data: object) -> "ColumnMapping":
        if not isinstance(data, dict):
            raise _bad("the mapping must be a JSON object")
        unknown = sorted(set(data) - _MAPPING_KEYS)
        if unknown:
            raise _bad(
                f"unknown mapping keys: {', '.join(unknown)}; allowed: {', '.join(sorted(_MAPPING_KEYS))}"
            )
        columns = _field_dict(data.get("columns", {}), "columns")
        defaults = _field_dict(data.get("defaults", {}), "defaults")
        delimiter = data.get("delimiter")
        if delimiter in ("tab", "\\t"):
            delimiter = "\t"
        if delimiter is not None and (
            not isinstance(delimiter, str) or len(delimiter) != 1 or delimiter in '"\r\n'
        ):
            raise _bad(f"delimiter must be one character such as ';', ',' or 'tab': {delimiter!r}")
        encoding = data.get("encoding")
        if encoding is not None:
            try:
                encoding = codecs.lookup(str(encoding)).name
            except LookupError:
                raise _bad(f"unknown encoding: {encoding!r}") from None
        decimal = data.get("decimal")
        if decimal not in (None, ",", "."):
            raise _bad(f"decimal must be ',' or '.': {decimal!r}")
        sheet = data.get("sheet")
        if sheet is not None and not isinstance(sheet, str):
            raise _bad(f"sheet must be a sheet name: {sheet!r}")
        auto = data.get("auto", True)
        if not isinstance(auto, bool):
            raise _bad(f"auto must be true or false: {auto!r}")
        return cls(columns, delimiter, encoding, decimal, sheet, defaults, auto)


def load_mapping(path: str | Path) -> ColumnMapping:
    """Read and validate a JSON mapping file; problems raise `CatalogFileError` with code `bad_mapping`."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _bad(f"cannot read mapping file: {exc}") from None
    return ColumnMapping.from_dict(data)


@dataclass(slots=True)
class ColumnMatch:
    indices: dict[str, int]
    columns: dict[str, str]
    unmapped: list[str]


def find_heading(
    rows: Iterable[tuple[int, list[str]]], mapping: ColumnMapping | None = None
) -> tuple[int, list[str], ColumnMatch]:
    """The first of the leading rows that names the required columns, so title rows above it ("Prisliste
    2025") are skipped. When none does, the first row's problem is the one reported."""
    first_problem = None
    for line, headings in itertools.islice(rows, HEADING_SEARCH_ROWS):
        try:
            return line, headings, match_columns(headings, mapping, line)
        except CatalogFileError as problem:
            first_problem = first_problem or problem
    raise first_problem or CatalogFileError("the file has no heading row", code=errors.EMPTY_FILE)


def match_columns(headings: list[str], mapping: ColumnMapping | None = None, line: int = 1) -> ColumnMatch:
    """Assign a column index to each field; a required field with neither a column nor a default is fatal."""
    mapping = mapping or ColumnMapping()
    indices: dict[str, int] = {}
    by_heading = {}
    for index, heading in enumerate(headings):
        by_heading.setdefault(heading_key(heading), index)
    for name, heading in mapping.columns.items():
        index = by_heading.get(heading_key(heading))
        if index is None:
            raise CatalogFileError(
                f"mapped column {heading!r} for {name} is not in the file; "
                f"columns found: {_listing(headings)}",
                line=line,
                code=errors.MISSING_COLUMN,
            )
        indices[name] = index
    taken = set(indices.values())
    for index, heading in enumerate(headings):
        name = recognise(heading) if mapping.auto and index not in taken else None
        if name and name not in indices:
            indices[name] = index
            taken.add(index)
    missing = [name for name in REQUIRED if name not in indices and name not in mapping.defaults]
    if missing:
        wanted = "; ".join(f"{name} (e.g. {', '.join(ALIASES[name][:3])})" for name in missing)
        raise CatalogFileError(
            f"missing required columns: {wanted}; columns found: {_listing(headings)}",
            line=line,
            code=errors.MISSING_COLUMN,
        )
    unmapped = [heading for index, heading in enumerate(headings) if index not in taken and heading.strip()]
    return ColumnMatch(indices, {name: headings[i] for name, i in indices.items()}, unmapped)


def _field_dict(value: object, key: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise _bad(f"{key} must be an object of field name to text")
    unknown = sorted(name for name in value if name not in FIELDS)
    if unknown:
        raise _bad(f"unknown target fields in {key}: {', '.join(unknown)}; valid fields: {', '.join(FIELDS)}")
    for name, text in value.items():
        if not isinstance(text, str) or not text.strip():
            raise _bad(f"{key}.{name} must be a non-empty text")
    return {name: text.strip() for name, text in value.items()}


def _listing(headings: list[str]) -> str:
    return ", ".join(repr(h) for h in headings if h.strip()) or "none"


def _bad(reason: str) -> CatalogFileError:
    return CatalogFileError(f"mapping: {reason}", code=errors.BAD_MAPPING)
