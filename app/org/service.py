"""Rules for municipalities and departments. Services flush but never commit."""

from sqlalchemy.orm import Session

from app.audit import service as audit
from app.auth.principal import Principal
from app.kit.errors import Conflict, Forbidden, InvalidInput, NotFound
from app.kit.i18n import _
from app.kit.identifiers import check_cvr, check_gln
from app.models import Department, Municipality, Role
from app.org import repository
from app.org.schemas import DepartmentCreate, DepartmentUpdate


def create_municipality(
    session: Session, *, name: str, cvr: str, gln: str, actor: str = "cli"
) -> Municipality:
    cvr = check_cvr(cvr)
    gln = check_gln(gln)
    if repository.get_municipality_by_cvr(session, cvr) is not None:
        raise Conflict(
            _("A municipality with CVR %(cvr)s already exists.") % {"cvr": cvr}, code="duplicate_cvr"
        )
    municipality = Municipality(name=name.strip(), cvr=cvr, gln=gln)
    session.add(municipality)
    session.flush()
    audit.record(
        session,
        actor,
        "municipality.create",
        municipality,
        municipality_id=municipality.id,
        after=audit.snapshot(municipality),
    )
    return municipality


def get_department_or_404(session: Session, principal: Principal, department_id: int) -> Department:
    department = repository.get_department(session, principal, department_id)
    if department is None:
        raise NotFound(
            _("Department %(id)s was not found.") % {"id": department_id}, code="unknown_department"
        )
    return department


def _check_admin_over(principal: Principal, parent_id: int | None) -> None:
    if not principal.covers(Role.admin, parent_id):
        raise Forbidden(
            _("Only an administrator over the parent department may do this."), code="role_required"
        )


def _clean(data: dict[str, object]) -> dict[str, object]:
    cleaned = {k: (v.strip() or None) if isinstance(v, str) else v for k, v in data.items()}
    if cleaned.get("ean"):
        cleaned["ean"] = check_gln(str(cleaned["ean"]), field="ean")
    return cleaned


def create_department(
    session: Session, principal: Principal, data: DepartmentCreate, ip: str | None = None
) -> Department:
    _check_admin_over(principal, data.parent_id)
    values = _clean(data.model_dump())
    if not values.get("name"):
        raise InvalidInput(_("The department needs a name."), code="missing_name", field="name")
    if data.parent_id is not None:
        get_department_or_404(session, principal, data.parent_id)
    if repository.department_name_taken(session, principal, str(values["name"]), None):
        raise Conflict(
            _("A department named %(name)s already exists.") % {"name": values["name"]},
            code="duplicate_department",
            field="name",
        )
    department = Department(municipality_id=principal.municipality_id, **values)
    session.add(department)
    session.flush()
    audit.record(
        session,
        principal,
        "department.create",
        department,
        municipality_id=principal.municipality_id,
        after=audit.snapshot(department),
        ip=ip,
    )
    return department


def update_department(
    session: Session, principal: Principal, department_id: int, data: DepartmentUpdate, ip: str | None = None
) -> Department:
    department = get_department_or_404(session, principal, department_id)
    _check_admin_over(principal, department.id)
    before = audit.snapshot(department)
    values = _clean(data.model_dump(exclude_unset=True))
    if "name" in values:
        if not values["name"]:
            raise InvalidInput(_("The department needs a name."), code="missing_name", field="name")
        if repository.department_name_taken(session, principal, str(values["name"]), department.id):
            raise Conflict(
                _("A department named %(name)s already exists.") % {"name": values["name"]},
                code="duplicate_department",
                field="name",
            )
    if "parent_id" in values and values["parent_id"] is None and department.parent_id is not None:
        _check_admin_over(principal, None)
    if values.get("parent_id") is not None and values["parent_id"] != department.parent_id:
        # Placing a department under another is the same act as creating it there.
        _check_admin_over(principal, int(str(values["parent_id"])))
        _check_parent(session, principal, department, int(str(values["parent_id"])))
    for key, value in values.items():
        setattr(department, key, value)
    session.flush()
    audit.record(
        session,
        principal,
        "department.update",
        department,
        municipality_id=principal.municipality_id,
        before=before,
        after=audit.snapshot(department),
        ip=ip,
    )
    return department


def _check_parent(session: Session, principal: Principal, department: Department, parent_id: int) -> None:
    seen = {department.id}
    node: Department | None = get_department_or_404(session, principal, parent_id)
    while node is not None:
        if node.id in seen:
            raise InvalidInput(
                _("A department cannot be placed under itself."), code="department_cycle", field="parent_id"
            )
        seen.add(node.id)
        node = repository.get_department(session, principal, node.parent_id) if node.parent_id else None
