"""Reading a supplier's file into a new draft catalogue version.

A full catalogue (CSV, XLSX, UBL ActionCode Add/Replace) becomes the whole new version. A UBL delta (header
ActionCode Update; Peppol BIS Catalogue 3, "Catalogue update") starts from a copy of the active version and applies
its lines: Add/Replace/Update put the line in, Delete takes it out. Every line of the file is counted, and each
rejected one is stored with its line number (or XPath), field and reason. A file that cannot be read at all raises
`CatalogFileError`; the caller's unit of work then stores nothing. The active version is never touched here.
"""

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import asdict
from typing import IO, Any

from sqlalchemy import delete, insert, literal, select
from sqlalchemy.orm import Session

from app.catalogue import bulk, repository
from app.catalogue.lines import item_row
from app.models import CatalogueItem, CatalogueRejectedLine, CatalogueVersion, VersionStatus
from app.models.base import utcnow
from catalogs.errors import LineError
from catalogs.model import CatalogueLine
from catalogs.read import read_catalogue

REJECTED_BATCH = 1000
PROGRESS_EVERY = 10000
DELTA_BATCH = 2000


def import_into_new_version(
    session: Session,
    *,
    supplier_id: int,
    agreement_id: int,
    source: str | IO[bytes],
    source_name: str,
    actor_label: str,
    file_format: str | None = None,
    mapping: Any = None,
    max_bytes: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> CatalogueVersion:
    version = CatalogueVersion(
        supplier_id=supplier_id,
        agreement_id=agreement_id,
        status=VersionStatus.draft,
        number=repository.next_version_number(session, supplier_id, agreement_id),
        source_name=source_name[:300],
        source_format=file_format or "auto",
        uploaded_by_label=actor_label,
        created_at=utcnow(),
    )
    session.add(version)
    session.flush()
    version.source_sha256 = _sha256(source)
    options = {"max_bytes": max_bytes} if max_bytes else {}
    with read_catalogue(source, format=file_format, mapping=mapping, **options) as reader:
        version.source_format = reader.header.format
        version.header = _header_json(reader.header)
        delta = reader.header.action == "update"
        active = repository.active_version(session, supplier_id, agreement_id)
        if delta and active is not None:
            version.based_on_id = active.id
            _copy_items(session, active.id, version.id)
        lines = _Lines(session, version.id, reader, progress)
        dates = (reader.header.valid_from, reader.header.valid_to)
        if delta:
            _apply_delta(session, version.id, lines, dates)
        else:
            bulk.insert_items(
                session, (item_row(version.id, ln, *dates) for ln in lines if ln.action != "delete")
            )
        _flush_rejected(session, version.id, lines.rejected)
        summary = reader.summary
    version.lines_read, version.accepted, version.rejected = (
        summary.lines_read,
        summary.accepted,
        summary.rejected,
    )
    version.item_count = repository.count_items(session, version.id)
    session.flush()
    return version


class _Lines:
    """The accepted lines in order, while rejected ones are set aside in batches."""

    def __init__(
        self, session: Session, version_id: int, reader: Any, progress: Callable[[int], None] | None
    ) -> None:
        self.session, self.version_id, self.reader, self.progress = session, version_id, reader, progress
        self.rejected: list[LineError] = []

    def __iter__(self) -> Iterator[CatalogueLine]:
        for count, entry in enumerate(self.reader, start=1):
            if self.progress is not None and count % PROGRESS_EVERY == 0:
                self.progress(count)
            if isinstance(entry, LineError):
                self.rejected.append(entry)
                if len(self.rejected) >= REJECTED_BATCH:
                    _flush_rejected(self.session, self.version_id, self.rejected)
            else:
                yield entry


def _flush_rejected(session: Session, version_id: int, rejected: list[LineError]) -> None:
    if not rejected:
        return
    session.execute(
        insert(CatalogueRejectedLine),
        [
            {
                "version_id": version_id,
                "line_number": e.line,
                "xpath": (e.xpath or None) and e.xpath[:300],
                "field": e.field,
                "code": e.code,
                "reason": e.reason[:500],
                "value": None if e.value is None else str(e.value)[:300],
            }
            for e in rejected
        ],
    )
    rejected.clear()


def _copy_items(session: Session, from_version: int, to_version: int) -> None:
    table = CatalogueItem.__table__
    columns = [c for c in bulk.ITEM_COLUMNS if c != "version_id"]
    rows = select(literal(to_version), *(table.c[c] for c in columns)).where(
        table.c.version_id == from_version
    )
    session.execute(insert(table).from_select(["version_id", *columns], rows))


def _apply_delta(session: Session, version_id: int, lines: _Lines, dates: tuple[Any, Any]) -> None:
    batch: list[CatalogueLine] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= DELTA_BATCH:
            _apply_batch(session, version_id, batch, dates)
            batch = []
    _apply_batch(session, version_id, batch, dates)


def _apply_batch(
    session: Session, version_id: int, batch: list[CatalogueLine], dates: tuple[Any, Any]
) -> None:
    if not batch:
        return
    numbers = [line.supplier_item_number for line in batch]
    session.execute(
        delete(CatalogueItem).where(
            CatalogueItem.version_id == version_id, CatalogueItem.supplier_item_number.in_(numbers)
        )
    )
    bulk.insert_items(session, (item_row(version_id, ln, *dates) for ln in batch if ln.action != "delete"))


def _sha256(source: str | IO[bytes]) -> str | None:
    """The file's fingerprint, so the office can tell whether a supplier sent the same file twice."""
    digest = hashlib.sha256()
    if isinstance(source, str):
        with open(source, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest()
    if not source.seekable():
        return None
    for chunk in iter(lambda: source.read(1 << 20), b""):
        digest.update(chunk)
    source.seek(0)
    return digest.hexdigest()


def _header_json(header: Any) -> dict[str, Any]:
    data = asdict(header)
    data.pop("errors", None)
    cleaned = {k: v for k, v in data.items() if v not in (None, [], {})}
    return json.loads(json.dumps(cleaned, default=str))
