"""The two demo shops and everything a buyer needs to connect to them.

The portal's demo seeding imports these constants to configure its supplier connections, so the names and
values here are the contract between the two sides: change them in one place only.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class CxmlIdentity:
    """A cXML Credential without its secret: a free-string domain and the Identity in it (reference §3)."""

    domain: str
    identity: str

    def matches(self, domain: str, identity: str) -> bool:
        # Domains arrive as NetworkID, NetworkId and Networkid (reference §3); identities are exact.
        return self.domain.lower() == domain.strip().lower() and self.identity == identity.strip()


@dataclass(frozen=True)
class DemoShop:
    """One supplier web shop. `slug` names it in URLs; `accent` colours its pages."""

    slug: str
    name: str
    cvr: str
    gln: str
    agreement_number: str
    protocols: tuple[str, ...]
    # cXML: the shop is To, the buyer is From, and the buyer's system is Sender with the shared secret.
    supplier_identity: CxmlIdentity
    buyer_identities: tuple[CxmlIdentity, ...]
    sender_identity: CxmlIdentity
    shared_secret: str
    # The highest operation the buyer may use later on a returned cart (PunchOutOrderMessageHeader).
    operation_allowed: str
    oci_username: str | None = None
    oci_password: str | None = None
    currency: str = "DKK"
    tagline: str = ""
    accent: str = "#1d5c3a"

    @property
    def supports_oci(self) -> bool:
        return "oci" in self.protocols

    @property
    def supports_cxml(self) -> bool:
        return "cxml" in self.protocols


# Søbjerg Kommune, the demo municipality (app/demo/seed.py), as both shops know it.
BUYER_GLN = CxmlIdentity("GLN", "5798000123458")
BUYER_NETWORK_ID = CxmlIdentity("NetworkID", "SOEBJERG-KOMMUNE")
# The portal itself, the system that sends the documents.
PORTAL_SENDER = CxmlIdentity("NetworkID", "EHANDEL-PORTAL-DEMO")

NORDFRUGT_IDENTITY = CxmlIdentity("GLN", "5790000000012")
NORDFRUGT_SHARED_SECRET = "nordfrugt-demo-hemmelighed-5090"

DATALOSNINGER_IDENTITY = CxmlIdentity("GLN", "5790000000043")
DATALOSNINGER_SHARED_SECRET = "datalosninger-demo-hemmelighed-0204"
DATALOSNINGER_OCI_USERNAME = "soebjerg"
DATALOSNINGER_OCI_PASSWORD = "oci-demo-0204"

NORDFRUGT = DemoShop(
    slug="nordfrugt",
    name="Nordfrugt Engros A/S",
    cvr="30876547",
    gln="5790000000012",
    agreement_number="50.90",
    protocols=("cxml",),
    supplier_identity=NORDFRUGT_IDENTITY,
    buyer_identities=(BUYER_GLN, BUYER_NETWORK_ID),
    sender_identity=PORTAL_SENDER,
    shared_secret=NORDFRUGT_SHARED_SECRET,
    operation_allowed="edit",
    tagline="Fødevarer til storkøkkener og institutioner",
    accent="#1d5c3a",
)

DATALOSNINGER = DemoShop(
    slug="datalosninger",
    name="Dataløsninger A/S",
    cvr="33421788",
    gln="5790000000043",
    agreement_number="02.04",
    protocols=("cxml", "oci"),
    supplier_identity=DATALOSNINGER_IDENTITY,
    buyer_identities=(BUYER_GLN, BUYER_NETWORK_ID),
    sender_identity=PORTAL_SENDER,
    shared_secret=DATALOSNINGER_SHARED_SECRET,
    operation_allowed="create",
    oci_username=DATALOSNINGER_OCI_USERNAME,
    oci_password=DATALOSNINGER_OCI_PASSWORD,
    tagline="Computere, tilbehør og klargøring til det offentlige",
    accent="#1f4e8c",
)

SHOPS: tuple[DemoShop, ...] = (NORDFRUGT, DATALOSNINGER)


def shop_by_slug(slug: str) -> DemoShop | None:
    return next((shop for shop in SHOPS if shop.slug == slug), None)


def shop_by_cvr(cvr: str) -> DemoShop | None:
    return next((shop for shop in SHOPS if shop.cvr == cvr), None)
