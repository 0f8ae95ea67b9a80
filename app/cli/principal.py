"""The command line acts for the platform; to see what a municipality sees it borrows that municipality's scope."""

from sqlalchemy.orm import Session

from app.auth.principal import Principal
from app.auth.repository import department_tree
from app.models import Role
from app.org import repository as org


def platform_principal(session: Session, municipality_cvr: str | None) -> Principal | None:
    """A requisitioner-like principal for the municipality with this CVR (or the only one), or None."""
    if municipality_cvr:
        town = org.get_municipality_by_cvr(session, municipality_cvr)
    else:
        towns = org.list_municipalities(session)
        town = towns[0] if len(towns) == 1 else None
    if town is None:
        return None
    return Principal(
        user_id=0,
        email="cli",
        name="cli",
        municipality_id=town.id,
        municipality_name=town.name,
        department_id=None,
        language="en",
        coverage={Role.requisitioner: None},
        all_department_ids=frozenset(department_tree(session, town.id)),
    )
