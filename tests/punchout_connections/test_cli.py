"""`portal punchout add|list|test` against a database of their own (the commands commit, as in tests/test_cli.py)."""

import json

import httpx
import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from app.cli.main import app as cli
from app.kit import db as kit_db
from app.models import AuditEvent, PunchoutConnection, PunchoutExchange
from app.punchout.secrets import decrypt_secret
from punchout import build_profile_response, build_status_response
from tests.cli_database import cli_database
from tests.factories import make_agreement, make_municipality, make_supplier
from tests.punchout_connections.conftest import SECRET

runner = CliRunner()


@pytest.fixture
def cli_db(monkeypatch):
    yield from cli_database(monkeypatch, "pocli")


@pytest.fixture
def towns(cli_db):
    run("db", "upgrade")
    with kit_db.unit_of_work() as session, session.begin():
        town = make_municipality(session, "Solby Kommune")
        other = make_municipality(session, "Bby Kommune")
        supplier = make_supplier(session, "Grønt Engros A/S")
        make_agreement(session, "50.90", supplier, joined_by=(town, other), title="Fødevarer")
        return {"town": town.cvr, "other": other.cvr, "supplier": supplier.cvr}


def run(*args: str, ok: bool = True):  # type: ignore[no-untyped-def]
    result = runner.invoke(cli, list(args))
    if ok:
        assert result.exit_code == 0, result.output
    return result


def _add(towns, *extra: str, ok: bool = True):  # type: ignore[no-untyped-def]
    return run(
        "punchout",
        "add",
        "--municipality",
        towns["town"],
        "--supplier",
        towns["supplier"],
        "--agreement",
        "50.90",
        "--protocol",
        "cxml",
        "--url",
        "https://shop.grontengros.example/punchout",
        "--from-domain",
        "NetworkID",
        "--from-identity",
        "29189897",
        "--to-domain",
        "NetworkID",
        "--to-identity",
        "GRONT-ENGROS",
        "--sender-identity",
        "29189897",
        "--shared-secret",
        SECRET,
        *extra,
        ok=ok,
    )


class TestAdd:
    def test_prints_the_new_connection_with_its_id_and_never_the_secret(self, towns):
        result = _add(towns, "--json", "--operations", "create,inspect", "--extrinsic", "UserEmail={email}")
        assert SECRET not in result.output
        body = json.loads(result.output)
        assert body["id"] > 0 and body["name"] == "Grønt Engros A/S" and body["has_secret"] is True
        assert body["operations"] == ["create", "inspect"] and body["extrinsics"] == {"UserEmail": "{email}"}
        with kit_db.unit_of_work() as session:
            stored = session.get(PunchoutConnection, body["id"])
            assert SECRET not in stored.secret_ciphertext
            assert decrypt_secret(stored.secret_ciphertext) == SECRET
            [event] = session.scalars(select(AuditEvent)).all()
            assert event.action == "punchout_connection.create" and event.actor_label == "cli"
            assert event.actor_id is None and SECRET not in json.dumps(event.after)

    def test_prints_a_line_without_json(self, towns):
        result = _add(towns, "--name", "Grøntshop")
        assert result.output.startswith("Connection Grøntshop to Grønt Engros A/S created with id ")

    @pytest.mark.parametrize(
        ("extra", "code"),
        [
            (["--url", "not-a-url"], "invalid_url"),
            (["--agreement", "99.99"], "unknown_agreement"),
            (["--municipality", "12345674"], "unknown_municipality"),
            (["--operations", "edit"], "invalid_operations"),
            (["--extrinsic", "no-equals-sign"], "invalid_extrinsic"),
            (["--extrinsic", "UserEmail={password}"], "invalid_input"),
        ],
    )
    def test_bad_input_exits_1_with_a_code_and_stores_nothing(self, towns, extra, code):
        result = _add(towns, *extra, "--json", ok=False)
        assert result.exit_code == 1
        assert json.loads(result.output)["error"]["code"] == code
        with kit_db.unit_of_work() as session:
            assert session.scalar(select(PunchoutConnection.id)) is None

    def test_a_second_connection_with_the_same_name_is_refused(self, towns):
        _add(towns)
        result = _add(towns, "--json", ok=False)
        assert json.loads(result.output)["error"]["code"] == "duplicate_name"


class TestList:
    def test_lists_the_municipalitys_connections(self, towns):
        first = json.loads(_add(towns, "--json").output)
        run("punchout", "list", "--municipality", towns["other"], "--json")
        rows = json.loads(run("punchout", "list", "--municipality", towns["town"], "--json").output)
        assert [(r["id"], r["supplier"]) for r in rows] == [(first["id"], "Grønt Engros A/S")]
        assert SECRET not in json.dumps(rows)
        assert json.loads(run("punchout", "list", "--municipality", towns["other"], "--json").output) == []
        text = run("punchout", "list", "--municipality", towns["town"]).output
        assert "Grønt Engros A/S" in text and "cxml" in text

    def test_several_municipalities_need_to_be_named(self, towns):
        result = run("punchout", "list", "--json", ok=False)
        assert result.exit_code == 1
        assert json.loads(result.output)["error"]["code"] == "unknown_municipality"


class TestTest:
    def test_a_working_shop_exits_0(self, towns, shop):
        shop(
            lambda request: httpx.Response(200, content=build_profile_response({"PunchOutSetupRequest": "x"}))
        )
        connection_id = json.loads(_add(towns, "--json").output)["id"]
        result = run("punchout", "test", str(connection_id), "--municipality", towns["town"], "--json")
        body = json.loads(result.output)
        assert body["ok"] is True and body["cxml_status"] == 200
        assert "Grønt Engros A/S answered and accepted our credentials." in body["message"]

    def test_a_refusal_exits_1_and_its_exchange_is_kept(self, towns, shop):
        shop(lambda request: httpx.Response(200, content=build_status_response(401, "Unauthorized")))
        connection_id = json.loads(_add(towns, "--json").output)["id"]
        result = run(
            "punchout", "test", str(connection_id), "--municipality", towns["town"], "--json", ok=False
        )
        assert result.exit_code == 1
        body = json.loads(result.output)
        assert body["ok"] is False and body["cxml_status"] == 401
        text = run("punchout", "test", str(connection_id), "--municipality", towns["town"], ok=False).output
        assert text.startswith("FAILED (profile, HTTP 200, cXML 401")
        with kit_db.unit_of_work() as session:
            exchanges = session.scalars(select(PunchoutExchange)).all()
            assert [e.outcome for e in exchanges] == ["supplier_refused_credentials"] * 2
            assert all(SECRET not in e.request_text for e in exchanges)

    def test_another_municipalitys_connection_is_not_found(self, towns):
        connection_id = json.loads(_add(towns, "--json").output)["id"]
        result = run(
            "punchout", "test", str(connection_id), "--municipality", towns["other"], "--json", ok=False
        )
        assert result.exit_code == 1
        assert json.loads(result.output)["error"]["code"] == "unknown_connection"
