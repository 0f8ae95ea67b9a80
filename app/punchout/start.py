"""Opening a supplier's shop: create, edit or inspect, for cXML and OCI.

The setup request goes out before anything is written, so no database transaction is held open while a slow
shop answers. A failure is recorded (the session as failed, the exchange with secrets blanked) and returned,
not raised: raising would roll the record back with the rest of the request.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from app.auth.principal import Principal
from app.basket import repository as basket_repository
from app.config import get_settings
from app.kit.errors import Conflict, Forbidden, InvalidInput, NotFound
from app.kit.i18n import _
from app.models import (
    BasketLine,
    Department,
    Operation,
    Protocol,
    PunchoutConnection,
    PunchoutSession,
    SessionState,
)
from app.models.base import utcnow
from app.org import repository as org_repository
from app.punchout import repository
from app.punchout.connections import get_connection_or_404
from app.punchout.secrets import SecretUnreadable, decrypt_secret
from app.punchout.transport import Reply, log_exchange, post_cxml
from punchout import (
    Address,
    CartLine,
    Contact,
    Credential,
    Envelope,
    ItemRef,
    MalformedDocumentError,
    PunchoutError,
    SetupRequest,
    build_oci_call_up,
    build_setup_request,
    new_buyer_cookie,
    new_payload_id,
    oci_call_up_url,
    parse_setup_response,
)


@dataclass
class StartOutcome:
    session: PunchoutSession
    start_url: str | None = None
    method: str = "GET"
    form: list[tuple[str, str]] | None = None
    # Set when the shop could not be opened: a stable code and a message for the user, naming the supplier.
    error_code: str | None = None
    error_message: str | None = None
    supplier: str = ""
    # The exchange to log once the session has its id: (request, reply, outcome, cXML status).
    exchange: tuple[bytes | None, Reply | None, str, int | None] | None = None

    @property
    def ok(self) -> bool:
        return self.error_code is None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def return_url(token: str) -> str:
    return f"{get_settings().base_url.rstrip('/')}/punchout/return/{token}"


def start_session(
    session: Session,
    principal: Principal,
    connection_id: int,
    operation: Operation = Operation.create,
    item: str | None = None,
    reopen: int | None = None,
) -> StartOutcome:
    connection = get_connection_or_404(session, principal, connection_id)
    if not connection.active:
        raise Conflict(
            _("The shop %(name)s is switched off.") % {"name": connection.name}, code="connection_inactive"
        )
    if operation.value not in connection.operations:
        raise InvalidInput(
            _("%(name)s does not support %(operation)s.")
            % {"name": connection.name, "operation": _operation_label(operation)},
            code="operation_not_supported",
            field="operation",
        )
    lines = _reopened_lines(session, principal, connection, operation, reopen)
    department = _department(session, principal)
    token = secrets.token_urlsafe(32)
    now = utcnow()
    record = PunchoutSession(
        municipality_id=principal.municipality_id,
        department_id=principal.department_id,
        user_id=principal.user_id,
        connection_id=connection.id,
        operation=operation,
        state=SessionState.started,
        token_hash=hash_token(token),
        buyer_cookie=new_buyer_cookie(),
        created_at=now,
        expires_at=now + timedelta(minutes=get_settings().punchout_session_minutes),
        selected_item=item,
        reopens_session_id=reopen if operation is not Operation.create else None,
        warnings=[],
    )
    if connection.protocol is Protocol.oci:
        outcome = _oci(record, connection, token, item, operation)
    else:
        outcome = _cxml(record, connection, principal, department, token, item, lines)
    outcome.supplier = connection.supplier.name
    session.add(record)
    session.flush()
    if outcome.exchange is not None:
        document, reply, result, cxml_status = outcome.exchange
        log_exchange(
            session,
            connection,
            "setup",
            document,
            reply,
            result,
            cxml_status=cxml_status,
            session_id=record.id,
        )
    return outcome


def _operation_label(operation: Operation) -> str:
    return {
        Operation.create: _("shopping"),
        Operation.edit: _("editing the basket in the shop"),
        Operation.inspect: _("viewing the basket in the shop"),
    }[operation]


def _reopened_lines(
    session: Session,
    principal: Principal,
    connection: PunchoutConnection,
    operation: Operation,
    reopen: int | None,
) -> list[BasketLine]:
    if operation is Operation.create:
        return []
    if reopen is None:
        raise InvalidInput(
            _("Choose which basket lines to open in the shop."), code="reopen_missing", field="reopen"
        )
    earlier = repository.get_session(session, principal, reopen)
    if earlier is None or earlier.user_id != principal.user_id or earlier.connection_id != connection.id:
        raise NotFound(_("Punch-out session %(id)s was not found.") % {"id": reopen}, code="unknown_session")
    allowed = {"edit": ("edit",), "inspect": ("edit", "inspect")}[operation.value]
    if earlier.operation_allowed not in allowed:
        # operationAllowed is the highest operation the supplier permits on these lines (reference §6).
        raise Forbidden(
            _("The supplier does not allow %(operation)s for these lines.")
            % {"operation": _operation_label(operation)},
            code="operation_not_allowed",
        )
    lines = basket_repository.lines_of_session(session, principal, reopen)
    if not lines and operation is Operation.inspect:
        raise Conflict(_("These lines are no longer in your basket."), code="nothing_to_reopen")
    return lines


def _department(session: Session, principal: Principal) -> Department | None:
    if principal.department_id is None:
        return None
    return org_repository.get_department(session, principal, principal.department_id)


def _cxml(
    record: PunchoutSession,
    connection: PunchoutConnection,
    principal: Principal,
    department: Department | None,
    token: str,
    item: str | None,
    lines: list[BasketLine],
) -> StartOutcome:
    supplier = connection.supplier.name
    try:
        secret = decrypt_secret(connection.secret_ciphertext)
    except SecretUnreadable:
        return _failed(
            record,
            None,
            None,
            "secret_unreadable",
            _(
                "The shared secret for %(supplier)s cannot be read; the procurement office must enter it again."
            )
            % {"supplier": supplier},
        )
    payload_id = new_payload_id()
    record.setup_payload_id = payload_id
    document = build_setup_request(
        SetupRequest(
            buyer_cookie=record.buyer_cookie,
            browser_form_post_url=return_url(token),
            envelope=envelope(connection, secret),
            operation=record.operation.value,
            extrinsics=extrinsics(connection, principal, department),
            contacts=[Contact(name=principal.name, email=principal.email)],
            ship_to=_ship_to(principal, department),
            selected_item=ItemRef(item) if item else None,
            items=[_item_out(line) for line in lines],
        ),
        payload_id=payload_id,
    )
    reply = post_cxml(connection.setup_url, document, connection.timeout_seconds)
    problem = _judge_setup(reply, supplier)
    if isinstance(problem, tuple):
        code, message, cxml_status = problem
        return _failed(record, document, reply, code, message, cxml_status)
    return StartOutcome(
        record, start_url=problem.start_url, exchange=(document, reply, "ok", problem.status_code)
    )


def _judge_setup(reply: Reply, supplier: str):  # type: ignore[no-untyped-def]
    """The SetupResponse, or (code, message, cXML status) explaining in the user's language what went wrong."""
    names = {"supplier": supplier}
    if reply.failure == "timeout":
        return (
            "supplier_timeout",
            _("%(supplier)s did not answer in time. Try again in a moment.") % names,
            None,
        )
    if reply.failure in ("connect", "http"):
        return "supplier_unreachable", _("%(supplier)s's shop cannot be reached right now.") % names, None
    if reply.failure == "tls":
        return "supplier_tls", _("%(supplier)s's shop has a certificate we cannot trust.") % names, None
    if reply.failure == "too_large" or reply.body is None:
        return "supplier_bad_answer", _("%(supplier)s's shop sent an answer we cannot read.") % names, None
    try:
        response = parse_setup_response(reply.body)
    except (MalformedDocumentError, PunchoutError):
        if reply.http_status and reply.http_status >= 400:
            return (
                "supplier_error",
                _("%(supplier)s's shop answered with an error (HTTP %(status)s).")
                % {**names, "status": reply.http_status},
                None,
            )
        return "supplier_bad_answer", _("%(supplier)s's shop sent an answer we cannot read.") % names, None
    if not response.ok:
        if response.status_code in (401, 403, 417):
            message = (
                _(
                    "%(supplier)s did not accept our credentials. The procurement office must check the "
                    "connection."
                )
                % names
            )
            return "supplier_refused_credentials", message, response.status_code
        detail = response.status_detail or response.status_text
        return (
            "supplier_error",
            _("%(supplier)s's shop answered with an error: %(code)s %(text)s")
            % {**names, "code": response.status_code, "text": detail},
            response.status_code,
        )
    return response


