"""`portal user add`, `portal token create`, `portal municipality add`."""

import sys
from datetime import timedelta

import typer
from pydantic import ValidationError

from app.auth import repository as auth_repository
from app.auth import service as auth_service
from app.kit.db import unit_of_work
from app.kit.errors import DomainError
from app.models import Role
from app.models.base import utcnow
from app.org import repository as org
from app.org import service as org_service
from app.users import service as users
from app.users.schemas import RoleGrant, UserCreate

user_app = typer.Typer(no_args_is_help=True)
token_app = typer.Typer(no_args_is_help=True)
municipality_app = typer.Typer(no_args_is_help=True)


def _fail(message: str) -> None:
    typer.secho(message, fg="red", err=True)
    sys.exit(1)


@municipality_app.command("add")
def municipality_add(
    name: str = typer.Option(...), cvr: str = typer.Option(...), gln: str = typer.Option(...)
) -> None:
    """Add a municipality (a tenant)."""
    try:
        with unit_of_work() as session, session.begin():
            town = org_service.create_municipality(session, name=name, cvr=cvr, gln=gln)
            typer.echo(f"Municipality {town.name} created with id {town.id}")
    except DomainError as exc:
        _fail(exc.message)


@user_app.command("add")
def user_add(
    email: str = typer.Option(...),
    name: str = typer.Option(...),
    password: str = typer.Option(..., prompt=True, hide_input=True),
    role: list[Role] = typer.Option([], help="May be given several times"),
    department: str | None = typer.Option(
        None, help="Department name or id: home department and where roles apply"
    ),
    municipality: str | None = typer.Option(
        None, help="Municipality CVR; may be left out when there is only one"
    ),
    spending_limit: str | None = typer.Option(None, help="Råderum in DKK"),
) -> None:
    """Add a user with roles."""
    try:
        with unit_of_work() as session, session.begin():
            towns = org.list_municipalities(session)
            if municipality:
                town = org.get_municipality_by_cvr(session, municipality)
                if town is None:
                    _fail(f"No municipality has CVR {municipality}.")
            elif len(towns) == 1:
                town = towns[0]
            else:
                _fail("Name the municipality with --municipality CVR.")
            department_id = None
            if department:
                found = org.find_department(session, town.id, department)
                if found is None:
                    _fail(f"Unknown department in {town.name}: {department}")
                department_id = found.id
            data = UserCreate(
                email=email,
                name=name,
                password=password,
                department_id=department_id,
                spending_limit=spending_limit,
                roles=[RoleGrant(role=r, department_id=department_id) for r in role],
            )
            user = users.create_user(session, "cli", data, municipality_id=town.id)
            typer.echo(f"User {user.email} created with id {user.id}")
    except ValidationError as exc:
        _fail("; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()))
    except DomainError as exc:
        _fail(exc.message)


@token_app.command("create")
def token_create(
    user: str = typer.Option(..., help="The e-mail of the user the token acts as"),
    name: str = typer.Option("cli", help="What the token is for"),
    days: int | None = typer.Option(None, help="Expire after this many days (default: never)"),
) -> None:
    """Create an API token. The token is printed once, on the last line."""
    with unit_of_work() as session, session.begin():
        account = auth_repository.get_user_by_email(session, user)
        if account is None:
            _fail(f"No user has e-mail {user}.")
        expires = utcnow() + timedelta(days=days) if days else None
        token = auth_service.create_api_token(session, account, name, expires)
    typer.echo(f"Token for {user} ({name}); send it as 'Authorization: Bearer <token>':", err=True)
    typer.echo(token)
