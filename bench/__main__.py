"""`python -m bench [--scale small|medium|national] [--only SCENARIO] [--database URL] [--strict]`.

Builds a fresh database (a temporary SQLite file by default; with
--database, a PostgreSQL database whose name contains "bench", dropped and
created again), generates the data deterministically, runs the scenarios and
prints one table. Exit 0 when the suite ran, even with missed goals (FAIL in
the table); 1 with --strict and a missed goal; 2 on a crash.
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
import traceback
from urllib.parse import urlparse

SCENARIOS = ("dashboard", "lists", "import", "eligibility", "round", "decision")


def _args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("small", "medium", "national"), default="small")
    parser.add_argument("--only", action="append", choices=SCENARIOS, help="repeatable")
    parser.add_argument("--database", help="postgres://… (the name must contain 'bench')")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is missed")
    parser.add_argument("--profile", metavar="DIR", help="pyinstrument HTML of missed goals here")
    return parser.parse_args(argv)


def _recreate_postgres(url: str) -> None:
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    if "bench" not in name:
        raise SystemExit(f"refusing to drop {name!r}: a bench database's name contains 'bench'")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _drop_postgres(url: str) -> None:
    import psycopg

    parts = urlparse(url)
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute('DROP DATABASE IF EXISTS "{}" WITH (FORCE)'.format(parts.path.lstrip("/")))


def main(argv=None) -> int:
    args = _args(argv)
    try:
        import duckdb  # noqa: F401
        import pyinstrument  # noqa: F401
    except ImportError:
        print("The bench needs its dependency group: uv run --group bench python -m bench …")
        return 2
    work = tempfile.mkdtemp(prefix="xttm-bench-")
    try:
        os.environ["XTTM_VAR_DIR"] = work
        os.environ["XTTM_PRODUCTION"] = "0"
        os.environ["DEBUG"] = "0"
        os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
        os.environ["DJANGO_SETTINGS_MODULE"] = "xttm.settings"
        if args.database:
            _recreate_postgres(args.database)
            os.environ["DATABASE_URL"] = args.database
        else:
            os.environ["DATABASE_URL"] = "sqlite:///" + os.path.join(work, "bench.sqlite3")
        import django

        django.setup()
        from django.db.backends.signals import connection_created

        def unsafe_sqlite(sender, connection, **kwargs):
            # A throw-away file: skipping fsync cuts migrate and data generation from
            # about a minute to seconds. Measured work only reads, or writes and rolls back.
            if connection.vendor == "sqlite":
                connection.cursor().execute("PRAGMA synchronous=OFF")

        connection_created.connect(unsafe_sqlite)
        from django.conf import settings

        # As the tests do: hashed static names need collectstatic, which the bench does not run.
        settings.STORAGES = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        from django.core.management import call_command

        from . import measure, scenarios

        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        print(f"migrated in {time.perf_counter() - started:.0f} s", flush=True)
        print(measure.machine())
        print(f"scale: {args.scale}; scenarios: {', '.join(args.only or SCENARIOS)}", flush=True)
        results = scenarios.run(args.scale, args.only or SCENARIOS, profile_dir=args.profile)
        print()
        print(measure.table(results))
        print(f"\ntotal {time.perf_counter() - started:.0f} s", flush=True)
        missed = [r for r in results if r.passed is False]
        return 1 if args.strict and missed else 0
    except SystemExit:
        raise
    except BaseException:
        traceback.print_exc()
        return 2
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if args.database and not args.keep:
            try:
                from django.db import connections

                connections.close_all()
                _drop_postgres(args.database)
            except Exception:  # the run's own error matters more than the clean-up's
                traceback.print_exc()


if __name__ == "__main__":
    sys.exit(main())
