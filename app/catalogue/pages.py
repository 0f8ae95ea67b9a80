"""Catalogue administration pages: versions, upload, report with difference and rejected lines, activate, restore;
and the item page."""

from fastapi import APIRouter, Request
from starlette.responses import Response

from app.agreements import repository as agreements
from app.auth.dependencies import PagePrincipal, SessionDep, require_role
from app.catalogue import diff, repository, service
from app.catalogue.api import read_upload
from app.catalogue.messages import describe
from app.catalogue.upload import UploadFormDep
from app.kit.errors import DomainError
from app.kit.i18n import _
from app.models import Role
from app.punchout import repository as punchout_repository
from app.web.forms import form_errors, redirect_with_message
from app.web.templates import render

router = APIRouter()
PAGE = 50
TABS = ("price", "new", "removed", "changed", "rejected")


def _list_page(
    request: Request,
    session: SessionDep,
    principal: PagePrincipal,
    errors: dict[str, str] | None = None,
    values: dict[str, object] | None = None,
) -> Response:
    joined = agreements.list_agreements(session, principal, joined_only=True)
    return render(
        request,
        "catalogue/version_list.html",
        {
            "versions": repository.list_versions(session, principal),
            "agreements": joined,
            "errors": errors or {},
            "values": values or {},
        },
        status_code=422 if errors else 200,
    )


@router.get("/catalogs")
def version_list(request: Request, session: SessionDep, principal: PagePrincipal) -> Response:
    require_role(principal, Role.procurement, Role.admin)
    return _list_page(request, session, principal)


@router.post("/catalogs")
def upload(request: Request, session: SessionDep, principal: PagePrincipal, form: UploadFormDep) -> Response:
    require_role(principal, Role.procurement, Role.admin)
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    try:
        version = service.import_catalogue(session, principal, **read_upload(form))  # type: ignore[arg-type]
    except DomainError as exc:
        errors = form_errors(request, exc)
        if exc.code in _FILE_CODES:
            where = _(" (line %(line)s)") % {"line": exc.detail["line"]} if exc.detail.get("line") else ""
            errors = {"file": f"{describe(exc.code)}{where}: {exc.message}"}
        return _list_page(request, session, principal, errors, values)
    message = _("Version %(number)s was read: %(accepted)s lines accepted, %(rejected)s rejected.") % {
        "number": version.number,
        "accepted": version.accepted,
        "rejected": version.rejected,
    }
    return redirect_with_message(f"/catalogs/{version.id}", message)


_FILE_CODES = {
    "missing_column",
    "wrong_document_type",
    "unsafe_xml",
    "bad_xml",
    "truncated",
    "too_large",
    "bad_encoding",
    "empty_file",
    "unsupported_format",
    "bad_mapping",
    "unknown_sheet",
}


@router.get("/catalogs/{version_id}")
def version_detail(
    version_id: int,
    request: Request,
    session: SessionDep,
    principal: PagePrincipal,
    tab: str = "price",
    page: int = 1,
) -> Response:
    require_role(principal, Role.procurement, Role.admin)
    version = service.get_version_or_404(session, principal, version_id)
    tab = tab if tab in TABS else "price"
    page = max(page, 1)
    base = service.baseline_id(session, version)
    offset = (page - 1) * PAGE
    rows: list[object]
    if tab == "rejected":
        rows = list(repository.rejected_lines(session, principal, version.id, limit=PAGE, offset=offset))
    elif tab == "price":
        rows = list(diff.price_changes(session, version.id, base, limit=PAGE, offset=offset))
    elif tab == "changed":
        rows = list(diff.changed_items(session, version.id, base, limit=PAGE, offset=offset))
    else:
        listing = diff.added_items if tab == "new" else diff.removed_items
        rows = list(listing(session, version.id, base, limit=PAGE, offset=offset))
    return render(
        request,
        "catalogue/version_detail.html",
        {
            "version": version,
            "tab": tab,
            "rows": rows,
            "page": page,
            "per_page": PAGE,
            "describe": describe,
        },
    )


@router.post("/catalogs/{version_id}/activate")
def activate(version_id: int, session: SessionDep, principal: PagePrincipal) -> Response:
    version = service.activate_version(session, principal, version_id)
    return redirect_with_message(
        f"/catalogs/{version.id}",
        _("Version %(number)s is now the active catalogue.") % {"number": version.number},
    )


@router.post("/catalogs/{version_id}/restore")
def restore(version_id: int, session: SessionDep, principal: PagePrincipal) -> Response:
    version = service.restore_version(session, principal, version_id)
    return redirect_with_message(
        f"/catalogs/{version.id}", _("Version %(number)s is active again.") % {"number": version.number}
    )


@router.get("/catalog/items/{item_id}")
def item_page(item_id: int, request: Request, session: SessionDep, principal: PagePrincipal) -> Response:
    item = service.item_read(session, service.get_item_or_404(session, principal, item_id))
    # A level-2 punch-out: the supplier's shop opened at this item (SelectedItem), when the municipality has a
    # connection to that supplier.
    shops = punchout_repository.connections_for_supplier(session, principal, item.supplier.id)
    return render(request, "catalogue/item.html", {"item": item, "shops": shops})
