"""User rules: unique e-mail, valid departments, and administrators act only within their reach."""

from sqlalchemy.orm import Session

from app.audit import service as audit
from app.auth.dependencies import require_role
from app.auth.passwords import hash_password
from app.auth.principal import Principal
from app.kit.errors import Conflict, Forbidden, NotFound
from app.kit.i18n import _
from app.models import Department, Role, User, UserRole
from app.org import repository as org
from app.users import repository
from app.users.schemas import RoleGrant, UserCreate, UserUpdate


def get_user_or_404(session: Session, principal: Principal, user_id: int) -> User:
    user = repository.get_user(session, principal, user_id)
    if user is None:
        raise NotFound(_("User %(id)s was not found.") % {"id": user_id}, code="unknown_user")
    return user


def require_user_reader(principal: Principal, user_id: int) -> None:
    """Everyone may read their own account; other people's, like the list of users, only leaders and
    administrators (a requisitioner's role reaches colleagues, but not to read their limits and roles)."""
    if user_id != principal.user_id:
        require_role(principal, Role.admin, Role.approver)


def _department(
    session: Session, actor: Principal | None, municipality_id: int, department_id: int | None
) -> Department | None:
    if department_id is None:
        return None
    department = (
        org.get_department(session, actor, department_id) if actor else session.get(Department, department_id)
    )
    if department is None or department.municipality_id != municipality_id:
        raise NotFound(
            _("Department %(id)s was not found.") % {"id": department_id},
            code="unknown_department",
            field="department_id",
        )
    return department


def _require_admin_over(principal: Principal, department_id: int | None) -> None:
    if not principal.covers(Role.admin, department_id):
        raise Forbidden(_("Only an administrator over that department may do this."), code="role_required")


def create_user(
    session: Session,
    actor: Principal | str,
    data: UserCreate,
    *,
    municipality_id: int | None = None,
    ip: str | None = None,
) -> User:
    """Administrators create users in their own municipality; the command line names the municipality."""
    principal = actor if isinstance(actor, Principal) else None
    town = principal.municipality_id if principal else municipality_id
    if town is None:
        raise NotFound(_("Name the municipality the user belongs to."), code="unknown_municipality")
    if principal is not None:
        _require_admin_over(principal, data.department_id)
    _department(session, principal, town, data.department_id)
    if repository.email_taken(session, data.email):
        raise Conflict(
            _("A user with e-mail %(email)s already exists.") % {"email": data.email},
            code="duplicate_email",
            field="email",
        )
    user = User(
        municipality_id=town,
        email=data.email,
        name=data.name.strip(),
        password_hash=hash_password(data.password),
        department_id=data.department_id,
        language=data.language,
        spending_limit=data.spending_limit,
        is_active=True,
    )
    user.roles = []
    session.add(user)
    session.flush()
    for grant in data.roles:
        _grant(session, principal, user, grant)
    audit.record(session, actor, "user.create", user, municipality_id=town, after=audit.snapshot(user), ip=ip)
    return user


def update_user(
    session: Session, principal: Principal, user_id: int, data: UserUpdate, ip: str | None = None
) -> User:
    user = get_user_or_404(session, principal, user_id)
    _require_admin_over(principal, user.department_id)
    before = audit.snapshot(user)
    values = data.model_dump(exclude_unset=True, exclude={"password"})
    if "department_id" in values:
        _require_admin_over(principal, values["department_id"])
        _department(session, principal, user.municipality_id, values["department_id"])
    if user.id == principal.user_id and values.get("is_active") is False:
        raise Conflict(_("You cannot deactivate your own account."), code="self_deactivation")
    for key, value in values.items():
        setattr(user, key, value)
    if data.password:
        user.password_hash = hash_password(data.password)
    session.flush()
    audit.record(session, principal, "user.update", user, before=before, after=audit.snapshot(user), ip=ip)
    return user


def _grant(session: Session, principal: Principal | None, user: User, grant: RoleGrant) -> UserRole:
    if principal is not None:
        _require_admin_over(principal, grant.department_id)
    _department(session, principal, user.municipality_id, grant.department_id)
    for existing in user.roles:
        if existing.role == grant.role and existing.department_id == grant.department_id:
            raise Conflict(_("The user already has that role there."), code="duplicate_role")
    row = UserRole(role=grant.role, department_id=grant.department_id)
    user.roles.append(row)
    session.flush()
    return row


def grant_role(
    session: Session, principal: Principal, user_id: int, grant: RoleGrant, ip: str | None = None
) -> UserRole:
    user = get_user_or_404(session, principal, user_id)
    row = _grant(session, principal, user, grant)
    audit.record(
        session,
        principal,
        "user.grant_role",
        user,
        after={"role": grant.role.value, "department_id": grant.department_id},
        ip=ip,
    )
    return row


def revoke_role(
    session: Session, principal: Principal, user_id: int, role_id: int, ip: str | None = None
) -> None:
    user = get_user_or_404(session, principal, user_id)
    row = next((r for r in user.roles if r.id == role_id), None)
    if row is None:
        raise NotFound(_("The role was not found."), code="unknown_role")
    _require_admin_over(principal, row.department_id)
    if user.id == principal.user_id and row.role is Role.admin:
        raise Conflict(_("You cannot remove your own administrator role."), code="self_demotion")
    user.roles.remove(row)
    session.flush()
    audit.record(
        session,
        principal,
        "user.revoke_role",
        user,
        before={"role": row.role.value, "department_id": row.department_id},
        ip=ip,
    )
