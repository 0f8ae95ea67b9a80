"""JSON API for agreements: list, create, change, join, leave."""

from fastapi import APIRouter, Request

from app.agreements import repository, service
from app.agreements.schemas import AgreementCreate, AgreementRead, AgreementUpdate
from app.auth.dependencies import ApiPrincipal, SessionDep
from app.kit.request import client_ip

router = APIRouter(tags=["agreements"])


@router.get("/agreements", response_model=list[AgreementRead])
def list_agreements(session: SessionDep, principal: ApiPrincipal, available: bool = False) -> object:
    """The agreements the caller's municipality has joined; `available=true` lists those it could join too
    (procurement officers and administrators)."""
    joined = repository.joined_ids(session, principal)
    rows = repository.list_agreements(session, principal, joined_only=not available)
    return [service.to_read(a, joined) for a in rows]


@router.post("/agreements", response_model=AgreementRead, status_code=201)
def create_agreement(
    data: AgreementCreate, request: Request, session: SessionDep, principal: ApiPrincipal
) -> object:
    agreement = service.create_agreement(session, principal, data, ip=client_ip(request))
    return service.to_read(agreement, repository.joined_ids(session, principal))


@router.get("/agreements/{agreement_id}", response_model=AgreementRead)
def get_agreement(agreement_id: int, session: SessionDep, principal: ApiPrincipal) -> object:
    agreement = service.get_agreement_or_404(session, principal, agreement_id)
    return service.to_read(agreement, repository.joined_ids(session, principal))


@router.patch("/agreements/{agreement_id}", response_model=AgreementRead)
def update_agreement(
    agreement_id: int, data: AgreementUpdate, request: Request, session: SessionDep, principal: ApiPrincipal
) -> object:
    agreement = service.update_agreement(session, principal, agreement_id, data, ip=client_ip(request))
    return service.to_read(agreement, repository.joined_ids(session, principal))


@router.post("/agreements/{agreement_id}/join", response_model=AgreementRead)
def join_agreement(
    agreement_id: int, request: Request, session: SessionDep, principal: ApiPrincipal
) -> object:
    agreement = service.join_agreement(session, principal, agreement_id, ip=client_ip(request))
    return service.to_read(agreement, repository.joined_ids(session, principal) | {agreement.id})


@router.post("/agreements/{agreement_id}/leave", response_model=AgreementRead)
def leave_agreement(
    agreement_id: int, request: Request, session: SessionDep, principal: ApiPrincipal
) -> object:
    agreement = service.leave_agreement(session, principal, agreement_id, ip=client_ip(request))
    return service.to_read(agreement, repository.joined_ids(session, principal) - {agreement.id})