def _failed(
    record: PunchoutSession,
    document: bytes | None,
    reply: Reply | None,
    code: str,
    message: str,
    cxml_status: int | None = None,
) -> StartOutcome:
    record.state = SessionState.failed
    record.error_code = code
    record.error_detail = message[:1000]
    return StartOutcome(
        record, error_code=code, error_message=message, exchange=(document, reply, code, cxml_status)
    )


def _oci(
    record: PunchoutSession,
    connection: PunchoutConnection,
    token: str,
    item: str | None,
    operation: Operation,
) -> StartOutcome:
    """OCI has no server-to-server step: the browser takes the call-up to the shop (reference §12)."""
    options = connection.oci_options or {}
    login: list[tuple[str, str]] = []
    if options.get("username"):
        login.append((options.get("username_field") or "USERNAME", str(options["username"])))
    try:
        password = decrypt_secret(connection.secret_ciphertext)
    except SecretUnreadable:
        password = None
    if password:
        login.append((options.get("password_field") or "PASSWORD", password))
    functions = options.get("functions") or []
    fields = build_oci_call_up(
        return_url(token),
        login,
        function="DETAIL" if item and "DETAIL" in functions else None,
        supported_functions=functions,
        product_id=item,
        split_hook_query=bool(options.get("split_hook_query")),
        extra_fields=[("OCI_VERSION", str(options.get("oci_version") or "5.0"))],
    )
    if str(options.get("method") or "POST").upper() == "GET":
        return StartOutcome(record, start_url=oci_call_up_url(connection.setup_url, fields))
    return StartOutcome(record, start_url=connection.setup_url, method="POST", form=fields)


