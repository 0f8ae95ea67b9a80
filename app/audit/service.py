"""Writes audit events inside the same unit of work as the change they describe."""

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from app.auth.principal import Principal
from app.models import AuditEvent
from app.models.base import utcnow

# Never copied into the trail.
_SECRET_FIELDS = {"password_hash", "token_hash", "shared_secret", "shared_secret_encrypted", "secret_ciphertext"}


def snapshot(obj: Any) -> dict[str, Any]:
    """The row's column values as JSON-safe data, for before/after."""
    data: dict[str, Any] = {}
    for attr in inspect(obj).mapper.column_attrs:
        if attr.key in _SECRET_FIELDS:
            continue
        value = getattr(obj, attr.key)
        if isinstance(value, Decimal):
            value = str(value)
        elif isinstance(value, datetime | date):
            value = value.isoformat()
        elif isinstance(value, Enum):
            value = value.value
        data[attr.key] = value
    return data


def record(
    session: Session,
    actor: Principal | str,
    action: str,
    entity: Any,
    *,
    municipality_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    ip: str | None = None,
) -> None:
    if municipality_id is None and isinstance(actor, Principal):
        # Shared records (suppliers, national agreements) are logged under the acting municipality.
        municipality_id = actor.municipality_id
    if after is not None and before is not None:
        changed = {k for k in after if before.get(k) != after.get(k)}
        before = {k: before.get(k) for k in changed}
        after = {k: after[k] for k in changed}
    session.add(
        AuditEvent(
            at=utcnow(),
            municipality_id=municipality_id,
            # The command line acts through a principal with no user account (id 0); it is named by its label.
            actor_id=(actor.user_id or None) if isinstance(actor, Principal) else None,
            actor_label=actor.email if isinstance(actor, Principal) else actor,
            action=action,
            entity_type=type(entity).__tablename__,
            entity_id=str(getattr(entity, "id", "")) or None,
            before=before,
            after=after,
            ip=ip,
        )
    )
