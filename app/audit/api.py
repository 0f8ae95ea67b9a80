"""JSON API for the audit trail (administrators)."""

from datetime import datetime
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict

from app.audit import repository
from app.auth.dependencies import ApiPrincipal, SessionDep, require_role
from app.models import Role

router = APIRouter(tags=["audit"])


class AuditEventRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    at: datetime
    actor_label: str
    action: str
    entity_type: str
    entity_id: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@router.get("/audit", response_model=list[AuditEventRead])
def list_events(session: SessionDep, principal: ApiPrincipal, limit: int = 100, offset: int = 0) -> object:
    require_role(principal, Role.admin)
    return repository.list_events(session, principal, limit=min(max(limit, 1), 500), offset=max(offset, 0))
