"""The audit trail: who did what to which record, when, with before and after where it matters."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, IdMixin, IdType


class AuditEvent(IdMixin, Base):
    __tablename__ = "audit_event"

    at: Mapped[datetime] = mapped_column(index=True)
    # None for records shared by every municipality (suppliers, national agreements).
    municipality_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("municipality.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("user_account.id", ondelete="SET NULL"))
    actor_label: Mapped[str] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(60), index=True)
    entity_type: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[str | None] = mapped_column(String(60))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    ip: Mapped[str | None] = mapped_column(String(64))
