"""JSON API for users and their roles."""

from fastapi import APIRouter, Request, Response

from app.auth.dependencies import ApiPrincipal, SessionDep, require_role
from app.kit.request import client_ip
from app.models import Role
from app.users import repository, service
from app.users.schemas import RoleGrant, RoleRead, UserCreate, UserRead, UserUpdate

router = APIRouter(tags=["users"])


@router.get("/me", response_model=UserRead)
def me(session: SessionDep, principal: ApiPrincipal) -> object:
    return service.get_user_or_404(session, principal, principal.user_id)


@router.get("/users", response_model=list[UserRead])
def list_users(session: SessionDep, principal: ApiPrincipal) -> object:
    require_role(principal, Role.admin, Role.approver)
    return repository.list_users(session, principal)


@router.post("/users", response_model=UserRead, status_code=201)
def create_user(data: UserCreate, request: Request, session: SessionDep, principal: ApiPrincipal) -> object:
    return service.create_user(session, principal, data, ip=client_ip(request))


@router.get("/users/{user_id}", response_model=UserRead)
def get_user(user_id: int, session: SessionDep, principal: ApiPrincipal) -> object:
    service.require_user_reader(principal, user_id)
    return service.get_user_or_404(session, principal, user_id)


@router.patch("/users/{user_id}", response_model=UserRead)
def update_user(
    user_id: int, data: UserUpdate, request: Request, session: SessionDep, principal: ApiPrincipal
) -> object:
    return service.update_user(session, principal, user_id, data, ip=client_ip(request))


@router.post("/users/{user_id}/roles", response_model=RoleRead, status_code=201)
def grant_role(
    user_id: int, grant: RoleGrant, request: Request, session: SessionDep, principal: ApiPrincipal
) -> object:
    return service.grant_role(session, principal, user_id, grant, ip=client_ip(request))


@router.delete("/users/{user_id}/roles/{role_id}", status_code=204)
def revoke_role(
    user_id: int, role_id: int, request: Request, session: SessionDep, principal: ApiPrincipal
) -> Response:
    service.revoke_role(session, principal, user_id, role_id, ip=client_ip(request))
    return Response(status_code=204)
