"""The `portal` command line against a database of its own (the commands commit, unlike the request tests)."""

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from app.cli.main import app as cli
from app.kit import db as kit_db
from app.models import AgreementMembership, ApiToken, Department, Municipality, User
from tests.cli_database import cli_database

runner = CliRunner()


@pytest.fixture
def cli_db(monkeypatch):
    yield from cli_database(monkeypatch, "cli")


def run(*args: str, ok: bool = True):  # type: ignore[no-untyped-def]
    result = runner.invoke(cli, list(args))
    if ok:
        assert result.exit_code == 0, result.output
    return result


def _count(model) -> int:  # type: ignore[no-untyped-def]
    with kit_db.unit_of_work() as session:
        return session.scalar(select(func.count()).select_from(model))


class TestDb:
    def test_upgrade_current_check_downgrade(self, cli_db):
        assert "base (empty)" in run("db", "current").output
        run("db", "upgrade")
        assert "matches the models" in run("db", "check").output
        run("db", "downgrade", "base")
        result = run("db", "check", ok=False)
        assert result.exit_code == 1

    def test_commands_on_an_unmigrated_database_say_what_to_do(self, cli_db):
        result = run("seed-demo", ok=False)
        assert result.exit_code == 1
        assert "portal db upgrade" in result.output


class TestDemoAndUsers:
    def test_seed_demo_is_idempotent(self, cli_db):
        run("db", "upgrade")
        assert "created" in run("seed-demo").output
        assert "already" in run("seed-demo").output
        assert _count(Municipality) == 1
        assert _count(Department) == 7
        assert _count(User) == 7
        assert _count(AgreementMembership) == 4

    def test_user_add_and_token_create(self, cli_db):
        run("db", "upgrade")
        run("seed-demo")
        result = run(
            "user",
            "add",
            "--email",
            "Ny@Sobjerg.example",
            "--name",
            "Ny Rekvirent",
            "--password",
            "hemmelig-kode",
            "--role",
            "requisitioner",
            "--department",
            "Centralkøkkenet",
        )
        assert "ny@sobjerg.example" in result.output
        token = run("token", "create", "--user", "ny@sobjerg.example").output.strip().splitlines()[-1]
        assert token.startswith("ptl_")
        assert _count(ApiToken) == 1

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["--email", "pia@sobjerg.example"], "already exists"),
            (["--email", "x@sobjerg.example", "--department", "Månebasen"], "Unknown department"),
            (["--email", "x@sobjerg.example", "--municipality", "12345674"], "No municipality has CVR"),
            (["--email", "not-an-email"], "email"),
        ],
    )
    def test_user_add_bad_input_changes_nothing(self, cli_db, args, message):
        run("db", "upgrade")
        run("seed-demo")
        before = _count(User)
        result = run(
            "user",
            "add",
            "--name",
            "X",
            "--password",
            "hemmelig-kode",
            "--role",
            "requisitioner",
            *args,
            ok=False,
        )
        assert result.exit_code != 0
        assert message in result.output
        assert _count(User) == before

    def test_token_for_unknown_user(self, cli_db):
        run("db", "upgrade")
        result = run("token", "create", "--user", "nobody@example.org", ok=False)
        assert result.exit_code == 1 and "No user" in result.output

    def test_municipality_add_validates_identifiers(self, cli_db):
        run("db", "upgrade")
        bad = run(
            "municipality", "add", "--name", "Fejl", "--cvr", "12345678", "--gln", "5798000880016", ok=False
        )
        assert bad.exit_code == 1
        run("municipality", "add", "--name", "Nyby Kommune", "--cvr", "12345674", "--gln", "5798000880016")
        assert _count(Municipality) == 1
