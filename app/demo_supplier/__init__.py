"""The demo supplier: two fictional Danish web shops that speak cXML punch-out and SAP OCI for real.

A separate app on its own origin, used by `portal demo` and the browser tests. It never touches the portal's
database; the session lives in signed tokens and the cart in a signed cookie.
"""

from app.demo_supplier.app import create_supplier_app
from app.demo_supplier.server import origin, serve_in_background

__all__ = ["create_supplier_app", "origin", "serve_in_background"]
