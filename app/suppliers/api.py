"""JSON API for suppliers."""

from fastapi import APIRouter, Request

from app.auth.dependencies import ApiPrincipal, SessionDep
from app.kit.request import client_ip
from app.suppliers import repository, service
from app.suppliers.schemas import SupplierCreate, SupplierRead, SupplierUpdate

router = APIRouter(tags=["suppliers"])


@router.get("/suppliers", response_model=list[SupplierRead])
def list_suppliers(session: SessionDep, principal: ApiPrincipal, q: str | None = None) -> object:
    return repository.list_suppliers(session, principal, q)


@router.post("/suppliers", response_model=SupplierRead, status_code=201)
def create_supplier(
    data: SupplierCreate, request: Request, session: SessionDep, principal: ApiPrincipal
) -> object:
    return service.create_supplier(session, principal, data, ip=client_ip(request))


@router.get("/suppliers/{supplier_id}", response_model=SupplierRead)
def get_supplier(supplier_id: int, session: SessionDep, principal: ApiPrincipal) -> object:
    return service.get_supplier_or_404(session, principal, supplier_id)


@router.patch("/suppliers/{supplier_id}", response_model=SupplierRead)
def update_supplier(
    supplier_id: int, data: SupplierUpdate, request: Request, session: SessionDep, principal: ApiPrincipal
) -> object:
    return service.update_supplier(session, principal, supplier_id, data, ip=client_ip(request))
