"""CPU and wall seconds of a python-calamine read and of a dry-run import of the same file
(min of N runs each), and the database server's CPU time during the import.

Usage: uv run --group bench python bench/import_cpu.py KIND ROWS [N]
KIND is participations or deals. The database is DATABASE_URL's (an empty
one: it is migrated and filled here), else a fresh SQLite file. A dry run
validates and writes every chunk, then rolls back, so each run does the
whole work. The goal is on wall time, what the official waits for: the import
writes each chunk on a second thread while it validates the next
(`xttm.core.overlap`), so its CPU time (process_time, both threads) is more
than its wall time on an idle machine with two cores or more. With PostgreSQL
the CPU time leaves out the server's own work, reported apart (`server_cpu`,
from /proc: the server must run on this machine) with the least wall time two
cores allow for both (`two_core_bound_ratio`). Run another tree's code with
PYTHONPATH=that tree.

`write_alone_wall` is the first run's new records written again with nothing
else: no reading, no validation, the references checked as a committed import
checks them (on PostgreSQL, as each COPY ends; a dry run never checks them),
rolled back. Reading the file and writing its rows is the least any import
must do; `floor_ratio`, (read + write alone) ÷ read, is what the goal's ratio
cannot go under on this machine and schema while the file is read before its
rows are written (python-calamine reads a sheet whole).
"""

import json
import os
import sys
import tempfile
import time
from pathlib import Path


def timed(work) -> tuple[float, float, float]:
    """CPU seconds (this process, all threads), wall seconds, and the database server's CPU
    seconds meanwhile (0 when its processes are not on this machine)."""
    s, c, w = server_cpu(), time.process_time(), time.perf_counter()
    work()
    return time.process_time() - c, time.perf_counter() - w, server_cpu() - s


def server_cpu() -> float:
    """CPU seconds used so far by this machine's PostgreSQL processes (user and system), from
    /proc: what the import costs the server, which the client's CPU time leaves out."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # the process ended
            continue
        if stat[stat.index("(") + 1 : stat.rindex(")")].startswith(("postgres", "postmaster")):
            fields = stat[stat.rindex(")") + 2 :].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


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
    from django.db import connection
    from python_calamine import CalamineWorkbook

    from xttm.core import importing

    path = import_figures.write_files(Path(var), rows)[kind]
    import_figures.prepare_database()

    def read():
        CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()

    base = importing.get_importer(kind)
    spent = {"cpu": 0.0, "wall": 0.0}
    chunks: list[dict] = []  # the first run's new records, chunk by chunk, for `write_alone`
    writes: list[dict] = []  # each run's write times, appended as the run ends

    class Timed(base):
        # The database write alone (INSERT or COPY of the new rows, their history), which runs
        # on the writer thread while the next chunk is validated: how much of the import's
        # wall time it would add if it did not overlap.
        def insert_new(self, connection, new_columns):
            if not writes:  # the first run
                chunks.append({name: list(values) for name, values in new_columns.items()})
            c, w = time.thread_time(), time.perf_counter()
            try:
                return super().insert_new(connection, new_columns)
            finally:
                spent["cpu"] += time.thread_time() - c
                spent["wall"] += time.perf_counter() - w

    def write_alone():
        # The floor under any import of this file into these tables: its rows, already
        # validated, written as the import writes them (COPY, the history, the references
        # checked as a committed import checks them on PostgreSQL), with no reading, no
        # validation, no overlap; then rolled back.
        from django.db import transaction

        from xttm.core.bulk import references_checked_as_written

        writer = base()
        with transaction.atomic(), references_checked_as_written(connection, on=True):
            for new_columns in chunks:
                writer.insert_new(connection, new_columns)
            transaction.set_rollback(True)

    def dry_import():
        spent.update(cpu=0.0, wall=0.0)
        result = Timed().run(path, dry_run=True)
        assert result.ok and result.created == rows, result.errors[:3]
        writes.append(dict(spent))

    # A rolled-back import leaves its rows dead in the tables and their indexes (PostgreSQL),
    # which would slow each later run's unique checks; VACUUM makes every run the first.
    # Each import right after a read, so the two see the same machine: on a shared VM the
    # speed drifts by a quarter within minutes, and reads taken all before the imports
    # moved the ratio more than the code did.
    reads, imports, alone = [], [], []
    for _ in range(runs):
        reads.append(timed(read))
        imports.append(timed(dry_import))
        vacuum()
    for _ in range(runs):
        alone.append(timed(write_alone)[1])
        vacuum()
    read_cpu = min(cpu for cpu, _wall, _server in reads)
    read_wall = min(wall for _cpu, wall, _server in reads)
    import_cpu = min(cpu for cpu, _wall, _server in imports)
    import_wall = min(wall for _cpu, wall, _server in imports)
    import_server = min(server for _cpu, _wall, server in imports)
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
        # The least of the runs' writes (on the writer thread, overlapped with validation).
        "write_wall": round(min(w["wall"] for w in writes), 3),
        # The write with nothing else (`write_alone`), and the least any import could take if
        # it wrote only once the file was read, as a ratio to the read: the goal's floor here.
        "write_alone_wall": round(min(alone), 3),
        "floor_ratio": round((read_wall + min(alone)) / read_wall, 1),
    }
    if connection.vendor == "postgresql":
        # The server's CPU during the import, and the least wall time two cores allow for all
        # the CPU work (client and server), as a ratio to the read. SQLite's work is the
        # process's own, already in its CPU time.
        line["server_cpu"] = round(import_server, 3)
        line["two_core_bound_ratio"] = round((import_cpu + import_server) / 2 / read_wall, 1)
    print(json.dumps(line))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 3)
