"""WAL checkpoints on SQLite, moved off the request path for the served app.

By default SQLite checkpoints inside the commit that pushes the write-ahead log past 1,000 pages: that one request
copies the log into the database file and waits for its fsync, tens of milliseconds that land on whichever user
happened to commit then (a returned punch-out cart of a few hundred lines fills the log every dozen requests).
The served app turns the automatic checkpoint off on its connections and runs a PASSIVE checkpoint from a thread of
its own instead, as https://www.sqlite.org/wal.html#application_initiated_checkpoints suggests. PASSIVE never waits
for readers or writers, so it is safe from any number of worker processes at once; each process runs its own.
Processes without the thread (the CLI, tests, migrations) keep SQLite's automatic checkpoint.
"""

import logging
import threading

from sqlalchemy import Engine

log = logging.getLogger(__name__)

INTERVAL_SECONDS = 0.5

_background = threading.Event()


def background_checkpoints() -> bool:
    """Whether this process checkpoints from a thread, so new connections leave the automatic checkpoint off."""
    return _background.is_set()


class Checkpointer:
    def __init__(self, engine: Engine, interval: float = INTERVAL_SECONDS) -> None:
        self.engine = engine
        self.interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        _background.set()
        # Pooled connections were opened with the automatic checkpoint on; new ones are opened without it.
        self.engine.dispose()
        self._thread = threading.Thread(target=self._run, name="sqlite-checkpoint", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        _background.clear()
        self.engine.dispose()  # what connects after this checkpoints in its commits again
        self.checkpoint()  # leave the log folded in, as the automatic checkpoint would have

    def checkpoint(self) -> tuple[int, int, int] | None:
        """One PASSIVE checkpoint: (busy, frames in the log, frames checkpointed), or None when it failed."""
        try:
            with self.engine.connect() as connection:
                row = connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").one()
                return int(row[0]), int(row[1]), int(row[2])
        except Exception:  # noqa: BLE001 - a failed checkpoint is retried next round; the data is safe in the log
            log.exception("WAL checkpoint failed")
            return None

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.checkpoint()
