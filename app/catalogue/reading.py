"""Where a catalogue file is read: a large one in a reader process beside the importer (`reader_process`), a
small one in the importer's own process, where starting a process would cost more than it saves.

Both give the same batches, errors and counts (`tests/catalogue/test_reading.py`).
"""

import multiprocessing
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from app.catalogue.batches import Batches, LocalBatches
from catalogs.read import DEFAULT_MAX_BYTES, read_catalogue

# Starting a reader process costs about a tenth of a second (a fresh interpreter imports the readers); a file
# this large takes seconds to read, which then overlap storing it.
PROCESS_MIN_BYTES = 8 * 1024 * 1024


@contextmanager
def read_batches(
    source: str | IO[bytes],
    *,
    version_id: int,
    file_format: str | None = None,
    mapping: Any = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    in_process: bool | None = None,
) -> Iterator[Batches]:
    """The file's batches of item rows for `version_id`. `in_process` forces where it is read (True: here,
    False: a reader process); by default a reader process reads files of PROCESS_MIN_BYTES and more when a
    second CPU is there to run it. Whole-file problems raise `CatalogFileError` either way."""
    if in_process is None:
        in_process = not _worth_a_process(source, max_bytes)
    if not in_process:
        from app.catalogue.reader_process import ProcessBatches

        with ProcessBatches(source, version_id, file_format, mapping, max_bytes) as batches:
            yield batches
        return
    with read_catalogue(source, format=file_format, mapping=mapping, max_bytes=max_bytes) as reader:
        yield LocalBatches(reader, version_id)


def _worth_a_process(source: str | IO[bytes], max_bytes: int) -> bool:
    size = _size(source)
    if size is None or not PROCESS_MIN_BYTES <= size <= max_bytes:
        return False  # small, of unknown size, or too large (reading here reports that)
    # A daemonic process (a multiprocessing pool's worker) may not start processes of its own, an embedded
    # interpreter may have no executable to start, and the pipe is handed over the POSIX way.
    return (
        _spare_cpus()
        and not multiprocessing.current_process().daemon
        and bool(sys.executable)
        and os.name == "posix"
    )


def _size(source: str | IO[bytes]) -> int | None:
    if isinstance(source, str):
        return os.stat(source).st_size
    if not source.seekable():
        return None
    here = source.tell()
    size = source.seek(0, os.SEEK_END) - here
    source.seek(here)
    return size


def _spare_cpus() -> bool:
    usable = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else range(os.cpu_count() or 1)
    return len(usable) > 1
