"""API shapes for punch-out connections, sessions and their lines."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from app.models import Operation, Protocol

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Ident = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
OPERATIONS = ("create", "edit", "inspect")
EXTRINSIC_FIELDS = (
    "email",
    "name",
    "first_name",
    "last_name",
    "user_id",
    "department",
    "cost_centre",
    "municipality",
)


class ConnectionFields(BaseModel):
    agreement_id: int | None = None
    setup_url: str | None = Field(default=None, max_length=1000)
    from_domain: Ident | None = None
    from_identity: Ident | None = None
    to_domain: Ident | None = None
    to_identity: Ident | None = None
    sender_domain: Ident | None = None
    sender_identity: Ident | None = None
    shared_secret: str | None = Field(
        default=None, max_length=500, description="Write-only: stored encrypted and never returned"
    )
    deployment_mode: Literal["production", "test"] | None = None
    extrinsics: dict[str, str] | None = Field(
        default=None, description='Extrinsic name -> template, e.g. {"UserEmail": "{email}"}'
    )
    operations: list[Literal["create", "edit", "inspect"]] | None = None
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    unit_map: dict[str, str] | None = Field(
        default=None, description="The shop's unit code -> UN/ECE Rec 20 code"
    )
    oci_options: dict[str, Any] | None = Field(
        default=None,
        description="OCI: username, username_field, password_field, method (GET|POST), functions, "
        "split_hook_query",
    )
    timeout_seconds: int | None = Field(default=None, ge=1, le=60)
    active: bool | None = None

    @field_validator("extrinsics")
    @classmethod
    def _known_placeholders(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        for name, template in (value or {}).items():
            if not name.strip():
                raise ValueError("an extrinsic needs a name")
            try:
                template.format(**dict.fromkeys(EXTRINSIC_FIELDS, ""))
            except (KeyError, IndexError, ValueError) as exc:
                raise ValueError(
                    f"extrinsic {name}: use only {', '.join('{' + k + '}' for k in EXTRINSIC_FIELDS)}"
                ) from exc
        return value


class ConnectionCreate(ConnectionFields):
    supplier_id: int
    name: Name
    protocol: Protocol
    setup_url: str = Field(max_length=1000)


class ConnectionUpdate(ConnectionFields):
    name: Name = None  # type: ignore[assignment]


class ConnectionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str
    supplier_id: int
    agreement_id: int | None
    protocol: Protocol
    setup_url: str
    from_domain: str | None
    from_identity: str | None
    to_domain: str | None
    to_identity: str | None
    sender_domain: str | None
    sender_identity: str | None
    has_secret: bool
    deployment_mode: str
    extrinsics: dict[str, str]
    operations: list[str]
    currency: str
    unit_map: dict[str, str]
    oci_options: dict[str, Any]
    timeout_seconds: int
    active: bool


class ConnectionTestRead(BaseModel):
    ok: bool
    kind: str
    http_status: int | None
    cxml_status: int | None
    message: str
    duration_ms: int | None
    operations: list[str] | None = None


class SessionStart(BaseModel):
    connection: int
    operation: Operation = Operation.create
    item: str | None = Field(
        default=None, max_length=100, description="Supplier item number for a level-2 link"
    )
    reopen: int | None = Field(
        default=None,
        description="For edit and inspect: the punch-out session whose basket lines to send back",
    )


class SessionStarted(BaseModel):
    session: int
    start_url: str
    method: Literal["GET", "POST"] = "GET"
    form: list[tuple[str, str]] | None = Field(
        default=None, description="OCI call-up by POST: the fields to post to start_url"
    )


class FlagRead(BaseModel):
    code: str
    agreement_price: Decimal | None = None
    difference: Decimal | None = None
    agreement_unit: str | None = None


class LineRead(BaseModel):
    """A shop line: in a returned cart, and (with more fields) in the basket."""

    id: int
    line_number: int
    supplier_part_id: str | None
    supplier_part_auxiliary_id: str | None
    description: str
    quantity: Decimal
    unit: str | None
    unit_price: Decimal | None
    currency: str | None
    line_total: Decimal | None
    unspsc: str | None
    gtin: str | None
    flags: list[FlagRead]


class WarningRead(BaseModel):
    code: str
    detail: dict[str, Any] = {}


class SessionRead(BaseModel):
    id: int
    connection: int
    supplier: str
    operation: str
    state: str
    outcome: str | None
    created_at: datetime
    expires_at: datetime
    returned_at: datetime | None
    operation_allowed: str | None
    currency: str | None
    document_total: Decimal | None
    computed_total: Decimal | None
    warnings: list[WarningRead]
    error: dict[str, str] | None
    lines: list[LineRead]


class ExchangeRead(BaseModel):
    """One server-to-server request and its answer, as logged: the texts had their secrets blanked on the way in."""

    model_config = ConfigDict(from_attributes=True)
    id: int
    kind: str
    created_at: datetime
    session_id: int | None
    duration_ms: int | None
    http_status: int | None
    cxml_status: int | None
    outcome: str
    request_text: str | None
    response_text: str | None


class FlaggedLineRead(BaseModel):
    line_id: int
    supplier_id: int
    supplier: str
    session_id: int
    date: datetime
    user_id: int
    item_number: str | None
    description: str
    quantity: Decimal
    unit: str | None
    unit_price: Decimal | None
    currency: str | None
    agreement_price: Decimal | None
    difference: Decimal | None
    flags: list[str]
