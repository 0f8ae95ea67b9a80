"""Punch-out administration pages for the procurement office: connections, their tests and exchange log, and the
returned lines that break the agreement."""

from typing import Any, TypeVar

from fastapi import APIRouter, Request
from pydantic import BaseModel, ValidationError
from starlette.datastructures import FormData
from starlette.responses import Response

from app.agreements import repository as agreements
from app.auth.dependencies import PagePrincipal, SessionDep, require_role
from app.auth.principal import Principal
from app.kit.errors import DomainError
from app.kit.i18n import _
from app.models import Protocol, PunchoutConnection, Role
from app.punchout import connection_test, connections, oversight
from app.punchout.flags import flag_label
from app.punchout.schemas import (
    EXTRINSIC_FIELDS,
    OPERATIONS,
    ConnectionCreate,
    ConnectionTestRead,
    ConnectionUpdate,
)
from app.suppliers import repository as suppliers
from app.web.forms import FormDep, FormInvalid, form_errors, parse_form, redirect_with_message
from app.web.templates import render

router = APIRouter()

M = TypeVar("M", bound=BaseModel)
OCI_FUNCTIONS = ("DETAIL", "VALIDATE", "BACKGROUND_SEARCH")
# Form fields that are not schema fields as they stand: "Name=value" lines and the OCI options.
_COMPOSITE = {
    "extrinsics",
    "unit_map",
    "oci_username",
    "oci_username_field",
    "oci_password_field",
    "oci_method",
    "oci_functions",
    "oci_split_hook_query",
}
NEW_DEFAULTS: dict[str, Any] = {
    "protocol": "cxml",
    "from_domain": "NetworkID",
    "to_domain": "NetworkID",
    "deployment_mode": "production",
    "operations": ["create"],
    "currency": "DKK",
    "timeout_seconds": 10,
    "oci_method": "POST",
    "oci_functions": [],
    "active": True,
}


@router.get("/admin/punchout")
def connection_list(request: Request, session: SessionDep, principal: PagePrincipal) -> Response:
    rows = oversight.connection_overview(session, principal)
    return render(request, "punchout/admin_list.html", {"rows": rows})


def _form_page(
    request: Request,
    session: SessionDep,
    principal: Principal,
    values: dict[str, Any],
    errors: dict[str, str] | None = None,
    connection: PunchoutConnection | None = None,
    result: ConnectionTestRead | None = None,
) -> Response:
    context: dict[str, Any] = {
        "values": values,
        "errors": errors or {},
        "connection": connection,
        "result": result,
        "operations": OPERATIONS,
        "oci_functions": OCI_FUNCTIONS,
        "placeholders": ", ".join("{" + name + "}" for name in EXTRINSIC_FIELDS),
        "agreements": agreements.list_agreements(session, principal, joined_only=True),
    }
    if connection is None:
        context["suppliers"] = suppliers.list_suppliers(session, principal)
    else:
        context["exchanges"] = oversight.connection_exchanges(session, principal, connection.id)
    return render(request, "punchout/admin_form.html", context, status_code=422 if errors else 200)


@router.get("/admin/punchout/new")
def connection_new(request: Request, session: SessionDep, principal: PagePrincipal) -> Response:
    require_role(principal, Role.procurement, Role.admin)
    return _form_page(request, session, principal, dict(NEW_DEFAULTS))


@router.post("/admin/punchout/new")
def connection_create(
    request: Request, session: SessionDep, principal: PagePrincipal, form: FormDep
) -> Response:
    require_role(principal, Role.procurement, Role.admin)
    try:
        oci = form.get("protocol") == Protocol.oci.value
        data = _read_form(ConnectionCreate, form, keep_blank=False, oci=oci, oci_options={})
        connection = connections.create_connection(session, principal, data)
    except (FormInvalid, DomainError) as exc:
        return _form_page(request, session, principal, _echo(form), form_errors(request, exc))
    return redirect_with_message(
        f"/admin/punchout/{connection.id}", _("Connection %(name)s created.") % {"name": connection.name}
    )


@router.get("/admin/punchout/flags")
def flagged_lines(
    request: Request, session: SessionDep, principal: PagePrincipal, supplier: str | None = None
) -> Response:
    supplier_id = int(supplier) if supplier and supplier.isdigit() else None
    lines = oversight.flagged_lines(session, principal, supplier_id)
    return render(
        request,
        "punchout/admin_flags.html",
        {
            "lines": lines,
            "suppliers": oversight.suppliers_with_connections(session, principal),
            "supplier_id": supplier_id,
            "flag_label": flag_label,
        },
    )


@router.get("/admin/punchout/{connection_id}")
def connection_edit(
    connection_id: int, request: Request, session: SessionDep, principal: PagePrincipal
) -> Response:
    require_role(principal, Role.procurement, Role.admin)
    connection = connections.get_connection_or_404(session, principal, connection_id)
    return _form_page(request, session, principal, _values(connection), connection=connection)


