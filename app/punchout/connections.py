"""Connection rules: the procurement office configures how the municipality reaches each supplier's shop."""

from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from app.agreements.service import get_agreement_or_404
from app.audit import service as audit
from app.auth.dependencies import require_role
from app.auth.principal import Principal
from app.kit.errors import Conflict, InvalidInput, NotFound
from app.kit.i18n import _
from app.models import Protocol, PunchoutConnection, Role
from app.punchout import repository
from app.punchout.schemas import ConnectionCreate, ConnectionUpdate
from app.punchout.secrets import encrypt_secret
from app.suppliers.service import get_supplier_or_404
from catalogs.units import UNIT_CODES


def get_connection_or_404(session: Session, principal: Principal, connection_id: int) -> PunchoutConnection:
    connection = repository.get_connection(session, principal, connection_id)
    if connection is None:
        raise NotFound(
            _("Punch-out connection %(id)s was not found.") % {"id": connection_id}, code="unknown_connection"
        )
    return connection


def _check_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InvalidInput(
            _("The shop address must be a full http or https URL."), code="invalid_url", field="setup_url"
        )
    return url


def _check_unit_map(unit_map: dict[str, str]) -> dict[str, str]:
    for shop_unit, code in unit_map.items():
        if code.upper() not in UNIT_CODES:
            raise InvalidInput(
                _("%(code)s (for the shop's unit %(unit)s) is not a UN/ECE Rec 20 unit code.")
                % {"code": code, "unit": shop_unit},
                code="unknown_unit",
                field="unit_map",
            )
    return {shop_unit.strip().upper(): code.upper() for shop_unit, code in unit_map.items()}


def _check_operations(operations: list[str]) -> list[str]:
    if "create" not in operations:
        raise InvalidInput(
            _("A connection must at least allow opening the shop (create)."),
            code="invalid_operations",
            field="operations",
        )
    return [op for op in ("create", "edit", "inspect") if op in operations]


def _check_name_free(session: Session, principal: Principal, name: str, exclude_id: int | None) -> None:
    if repository.connection_name_taken(session, principal, name, exclude_id):
        raise Conflict(
            _("Another connection is already called %(name)s.") % {"name": name},
            code="duplicate_name",
            field="name",
        )


def _check_complete(connection: PunchoutConnection) -> None:
    """cXML needs the identities in the header; OCI needs nothing but the URL (credentials are optional)."""
    if connection.protocol is Protocol.cxml:
        missing = [
            name
            for name in ("from_identity", "to_identity", "sender_identity")
            if not (getattr(connection, name) or "").strip()
        ]
        if missing:
            raise InvalidInput(
                _("A cXML connection needs the From, To and Sender identities."),
                code="missing_identity",
                field=missing[0],
            )
        if not connection.has_secret:
            raise InvalidInput(
                _("A cXML connection needs the shared secret the supplier gave you."),
                code="missing_secret",
                field="shared_secret",
            )


def create_connection(session: Session, principal: Principal, data: ConnectionCreate) -> PunchoutConnection:
    require_role(principal, Role.procurement, Role.admin)
    get_supplier_or_404(session, principal, data.supplier_id)
    if data.agreement_id is not None:
        get_agreement_or_404(session, principal, data.agreement_id)
    _check_name_free(session, principal, data.name, None)
    values = data.model_dump(exclude_none=True, exclude={"shared_secret"})
    connection = PunchoutConnection(
        municipality_id=principal.municipality_id,
        **{
            **values,
            "setup_url": _check_url(data.setup_url),
            "unit_map": _check_unit_map(data.unit_map or {}),
            "operations": _check_operations(data.operations or ["create"]),
            "extrinsics": data.extrinsics or {},
            "oci_options": data.oci_options or {},
        },
    )
    if data.shared_secret:
        connection.secret_ciphertext = encrypt_secret(data.shared_secret)
    connection.from_domain = connection.from_domain or "NetworkID"
    connection.to_domain = connection.to_domain or "NetworkID"
    connection.sender_domain = connection.sender_domain or connection.from_domain
    _check_complete(connection)
    session.add(connection)
    session.flush()
    audit.record(
        session, principal, "punchout_connection.create", connection, after=audit.snapshot(connection)
    )
    return connection


def update_connection(
    session: Session, principal: Principal, connection_id: int, data: ConnectionUpdate
) -> PunchoutConnection:
    require_role(principal, Role.procurement, Role.admin)
    connection = get_connection_or_404(session, principal, connection_id)
    before = audit.snapshot(connection)
    values = data.model_dump(exclude_unset=True)
    secret = values.pop("shared_secret", None)
    if "name" in values:
        _check_name_free(session, principal, values["name"], connection.id)
    if values.get("agreement_id") is not None:
        get_agreement_or_404(session, principal, values["agreement_id"])
    if values.get("setup_url") is not None:
        values["setup_url"] = _check_url(values["setup_url"])
    if values.get("unit_map") is not None:
        values["unit_map"] = _check_unit_map(values["unit_map"])
    if values.get("operations") is not None:
        values["operations"] = _check_operations(values["operations"])
    for key, value in values.items():
        # Leaving a field out or sending null keeps it; only agreement_id may be cleared.
        if value is not None or key == "agreement_id":
            setattr(connection, key, value)
    if secret:
        # An empty secret on the form means "keep the stored one": it is never shown, so it cannot be re-sent.
        connection.secret_ciphertext = encrypt_secret(secret)
    _check_complete(connection)
    session.flush()
    audit.record(
        session,
        principal,
        "punchout_connection.update",
        connection,
        before=before,
        after=audit.snapshot(connection),
    )
    return connection
