"""Timing (median of repetitions), peak memory (tracemalloc), query counts and the result table."""

import os
import platform
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection
from django.test.utils import CaptureQueriesContext


def median_time(fn: Callable[[], object], reps: int, warm: bool = True) -> float:
    """Median wall time of `reps` calls, after one warm-up call (caches, compiled templates)."""
    if warm:
        fn()
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def once(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def peak_memory(fn: Callable[[], object]) -> int:
    """Peak bytes Python allocated during one call (tracemalloc; native buffers are not counted)."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def query_count(fn: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


@dataclass
class Result:
    scenario: str
    xttm: float | None
    reference: float | None
    goal: str
    passed: bool | None
    peak: int | None = None
    note: str = ""
    ratio: float | None = field(default=None)

    def __post_init__(self):
        if self.ratio is None and self.xttm is not None and self.reference:
            self.ratio = self.xttm / self.reference


def ratio_result(scenario, xttm, reference, limit, goal, peak=None, note="") -> Result:
    r = Result(scenario, xttm, reference, goal, None, peak, note)
    r.passed = r.ratio is not None and r.ratio <= limit
    return r


def _ms(seconds) -> str:
    if seconds is None:
        return "-"
    if seconds >= 10:
        return f"{seconds:.1f} s"
    return f"{seconds * 1000:.1f} ms"


def _mb(n) -> str:
    return "-" if n is None else f"{n / 2**20:.1f} MB"


def table(results: list[Result]) -> str:
    head = ("scenario", "XTTM", "reference", "ratio", "goal", "result", "peak mem", "note")
    rows = [
        (
            r.scenario,
            _ms(r.xttm),
            _ms(r.reference),
            "-" if r.ratio is None else f"{r.ratio:.2f}",
            r.goal,
            {True: "pass", False: "FAIL", None: "-"}[r.passed],
            _mb(r.peak),
            r.note,
        )
        for r in results
    ]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows, strict=True)]
    line = " | ".join("{:<" + str(w) + "}" for w in widths)
    out = [line.format(*head), "-+-".join("-" * w for w in widths)]
    out += [line.format(*row) for row in rows]
    return "\n".join(out)


def machine() -> str:
    """CPU model, cores, RAM, Python and the database, printed above the table."""
    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo") as f:
            for row in f:
                if row.startswith("model name"):
                    cpu = row.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    ram = "?"
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
            ram = f"{kb / 2**20:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            db = "PostgreSQL " + cursor.fetchone()[0]
        else:
            cursor.execute("select sqlite_version()")
            db = "SQLite " + cursor.fetchone()[0]
    return (
        f"machine: {cpu}, {os.cpu_count()} cores, {ram} RAM; "
        f"Python {platform.python_version()}; {db}"
    )
