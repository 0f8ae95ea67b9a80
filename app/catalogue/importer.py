"""Reading a supplier's file into a new draft catalogue version.

A full catalogue (CSV, XLSX, UBL ActionCode Add/Replace) becomes the whole new version. A UBL delta (header
ActionCode Update; Peppol BIS Catalogue 3, "Catalogue update") starts from a copy of the active version and applies
its lines: Add/Replace/Update put the line in, Delete takes it out. Every line of the file is counted, and each
rejected one is stored with its line number (or XPath), field and reason. A file that cannot be read at all raises
`CatalogFileError`; the caller's unit of work then stores nothing. The active version is never touched here.

The file arrives in batches of item rows (`reading`): a large one from a reader process that reads and checks the
next lines while this process stores the last ones. Every batch is stored here, in the caller's transaction, so
a file refused half-way leaves nothing behind wherever it was read.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict
from typing import IO, Any, NamedTuple

from sqlalchemy import delete, insert, literal, select
from sqlalchemy.orm import Session

from app.catalogue import bulk, repository
from app.catalogue.batches import Batches
from app.catalogue.reading import read_batches
from app.catalogue.text_tally import TextCounts, TextTally
from app.models import CatalogueItem, CatalogueRejectedLine, CatalogueVersion, VersionStatus
from app.models.base import utcnow
from catalogs.errors import LineError

REJECTED_BATCH = 1000
PROGRESS_EVERY = 10000


class Imported(NamedTuple):
    version: CatalogueVersion
    # How many items have each text, counted as they were stored (a full catalogue only): activating the version
    # at once indexes it without reading every item back (`search.index_version`).
    texts: TextCounts | None


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
    in_process: bool | None = None,
) -> Imported:
    """`in_process` decides where the file is read (`reading.read_batches`); by default a large file is read
    by a reader process while this one stores the lines."""
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
    # A file object is read to its end and back first; a path is read while the reader process starts.
    sha256 = None if isinstance(source, str) else _sha256(source)
    options = {"max_bytes": max_bytes} if max_bytes else {}
    with read_batches(
        source,
        version_id=version.id,
        file_format=file_format,
        mapping=mapping,
        in_process=in_process,
        **options,
    ) as batches:
        version.source_sha256 = _sha256(source) if isinstance(source, str) else sha256
        header = batches.header
        version.source_format = header.format
        version.header = _header_json(header)
        delta = header.action == "update"
        active = repository.active_version(session, supplier_id, agreement_id)
        if delta and active is not None:
            version.based_on_id = active.id
            _copy_items(session, active.id, version.id)
        # A delta's lines are only part of the version: the index counts its texts itself.
        tally = None if delta else TextTally()
        _store(session, version.id, batches, delta, tally, progress)
        summary = batches.summary
    version.lines_read, version.accepted, version.rejected = (
        summary.lines_read,
        summary.accepted,
        summary.rejected,
    )
    version.item_count = repository.count_items(session, version.id)
    session.flush()
    return Imported(version, None if tally is None else tally.counts)


def _store(
    session: Session,
    version_id: int,
    batches: Batches,
    delta: bool,
    tally: TextTally | None,
    progress: Callable[[int], None] | None,
) -> None:
    """Every batch in file order: a delta's lines replace the items they name (Delete only takes them out), a full
    catalogue's lines are the items, their texts counted into `tally`; rejected lines are set aside and stored a
    thousand at a time."""
    rejected: list[LineError] = []
    reported = 0
    for batch in batches:
        if delta and batch.numbers:
            session.execute(
                delete(CatalogueItem).where(
                    CatalogueItem.version_id == version_id,
                    CatalogueItem.supplier_item_number.in_(batch.numbers),
                )
            )
        bulk.insert_items(session, batch.rows)
        if tally is not None:
            # While a reader process is the slower of the two, this costs no time: it would wait for the next batch.
            tally.add(batch.rows)
        rejected += batch.rejected
        if len(rejected) >= REJECTED_BATCH:
            _flush_rejected(session, version_id, rejected)
        if progress is not None and batch.lines_read // PROGRESS_EVERY > reported:
            reported = batch.lines_read // PROGRESS_EVERY
            progress(batch.lines_read)
    _flush_rejected(session, version_id, rejected)


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
