from pathlib import Path

import pytest

from catalogs import CatalogueLine, LineError, read_catalogue

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"


def read_all(source, **options):
    """(lines, errors, reader) after reading the whole catalogue."""
    reader = read_catalogue(source, **options)
    entries = list(reader)
    lines = [e for e in entries if isinstance(e, CatalogueLine)]
    errors = [e for e in entries if isinstance(e, LineError)]
    return lines, errors, reader


def write(tmp_path: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