def envelope(connection: PunchoutConnection, secret: str | None) -> Envelope:
    return Envelope(
        from_credentials=[Credential(connection.from_domain or "NetworkID", connection.from_identity or "")],
        to_credentials=[Credential(connection.to_domain or "NetworkID", connection.to_identity or "")],
        sender_credentials=[
            Credential(
                connection.sender_domain or connection.from_domain or "NetworkID",
                connection.sender_identity or "",
                secret,
            )
        ],
        deployment_mode=connection.deployment_mode,
    )


def extrinsics(
    connection: PunchoutConnection, principal: Principal, department: Department | None
) -> dict[str, str]:
    first, _sep, last = principal.name.partition(" ")
    values = {
        "email": principal.email,
        "name": principal.name,
        "first_name": first,
        "last_name": last,
        "user_id": str(principal.user_id),
        "department": department.name if department else "",
        "cost_centre": (department.cost_centre or "") if department else "",
        "municipality": principal.municipality_name,
    }
    return {name: template.format(**values) for name, template in (connection.extrinsics or {}).items()}


def _ship_to(principal: Principal, department: Department | None) -> Address | None:
    # Ariba-style shops price per delivery address, so it goes in the setup request (reference §5).
    if department is None or not department.delivery_street:
        return None
    return Address(
        name=department.name,
        street=[department.delivery_street],
        city=department.delivery_city,
        postal_code=department.delivery_postcode,
        deliver_to=[principal.name],
        email=principal.email,
        address_id=department.ean,
        address_id_domain="GLN" if department.ean else None,
        municipality=principal.municipality_name,
    )


def _item_out(line: BasketLine) -> CartLine:
    return CartLine(
        line_number=line.line_number,
        quantity=line.quantity,
        supplier_part_id=line.supplier_part_id,
        supplier_part_auxiliary_id=line.supplier_part_auxiliary_id,
        unit_price=line.unit_price,
        currency=line.currency,
        description=line.description,
        unit_of_measure=line.unit,
        classification=[("UNSPSC", line.unspsc)] if line.unspsc else [],
        gtin=line.gtin,
        manufacturer_part_id=line.manufacturer_part_id,
    )
