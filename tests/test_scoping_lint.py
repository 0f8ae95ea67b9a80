"""Tenant filters are written in one place only: app/kit/scoping.py.

A hand-written `municipality_id ==` or `department_id.in_(` elsewhere is how one forgotten filter leaks another
municipality's data, so the code base is searched for them.
"""

import re
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app"
# Column expressions on a model class (`Department.municipality_id == …`), not comparisons of loaded rows.
PATTERN = re.compile(r"\b[A-Z]\w*\.(municipality_id|department_id)(\s*==|\.in_\()")
ALLOWED = {APP / "kit" / "scoping.py"}


def test_no_hand_written_tenant_filters():
    offenders = []
    for path in APP.rglob("*.py"):
        if path in ALLOWED:
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if PATTERN.search(line):
                offenders.append(f"{path.relative_to(APP.parent)}:{number}: {line.strip()}")
    assert not offenders, "use app.kit.scoping instead of filtering by hand:\n" + "\n".join(offenders)
