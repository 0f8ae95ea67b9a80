"""Central tenant scoping: the one place that decides which rows a principal may see.

Every repository query over tenant data starts from `select_visible` (or adds `visible_to`); no other module writes
a municipality or department filter by hand. tests/test_scoping_lint.py enforces that.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, false, or_, select, true

from app.auth.principal import Principal
from app.models import (
    Agreement,
    AgreementMembership,
    AuditEvent,
    BasketLine,
    CatalogueItem,
    CatalogueRejectedLine,
    CatalogueSearchItem,
    CatalogueSearchTerm,
    CatalogueSearchVersion,
    CatalogueVersion,
    Department,
    PunchoutConnection,
    PunchoutExchange,
    PunchoutLine,
    PunchoutSession,
    Role,
    Supplier,
    User,
    UserRole,
)

T = TypeVar("T")
Rule = Callable[[Principal], ColumnElement[bool]]


def _department_rule(p: Principal) -> ColumnElement[bool]:
    same_town = Department.municipality_id == p.municipality_id
    if p.sees_whole_municipality:
        return same_town
    return same_town & Department.id.in_(p.visible_department_ids)


def _user_rule(p: Principal) -> ColumnElement[bool]:
    """People are seen by those who manage them: administrators and leaders over their department; and everyone
    sees themselves. A requisitioner or finance role, even municipality-wide, shows no colleagues."""
    same_town = User.municipality_id == p.municipality_id
    managed = p.reach(Role.admin, Role.approver)
    if managed is None:
        return same_town
    return same_town & or_(User.department_id.in_(managed), User.id == p.user_id)


def _user_role_rule(p: Principal) -> ColumnElement[bool]:
    return UserRole.user_id.in_(select(User.id).where(_user_rule(p)))


def _agreement_rule(p: Principal) -> ColumnElement[bool]:
    """Procurement officers and administrators see every agreement they could join: the national (SKI) ones and
    their municipality's own. Everyone else sees only the agreements their municipality has joined."""
    if p.has_role(Role.procurement, Role.admin):
        return or_(Agreement.municipality_id.is_(None), Agreement.municipality_id == p.municipality_id)
    return Agreement.id.in_(joined_agreement_ids(p))


def joined_agreement_ids(p: Principal) -> Select[tuple[int]]:
    return select(AgreementMembership.agreement_id).where(
        AgreementMembership.municipality_id == p.municipality_id
    )


def _visible_versions(p: Principal) -> Select[tuple[int]]:
    """Catalogues belong to agreements; a municipality sees those of the agreements it has joined."""
    return select(CatalogueVersion.id).where(CatalogueVersion.agreement_id.in_(joined_agreement_ids(p)))


def _punchout_session_rule(p: Principal) -> ColumnElement[bool]:
    """A shop visit is the user's own; the procurement office follows every visit in its municipality, to see
    which suppliers send prices above the agreement."""
    same_town = PunchoutSession.municipality_id == p.municipality_id
    if p.has_role(Role.procurement, Role.admin):
        return same_town
    return same_town & (PunchoutSession.user_id == p.user_id)


def _punchout_exchange_rule(p: Principal) -> ColumnElement[bool]:
    if p.has_role(Role.procurement, Role.admin):
        return PunchoutExchange.municipality_id == p.municipality_id
    return false()


_RULES: dict[type[Any], Rule] = {
    Department: _department_rule,
    User: _user_rule,
    UserRole: _user_role_rule,
    Agreement: _agreement_rule,
    AgreementMembership: lambda p: AgreementMembership.municipality_id == p.municipality_id,
    AuditEvent: lambda p: AuditEvent.municipality_id == p.municipality_id,
    # Suppliers are shared by all municipalities.
    Supplier: lambda p: true(),
    CatalogueVersion: lambda p: CatalogueVersion.agreement_id.in_(joined_agreement_ids(p)),
    CatalogueItem: lambda p: CatalogueItem.version_id.in_(_visible_versions(p)),
    CatalogueRejectedLine: lambda p: CatalogueRejectedLine.version_id.in_(_visible_versions(p)),
    CatalogueSearchItem: lambda p: CatalogueSearchItem.agreement_id.in_(joined_agreement_ids(p)),
    CatalogueSearchVersion: lambda p: CatalogueSearchVersion.agreement_id.in_(joined_agreement_ids(p)),
    CatalogueSearchTerm: lambda p: CatalogueSearchTerm.version_id.in_(_visible_versions(p)),
    # Everyone in the municipality may shop through its connections; only the office may change them.
    PunchoutConnection: lambda p: PunchoutConnection.municipality_id == p.municipality_id,
    PunchoutSession: _punchout_session_rule,
    PunchoutLine: lambda p: PunchoutLine.session_id.in_(
        select(PunchoutSession.id).where(_punchout_session_rule(p))
    ),
    PunchoutExchange: _punchout_exchange_rule,
    # A basket is personal.
    BasketLine: lambda p: (BasketLine.municipality_id == p.municipality_id) & (BasketLine.user_id == p.user_id),
}


def register_rule(model: type[Any], rule: Rule) -> None:
    """Domains that add tenant tables register their rule here, next to their models."""
    _RULES[model] = rule


def visible_to(model: type[Any], principal: Principal | None) -> ColumnElement[bool]:
    if principal is None:
        return false()
    try:
        return _RULES[model](principal)
    except KeyError:
        raise LookupError(f"no scoping rule for {model.__name__}") from None


def select_visible(model: type[T], principal: Principal | None) -> Select[tuple[T]]:
    return select(model).where(visible_to(model, principal))


def in_municipality(model: type[Any], municipality_id: int) -> ColumnElement[bool]:
    """All rows of one municipality, whatever the department: for uniqueness checks, building the principal and
    the platform's own command line. Never for showing data to a user; use `select_visible` for that."""
    return model.municipality_id == municipality_id


def agreements_joined_by(municipality_id: int) -> Select[tuple[int]]:
    """The agreements a municipality has joined, for work done on its behalf without a signed-in user (the
    punch-out return, which arrives on a cross-site POST that carries no session)."""
    return select(AgreementMembership.agreement_id).where(AgreementMembership.municipality_id == municipality_id)
