"""`python -m loadtest`: run the locust scenario for a bounded time, then count its writes back.

    uv run --group load python -m loadtest --users 20 --time 60s --host http://127.0.0.1:8850

The database is the one DATABASE_URL names (the server's). Prints throughput,
p50/p95/p99, errors and the writes made against those found, and exits 1 on any
error, any lost write or any report job not built. `--json FILE` also writes
the figures and every failed request (with its time) for deploy/topology.py.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import uuid


def _seconds(text: str) -> float:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(s|m)?", text.strip())
    if not match:
        raise argparse.ArgumentTypeError("thời lượng dạng 60s, 2m hoặc 90")
    return float(match.group(1)) * (60 if match.group(2) == "m" else 1)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m loadtest", description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=20, help="simulated users (default 20)")
    parser.add_argument("--time", type=_seconds, default=60.0, help="duration, e.g. 60s or 2m")
    parser.add_argument(
        "--host", default="http://127.0.0.1:8000", help="base URL of XTTM (xttm serve)"
    )
    parser.add_argument("--spawn-rate", type=float, default=10.0, help="users started per second")
    parser.add_argument(
        "--drain", type=float, default=60.0, help="seconds to wait for report jobs after the run"
    )
    parser.add_argument("--json", help="also write the figures and the failures to this file")
    return parser


def _db(*args: str) -> dict:
    """Run loadtest.db in its own process (Django there, gevent here)."""
    result = subprocess.run(
        [sys.executable, "-m", "loadtest.db", *args], capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"loadtest.db {args[0]} failed")
    return json.loads(result.stdout.strip().splitlines()[-1])


def run(args) -> dict:
    # Imported here: locust patches the process for gevent when it is imported.
    import gevent
    from locust import events
    from locust.env import Environment

    from loadtest import locustfile

    classes = [
        locustfile.Leadership,
        locustfile.ProgrammeOfficer,
        locustfile.PartnerOfficer,
        locustfile.Staff,
    ]
    usernames = sorted({cls.username for cls in classes})
    prepared = _db("prepare", *usernames)
    run_id = uuid.uuid4().hex[:8]
    locustfile.RUN_ID = run_id

    failures: list[dict] = []
    per_second: dict[int, list[int]] = {}

    @events.request.add_listener
    def on_request(request_type, name, response_time, exception=None, start_time=None, **kw):
        second = int(start_time or time.time())
        ok_err = per_second.setdefault(second, [0, 0])
        ok_err[1 if exception else 0] += 1
        if exception:
            failures.append(
                {
                    "at": start_time,
                    # When the client saw the failure: what a failover window is measured by.
                    "ended": (start_time or time.time()) + (response_time or 0) / 1000,
                    "method": request_type,
                    "name": name,
                    "error": str(exception)[:300],
                }
            )

    env = Environment(user_classes=classes, host=args.host.rstrip("/"), events=events)
    runner = env.create_local_runner()
    started = time.time()
    runner.start(args.users, spawn_rate=args.spawn_rate)
    gevent.spawn_later(args.time, runner.quit)
    runner.greenlet.join()
    elapsed = time.time() - started

    total = env.stats.total
    exceptions = sum(e.occurrences for e in runner.exceptions.values()) if runner.exceptions else 0
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(locustfile.made, fh)
    try:
        counted = _db(
            "count", run_id, fh.name,
            "--after-job", str(prepared["last_report_job"]),
            "--users", *usernames,
            "--drain", str(args.drain),
        )  # fmt: skip
    finally:
        os.unlink(fh.name)

    endpoints = [
        {
            "name": f"{s.method} {s.name}",
            "requests": s.num_requests,
            "failures": s.num_failures,
            "p50_ms": s.get_response_time_percentile(0.5),
            "p95_ms": s.get_response_time_percentile(0.95),
            "p99_ms": s.get_response_time_percentile(0.99),
        }
        for s in sorted(env.stats.entries.values(), key=lambda s: -s.num_requests)
    ]
    return {
        "run_id": run_id,
        "host": args.host,
        "users": args.users,
        "seconds": round(elapsed, 1),
        "started_at": started,
        "requests": total.num_requests,
        "requests_per_second": round(total.num_requests / elapsed, 1) if elapsed else 0,
        "p50_ms": total.get_response_time_percentile(0.5),
        "p95_ms": total.get_response_time_percentile(0.95),
        "p99_ms": total.get_response_time_percentile(0.99),
        "max_ms": round(total.max_response_time or 0),
        "failures": total.num_failures,
        "exceptions": exceptions,
        "exception_messages": [e.msg for e in runner.exceptions.values()][:10],
        "writes": counted,
        "endpoints": endpoints,
        "failed_requests": failures,
        "per_second": {str(k): v for k, v in sorted(per_second.items())},
    }


def verdict(result: dict) -> list[str]:
    """Why the run failed; empty when it passed."""
    problems = []
    if result["failures"]:
        problems.append(f"{result['failures']} yêu cầu lỗi")
    if result["exceptions"]:
        problems.append(f"{result['exceptions']} lỗi trong kịch bản")
    problems += write_problems(result["writes"])
    if not result["requests"]:
        problems.append("không có yêu cầu nào")
    return problems


def write_problems(writes: dict) -> list[str]:
    """Writes the scenario made that the database lacks, and report jobs not built.

    Shared with deploy/topology.py, which judges the same writes after a failover.
    """
    problems = []
    if writes["schemes"]["missing"]:
        problems.append(f"mất {len(writes['schemes']['missing'])} đề án đã ghi")
    jobs = writes["report_jobs"]
    if jobs["missing"]:
        problems.append(f"mất {len(jobs['missing'])} yêu cầu báo cáo")
    if jobs["failed"] or jobs["unfinished"]:
        problems.append(
            f"báo cáo không xong: {len(jobs['failed'])} lỗi, {len(jobs['unfinished'])} còn chờ"
        )
    return problems


def report(result: dict) -> str:
    w = result["writes"]
    lines = [
        "",
        "Endpoint".ljust(48)
        + "reqs".rjust(7)
        + "fail".rjust(6)
        + "p50".rjust(7)
        + "p95".rjust(7)
        + "p99".rjust(7),
        *(
            e["name"][:47].ljust(48) + f"{e['requests']:>7}{e['failures']:>6}"
            f"{e['p50_ms']:>7.0f}{e['p95_ms']:>7.0f}{e['p99_ms']:>7.0f}"
            for e in result["endpoints"]
        ),
        "",
        f"Run {result['run_id']}: {result['users']} users for {result['seconds']} s against {result['host']}",
        f"Requests: {result['requests']} ({result['requests_per_second']} req/s)",
        f"Latency (ms): p50 {result['p50_ms']:.0f}, p95 {result['p95_ms']:.0f}, "
        f"p99 {result['p99_ms']:.0f}, max {result['max_ms']}",
        f"Errors: {result['failures']} failed requests, {result['exceptions']} scenario exceptions",
        f"Writes: schemes made {w['schemes']['made']}, found {w['schemes']['found']}"
        f" (missing {len(w['schemes']['missing'])});"
        f" report jobs made {w['report_jobs']['made']}, found {w['report_jobs']['found']},"
        f" built {w['report_jobs']['done']}, failed {len(w['report_jobs']['failed'])},"
        f" unfinished {len(w['report_jobs']['unfinished'])}"
        f" (waited {w['waited_for_jobs_seconds']} s)",
    ]
    for failure in result["failed_requests"][:10]:
        lines.append(f"  failed: {failure['method']} {failure['name']}: {failure['error']}")
    for message in result["exception_messages"]:
        lines.append(f"  exception: {message}")
    return "\n".join(lines)


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    result = run(args)
    print(report(result))
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(result, fh, indent=1)
    problems = verdict(result)
    print("KẾT QUẢ: " + ("ĐẠT" if not problems else "KHÔNG ĐẠT — " + "; ".join(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
