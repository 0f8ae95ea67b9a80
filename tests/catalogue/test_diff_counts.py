"""The difference counted in one pass agrees with counting each kind of change on its own."""

import io

from sqlalchemy import exists, func, select

from app.catalogue import diff, service
from tests.catalogue.conftest import csv_file

BEFORE = csv_file(
    *(f"V-{n};;Vare {n};stk;1 kg;{n},50;25;{'Ø-mærket' if n % 2 else ''}" for n in range(1, 60)),
)
AFTER = csv_file(
    *(
        f"V-{n};;Vare {n}{' ny' if n % 5 == 0 else ''};stk;{'' if n % 7 == 0 else '1 kg'};"
        f"{n + (1 if n % 3 == 0 else 0)},50;25;{'' if n % 11 == 0 else 'Ø-mærket' if n % 2 else ''}"
        for n in range(10, 80)
    ),
)


def _reference(db, new_version: int, old_version: int) -> diff.DiffCounts:  # type: ignore[no-untyped-def]
    """Each count by a query of its own, as it was done before."""
    new, old, joined = diff._pair(new_version, old_version)
    added = db.scalar(
        select(func.count()).select_from(new).where(new.version_id == new_version, ~exists().where(joined))
    )
    both = select(func.count()).select_from(new).join(old, joined).where(new.version_id == new_version)
    changed = db.scalar(both.where(diff._differs(new, old)))
    priced = db.scalar(both.where(new.unit_price != old.unit_price))
    old_count = db.scalar(select(func.count()).where(old.version_id == old_version))
    return diff.DiffCounts(added, old_count - db.scalar(both), changed, priced)


def test_one_pass_counts_what_separate_queries_count(db, shop):  # type: ignore[no-untyped-def]
    def load(content: bytes, activate: bool):  # type: ignore[no-untyped-def]
        return service.import_catalogue(
            db,
            "test",
            supplier_cvr=shop.supplier.cvr,
            agreement_number=shop.agreement.number,
            source=io.BytesIO(content),
            source_name="k.csv",
            activate=activate,
        )

    first = load(BEFORE, True)
    second = load(AFTER, False)
    counts = diff.count(db, second.id, first.id)
    assert counts == _reference(db, second.id, first.id)
    assert counts.new == 20 and counts.removed == 9 and counts.changed > counts.price_changed > 0
    assert diff.count(db, first.id, second.id) == _reference(db, first.id, second.id)
