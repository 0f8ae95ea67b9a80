"""All ORM models, in one package so domains can relate to each other without import cycles."""

from app.models.audit import AuditEvent
from app.models.base import Base
from app.models.basket import BasketLine, LineSource
from app.models.catalogue import (
    CatalogueActivation,
    CatalogueItem,
    CatalogueRejectedLine,
    CatalogueVersion,
    VersionStatus,
)
from app.models.catalogue_search import CatalogueSearchItem, CatalogueSearchTerm, CatalogueSearchVersion
from app.models.org import Department, Municipality
from app.models.procurement import (
    Agreement,
    AgreementMembership,
    AgreementStatus,
    Channel,
    Supplier,
    agreement_supplier,
)
from app.models.punchout import (
    Operation,
    Protocol,
    PunchoutConnection,
    PunchoutExchange,
    PunchoutLine,
    PunchoutSession,
    SessionState,
)
from app.models.roles import Role
from app.models.user import ApiToken, LoginAttempt, User, UserRole, UserSession

__all__ = [
    "Agreement",
    "AgreementMembership",
    "AgreementStatus",
    "ApiToken",
    "AuditEvent",
    "Base",
    "BasketLine",
    "CatalogueActivation",
    "CatalogueItem",
    "CatalogueRejectedLine",
    "CatalogueSearchItem",
    "CatalogueSearchTerm",
    "CatalogueSearchVersion",
    "CatalogueVersion",
    "VersionStatus",
    "Channel",
    "Department",
    "LineSource",
    "LoginAttempt",
    "Municipality",
    "Operation",
    "Protocol",
    "PunchoutConnection",
    "PunchoutExchange",
    "PunchoutLine",
    "PunchoutSession",
    "Role",
    "SessionState",
    "Supplier",
    "User",
    "UserRole",
    "UserSession",
    "agreement_supplier",
]
