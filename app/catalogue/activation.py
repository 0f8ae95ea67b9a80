"""Activating a catalogue version, and restoring an earlier one, in one transaction.

The previous version leaves the search index and the new one enters it within the same unit of work, so users
see either the old catalogue or the new one, never a mix; if anything fails, nothing changes.
"""

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.catalogue import repository
from app.catalogue.search import index_version, unindex_version
from app.kit.errors import Conflict
from app.kit.i18n import _
from app.models import Agreement, CatalogueActivation, CatalogueVersion, VersionStatus
from app.models.base import utcnow


def activate(
    session: Session,
    version: CatalogueVersion,
    actor_label: str,
    texts: Mapping[tuple[Any, ...], int] | None = None,
) -> CatalogueVersion:
    """`texts`: the version's texts counted by the import that just wrote it (`index_version`)."""
    if version.status is VersionStatus.active:
        raise Conflict(
            _("Version %(number)s is already active.") % {"number": version.number}, code="already_active"
        )
    # Serialise activations of the same agreement across workers (SQLite serialises writers by itself).
    session.execute(select(Agreement.id).where(Agreement.id == version.agreement_id).with_for_update())
    now = utcnow()
    current = repository.active_version(session, version.supplier_id, version.agreement_id)
    if current is not None:
        unindex_version(session, current.id)
        current.status = VersionStatus.superseded
        period = repository.open_activation(session, current.id)
        if period is not None:
            period.deactivated_at = now
    index_version(session, version.id, texts)
    version.status = VersionStatus.active
    version.activated_at = now
    session.add(
        CatalogueActivation(
            version_id=version.id,
            supplier_id=version.supplier_id,
            agreement_id=version.agreement_id,
            activated_at=now,
            activated_by_label=actor_label,
        )
    )
    session.flush()
    return version
