"""The schema comes only from the migrations: empty → head → base → head, and the models do not drift."""

import os

import pytest
from sqlalchemy import inspect

from app.cli import migrate
from app.kit.db import make_engine
from tests.conftest import TEST_DIR
from tests.databases import recreate_database


def _fresh_url() -> str:
    base = os.environ.get("PORTAL_TEST_DATABASE_URL")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    return f"{base}_migrations_{worker}" if base else f"sqlite:///{TEST_DIR / f'migrations-{worker}.db'}"


@pytest.fixture
def fresh_url():
    url = _fresh_url()
    recreate_database(url)
    return url


def test_upgrade_downgrade_upgrade_without_drift(fresh_url):
    engine = make_engine(fresh_url)
    try:
        migrate.upgrade(fresh_url)
        assert migrate.current_revision(engine) == migrate.head_revision()
        tables = set(inspect(engine).get_table_names())
        assert {
            "municipality",
            "department",
            "user_account",
            "supplier",
            "agreement",
            "audit_event",
        } <= tables
        assert migrate.drift(engine) == []

        migrate.downgrade(fresh_url, "base")
        assert migrate.current_revision(engine) is None
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}

        migrate.upgrade(fresh_url)
        assert migrate.drift(engine) == []
    finally:
        engine.dispose()


def test_every_revision_has_a_downgrade():
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    for revision in scripts.walk_revisions():
        source = open(revision.path).read()
        assert "def downgrade() -> None:\n    pass" not in source, f"{revision.path} cannot be reverted"
