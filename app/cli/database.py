"""`portal db …` and `portal serve`."""

import typer
import uvicorn

from app.cli import migrate
from app.config import get_settings
from app.kit.db import get_engine

app = typer.Typer(no_args_is_help=True)


@app.command()
def upgrade(revision: str = typer.Argument("head")) -> None:
    """Apply migrations up to REVISION (default: head)."""
    migrate.upgrade(revision=revision)
    typer.echo(f"Database at {migrate.current_revision(get_engine())}")


@app.command()
def downgrade(revision: str = typer.Argument("-1", help='A revision, "-1" for one step, or "base"')) -> None:
    """Revert migrations down to REVISION."""
    migrate.downgrade(revision=revision)
    typer.echo(f"Database at {migrate.current_revision(get_engine()) or 'base'}")


@app.command()
def current() -> None:
    """Show the database's revision and the newest one in the code."""
    typer.echo(f"database: {migrate.current_revision(get_engine()) or 'base (empty)'}")
    typer.echo(f"code:     {migrate.head_revision()}")


@app.command()
def check() -> None:
    """Fail when the database is not at head or the models differ from the migrations."""
    engine = get_engine()
    at, head = migrate.current_revision(engine), migrate.head_revision()
    if at != head:
        typer.secho(
            f"Database is at {at or 'base'}, code is at {head}: run `portal db upgrade`.", fg="red", err=True
        )
        raise typer.Exit(1)
    differences = migrate.drift(engine)
    if differences:
        typer.secho("Models and migrations differ:", fg="red", err=True)
        for diff in differences:
            typer.echo(f"  {diff}", err=True)
        raise typer.Exit(1)
    typer.echo("Database is at head and matches the models.")


def ensure_migrated() -> None:
    engine = get_engine()
    at, head = migrate.current_revision(engine), migrate.head_revision()
    if at != head:
        typer.secho(
            f"The database is at {at or 'base'} but the code needs {head}. Run `portal db upgrade` first.",
            fg="red",
            err=True,
        )
        raise typer.Exit(1)


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on"),
    port: int = typer.Option(8000, help="Port"),
    workers: int = typer.Option(1, help="Worker processes (PostgreSQL for more than one)"),
) -> None:
    """Serve the portal with uvicorn."""
    ensure_migrated()
    # Generate the key file now, once, rather than racing to create it in every worker.
    get_settings().resolved_secret_key()
    if workers > 1 and get_settings().is_sqlite:
        typer.secho(
            "Several workers on SQLite will queue on its single writer; use PostgreSQL for that.",
            fg="yellow",
            err=True,
        )
    uvicorn.run(
        "app.main:create_served_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        log_level=get_settings().log_level.lower(),
    )
