"""Database writes that run on a second thread while the caller prepares the next batch.

An import validates a chunk of rows in Python, then writes it; the write is
mostly the database's own work (index maintenance, COPY on the server), done
with the GIL released. Handing it to a second thread lets the import validate
the next chunk meanwhile, so the official waits for the longer of the two,
not their sum.

Both threads use the *same* connection, so the writes stay in the import's one
transaction and an import is still saved whole or not at all. They never use
it at the same moment: at most one write is in flight, and every query of the
calling thread (an ORM lookup, a savepoint, an enterprise saved with its
history) first waits for it, through an execute wrapper on the connection. A
write that fails raises in the calling thread at its next query, submit or
exit, so the transaction it is in rolls back.
"""

import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from django.db import DEFAULT_DB_ALIAS, connections

# While both threads run, the interpreter hands the GIL over at least this often (the default
# is 5 ms). The writer wants the GIL back for a moment after each statement; at 5 ms it would
# wait most of that interval while the validating thread runs on, and the import would wait
# for the writer in turn.
SWITCH_INTERVAL = 0.001


class OverlappedWrites:
    """`with OverlappedWrites() as writes: writes.submit(fn, connection, …)` inside an atomic block.

    `fn` gets the shared connection as its first argument and must use it, not
    `django.db.connection`, which on the writer thread is another connection
    outside the transaction. Leave the block before the transaction ends.
    """

    def __init__(self, using: str = DEFAULT_DB_ALIAS):
        self.connection = connections[using]
        self._pending: Future | None = None
        self._owner: int | None = None
        self._pool: ThreadPoolExecutor | None = None
        self._wrapping = None

    def __enter__(self) -> "OverlappedWrites":
        self._owner = threading.get_ident()
        _shorten_switch_interval()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="xttm-writer")
        self.connection.inc_thread_sharing()
        self._wrapping = self.connection.execute_wrapper(self._wait_first)
        self._wrapping.__enter__()
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self.wait()
            else:  # the block failed: its error is the one to report, once the write has stopped
                self._settle()
        finally:
            self._pool.shutdown(wait=True)
            self._wrapping.__exit__(None, None, None)
            self.connection.dec_thread_sharing()
            _restore_switch_interval()

    def submit(self, fn: Callable, *args, **kwargs) -> None:
        """Start `fn(connection, *args, **kwargs)` on the writer thread once the previous write
        is done."""
        self.wait()
        self._pending = self._pool.submit(fn, self.connection, *args, **kwargs)

    def wait(self) -> None:
        """Block until the write in flight is done; raise its error, if it failed."""
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()

    def _settle(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.exception()  # waits; the error, if any, is dropped for the block's own

    def _wait_first(self, execute, sql, params, many, context):
        # Queries from the writer thread itself go straight through.
        if threading.get_ident() == self._owner:
            self.wait()
        return execute(sql, params, many, context)


# The interval is the process's: shortened while at least one block runs, restored by the last
# to leave, so two imports on two threads do not leave it short (or long) for good.
_blocks = 0
_saved_interval = 0.0
_interval_lock = threading.Lock()


def _shorten_switch_interval() -> None:
    global _blocks, _saved_interval
    with _interval_lock:
        if _blocks == 0:
            _saved_interval = sys.getswitchinterval()
            sys.setswitchinterval(min(_saved_interval, SWITCH_INTERVAL))
        _blocks += 1


def _restore_switch_interval() -> None:
    global _blocks
    with _interval_lock:
        _blocks -= 1
        if _blocks == 0:
            sys.setswitchinterval(_saved_interval)
