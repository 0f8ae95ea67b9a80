"""Punch-out protocols for the buyer side: cXML 1.2.x and SAP OCI 4.0/5.0.

Pure protocol code: building and parsing documents and forms. No web framework, no database; the
application layer stores what these functions return and decides what to do with warnings.
"""

from punchout.cart_checks import (
    CURRENCY_MISMATCH,
    DUPLICATE_LINE,
    MISSING_PRICE,
    NEGATIVE_QUANTITY,
    SHARED_SECRET_IN_CART,
    TOTAL_MISMATCH,
)
from punchout.cxml_build import (
    build_order_request,
    build_profile_request,
    build_setup_request,
    cxml_timestamp,
    new_buyer_cookie,
    new_payload_id,
)
from punchout.cxml_envelope import DEFAULT_VERSION
from punchout.cxml_parse import (
    parse_confirmation,
    parse_order_message,
    parse_profile_response,
    parse_setup_response,
    parse_status,
)
from punchout.errors import (
    BuildError,
    MalformedDocumentError,
    PayloadTooLargeError,
    PunchoutError,
    UnsafeXmlError,
)
from punchout.form_return import decode_base64_cart, extract_cart
from punchout.model import (
    Address,
    Cart,
    CartLine,
    CartWarning,
    Contact,
    Credential,
    Envelope,
    ItemRef,
    PriceBasis,
    ProfileResponse,
    SetupRequest,
    SetupResponse,
    Status,
    Warning,
)
from punchout.model_order import (
    Confirmation,
    ConfirmationItem,
    ConfirmationStatusLine,
    OrderLine,
    OrderRequest,
)
from punchout.oci import build_oci_call_up, oci_call_up_url
from punchout.oci_cart import build_oci_cart_fields, parse_oci_cart
from punchout.redact import redact_fields, redact_secrets
from punchout.supplier import (
    build_order_message,
    build_profile_response,
    build_setup_response,
    build_status_response,
    parse_setup_request,
)
from punchout.xmlsafe import DEFAULT_MAX_BYTES, parse_xml

__all__ = [
    "CURRENCY_MISMATCH",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_VERSION",
    "DUPLICATE_LINE",
    "MISSING_PRICE",
    "NEGATIVE_QUANTITY",
    "SHARED_SECRET_IN_CART",
    "TOTAL_MISMATCH",
    "Address",
    "BuildError",
    "Cart",
    "CartLine",
    "CartWarning",
    "Confirmation",
    "ConfirmationItem",
    "ConfirmationStatusLine",
    "Contact",
    "Credential",
    "Envelope",
    "ItemRef",
    "MalformedDocumentError",
    "OrderLine",
    "OrderRequest",
    "PayloadTooLargeError",
    "PriceBasis",
    "ProfileResponse",
    "PunchoutError",
    "SetupRequest",
    "SetupResponse",
    "Status",
    "UnsafeXmlError",
    "Warning",
    "build_oci_call_up",
    "build_oci_cart_fields",
    "build_order_message",
    "build_order_request",
    "build_profile_request",
    "build_profile_response",
    "build_setup_request",
    "build_setup_response",
    "build_status_response",
    "cxml_timestamp",
    "decode_base64_cart",
    "extract_cart",
    "new_buyer_cookie",
    "new_payload_id",
    "oci_call_up_url",
    "parse_confirmation",
    "parse_oci_cart",
    "parse_order_message",
    "parse_profile_response",
    "parse_setup_request",
    "parse_setup_response",
    "parse_status",
    "parse_xml",
    "redact_fields",
    "redact_secrets",
]
