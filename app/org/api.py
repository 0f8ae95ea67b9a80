"""JSON API for departments and the caller's municipality."""

from fastapi import APIRouter, Request

from app.auth.dependencies import ApiPrincipal, SessionDep
from app.kit.request import client_ip
from app.org import repository, service
from app.org.schemas import DepartmentCreate, DepartmentRead, DepartmentUpdate, MunicipalityRead

router = APIRouter(tags=["organisation"])


@router.get("/municipality", response_model=MunicipalityRead)
def my_municipality(session: SessionDep, principal: ApiPrincipal) -> object:
    return repository.get_municipality(session, principal.municipality_id)


@router.get("/departments", response_model=list[DepartmentRead])
def list_departments(session: SessionDep, principal: ApiPrincipal) -> object:
    return repository.list_departments(session, principal)


@router.post("/departments", response_model=DepartmentRead, status_code=201)
def create_department(
    data: DepartmentCreate, request: Request, session: SessionDep, principal: ApiPrincipal
) -> object:
    return service.create_department(session, principal, data, ip=client_ip(request))


@router.get("/departments/{department_id}", response_model=DepartmentRead)
def get_department(department_id: int, session: SessionDep, principal: ApiPrincipal) -> object:
    return service.get_department_or_404(session, principal, department_id)


@router.patch("/departments/{department_id}", response_model=DepartmentRead)
def update_department(
    department_id: int, data: DepartmentUpdate, request: Request, session: SessionDep, principal: ApiPrincipal
) -> object:
    return service.update_department(session, principal, department_id, data, ip=client_ip(request))
