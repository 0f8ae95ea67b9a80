"""`portal demo` and `portal seed-demo`."""

import typer

from app.cli import migrate
from app.cli.database import ensure_migrated, serve
from app.config import get_settings
from app.demo.seed import DEMO_PASSWORD, USERS
from app.demo.seed import seed_demo as seed
from app.kit.db import unit_of_work


def seed_demo() -> None:
    """Create the demo municipality (if it is not there yet)."""
    ensure_migrated()
    with unit_of_work() as session, session.begin():
        town = seed(session)
    typer.echo("Demo municipality created." if town else "The demo municipality is there already.")


def demo(
    host: str = typer.Option("127.0.0.1", help="Address to listen on"),
    port: int = typer.Option(8000, help="Port"),
) -> None:
    """Migrate, seed the demo municipality if needed, print the demo sign-ins, and serve."""
    migrate.upgrade()
    seed_demo()
    typer.echo("")
    typer.echo(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
    for person in USERS:
        typer.echo(f"  {person.email:<24} {person.description}")
    typer.echo("")
    supplier_port = get_settings().demo_supplier_port
    # The demo supplier shops run on their own origin, as a real supplier's would, so the cart comes back to the
    # portal as a genuine cross-site form post.
    from app.demo_supplier.server import serve_in_background

    serve_in_background(host, supplier_port)
    typer.echo(f"Demo supplier shops (cXML and OCI): http://{host}:{supplier_port}/")
    typer.echo(f"Open http://{host}:{port}/ in a browser.")
    serve(host=host, port=port, workers=1)