@router.post("/admin/punchout/{connection_id}")
def connection_update(
    connection_id: int, request: Request, session: SessionDep, principal: PagePrincipal, form: FormDep
) -> Response:
    require_role(principal, Role.procurement, Role.admin)
    # Loaded before the form is read, so another municipality's id is a 404 whatever was posted.
    connection = connections.get_connection_or_404(session, principal, connection_id)
    try:
        data = _read_form(
            ConnectionUpdate,
            form,
            keep_blank=True,
            oci=connection.protocol is Protocol.oci,
            oci_options=connection.oci_options,
        )
        connections.update_connection(session, principal, connection.id, data)
    except (FormInvalid, DomainError) as exc:
        errors = form_errors(request, exc)
        session.expire(connection)
        connection = connections.get_connection_or_404(session, principal, connection_id)
        return _form_page(request, session, principal, _echo(form), errors, connection)
    return redirect_with_message(f"/admin/punchout/{connection_id}", _("The connection was saved."))


@router.post("/admin/punchout/{connection_id}/test")
def connection_test_run(
    connection_id: int, request: Request, session: SessionDep, principal: PagePrincipal
) -> Response:
    result = connection_test.test_connection(session, principal, connection_id)
    connection = connections.get_connection_or_404(session, principal, connection_id)
    return _form_page(request, session, principal, _values(connection), connection=connection, result=result)


def _read_form(
    schema: type[M], form: FormData, *, keep_blank: bool, oci: bool, oci_options: dict[str, Any]
) -> M:
    """The form as the API's schema: "Name=value" lines become mappings and the OCI fields the options."""
    plain = FormData([(k, v) for k, v in form.multi_items() if k not in _COMPOSITE])
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    try:
        values = parse_form(
            schema, plain, lists=("operations",), flags=("active",), keep_blank=keep_blank
        ).model_dump(exclude_unset=True)
    except FormInvalid as exc:
        errors.update(exc.errors)
    example = {
        "extrinsics": _("Line %(number)s: write Name=template, e.g. UserEmail={email}."),
        "unit_map": _("Line %(number)s: write the shop's unit = UN/ECE code, e.g. STK=EA."),
    }
    for field, message in example.items():
        try:
            values[field] = _pairs(form.get(field), message)
        except ValueError as exc:
            errors.setdefault(field, str(exc))
    if oci:
        values["oci_options"] = _oci_options(form, oci_options)
    if errors:
        raise FormInvalid(errors)
    try:
        return schema.model_validate(values)
    except ValidationError as exc:
        # Only the mappings are new here; their one rule is the placeholders an extrinsic may use.
        field = str(exc.errors()[0]["loc"][0])
        if field == "extrinsics":
            raise FormInvalid(
                {
                    field: _("Use only these placeholders: %(names)s.")
                    % {"names": ", ".join("{" + name + "}" for name in EXTRINSIC_FIELDS)}
                }
            ) from None
        raise FormInvalid({field: _("The value is not valid.")}) from None


def _pairs(text: object, message: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for number, raw in enumerate(str(text or "").splitlines(), start=1):
        if not raw.strip():
            continue
        name, sep, value = raw.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise ValueError(message % {"number": number})
        pairs[name.strip()] = value.strip()
    return pairs


def _oci_options(form: FormData, existing: dict[str, Any]) -> dict[str, Any]:
    # Options the form does not show (oci_version, set through the API) are kept.
    options = dict(existing or {})
    for key in ("username", "username_field", "password_field"):
        value = str(form.get(f"oci_{key}") or "").strip()
        if value:
            options[key] = value
        else:
            options.pop(key, None)
    options["method"] = "GET" if form.get("oci_method") == "GET" else "POST"
    options["functions"] = [f for f in form.getlist("oci_functions") if f in OCI_FUNCTIONS]
    options["split_hook_query"] = "oci_split_hook_query" in form
    return options


def _values(connection: PunchoutConnection) -> dict[str, Any]:
    options = connection.oci_options or {}
    return {
        **{c.key: getattr(connection, c.key) for c in PunchoutConnection.__table__.columns},
        "protocol": connection.protocol.value,
        "extrinsics": "\n".join(f"{k}={v}" for k, v in (connection.extrinsics or {}).items()),
        "unit_map": "\n".join(f"{k}={v}" for k, v in (connection.unit_map or {}).items()),
        "oci_username": options.get("username"),
        "oci_username_field": options.get("username_field"),
        "oci_password_field": options.get("password_field"),
        "oci_method": options.get("method") or "POST",
        "oci_functions": options.get("functions") or [],
        "oci_split_hook_query": bool(options.get("split_hook_query")),
        "secret_ciphertext": None,
    }


def _echo(form: FormData) -> dict[str, Any]:
    """The submitted values, to fill the form again after an error; the secret is never sent back."""
    values: dict[str, Any] = {k: v for k, v in form.items() if isinstance(v, str) and k != "shared_secret"}
    values["operations"] = form.getlist("operations")
    values["oci_functions"] = form.getlist("oci_functions")
    values["active"] = "active" in form
    values["oci_split_hook_query"] = "oci_split_hook_query" in form
    return values
