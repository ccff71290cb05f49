"""Figures of the xlsx importers against a bare python-calamine read: time and peak memory by row count.

Usage: uv run python bench/import_figures.py [ROWS ...] (default 100000 400000)
Each measurement runs in its own process on a throw-away SQLite database
under a temporary XTTM_VAR_DIR, so the peaks do not mix. With
DATABASE_URL=postgres://…/NAME (NAME must contain "bench") each child gets a
fresh PostgreSQL database of that name instead, dropped afterwards.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ACTIVITIES = (
    200  # participations are keyed by (activity, enterprise): 200 × 2,000 pairs cover 400k rows
)
ENTERPRISES = 2_000
# Peak RSS is the honest memory figure (calamine allocates in Rust, which tracemalloc does not see);
# add "calamine-mem", "import-mem" or "import-dry" for the Python heap or a rolled-back run.
MODES = os.environ.get("MODES", "calamine,import").split(",")


def write_files(folder: Path, rows: int) -> dict[str, Path]:
    from openpyxl import Workbook

    from xttm.directory.factories import tax_code_for

    taxes = [tax_code_for(n) for n in range(ENTERPRISES)]
    paths = {}
    for kind in ("participations", "deals"):
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Dữ liệu")
        if kind == "participations":
            ws.append(["Mã hoạt động", "Mã số thuế", "Số gian hàng", "Kinh phí hỗ trợ (đồng)"])
            for n in range(rows):
                ws.append(
                    [f"HD-B-{n // ENTERPRISES:04d}", taxes[n % ENTERPRISES], n % 3 + 1, 45_000_000]
                )
        else:
            ws.append(
                [
                    "Số hợp đồng",
                    "Mã hoạt động",
                    "Mã số thuế",
                    "Loại",
                    "Ngày ký",
                    "Giá trị",
                    "Loại tiền",
                    "Quốc gia đối tác",
                    "Nhóm hàng (HS)",
                ]
            )
            for n in range(rows):
                ws.append(
                    [
                        f"GD-{n:07d}",
                        f"HD-B-{n % ACTIVITIES:04d}",
                        taxes[n % ENTERPRISES],
                        "Hợp đồng",
                        "12/03/2026",
                        f"{(n % 997 + 1) * 1000}",
                        "USD",
                        "Nhật Bản",
                        "09",
                    ]
                )
        path = folder / f"{kind}-{rows}.xlsx"
        wb.save(path)
        paths[kind] = path
    return paths


def prepare_database() -> None:
    import datetime
    from decimal import Decimal

    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from xttm.directory.factories import EnterpriseFactory, tax_code_for
    from xttm.promotion.choices import SchemeStatus
    from xttm.promotion.factories import ActivityFactory, ExchangeRateFactory, SchemeFactory

    scheme = SchemeFactory(status=SchemeStatus.IN_PROGRESS)
    for n in range(ACTIVITIES):
        ActivityFactory(scheme=scheme, code=f"HD-B-{n:04d}")
    for n in range(ENTERPRISES):
        EnterpriseFactory(tax_code=tax_code_for(n))
    ExchangeRateFactory(
        date=datetime.date(2026, 3, 1), currency="USD", rate_to_vnd=Decimal("25000")
    )


def measure(mode: str, kind: str, path: str) -> dict:
    """In a child process: one run, its time, its Python peak (tracemalloc) or its RSS peak."""
    import resource
    import tracemalloc

    import django

    django.setup()
    if mode.startswith("import"):
        prepare_database()
    trace = mode.endswith("-mem")
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    if mode.startswith("calamine"):
        from python_calamine import CalamineWorkbook

        wb = CalamineWorkbook.from_path(path)
        rows = wb.get_sheet_by_index(0).to_python()
        count = len(rows) - 1
    else:
        from xttm.core.importing import get_importer

        result = get_importer(kind)().run(Path(path), dry_run=mode.startswith("import-dry"))
        assert result.ok, result.as_json()["errors"][:3]
        count = result.created + result.updated + result.unchanged
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] if trace else None
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {
        "seconds": round(seconds, 2),
        "rows": count,
        "py_peak_mb": peak and round(peak / 2**20, 1),
        "rss_mb": round(rss / 2**20, 1),
    }


POSTGRES = (
    os.environ.get("DATABASE_URL", "")
    if os.environ.get("DATABASE_URL", "").startswith("postgres")
    else ""
)


def _recreate(url: str, *, drop_only: bool = False) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    if "bench" not in name:
        raise SystemExit(f"refusing to drop {name!r}: the name must contain 'bench'")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')


def child(mode, kind, path) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "xttm.settings"}
    with tempfile.TemporaryDirectory() as var:
        env["XTTM_VAR_DIR"] = var
        if POSTGRES:
            env["DATABASE_URL"] = POSTGRES
            _recreate(POSTGRES)
        else:
            env["DATABASE_URL"] = f"sqlite:///{var}/bench.sqlite3"
        try:
            out = subprocess.run(
                [sys.executable, __file__, "--child", mode, kind, path],
                env=env,
                capture_output=True,
                text=True,
            )
        finally:
            if POSTGRES:
                _recreate(POSTGRES, drop_only=True)
    if out.returncode:
        raise SystemExit(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(sizes: list[int]) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xttm.settings")
    django.setup()
    with tempfile.TemporaryDirectory() as folder:
        for rows in sizes:
            files = write_files(Path(folder), rows)
            for kind, path in files.items():
                line = {"kind": kind, "rows": rows, "db": "postgres" if POSTGRES else "sqlite"}
                for mode in MODES:
                    line[mode] = child(mode, kind, str(path))
                if "import" in line and "calamine" in line:
                    base = line["calamine"]["seconds"]
                    line["ratio_import"] = round(line["import"]["seconds"] / base, 2)
                print(json.dumps(line, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(measure(*sys.argv[2:5])))
    else:
        main([int(a) for a in sys.argv[1:]] or [100_000, 400_000])
