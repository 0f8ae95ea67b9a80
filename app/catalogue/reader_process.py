"""Reading a large catalogue in a process of its own, so that reading and checking lines overlaps storing them.

The writer needs the GIL for every row it binds, so a reader thread would only take turns with it; a process
runs beside it. The reader process reads the file, checks every line and turns it into an item row, and sends
the batches (`batches.LineBatch`) back over a pipe in file order; the importer stores them in its own session
and transaction, so what the reader process does never touches the database. The pipe holds a batch or two, so
the reader runs at most that far ahead and memory stays flat; if the importer stops reading (it failed), the
reader's next send finds the pipe closed and it ends.

The process is a fresh interpreter (`python -c`, like multiprocessing's spawn), not a fork: the importer runs in
web servers' thread pools and test workers, where a fork would copy whatever locks other threads hold. Unlike
multiprocessing's spawn it does not import the caller's main script again, which would cost a CLI or a test
runner's start-up and would import an unguarded script's side effects.
"""

import gc
import marshal
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Iterator
from multiprocessing.connection import Connection
from typing import IO, Any

from app.catalogue.batches import LineBatch, line_batches
from catalogs.errors import CatalogFileError
from catalogs.model import CatalogueHeader, ReadSummary
from catalogs.read import read_catalogue

# Bytes the pipe holds: Linux's default limit for an unprivileged process (/proc/sys/fs/pipe-max-size).
_PIPE_BYTES = 1024 * 1024
# Batches between two garbage collections in the reader process.
_COLLECT_EVERY = 50
# How long a reader process that was told to stop may take before it is terminated.
_STOP_SECONDS = 5.0


class ReaderProcessError(RuntimeError):
    """The reader process failed in a way that is not the file's fault (a bug, or it was killed)."""


class ProcessBatches:
    """Batches read by a reader process. Close it (or use it as a context manager) to stop and reap the process
    whether or not every batch was read."""

    header: CatalogueHeader
    summary: ReadSummary

    def __init__(
        self, source: str | IO[bytes], version_id: int, file_format: str | None, mapping: Any, max_bytes: int
    ) -> None:
        self._copy = None if isinstance(source, str) else _copy_to_disk(source)
        path = source if isinstance(source, str) else self._copy
        receiving, sending = os.pipe()
        _widen(sending)
        self._pipe: Connection | None = Connection(receiving, writable=False)
        try:
            self._process: subprocess.Popen[bytes] | None = subprocess.Popen(
                [sys.executable, "-c", _ENTRY, str(sending)],
                stdin=subprocess.PIPE,
                pass_fds=(sending,),
                env={**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if isinstance(p, str))},
            )
        except BaseException:
            self._process = None
            self.close()
            raise
        finally:
            os.close(sending)  # the reader process holds the writing end now: its exit ends the pipe
        try:
            assert self._process.stdin is not None
            with self._process.stdin as job:
                pickle.dump((path, version_id, file_format, mapping, max_bytes), job)
            self.header = self._receive("header")
        except BaseException:
            self.close()
            raise

    def __iter__(self) -> Iterator[LineBatch]:
        while True:
            kind, payload = self._next()
            if kind == "end":
                self.summary = payload
                return
            packed, rejected, lines_read = payload
            rows, numbers = marshal.loads(packed)
            yield LineBatch(rows, numbers, rejected, lines_read)

    def _receive(self, expected: str) -> Any:
        kind, payload = self._next()
        if kind != expected:
            raise ReaderProcessError(f"the catalogue reader process sent {kind!r} where {expected!r} was due")
        return payload

    def _next(self) -> tuple[str, Any]:
        assert self._pipe is not None, "the reader process was closed"
        try:
            kind, payload = self._pipe.recv()
        except EOFError:
            assert self._process is not None
            raise ReaderProcessError(
                f"the catalogue reader process ended without finishing (exit code {self._wait()})"
            ) from None
        if kind == "failed":
            raise payload  # the file's own problem: a CatalogFileError, as reading in process raises it
        if kind == "crashed":
            raise ReaderProcessError(f"the catalogue reader process failed:\n{payload}")
        return kind, payload

    def close(self) -> None:
        if self._pipe is not None:
            # A reader process still sending finds the pipe broken and stops.
            self._pipe.close()
            self._pipe = None
        if self._process is not None:
            self._wait()
            self._process = None
        if self._copy is not None:
            os.unlink(self._copy)
            self._copy = None

    def _wait(self) -> int:
        assert self._process is not None
        try:
            return self._process.wait(_STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self._process.kill()
            return self._process.wait()

    def __enter__(self) -> "ProcessBatches":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


_ENTRY = "import sys; from app.catalogue.reader_process import serve; serve(int(sys.argv[1]))"


def serve(fd: int) -> None:
    """The reader process: the job from stdin; header, batches and summary down the pipe, or what went wrong."""
    path, version_id, file_format, mapping, max_bytes = pickle.load(sys.stdin.buffer)
    pipe = Connection(fd, readable=False)
    # The automatic collector would walk the growing set of item numbers seen again and again (a tenth of the
    # reading time); lines make no reference cycles, so collecting now and then is plenty.
    gc.disable()
    try:
        with read_catalogue(path, format=file_format, mapping=mapping, max_bytes=max_bytes) as reader:
            pipe.send(("header", reader.header))
            for count, batch in enumerate(line_batches(reader, version_id), start=1):
                # Rows are plain tuples of text, numbers and None: marshal packs and unpacks them in a third of
                # pickle's time, and both ends run the same interpreter.
                pipe.send(
                    ("batch", (marshal.dumps((batch.rows, batch.numbers)), batch.rejected, batch.lines_read))
                )
                if count % _COLLECT_EVERY == 0:
                    gc.collect()
            pipe.send(("end", reader.summary))
    except (BrokenPipeError, ConnectionResetError):
        pass  # the importer stopped reading: it failed, or gave up
    except CatalogFileError as exc:
        _send_quietly(pipe, ("failed", exc))
    except BaseException:
        _send_quietly(pipe, ("crashed", traceback.format_exc()))
    finally:
        pipe.close()


def _send_quietly(pipe: Connection, message: tuple[str, Any]) -> None:
    try:
        pipe.send(message)
    except OSError:
        pass  # nobody is listening any more


def _widen(pipe: int) -> None:
    """Room for a batch or two in the pipe itself (Linux; 64 KB by default), so that the reader process can
    send one and go on reading while the importer is still storing the one before."""
    try:
        import fcntl

        fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass  # another system, or above the system's limit: the reader then waits a little more often


def _copy_to_disk(source: IO[bytes]) -> str:
    """A file object's bytes from where it stands, in a temporary file the reader process can open."""
    start = source.tell()
    with tempfile.NamedTemporaryFile(prefix="catalogue-", delete=False) as copy:
        try:
            shutil.copyfileobj(source, copy, 1 << 20)
        except BaseException:
            os.unlink(copy.name)
            raise
    source.seek(start)
    return copy.name
