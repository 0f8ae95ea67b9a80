import json

import pytest

from tests.catalogue.conftest import FIRST, SECOND
from tests.test_cli import cli_db, run  # noqa: F401  (the fixture is used by name)


@pytest.fixture
def demo_db(cli_db, tmp_path):  # noqa: F811
    run("db", "upgrade")
    run("municipality", "add", "--name", "Solby Kommune", "--cvr", "12345674", "--gln", "5798000880016")
    return tmp_path


def _agreement_with_supplier() -> None:
    from app.agreements import service as agreements
    from app.agreements.schemas import AgreementCreate
    from app.kit.db import unit_of_work
    from app.suppliers import service as suppliers
    from app.suppliers.schemas import SupplierCreate

    with unit_of_work() as session, session.begin():
        suppliers.create_supplier(session, "cli", SupplierCreate(name="Nordfrugt", cvr="30876547"))
        agreements.create_agreement(
            session, "cli", AgreementCreate(number="50.90", title="Fødevarer", supplier_cvr="30876547")
        )


class TestCatalogCommands:
    def test_import_diff_activate_restore(self, demo_db):
        _agreement_with_supplier()
        first, second = demo_db / "v1.csv", demo_db / "v2.csv"
        first.write_bytes(FIRST)
        second.write_bytes(SECOND)
        report = json.loads(
            run(
                "catalog",
                "import",
                str(first),
                "--supplier",
                "30876547",
                "--agreement",
                "50.90",
                "--activate",
                "--json",
            ).output
        )
        assert report["status"] == "active" and report["accepted"] == 3
        text = run("catalog", "import", str(second), "--supplier", "30876547", "--agreement", "50.90").output
        assert "lines read 4, accepted 3, rejected 1" in text
        assert "rejected line 5: price" in text and "[bad_price]" in text
        second_id = json.loads(run("catalog", "versions", "--json").output)[0]["id"]
        diff = json.loads(run("catalog", "diff", str(second_id), "--json").output)
        assert diff["counts"] == {"new": 1, "removed": 1, "changed": 1, "price_changed": 1}
        assert diff["price_changes"][0]["percent"] == "6.2"
        assert "now active" in run("catalog", "activate", str(second_id)).output
        assert "now active" in run("catalog", "restore", str(report["id"])).output
        statuses = {v["id"]: v["status"] for v in json.loads(run("catalog", "versions", "--json").output)}
        assert statuses == {report["id"]: "active", second_id: "superseded"}

    def test_a_bad_file_prints_a_json_error_and_exits_non_zero(self, demo_db):
        _agreement_with_supplier()
        bad = demo_db / "bad.csv"
        bad.write_text("Navn;Pris\nHvedemel;25\n")
        result = run(
            "catalog",
            "import",
            str(bad),
            "--supplier",
            "30876547",
            "--agreement",
            "50.90",
            "--json",
            ok=False,
        )
        assert result.exit_code == 1
        assert json.loads(result.output)["error"]["code"] == "missing_column"
        assert json.loads(run("catalog", "versions", "--json").output) == []

    def test_import_read_by_a_reader_process(self, demo_db, monkeypatch):
        from app.catalogue import reading

        monkeypatch.setattr(reading, "PROCESS_MIN_BYTES", 0)
        monkeypatch.setattr(reading, "_spare_cpus", lambda: True)
        _agreement_with_supplier()
        second = demo_db / "v2.csv"
        second.write_bytes(SECOND)
        text = run("catalog", "import", str(second), "--supplier", "30876547", "--agreement", "50.90").output
        assert "lines read 4, accepted 3, rejected 1" in text
        assert "rejected line 5: price" in text and "[bad_price]" in text
