"""The cart coming back: a cross-site browser POST to /punchout/return/{token}.

No user is signed in on that request (SameSite=Lax keeps the session cookie home, reference §7), so the one-time
token and, for cXML, the BuyerCookie are the only authority. The token is claimed with one conditional UPDATE, so
a replay or a double submit is refused on any number of workers. A refused cart stores no lines.
"""

import json
from dataclasses import dataclass
from urllib.parse import urlencode

from sqlalchemy.orm import Session

from app.kit.bulk import insert_rows
from app.kit.i18n import _
from app.models import Operation, Protocol, PunchoutLine, PunchoutSession, SessionState
from app.models.base import utcnow
from app.punchout import repository
from app.punchout.agreement_check import check_lines
from app.punchout.flags import BLOCKING
from app.punchout.start import hash_token
from punchout import (
    Cart,
    MalformedDocumentError,
    PayloadTooLargeError,
    PunchoutError,
    UnsafeXmlError,
    extract_cart,
    parse_oci_cart,
    parse_order_message,
    redact_fields,
    redact_secrets,
)

_UNSPSC_DOMAINS = {"UNSPSC", ""}


@dataclass
class ReturnResult:
    session_id: int | None
    ok: bool
    code: str
    message: str | None = None
    status_code: int = 303


def receive_return(
    session: Session,
    token: str,
    raw_body: bytes | None,
    content_type: str | None,
    form_fields: list[tuple[str, str]] | None,
    max_bytes: int,
) -> ReturnResult:
    record = repository.session_by_token_hash(session, hash_token(token))
    if record is None:
        return ReturnResult(None, False, "unknown_token", _("This return link is not valid."), 404)
    if record.state is not SessionState.started:
        # A replay, a second submit, or a back button: the first return already decided this visit.
        return _already_returned(record.id)
    if record.expires_at <= utcnow():
        return ReturnResult(
            record.id, False, "session_expired", _("The shop visit has expired. Open the shop again."), 410
        )
    connection = record.connection
    expected_currency = connection.currency
    try:
        kind, payload = extract_cart(form_fields, raw_body, content_type, max_bytes=max_bytes)
        if kind == "cxml":
            cart = parse_order_message(payload, expected_currency, max_bytes=max_bytes)  # type: ignore[arg-type]
            raw = (cart.raw_xml or "").encode()
            payload_format = _cxml_format(form_fields, raw_body)
        else:
            cart = parse_oci_cart(payload, expected_currency)  # type: ignore[arg-type]
            # The body as it came, passwords blanked; re-encoding thousands of fields would cost more than parsing.
            raw = (
                redact_secrets(raw_body).encode()
                if raw_body and form_fields is None
                else urlencode(redact_fields(payload)).encode()  # type: ignore[arg-type]
            )
            payload_format = "oci"
    except PayloadTooLargeError:
        return ReturnResult(
            record.id, False, "payload_too_large", _("The basket from the shop is too large."), 413
        )
    except UnsafeXmlError:
        return ReturnResult(
            record.id,
            False,
            "unsafe_xml",
            _("The basket from the shop was refused: it contains unsafe XML."),
            400,
        )
    except (MalformedDocumentError, PunchoutError):
        if connection.protocol is Protocol.oci and not _looks_like_xml(raw_body):
            # An OCI shop cancels by posting back without NEW_ITEM fields: an empty cart, not a broken one.
            kind, cart, raw, payload_format = "oci", Cart(protocol="oci"), b"", "oci"
        else:
            return ReturnResult(
                record.id, False, "malformed_cart", _("The basket from the shop could not be read."), 400
            )
    if kind == "cxml" and (cart.buyer_cookie or "").strip() != record.buyer_cookie:
        # Not consumed: the genuine return may still come; a forged one never matches.
        return ReturnResult(
            record.id,
            False,
            "buyer_cookie_mismatch",
            _("The basket does not belong to this shop visit."),
            400,
        )
    if not repository.claim_for_return(session, record):
        return _already_returned(record.id)
    _store(session, record, cart, raw, payload_format)
    if record.state is SessionState.failed:
        return ReturnResult(record.id, False, record.error_code or "refused", record.error_detail, 303)
    return ReturnResult(record.id, True, record.state.value)


