"""`portal punchout …`: add, list and test a municipality's connections to supplier shops."""

import dataclasses
import json
import sys

import typer
from pydantic import ValidationError
from sqlalchemy.orm import Session

from app.agreements import repository as agreements
from app.auth.principal import Principal
from app.cli.principal import platform_principal
from app.kit.db import unit_of_work
from app.kit.errors import DomainError
from app.kit.identifiers import check_cvr
from app.models import Protocol, Role
from app.punchout import connection_test, oversight
from app.punchout.connections import create_connection
from app.punchout.schemas import ConnectionCreate, ConnectionRead
from app.suppliers import repository as suppliers

app = typer.Typer(no_args_is_help=True)
ACTOR = "cli"


class _Refused(Exception):
    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def _fail(message: str, as_json: bool, code: str = "error", **extra: object) -> None:
    if as_json:
        typer.echo(json.dumps({"error": {"code": code, "message": message, **extra}}, ensure_ascii=False))
    else:
        typer.secho(message, fg="red", err=True)
    sys.exit(1)


def _office(session: Session, municipality: str | None) -> Principal:
    """The platform acting as the municipality's procurement office, which is who manages connections."""
    principal = platform_principal(session, municipality)
    if principal is None:
        if municipality:
            raise _Refused(f"No municipality has CVR {municipality}.", "unknown_municipality")
        raise _Refused("Name the municipality with --municipality CVR.", "unknown_municipality")
    return dataclasses.replace(principal, coverage={Role.procurement: None})


def _print_connection(row: ConnectionRead, supplier: str) -> None:
    state = "active" if row.active else "inactive"
    typer.echo(
        f"{row.id:>5}  {row.name:<30} {supplier:<30} {row.protocol.value:<5} {state:<8} "
        f"{','.join(row.operations):<20} {row.setup_url}"
    )


@app.command("add")
def add(
    supplier: str = typer.Option(..., help="The supplier's CVR"),
    agreement: str | None = typer.Option(None, help='The agreement number, e.g. "50.90"'),
    protocol: Protocol = typer.Option(..., help="cxml or oci"),
    url: str = typer.Option(..., help="The shop's setup URL (cXML) or call-up URL (OCI)"),
    from_domain: str | None = typer.Option(None, help="Default NetworkID"),
    from_identity: str | None = typer.Option(None),
    to_domain: str | None = typer.Option(None, help="Default NetworkID"),
    to_identity: str | None = typer.Option(None),
    sender_domain: str | None = typer.Option(None, help="Default: the From domain"),
    sender_identity: str | None = typer.Option(None),
    shared_secret: str | None = typer.Option(None, help="cXML shared secret or OCI shop password"),
    name: str | None = typer.Option(None, help="Default: the supplier's name"),
    municipality: str | None = typer.Option(None, help="Municipality CVR; default: the only one"),
    operations: str = typer.Option("create", help="Comma-separated: create,edit,inspect"),
    extrinsic: list[str] = typer.Option([], help="Name=template, e.g. UserEmail={email}; may be repeated"),
    deployment_mode: str | None = typer.Option(None, help="production or test"),
    currency: str | None = typer.Option(None, help="Default DKK"),
    as_json: bool = typer.Option(False, "--json", help="Print the connection as JSON"),
) -> None:
    """Add a punch-out connection for a municipality; prints it with its id (never the secret)."""
    try:
        with unit_of_work() as session, session.begin():
            principal = _office(session, municipality)
            found = suppliers.get_by_cvr(session, check_cvr(supplier))
            if found is None:
                raise _Refused(f"No supplier has CVR {supplier}.", "unknown_supplier")
            agreement_id = None
            if agreement:
                joined = agreements.find_by_number(session, principal, agreement)
                if joined is None:
                    raise _Refused(
                        f"The municipality has not joined an agreement numbered {agreement}.",
                        "unknown_agreement",
                    )
                agreement_id = joined.id
            extrinsics = {}
            for pair in extrinsic:
                key, sep, template = pair.partition("=")
                if not sep or not key.strip():
                    raise _Refused(f"Write --extrinsic as Name=template, not {pair!r}.", "invalid_extrinsic")
                extrinsics[key.strip()] = template
            data = ConnectionCreate.model_validate(
                {
                    key: value
                    for key, value in {
                        "supplier_id": found.id,
                        "agreement_id": agreement_id,
                        "name": name or found.name,
                        "protocol": protocol,
                        "setup_url": url,
                        "from_domain": from_domain,
                        "from_identity": from_identity,
                        "to_domain": to_domain,
                        "to_identity": to_identity,
                        "sender_domain": sender_domain,
                        "sender_identity": sender_identity,
                        "shared_secret": shared_secret,
                        "deployment_mode": deployment_mode,
                        "extrinsics": extrinsics,
                        "operations": [op.strip() for op in operations.split(",") if op.strip()],
                        "currency": currency,
                    }.items()
                    if value is not None
                }
            )
            connection = create_connection(session, principal, data)
            row = ConnectionRead.model_validate(connection)
            supplier_name = found.name
    except _Refused as exc:
        _fail(exc.message, as_json, exc.code)
        return
    except DomainError as exc:
        _fail(exc.message, as_json, exc.code, **({"field": exc.field} if exc.field else {}))
        return
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        _fail(f"Invalid connection: {problems}", as_json, "invalid_input")
        return
    if as_json:
        typer.echo(row.model_dump_json(indent=2))
        return
    typer.echo(f"Connection {row.name} to {supplier_name} created with id {row.id}")


@app.command("list")
def list_connections(
    municipality: str | None = typer.Option(None, help="Municipality CVR; default: the only one"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """List a municipality's punch-out connections, active and inactive."""
    try:
        with unit_of_work() as session:
            principal = _office(session, municipality)
            found = oversight.list_connections(session, principal)
            rows = [(ConnectionRead.model_validate(c), c.supplier.name) for c in found]
    except _Refused as exc:
        _fail(exc.message, as_json, exc.code)
        return
    if as_json:
        typer.echo(
            json.dumps(
                [{**row.model_dump(mode="json"), "supplier": supplier} for row, supplier in rows],
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    for row, supplier in rows:
        _print_connection(row, supplier)


@app.command("test")
def test(
    connection_id: int,
    municipality: str | None = typer.Option(None, help="Municipality CVR; default: the only one"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Send a ProfileRequest (or a setup request) to the shop and report the answer; exit 1 when it fails."""
    try:
        # Committed even when the test fails: the logged exchange is what explains the failure.
        with unit_of_work() as session, session.begin():
            principal = _office(session, municipality)
            result = connection_test.test_connection(session, principal, connection_id)
    except _Refused as exc:
        _fail(exc.message, as_json, exc.code)
        return
    except DomainError as exc:
        _fail(exc.message, as_json, exc.code)
        return
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
    else:
        status = ", ".join(
            part
            for part in (
                f"HTTP {result.http_status}" if result.http_status is not None else "",
                f"cXML {result.cxml_status}" if result.cxml_status is not None else "",
                f"{result.duration_ms} ms" if result.duration_ms is not None else "",
            )
            if part
        )
        typer.echo(f"{'OK' if result.ok else 'FAILED'} ({result.kind}{', ' + status if status else ''})")
        typer.echo(f"  {result.message}")
        if result.operations:
            typer.echo(f"  operations: {', '.join(result.operations)}")
    if not result.ok:
        sys.exit(1)
