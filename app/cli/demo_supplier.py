"""`portal demo-supplier`: the two demo shops on their own port, for punch-out against a running portal."""

import typer

from app.config import get_settings
from app.demo_supplier.server import make_server, origin
from app.demo_supplier.shops import SHOPS


def demo_supplier(
    host: str = typer.Option("127.0.0.1", help="Address to listen on"),
    port: int | None = typer.Option(None, help="Port (default: PORTAL_DEMO_SUPPLIER_PORT, else 8001)"),
) -> None:
    """Serve the demo supplier shops (cXML punch-out and SAP OCI)."""
    port = port or get_settings().demo_supplier_port
    base = origin(host, port)
    typer.echo(f"Demo supplier shops on {base}/ (cXML: {base}/cxml)")
    for shop in SHOPS:
        typer.echo(
            f"  {shop.name} (CVR {shop.cvr}, agreement {shop.agreement_number}): {', '.join(shop.protocols)}"
        )
        if shop.supports_oci:
            typer.echo(f"    OCI: {base}/oci/{shop.slug}  user {shop.oci_username}")
    make_server(host, port, log_level="info").run()
