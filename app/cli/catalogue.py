"""`portal catalog …`: import, review, activate and restore catalogue versions, and search."""

import json
import sys
from dataclasses import asdict
from pathlib import Path

import typer

from app.catalogue import diff, repository, service
from app.catalogue.search import SearchParams, search
from app.cli.principal import platform_principal
from app.kit.db import unit_of_work
from app.kit.errors import DomainError

app = typer.Typer(no_args_is_help=True)
ACTOR = "cli"


def _fail(message: str, as_json: bool, code: str = "error", **extra: object) -> None:
    if as_json:
        typer.echo(json.dumps({"error": {"code": code, "message": message, **extra}}, ensure_ascii=False))
    else:
        typer.secho(message, fg="red", err=True)
    sys.exit(1)


def _estimate_lines(path: Path) -> int:
    """Newlines in the file: exact for CSV without embedded newlines, close enough for a progress bar."""
    count = 0
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 22), b""):
            count += chunk.count(b"\n")
    return max(count, 1)


@app.command("import")
def import_file(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True),
    supplier: str = typer.Option(..., help="The supplier's CVR"),
    agreement: str = typer.Option(..., help='The agreement number, e.g. "50.90"'),
    file_format: str | None = typer.Option(None, "--format", help="csv, xlsx or ubl (default: detected)"),
    mapping: Path | None = typer.Option(
        None, exists=True, dir_okay=False, help="A column mapping file (JSON)"
    ),
    activate: bool = typer.Option(False, help="Activate the new version at once"),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON"),
) -> None:
    """Import a supplier's catalogue file as a new version; print counts, the difference and rejected lines."""
    total = _estimate_lines(file) if not as_json and sys.stderr.isatty() else 0
    try:
        with unit_of_work() as session, session.begin():
            with typer.progressbar(length=total, label="Reading", file=sys.stderr, hidden=not total) as bar:
                state = {"seen": 0}

                def advance(lines: int) -> None:
                    bar.update(lines - state["seen"])
                    state["seen"] = lines

                version = service.import_catalogue(
                    session,
                    ACTOR,
                    supplier_cvr=supplier,
                    agreement_number=agreement,
                    source=str(file),
                    source_name=file.name,
                    file_format=file_format,
                    mapping=str(mapping) if mapping else None,
                    activate=activate,
                    progress=advance,
                )
            report = service.import_report(session, None, version)
    except DomainError as exc:
        _fail(exc.message, as_json, exc.code, **exc.detail)
        return
    if as_json:
        typer.echo(report.model_dump_json(indent=2))
        return
    typer.echo(
        f"Version {report.number} of {report.agreement.number} {report.agreement.title} "
        f"({report.supplier.name}), id {report.id}: {report.status}"
    )
    typer.echo(
        f"  lines read {report.lines_read}, accepted {report.accepted}, rejected {report.rejected}, "
        f"items {report.item_count}"
    )
    d = report.diff
    typer.echo(
        f"  compared with the active version: {d.new} new, {d.removed} removed, {d.changed} changed "
        f"({d.price_changed} price changes)"
    )
    for line in report.rejected_lines:
        where = f"line {line.line_number}" if line.line_number else (line.xpath or "?")
        typer.echo(f"  rejected {where}: {line.field or ''} {line.reason} [{line.code}]")
    if report.rejected > len(report.rejected_lines):
        typer.echo(f"  … and {report.rejected - len(report.rejected_lines)} more rejected lines")


@app.command("versions")
def versions(as_json: bool = typer.Option(False, "--json")) -> None:
    """List catalogue versions, newest first."""
    with unit_of_work() as session:
        rows = [service.version_read(v) for v in repository.list_versions_for_platform(session)]
    if as_json:
        typer.echo(json.dumps([r.model_dump(mode="json") for r in rows], indent=2, ensure_ascii=False))
        return
    for r in rows:
        typer.echo(
            f"{r.id:>5}  {r.agreement.number:<8} {r.supplier.name:<30} v{r.number:<3} {r.status:<10} "
            f"{r.item_count:>8} items  {r.rejected:>6} rejected  {r.source_name}"
        )


