"""Testing a connection: does the supplier's shop answer, and does it accept our credentials?

cXML asks with a ProfileRequest, the ping the standard provides (reference §10); a shop that does not implement it
(cXML 450) is asked with a PunchOutSetupRequest instead, whose StartPage is never opened. OCI has no
server-to-server step, so only the address is checked. Every outcome is returned and logged, never raised: the
log of a failed test is what support reads, and raising would roll it back with the rest of the request.
"""

import secrets

from sqlalchemy.orm import Session

from app.auth.dependencies import require_role
from app.auth.principal import Principal
from app.kit.i18n import _
from app.models import Protocol, PunchoutConnection, Role
from app.punchout import transport
from app.punchout.connections import get_connection_or_404
from app.punchout.schemas import ConnectionTestRead
from app.punchout.secrets import SecretUnreadable, decrypt_secret
from app.punchout.start import envelope, extrinsics, return_url
from app.punchout.transport import Reply, log_exchange, post_cxml
from punchout import (
    Contact,
    MalformedDocumentError,
    PunchoutError,
    SetupRequest,
    build_profile_request,
    build_setup_request,
    new_buyer_cookie,
    parse_profile_response,
    parse_setup_response,
)

# cXML 450 "Not Implemented" (reference §4); some shops answer HTTP 501 instead.
NOT_IMPLEMENTED_CXML = 450
NOT_IMPLEMENTED_HTTP = 501
CREDENTIAL_REFUSALS = (401, 403, 417)
# Enough of an OCI shop's front page to see what it is in the log.
PROBE_LOGGED_BYTES = 4096


def test_connection(session: Session, principal: Principal, connection_id: int) -> ConnectionTestRead:
    require_role(principal, Role.procurement, Role.admin)
    connection = get_connection_or_404(session, principal, connection_id)
    if connection.protocol is Protocol.oci:
        return _test_oci(session, connection)
    return _test_cxml(session, principal, connection)


def _test_cxml(session: Session, principal: Principal, connection: PunchoutConnection) -> ConnectionTestRead:
    names = {"supplier": connection.supplier.name}
    try:
        secret = decrypt_secret(connection.secret_ciphertext)
    except SecretUnreadable:
        log_exchange(session, connection, "profile", None, None, "secret_unreadable")
        return ConnectionTestRead(
            ok=False,
            kind="profile",
            http_status=None,
            cxml_status=None,
            duration_ms=None,
            message=_(
                "The shared secret for %(supplier)s cannot be read (the portal's secret key has changed). "
                "Enter the secret again."
            )
            % names,
        )
    document = build_profile_request(envelope(connection, secret))
    reply = post_cxml(connection.setup_url, document, connection.timeout_seconds)
    failure = _transport_failure(reply, names)
    if failure is not None:
        outcome, message = failure
        log_exchange(session, connection, "profile", document, reply, outcome)
        return _result(False, "profile", reply, None, message)
    try:
        profile = parse_profile_response(reply.body or b"")
    except (MalformedDocumentError, PunchoutError):
        if reply.http_status == NOT_IMPLEMENTED_HTTP:
            log_exchange(session, connection, "profile", document, reply, "not_implemented")
            return _test_setup(session, principal, connection, secret)
        outcome, message = _unreadable(reply, names)
        log_exchange(session, connection, "profile", document, reply, outcome)
        return _result(False, "profile", reply, None, message)
    status = profile.status_code
    if status == NOT_IMPLEMENTED_CXML or reply.http_status == NOT_IMPLEMENTED_HTTP:
        log_exchange(session, connection, "profile", document, reply, "not_implemented", cxml_status=status)
        return _test_setup(session, principal, connection, secret)
    if not 200 <= status < 300:
        outcome, message = _cxml_refusal(status, profile.status_text, names)
        log_exchange(session, connection, "profile", document, reply, outcome, cxml_status=status)
        return _result(False, "profile", reply, status, message)
    log_exchange(session, connection, "profile", document, reply, "ok", cxml_status=status)
    operations = profile.punchout_operations
    if not profile.supports("PunchOutSetupRequest"):
        message = (
            _(
                "%(supplier)s answered and accepted our credentials, but does not list punch-out "
                "(PunchOutSetupRequest) among the requests it supports."
            )
            % names
        )
    elif operations:
        message = _(
            "%(supplier)s answered and accepted our credentials. The shop supports: %(operations)s."
        ) % {**names, "operations": ", ".join(operations)}
        unsupported = [op for op in connection.operations if op not in operations]
        if unsupported:
            message += " " + _("The connection also offers %(operations)s, which the shop does not list.") % {
                "operations": ", ".join(unsupported)
            }
    else:
        message = _("%(supplier)s answered and accepted our credentials.") % names
    return _result(True, "profile", reply, status, message, operations)


