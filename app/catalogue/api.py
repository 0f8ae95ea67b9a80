"""JSON API for catalogue versions: upload, list, report, difference, rejected lines, activate, restore."""

import json
from typing import Literal

from fastapi import APIRouter
from starlette.datastructures import FormData, UploadFile

from app.auth.dependencies import ApiPrincipal, SessionDep
from app.catalogue import diff, repository, service
from app.catalogue.schemas import ImportReport, ItemRead, RejectedLineRead, VersionRead
from app.catalogue.upload import UploadFormDep, max_upload_bytes
from app.kit.errors import InvalidInput
from app.kit.i18n import _

router = APIRouter(tags=["catalogues"])
PAGE = 100


def read_upload(form: FormData) -> dict[str, object]:
    """The import fields of a multipart form, shared by the API and the upload page."""
    file = form.get("file")
    if not isinstance(file, UploadFile) or not file.filename:
        raise InvalidInput(_("Choose the catalogue file to upload."), code="missing_file", field="file")
    mapping = form.get("mapping")
    mapping_data = None
    if isinstance(mapping, UploadFile) and mapping.filename:
        try:
            mapping_data = json.loads(mapping.file.read().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InvalidInput(
                _("The mapping file is not valid JSON: %(reason)s") % {"reason": exc},
                code="bad_mapping",
                field="mapping",
            ) from exc
    file_format = str(form.get("format") or "").strip().lower() or None
    if file_format not in (None, "csv", "xlsx", "ubl"):
        raise InvalidInput(_("The format must be csv, xlsx or ubl."), code="bad_format", field="format")
    return {
        "supplier_cvr": str(form.get("supplier") or ""),
        "agreement_number": str(form.get("agreement") or ""),
        "source": file.file,
        "source_name": file.filename,
        "file_format": file_format,
        "mapping": mapping_data,
        "activate": str(form.get("activate") or "").lower() in ("1", "true", "on", "yes"),
        "max_bytes": max_upload_bytes(),
    }


@router.post("/catalogs", response_model=ImportReport, status_code=201)
def upload_catalogue(form: UploadFormDep, session: SessionDep, principal: ApiPrincipal) -> object:
    """Multipart form: `file`, `supplier` (CVR), `agreement` (number), optional `format` (csv, xlsx, ubl),
    `mapping` (JSON file) and `activate` (true). Returns the version report: counts, difference, rejected lines."""
    version = service.import_catalogue(session, principal, **read_upload(form))  # type: ignore[arg-type]
    return service.import_report(session, principal, version)


@router.get("/catalogs", response_model=list[VersionRead])
def list_versions(
    session: SessionDep,
    principal: ApiPrincipal,
    supplier_id: int | None = None,
    agreement_id: int | None = None,
) -> object:
    rows = repository.list_versions(session, principal, supplier_id=supplier_id, agreement_id=agreement_id)
    return [service.version_read(v) for v in rows]


@router.get("/catalogs/{version_id}", response_model=ImportReport)
def get_version(version_id: int, session: SessionDep, principal: ApiPrincipal) -> object:
    return service.import_report(
        session, principal, service.get_version_or_404(session, principal, version_id)
    )


@router.get("/catalogs/{version_id}/rejected", response_model=list[RejectedLineRead])
def rejected(version_id: int, session: SessionDep, principal: ApiPrincipal, page: int = 1) -> object:
    service.get_version_or_404(session, principal, version_id)
    return repository.rejected_lines(
        session, principal, version_id, limit=PAGE, offset=(max(page, 1) - 1) * PAGE
    )


@router.get("/catalogs/{version_id}/diff")
def version_diff(
    version_id: int,
    session: SessionDep,
    principal: ApiPrincipal,
    kind: Literal["new", "removed", "changed", "price"] = "price",
    page: int = 1,
) -> object:
    version = service.get_version_or_404(session, principal, version_id)
    base = service.baseline_id(session, version)
    offset = (max(page, 1) - 1) * PAGE
    if kind == "price":
        rows = [
            {
                "supplier_item_number": c.supplier_item_number,
                "name": c.name,
                "old_price": c.old_price,
                "new_price": c.new_price,
                "percent": c.percent,
            }
            for c in diff.price_changes(session, version.id, base, limit=PAGE, offset=offset)
        ]
    elif kind == "changed":
        rows = [
            {
                "supplier_item_number": new.supplier_item_number,
                "name": new.name,
                "fields": fields,
                "before": {f: getattr(old, f) for f in fields},
                "after": {f: getattr(new, f) for f in fields},
            }
            for old, new, fields in diff.changed_items(session, version.id, base, limit=PAGE, offset=offset)
        ]
    else:
        listing = diff.added_items if kind == "new" else diff.removed_items
        rows = [
            {"supplier_item_number": i.supplier_item_number, "name": i.name, "unit_price": i.unit_price}
            for i in listing(session, version.id, base, limit=PAGE, offset=offset)
        ]
    return {"version": version.id, "compared_with": base, "kind": kind, "page": page, "rows": rows}


@router.post("/catalogs/{version_id}/activate", response_model=VersionRead)
def activate(version_id: int, session: SessionDep, principal: ApiPrincipal) -> object:
    return service.version_read(service.activate_version(session, principal, version_id))


@router.post("/catalogs/{version_id}/restore", response_model=VersionRead)
def restore(version_id: int, session: SessionDep, principal: ApiPrincipal) -> object:
    return service.version_read(service.restore_version(session, principal, version_id))


@router.get("/catalog/items/{item_id}", response_model=ItemRead)
def get_item(item_id: int, session: SessionDep, principal: ApiPrincipal) -> object:
    return service.item_read(session, service.get_item_or_404(session, principal, item_id))