@app.command("diff")
def show_diff(
    version_id: int, limit: int = typer.Option(20), as_json: bool = typer.Option(False, "--json")
) -> None:
    """What a version changes compared with the active one."""
    with unit_of_work() as session:
        version = repository.get_version_for_platform(session, version_id)
        if version is None:
            _fail(f"No catalogue version {version_id}.", as_json, "unknown_version")
            return
        base = service.baseline_id(session, version)
        counts = diff.count(session, version.id, base)
        changes = diff.price_changes(session, version.id, base, limit=limit, offset=0)
        added = diff.added_items(session, version.id, base, limit=limit, offset=0)
        removed = diff.removed_items(session, version.id, base, limit=limit, offset=0)
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "version": version_id,
                    "compared_with": base,
                    "counts": asdict(counts),
                    "price_changes": [
                        {
                            "item": c.supplier_item_number,
                            "name": c.name,
                            "old": str(c.old_price),
                            "new": str(c.new_price),
                            "percent": str(c.percent),
                        }
                        for c in changes
                    ],
                    "new": [i.supplier_item_number for i in added],
                    "removed": [i.supplier_item_number for i in removed],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    typer.echo(
        f"{counts.new} new, {counts.removed} removed, {counts.changed} changed, "
        f"{counts.price_changed} price changes (compared with version id {base})"
    )
    for c in changes:
        typer.echo(
            f"  {c.supplier_item_number:<14} {c.name[:40]:<40} {c.old_price:>12} → {c.new_price:>12} "
            f"({c.percent:+}%)"
        )


def _transition(action: str, version_id: int, as_json: bool) -> None:
    try:
        with unit_of_work() as session, session.begin():
            fn = service.activate_version if action == "activate" else service.restore_version
            row = service.version_read(fn(session, ACTOR, version_id))
    except DomainError as exc:
        _fail(exc.message, as_json, exc.code)
        return
    if as_json:
        typer.echo(row.model_dump_json(indent=2))
    else:
        typer.echo(f"Version {row.number} of {row.agreement.number} ({row.supplier.name}) is now active.")


@app.command("activate")
def activate_cmd(version_id: int, as_json: bool = typer.Option(False, "--json")) -> None:
    """Make a new version the active catalogue."""
    _transition("activate", version_id, as_json)


@app.command("restore")
def restore_cmd(version_id: int, as_json: bool = typer.Option(False, "--json")) -> None:
    """Make an earlier version active again."""
    _transition("restore", version_id, as_json)


@app.command("search")
def search_cmd(
    query: str,
    municipality: str | None = typer.Option(
        None, help="Search as this municipality (CVR); default: the only one"
    ),
    limit: int = typer.Option(20, min=1, max=100),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Search the active catalogues of the agreements a municipality has joined."""
    with unit_of_work() as session:
        principal = platform_principal(session, municipality)
        if principal is None:
            _fail("Name the municipality with --municipality CVR.", as_json, "unknown_municipality")
            return
        result = search(session, principal, SearchParams(q=query, per_page=limit))
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "query": query,
                    "corrected_query": result.corrected_query,
                    "total": result.total,
                    "items": [asdict(hit) for hit in result.items],
                    "facets": {k: [asdict(v) for v in vs] for k, vs in result.facets.items()},
                },
                default=str,
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    if result.corrected_query:
        typer.echo(f"(showing results for: {result.corrected_query})")
    typer.echo(f"{'more than ' if result.total_capped else ''}{result.total} items")
    for hit in result.items:
        typer.echo(
            f"  {hit.supplier_item_number:<14} {hit.name[:50]:<50} {hit.unit_price:>10} {hit.currency} "
            f"/{hit.orderable_unit}  {hit.agreement_number}"
        )
