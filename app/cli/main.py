"""`portal`: run, migrate and administer the portal from the command line."""

import sys

import typer
from sqlalchemy.exc import OperationalError

from app.cli import accounts, catalogue, database, demo, demo_supplier, punchout
from app.kit.i18n import current_language

app = typer.Typer(help="The e-handel portal.", no_args_is_help=True, pretty_exceptions_enable=False)


@app.callback()
def _language() -> None:
    # Operators read the command line in English, like its help; the pages speak the user's language.
    current_language.set("en")


app.add_typer(database.app, name="db", help="Database migrations.")
app.add_typer(accounts.user_app, name="user", help="Users.")
app.add_typer(accounts.token_app, name="token", help="API tokens for machine clients and scripts.")
app.add_typer(accounts.municipality_app, name="municipality", help="Municipalities (tenants).")
app.add_typer(catalogue.app, name="catalog", help="Agreement e-catalogues.")
app.add_typer(punchout.app, name="punchout", help="Punch-out connections to supplier shops.")
app.command("serve")(database.serve)
app.command("demo")(demo.demo)
app.command("seed-demo")(demo.seed_demo)
app.command("demo-supplier")(demo_supplier.demo_supplier)


def main() -> None:
    try:
        app()
    except OperationalError as exc:
        typer.secho(f"Database error: {exc.orig}", fg="red", err=True)
        typer.echo(
            "Check PORTAL_DATABASE_URL, that the database server is running, and that "
            "`portal db upgrade` has been run.",
            err=True,
        )
        sys.exit(2)
