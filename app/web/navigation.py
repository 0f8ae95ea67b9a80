"""The navigation each role sees."""

from dataclasses import dataclass

from app.auth.principal import Principal
from app.kit.i18n import _
from app.models import Role


@dataclass(frozen=True, slots=True)
class NavItem:
    label: str
    href: str
    current: bool


def navigation_for(principal: Principal | None, path: str) -> list[NavItem]:
    if principal is None:
        return []
    items: list[tuple[str, str]] = [(_("Start"), "/"), (_("Find items"), "/catalog")]
    items.append((_("Shops"), "/shops"))
    items.append((_("Basket"), "/basket"))
    items.append((_("Agreements"), "/agreements"))
    items.append((_("Suppliers"), "/suppliers"))
    if principal.has_role(Role.procurement, Role.admin):
        items.append((_("Catalogues"), "/catalogs"))
    # Punch-out administration (connections, tests, flagged lines).
    if principal.has_role(Role.procurement, Role.admin):
        items.append((_("Punch-out"), "/admin/punchout"))
    if principal.has_role(Role.admin, Role.approver, Role.finance, Role.procurement):
        items.append((_("Departments"), "/departments"))
    if principal.has_role(Role.admin, Role.approver):
        items.append((_("Users"), "/users"))
    if principal.has_role(Role.admin):
        items.append((_("Audit log"), "/audit"))
    return [
        NavItem(label, href, current=(path == href or (href != "/" and path.startswith(href + "/"))))
        for label, href in items
    ]
