"""Who may punch out: the cXML Header checked against the shop's configuration, as a real supplier does.

To picks the shop, From must be a buyer the shop knows, and the Sender credential must carry the shared
secret. Status texts are English: cXML is read by machines and logged by the buyer.
"""

import hmac

from app.demo_supplier.shops import SHOPS, DemoShop
from punchout import Envelope


class CredentialError(Exception):
    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(detail)


def authenticate(envelope: Envelope) -> DemoShop:
    shop = next(
        (
            shop
            for shop in SHOPS
            if shop.supports_cxml
            and any(shop.supplier_identity.matches(c.domain, c.identity) for c in envelope.to_credentials)
        ),
        None,
    )
    if shop is None:
        raise CredentialError("The To credential names no supplier served here.")
    known_buyer = any(
        buyer.matches(c.domain, c.identity)
        for buyer in shop.buyer_identities
        for c in envelope.from_credentials
    )
    if not known_buyer:
        raise CredentialError(f"The From credential is not a customer of {shop.name}.")
    secrets = [
        (c.shared_secret or "").encode()
        for c in envelope.sender_credentials
        if shop.sender_identity.matches(c.domain, c.identity)
    ]
    # Compare every candidate in constant time, so the reply's timing says nothing about the secret.
    matches = [hmac.compare_digest(s, shop.shared_secret.encode()) for s in secrets]
    if not any(matches):
        raise CredentialError("Sender credential or SharedSecret not recognised.")
    return shop
