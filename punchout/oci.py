"""SAP OCI 4.0/5.0 call-up: the form fields (or URL) that open a supplier's catalogue in the browser.

OCI has no server-to-server step and no BuyerCookie: put a one-time token in HOOK_URL (reference §12).
The login fields are visible to the user, and with GET they sit in the URL, which is why cXML is preferred.
"""

from collections.abc import Collection, Iterable
from decimal import Decimal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from punchout.errors import BuildError
from punchout.oci_cart import build_oci_cart_fields, parse_oci_cart
from punchout.values import format_decimal

__all__ = ["build_oci_call_up", "build_oci_cart_fields", "oci_call_up_url", "parse_oci_cart"]

# OCI 5 functions and the parameters each needs (https://docs.agiqon-connector.de/en/user/oci/oci-functions).
FUNCTION_PARAMETERS = {
    "DETAIL": ("PRODUCTID",),
    "VALIDATE": ("PRODUCTID", "QUANTITY"),
    "SOURCING": ("SEARCHSTRING",),
    "BACKGROUND_SEARCH": ("SEARCHSTRING",),
}


def build_oci_call_up(
    hook_url: str,
    login_fields: Iterable[tuple[str, str]] = (),
    *,
    function: str | None = None,
    supported_functions: Collection[str] | None = None,
    product_id: str | None = None,
    search_string: str | None = None,
    quantity: Decimal | None = None,
    target: str = "_top",
    caller: str = "CTLG",
    ok_code: str = "ADDI",
    split_hook_query: bool = False,
    extra_fields: Iterable[tuple[str, str]] = (),
) -> list[tuple[str, str]]:
    """The ordered call-up fields: login fields as configured per shop, HOOK_URL, ~OkCode, ~TARGET, ~CALLER,
    then FUNCTION and its parameters, then anything shop-specific (OCI_VERSION, sap-client …).

    `split_hook_query` sends a HOOK_URL's query string as separate fields instead of inside HOOK_URL; the
    sources disagree on which shops expect (reference §12), so the connection settings decide.
    """
    fields = [(name, value) for name, value in login_fields]
    hook_fields: list[tuple[str, str]] = []
    if split_hook_query:
        parts = urlsplit(hook_url)
        hook_fields = parse_qsl(parts.query, keep_blank_values=True)
        hook_url = urlunsplit(parts._replace(query=""))
    fields.append(("HOOK_URL", hook_url))
    fields.extend(hook_fields)
    fields += [("~OkCode", ok_code), ("~TARGET", target), ("~CALLER", caller)]
    if function:
        fields += _function_fields(function, supported_functions, product_id, search_string, quantity)
    fields.extend(extra_fields)
    return fields


def _function_fields(
    function: str,
    supported: Collection[str] | None,
    product_id: str | None,
    search_string: str | None,
    quantity: Decimal | None,
) -> list[tuple[str, str]]:
    name = function.upper()
    if name not in FUNCTION_PARAMETERS:
        raise BuildError(f"unknown OCI function {function!r}")
    if supported is not None and name not in {s.upper() for s in supported}:
        # Many shops lack these (Mercateo has no BACKGROUND_SEARCH); asking anyway fails in the browser.
        raise BuildError(f"this shop does not support OCI FUNCTION={name}")
    values = {
        "PRODUCTID": product_id,
        "SEARCHSTRING": search_string,
        "QUANTITY": format_decimal(quantity) if quantity is not None else None,
    }
    fields = [("FUNCTION", name)]
    for param in FUNCTION_PARAMETERS[name]:
        if not values[param]:
            raise BuildError(f"OCI FUNCTION={name} needs {param}")
        fields.append((param, values[param]))
    return fields


def oci_call_up_url(catalog_url: str, fields: Iterable[tuple[str, str]]) -> str:
    """The call-up as a GET URL (Mercateo accepts GET only), keeping any query the catalogue URL has.

    Prefer a POST form where the shop allows it: GET puts the login fields into logs and history.
    """
    parts = urlsplit(catalog_url)
    query = parse_qsl(parts.query, keep_blank_values=True) + list(fields)
    return urlunsplit(parts._replace(query=urlencode(query)))