def _already_returned(session_id: int) -> ReturnResult:
    return ReturnResult(
        session_id, False, "already_returned", _("This basket has already been returned to the portal."), 409
    )


def _looks_like_xml(raw_body: bytes | None) -> bool:
    head = (raw_body or b"")[:200].lower()
    return b"cxml" in head or head.lstrip().startswith(b"<")


def _cxml_format(form_fields: list[tuple[str, str]] | None, raw_body: bytes | None) -> str:
    head = (raw_body or b"")[:64].lower()
    names = {name.lower() for name, _value in form_fields or []}
    if "cxml-base64" in names or head.startswith(b"cxml-base64"):
        return "cxml-base64"
    if "cxml-urlencoded" in names or head.startswith(b"cxml-urlencoded"):
        return "cxml-urlencoded"
    return "cxml-raw"


def _store(session: Session, record: PunchoutSession, cart: Cart, raw: bytes, payload_format: str) -> None:
    record.raw_payload = raw
    record.payload_format = payload_format
    record.payload_id = (cart.payload_id or "")[:200] or None
    record.status_code = cart.status_code
    record.operation_allowed = cart.operation_allowed
    record.currency = cart.currency
    record.document_total = cart.total
    record.computed_total = cart.recomputed_total
    record.warnings = [{"code": w.code, "detail": _jsonable(w.detail)} for w in cart.warnings]
    if cart.errors:
        record.state = SessionState.failed
        record.error_code = cart.errors[0].code
        record.error_detail = _("The basket was refused: a line has a negative quantity.")
        return
    if cart.no_change:
        record.state = SessionState.unchanged
        return
    if record.operation is Operation.inspect:
        # Inspect is read-only: whatever the shop sends back changes nothing.
        record.state = SessionState.unchanged
        if cart.lines:
            record.warnings = [*record.warnings, {"code": "operation_ignored", "detail": {}}]
        return
    if not cart.lines and record.operation is Operation.create:
        record.state = SessionState.cancelled
        return
    checks = check_lines(session, record.connection, cart.lines)
    rows = []
    flag_json: dict[tuple[str, ...], str] = {}  # a few combinations of flags over hundreds of lines
    for line, check in zip(cart.lines, checks, strict=True):
        flags = tuple(dict.fromkeys([*line.flags, *check.flags]))
        if flags not in flag_json:
            flag_json[flags] = json.dumps(list(flags))
        rows.append(
            (
                record.id,
                line.line_number,
                line.supplier_part_id,
                line.supplier_part_auxiliary_id,
                (line.short_name or line.description or line.supplier_part_id or "?")[:2000],
                line.quantity,
                check.unit,
                line.unit_price,
                line.currency,
                _unspsc(line.classification),
                line.gtin if line.gtin and len(line.gtin) <= 14 else None,
                line.manufacturer_name,
                line.manufacturer_part_id,
                line.lead_time_days,
                check.catalogue_item_id,
                check.agreement_price,
                check.agreement_unit,
                flag_json[flags],
                bool(flags),
            )
        )
    # A cart of hundreds of lines is stored in one executemany (COPY on PostgreSQL), without an ORM object each.
    insert_rows(session, PunchoutLine.__tablename__, LINE_COLUMNS, rows)


LINE_COLUMNS = (
    "session_id",
    "line_number",
    "supplier_part_id",
    "supplier_part_auxiliary_id",
    "description",
    "quantity",
    "unit",
    "unit_price",
    "currency",
    "unspsc",
    "gtin",
    "manufacturer_name",
    "manufacturer_part_id",
    "lead_time_days",
    "catalogue_item_id",
    "agreement_price",
    "agreement_unit",
    "flags",
    "flagged",
)


def _unspsc(classification: list[tuple[str, str]]) -> str | None:
    """8-digit commodity codes, as Danish catalogue rules require; carts also send 10 digits or junk (§15)."""
    for domain, value in classification:
        digits = (value or "").strip()
        if (domain or "").strip().upper() in _UNSPSC_DOMAINS and digits.isdigit() and len(digits) >= 8:
            return digits[:8]
    return None


def _jsonable(detail: dict[str, object]) -> dict[str, object]:
    return {
        key: value if isinstance(value, int | str | bool | None | list) else str(value)
        for key, value in detail.items()
    }


def blocking_flags(flags: list[str]) -> set[str]:
    return BLOCKING.intersection(flags)
