"""Punch-out: the connections a municipality has to supplier shops, the sessions users open in them, the lines
that come back, and the log of server-to-server exchanges."""

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from app.models.base import Base, IdMixin, IdType, Quantity, TimestampMixin, UnitPrice
from app.models.procurement import Agreement, Supplier


class Protocol(StrEnum):
    cxml = "cxml"
    oci = "oci"


class Operation(StrEnum):
    create = "create"
    edit = "edit"
    inspect = "inspect"


class SessionState(StrEnum):
    started = "started"  # the user is in the shop; the return token is live
    returned = "returned"  # a cart came back and waits for the user's review
    accepted = "accepted"  # the lines went into the basket
    cancelled = "cancelled"  # empty cart on create, or the user discarded the cart
    unchanged = "unchanged"  # cXML status 204, or the user left an inspect session
    failed = "failed"  # the setup failed or the returned cart was refused


class PunchoutConnection(IdMixin, TimestampMixin, Base):
    """How one municipality reaches one supplier's shop. The shared secret (cXML) or shop password (OCI) is
    stored encrypted and never leaves the server except inside a server-to-server request or the OCI call-up."""

    __tablename__ = "punchout_connection"
    __table_args__ = (UniqueConstraint("municipality_id", "name"),)

    municipality_id: Mapped[int] = mapped_column(IdType, ForeignKey("municipality.id"), index=True)
    supplier_id: Mapped[int] = mapped_column(IdType, ForeignKey("supplier.id"), index=True)
    agreement_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("agreement.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    protocol: Mapped[Protocol] = mapped_column(SAEnum(Protocol, native_enum=False, length=10))
    setup_url: Mapped[str] = mapped_column(String(1000))
    from_domain: Mapped[str | None] = mapped_column(String(100))
    from_identity: Mapped[str | None] = mapped_column(String(200))
    to_domain: Mapped[str | None] = mapped_column(String(100))
    to_identity: Mapped[str | None] = mapped_column(String(200))
    sender_domain: Mapped[str | None] = mapped_column(String(100))
    sender_identity: Mapped[str | None] = mapped_column(String(200))
    secret_ciphertext: Mapped[str | None] = mapped_column(Text)
    deployment_mode: Mapped[str] = mapped_column(String(10), default="production")
    # Extrinsic name -> template with {email}, {name}, {first_name}, {last_name}, {user_id}, {department},
    # {cost_centre}, {municipality}: names are not standardised, each shop reads its own (reference §5).
    extrinsics: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    operations: Mapped[list[str]] = mapped_column(JSON, default=lambda: ["create"])
    currency: Mapped[str] = mapped_column(String(3), default="DKK")
    # The shop's unit code -> UN/ECE Rec 20 code, for shops that send their own (e.g. "STK" -> "EA").
    unit_map: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    # OCI: username, username_field, password_field, method (GET|POST), functions, split_hook_query.
    oci_options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    timeout_seconds: Mapped[int] = mapped_column(Integer, default=10)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    supplier: Mapped[Supplier] = relationship(lazy="raise")
    agreement: Mapped[Agreement | None] = relationship(lazy="raise")

    @property
    def has_secret(self) -> bool:
        return bool(self.secret_ciphertext)


class PunchoutSession(IdMixin, Base):
    """One visit to a shop. The return is identified by a one-time token in the return URL plus the BuyerCookie,
    because the browser does not send our session cookie on the shop's cross-site POST (reference §7)."""

    __tablename__ = "punchout_session"

    municipality_id: Mapped[int] = mapped_column(IdType, ForeignKey("municipality.id"), index=True)
    department_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("department.id"))
    user_id: Mapped[int] = mapped_column(IdType, ForeignKey("user_account.id"), index=True)
    connection_id: Mapped[int] = mapped_column(IdType, ForeignKey("punchout_connection.id"), index=True)
    operation: Mapped[Operation] = mapped_column(SAEnum(Operation, native_enum=False, length=10))
    state: Mapped[SessionState] = mapped_column(
        SAEnum(SessionState, native_enum=False, length=12), index=True
    )
    # sha256 of the return token: a leaked database does not give working return URLs.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    buyer_cookie: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    returned_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    selected_item: Mapped[str | None] = mapped_column(String(100))
    # Edit and inspect reopen the lines of an earlier session that are in the basket.
    reopens_session_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("punchout_session.id"))
    setup_payload_id: Mapped[str | None] = mapped_column(String(200))
    # The cart as it came back.
    payload_format: Mapped[str | None] = mapped_column(String(20))
    payload_id: Mapped[str | None] = mapped_column(String(200))
    raw_payload: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    status_code: Mapped[int | None] = mapped_column(Integer)
    operation_allowed: Mapped[str | None] = mapped_column(String(10))
    currency: Mapped[str | None] = mapped_column(String(3))
    document_total: Mapped[Decimal | None]
    computed_total: Mapped[Decimal | None]
    # Document-level findings: [{"code": "total_mismatch", "detail": {...}}].
    warnings: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    error_code: Mapped[str | None] = mapped_column(String(60))
    error_detail: Mapped[str | None] = mapped_column(String(1000))

    connection: Mapped[PunchoutConnection] = relationship(lazy="raise")
    lines: Mapped[list["PunchoutLine"]] = relationship(
        lazy="raise", order_by="PunchoutLine.line_number", cascade="all, delete-orphan"
    )


class PunchoutLine(IdMixin, Base):
    __tablename__ = "punchout_line"
    __table_args__ = (
        Index("ix_punchout_line_flagged", "flagged", postgresql_where=text("flagged"), sqlite_where=text("flagged")),
    )

    session_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("punchout_session.id", ondelete="CASCADE"), index=True
    )
    line_number: Mapped[int] = mapped_column(Integer)
    supplier_part_id: Mapped[str | None] = mapped_column(String(200))
    # The supplier's own cookie, echoed byte-exact in every later ItemOut: never trimmed (reference §6).
    supplier_part_auxiliary_id: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str] = mapped_column(String(2000))
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    unit: Mapped[str | None] = mapped_column(String(3))
    unit_price: Mapped[Decimal | None] = mapped_column(UnitPrice)
    currency: Mapped[str | None] = mapped_column(String(3))
    unspsc: Mapped[str | None] = mapped_column(String(8))
    gtin: Mapped[str | None] = mapped_column(String(14))
    manufacturer_name: Mapped[str | None] = mapped_column(String(200))
    manufacturer_part_id: Mapped[str | None] = mapped_column(String(200))
    lead_time_days: Mapped[int | None] = mapped_column(Integer)
    catalogue_item_id: Mapped[int | None] = mapped_column(IdType)
    agreement_price: Mapped[Decimal | None] = mapped_column(UnitPrice)
    agreement_unit: Mapped[str | None] = mapped_column(String(3))
    flags: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Set with `flags` so the office's list of exceptions is an indexed lookup, not a scan of JSON; the index holds
    # the flagged lines only.
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)


class PunchoutExchange(IdMixin, Base):
    """A server-to-server request and its answer, secrets redacted: what support reads when a shop fails."""

    __tablename__ = "punchout_exchange"

    municipality_id: Mapped[int] = mapped_column(IdType, ForeignKey("municipality.id"), index=True)
    connection_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("punchout_connection.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("punchout_session.id", ondelete="SET NULL")
    )
    kind: Mapped[str] = mapped_column(String(20))  # profile, setup
    created_at: Mapped[datetime]
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    http_status: Mapped[int | None] = mapped_column(Integer)
    cxml_status: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(30))
    request_text: Mapped[str | None] = mapped_column(Text)
    response_text: Mapped[str | None] = mapped_column(Text)
