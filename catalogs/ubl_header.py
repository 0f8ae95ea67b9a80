"""UBL catalogue documents: which root elements we accept, and what their header says.

Peppol BIS Catalogue 3 and OIOUBL 2.1 share the UBL 2.1 Catalogue structure. OIOUBL also sends partial updates
as separate documents (CataloguePricingUpdate, CatalogueItemSpecificationUpdate) and whole-catalogue deletions
(CatalogueDeletion, which has no lines).
"""

import re
from typing import NamedTuple

from lxml import etree

from catalogs import errors
from catalogs.errors import CatalogFileError, LineError
from catalogs.model import CatalogueHeader, Party
from catalogs.values import FieldProblem, parse_date

CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
NS = {"cac": CAC, "cbc": CBC}
_DOC_NS = "urn:oasis:names:specification:ubl:schema:xsd:{}-2"

PEPPOL_CUSTOMIZATION = "urn:fdc:peppol.eu:poacc:trns:catalogue:3"
PEPPOL_PROFILES = (
    "urn:fdc:peppol.eu:poacc:bis:catalogue_only:3",
    "urn:fdc:peppol.eu:poacc:bis:catalogue_wo_response:3",
)
CVR_SCHEMES = {"0184", "DK:CVR", "9902"}
HEADER_ACTIONS = {"add": "add", "replace": "replace", "update": "update", "delete": "delete"}


class DocumentType(NamedTuple):
    name: str
    line_tag: str | None
    kind: str | None
    default_action: str


DOCUMENT_TYPES = {
    f"{{{_DOC_NS.format(d.name)}}}{d.name}": d
    for d in (
        DocumentType("Catalogue", "CatalogueLine", None, "replace"),
        DocumentType("CataloguePricingUpdate", "CataloguePricingUpdateLine", "pricing", "update"),
        DocumentType(
            "CatalogueItemSpecificationUpdate",
            "CatalogueItemSpecificationUpdateLine",
            "specification",
            "update",
        ),
        DocumentType("CatalogueDeletion", None, None, "delete"),
    )
}


def document_type(root_tag: str) -> DocumentType:
    doc = DOCUMENT_TYPES.get(root_tag)
    if doc is None:
        qname = etree.QName(root_tag)
        found = f"{qname.localname} ({qname.namespace})" if qname.namespace else qname.localname
        raise CatalogFileError(
            f"expected a UBL Catalogue document, found {found}",
            xpath=f"/{qname.localname}",
            code=errors.WRONG_DOCUMENT_TYPE,
        )
    return doc


def read_header(root: etree._Element, doc: DocumentType) -> CatalogueHeader:
    """The header elements precede the first line, so they are complete when the first line starts."""
    top = f"/{doc.name}"
    header = CatalogueHeader(
        format="ubl", document_type=doc.name, encoding=root.getroottree().docinfo.encoding
    )
    header.customization_id = _text(root, "cbc:CustomizationID")
    header.profile_id = _text(root, "cbc:ProfileID")
    custom = header.customization_id or ""
    header.syntax = (
        "peppol"
        if custom.startswith(PEPPOL_CUSTOMIZATION)
        else "oioubl"
        if custom.upper().startswith("OIOUBL-2")
        else "ubl"
    )
    header.catalogue_id = _text(root, "cbc:ID")
    header.name = _text(root, "cbc:Name")
    header.version_id = _text(root, "cbc:VersionID")
    header.contract_id = _text(root, "cac:ReferencedContract/cbc:ID")
    header.related_catalogue_id = _text(root, "cac:RelatedCatalogueReference/cbc:ID") or _text(
        root, "cac:SourceCatalogueReference/cbc:ID"
    )
    header.deleted_catalogue_id = _text(root, "cac:DeletedCatalogueReference/cbc:ID")
    for name, path in (
        ("issue_date", "cbc:IssueDate"),
        ("valid_from", "cac:ValidityPeriod/cbc:StartDate"),
        ("valid_to", "cac:ValidityPeriod/cbc:EndDate"),
    ):
        element = root.find(path, NS)
        if element is not None and (element.text or "").strip():
            try:
                setattr(header, name, parse_date(element.text))
            except FieldProblem as problem:
                header.errors.append(
                    LineError(
                        element.sourceline,
                        f"{top}/{_plain(path)}",
                        name,
                        problem.reason,
                        element.text,
                        code=problem.code,
                    )
                )
    action = _text(root, "cbc:ActionCode")
    header.action = HEADER_ACTIONS.get(action.casefold()) if action else doc.default_action
    if header.action is None:
        raise CatalogFileError(
            f"header ActionCode must be Add, Replace, Update or Delete: {action!r}",
            xpath=f"{top}/ActionCode",
            code=errors.BAD_ACTION,
        )
    header.provider = party(root.find("cac:ProviderParty", NS))
    header.receiver = party(root.find("cac:ReceiverParty", NS))
    header.seller = party(root.find("cac:SellerSupplierParty/cac:Party", NS))
    header.seller_cvr = cvr(root.find("cac:SellerSupplierParty/cac:Party", NS))
    if header.seller_cvr is None and header.seller is None:
        # Peppol makes the seller optional; the provider is then the one selling.
        header.seller_cvr = cvr(root.find("cac:ProviderParty", NS))
    return header


def party(element: etree._Element | None) -> Party | None:
    if element is None:
        return None
    endpoint = element.find("cbc:EndpointID", NS)
    return Party(
        endpoint_id=_clean(endpoint.text) if endpoint is not None else None,
        endpoint_scheme=endpoint.get("schemeID") if endpoint is not None else None,
        name=_text(element, "cac:PartyName/cbc:Name")
        or _text(element, "cac:PartyLegalEntity/cbc:RegistrationName"),
        company_id=(
            _text(element, "cac:PartyLegalEntity/cbc:CompanyID")
            or _text(element, "cac:PartyTaxScheme/cbc:CompanyID")
        ),
        ids=[
            (e.get("schemeID"), e.text.strip())
            for e in element.findall("cac:PartyIdentification/cbc:ID", NS)
            if e.text and e.text.strip()
        ],
    )


def cvr(element: etree._Element | None) -> str | None:
    """The eight-digit CVR number from a party, whichever identifier carries it."""
    if element is None:
        return None
    for path in (
        "cac:PartyLegalEntity/cbc:CompanyID",
        "cac:PartyTaxScheme/cbc:CompanyID",
        "cbc:EndpointID",
        "cac:PartyIdentification/cbc:ID",
    ):
        for found in element.findall(path, NS):
            value = re.sub(r"\s", "", found.text or "")
            scheme = found.get("schemeID") or ""
            match = re.fullmatch(r"(?:DK)?(\d{8})", value, flags=re.IGNORECASE)
            if match and (scheme in CVR_SCHEMES or value.upper().startswith("DK")):
                return match[1]
    return None


def _text(element: etree._Element, path: str) -> str | None:
    found = element.find(path, NS)
    return _clean(found.text) if found is not None else None


def _clean(text: str | None) -> str | None:
    return text.strip() or None if text else None


def _plain(path: str) -> str:
    return re.sub(r"\b(?:cac|cbc):", "", path)
