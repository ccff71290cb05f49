"""CPU and wall seconds of a python-calamine read and of a dry-run import of the same file
(min of N alternating rounds, and the median of the rounds' own wall ratios).

Usage: uv run --group bench python bench/import_cpu.py KIND ROWS [N]
KIND is participations or deals. The database is DATABASE_URL's (an empty
one: it is migrated and filled here), else a fresh SQLite file. A dry run
validates and writes every chunk, then rolls back, so each run does the
whole work. The goal is on wall time, what the official waits for: the import
writes each chunk on a second thread while it validates the next
(`xttm.core.overlap`), so its CPU time (process_time, both threads) is more
than its wall time on an idle machine with two cores or more. With PostgreSQL
the CPU time leaves out the server's own work. Run another tree's code with PYTHONPATH=that tree.
"""

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def best_of(runs: int, work) -> tuple[float, float]:
    cpu = wall = float("inf")
    for _ in range(runs):
        c, w = time.process_time(), time.perf_counter()
        work()
        cpu = min(cpu, time.process_time() - c)
        wall = min(wall, time.perf_counter() - w)
    return cpu, wall


def vacuum() -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM")


def main(kind: str, rows: int, runs: int) -> None:
    var = tempfile.mkdtemp()
    os.environ["XTTM_VAR_DIR"] = var
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{var}/cpu.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "xttm.settings"
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import django

    django.setup()
    import import_figures
    from python_calamine import CalamineWorkbook

    from xttm.core import importing

    path = import_figures.write_files(Path(var), rows)[kind]
    import_figures.prepare_database()

    def read():
        CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()

    base = importing.get_importer(kind)
    spent = {"cpu": 0.0, "wall": 0.0}

    class Timed(base):
        # The database write alone (INSERT or COPY of the new rows, their history), which runs
        # on the writer thread while the next chunk is validated: how much of the import's
        # wall time it would add if it did not overlap.
        def insert_new(self, *args, **kwargs):
            c, w = time.thread_time(), time.perf_counter()
            try:
                return super().insert_new(*args, **kwargs)
            finally:
                spent["cpu"] += time.thread_time() - c
                spent["wall"] += time.perf_counter() - w

    writes = []

    def dry_import():
        spent.update(cpu=0.0, wall=0.0)
        result = Timed().run(path, dry_run=True)
        assert result.ok and result.created == rows, result.errors[:3]
        writes.append(dict(spent))

    # Read and import alternate, so a drift in the machine's speed (a shared host) falls on
    # both: the minimum of each, and the median of each round's own ratio.
    # A rolled-back import leaves its rows dead in the tables and their indexes (PostgreSQL),
    # which would slow each later round's unique checks; VACUUM makes every round the first.
    rounds = []
    for _ in range(runs):
        rounds.append((best_of(1, read), best_of(1, dry_import)))
        vacuum()
    read_cpu = min(r[0][0] for r in rounds)
    read_wall = min(r[0][1] for r in rounds)
    import_cpu = min(r[1][0] for r in rounds)
    import_wall = min(r[1][1] for r in rounds)
    paired = statistics.median(r[1][1] / r[0][1] for r in rounds)
    line = {
        "code": str(Path(importing.__file__).parents[2]),
        "db": os.environ["DATABASE_URL"].split(":")[0],
        "kind": kind,
        "rows": rows,
        "read_cpu": round(read_cpu, 3),
        "import_cpu": round(import_cpu, 3),
        "cpu_ratio": round(import_cpu / read_cpu, 1),
        "read_wall": round(read_wall, 3),
        "import_wall": round(import_wall, 3),
        "wall_ratio": round(import_wall / read_wall, 1),
        "paired_wall_ratio": round(paired, 1),
        # The least of the runs' writes (on the writer thread, overlapped with validation).
        "write_wall": round(min(w["wall"] for w in writes), 3),
    }
    print(json.dumps(line))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 3)