def _test_setup(
    session: Session, principal: Principal, connection: PunchoutConnection, secret: str | None
) -> ConnectionTestRead:
    """A real setup request whose return token is thrown away: no cart can ever come back from it."""
    names = {"supplier": connection.supplier.name}
    document = build_setup_request(
        SetupRequest(
            buyer_cookie=new_buyer_cookie(),
            browser_form_post_url=return_url(secrets.token_urlsafe(32)),
            envelope=envelope(connection, secret),
            operation="create",
            extrinsics=extrinsics(connection, principal, None),
            contacts=[Contact(name=principal.name, email=principal.email)] if "@" in principal.email else [],
        )
    )
    reply = post_cxml(connection.setup_url, document, connection.timeout_seconds)
    failure = _transport_failure(reply, names)
    if failure is not None:
        outcome, message = failure
        log_exchange(session, connection, "setup", document, reply, outcome)
        return _result(False, "setup", reply, None, message)
    try:
        response = parse_setup_response(reply.body or b"")
    except (MalformedDocumentError, PunchoutError):
        outcome, message = _unreadable(reply, names)
        log_exchange(session, connection, "setup", document, reply, outcome)
        return _result(False, "setup", reply, None, message)
    status = response.status_code
    if not 200 <= status < 300:
        outcome, message = _cxml_refusal(status, response.status_detail or response.status_text, names)
        log_exchange(session, connection, "setup", document, reply, outcome, cxml_status=status)
        return _result(False, "setup", reply, status, message)
    log_exchange(session, connection, "setup", document, reply, "ok", cxml_status=status)
    message = (
        _(
            "%(supplier)s does not answer a ProfileRequest, so a setup request was sent instead: the shop accepted "
            "our credentials and sent a start page."
        )
        % names
    )
    return _result(True, "setup", reply, status, message)


def _transport_failure(reply: Reply, names: dict[str, str]) -> tuple[str, str] | None:
    """(outcome, message) when the exchange itself failed, before any answer could be read."""
    if reply.failure == "timeout":
        return "supplier_timeout", _("%(supplier)s did not answer in time.") % names
    if reply.failure == "tls":
        return "supplier_tls", _("%(supplier)s's shop has a certificate we cannot trust.") % names
    if reply.failure in ("connect", "http"):
        return "supplier_unreachable", _("%(supplier)s's shop cannot be reached at this address.") % names
    if reply.failure == "too_large":
        return "supplier_bad_answer", _("%(supplier)s's shop sent an answer we cannot read.") % names
    return None


def _unreadable(reply: Reply, names: dict[str, str]) -> tuple[str, str]:
    """A body that is not cXML: usually an HTML error or login page."""
    if reply.http_status is not None and reply.http_status >= 400:
        return (
            "supplier_error",
            _("%(supplier)s's shop answered with an error (HTTP %(status)s) and no cXML.")
            % {**names, "status": reply.http_status},
        )
    return "supplier_bad_answer", _("%(supplier)s's shop did not answer with cXML.") % names


def _cxml_refusal(status: int, text: str | None, names: dict[str, str]) -> tuple[str, str]:
    if status in CREDENTIAL_REFUSALS:
        return (
            "supplier_refused_credentials",
            _(
                "%(supplier)s did not accept our credentials (cXML %(code)s). Check the identities and the "
                "shared secret."
            )
            % {**names, "code": status},
        )
    return (
        "supplier_error",
        _("%(supplier)s answered with cXML error %(code)s: %(text)s")
        % {**names, "code": status, "text": text or ""},
    )


def _result(
    ok: bool,
    kind: str,
    reply: Reply,
    cxml_status: int | None,
    message: str,
    operations: list[str] | None = None,
) -> ConnectionTestRead:
    return ConnectionTestRead(
        ok=ok,
        kind=kind,
        http_status=reply.http_status,
        cxml_status=cxml_status,
        message=message,
        duration_ms=reply.duration_ms,
        operations=operations,
    )


def _test_oci(session: Session, connection: PunchoutConnection) -> ConnectionTestRead:
    """The browser carries the OCI call-up with the shop password, so the probe sends no credentials at all."""
    names = {"supplier": connection.supplier.name}
    reply = transport.get(connection.setup_url, connection.timeout_seconds, PROBE_LOGGED_BYTES)
    failure = _transport_failure(reply, names)
    if failure is not None:
        outcome, message = failure
        log_exchange(session, connection, "oci_probe", f"GET {connection.setup_url}", reply, outcome)
        return _result(False, "oci", reply, None, message)
    reachable = reply.http_status is not None and reply.http_status < 500
    log_exchange(
        session,
        connection,
        "oci_probe",
        f"GET {connection.setup_url}",
        reply,
        "ok" if reachable else "supplier_error",
    )
    if reachable:
        message = _(
            "%(supplier)s's shop answers (HTTP %(status)s). With OCI the user's browser opens the shop, so the "
            "login itself is only tried when someone shops."
        ) % {**names, "status": reply.http_status}
    else:
        message = _("%(supplier)s's shop answered with an error (HTTP %(status)s).") % {
            **names,
            "status": reply.http_status,
        }
    return _result(reachable, "oci", reply, None, message)
