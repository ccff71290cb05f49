"""Run the same call from several threads at once, each with its own database connection (tests)."""

import threading
from collections.abc import Callable

from django.db import connection


def at_once(*calls: Callable[[], object], timeout: float = 30) -> list:
    """Start every call together (a barrier) in its own thread; return each result or exception.

    Each thread gets its own database connection, as two web workers would,
    and closes it at the end; a call that raises has its exception returned in
    its place, so the caller asserts on every outcome.
    """
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=timeout)
            outcomes[index] = call()
        except Exception as exc:  # returned to the test, which asserts on it
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
        if thread.is_alive():
            raise TimeoutError("a concurrent call did not finish in time")
    return outcomes
