"""The runner's database side, in its own process (locust's gevent patching stays out of Django).

`python -m loadtest.db prepare USER…` makes sure each user has an API token (an
administrator would hand them out) and prints the highest report job id;
`python -m loadtest.db count RUN_ID MADE.json --after-job N --users …` waits for the
report jobs to be built and prints, as JSON, what the database holds.
"""

import argparse
import json
import os
import sys
import time

# The code prefix of the schemes the scenario drafts (locustfile.SCHEME_PREFIX; not
# imported from there, because importing locust patches the process for gevent).
SCHEME_PREFIX = "lt-"


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xttm.settings")
    import django

    django.setup()


def prepare(usernames: list[str]) -> dict:
    from django.contrib.auth import get_user_model
    from django.db.models import Max
    from rest_framework.authtoken.models import Token

    from xttm.reports.models import ReportJob

    users = {u.username: u for u in get_user_model().objects.filter(username__in=usernames)}
    missing = sorted(set(usernames) - set(users))
    if missing:
        raise SystemExit(
            "Thiếu tài khoản {names}: chạy `xttm seed-demo` trước.".format(names=", ".join(missing))
        )
    for user in users.values():
        Token.objects.get_or_create(user=user)
    last_job = ReportJob.objects.aggregate(last=Max("pk"))["last"] or 0
    return {"users": sorted(users), "last_report_job": last_job}


def count(run_id: str, made: dict, after_job: int, usernames: list[str], drain: float) -> dict:
    """What the database holds of this run's writes, once the report jobs are built (or `drain` ends)."""
    from xttm.promotion.models import Scheme
    from xttm.reports.models import ReportJob

    codes = set(made["schemes"])
    found = set(
        Scheme.objects.filter(code__startswith=f"{SCHEME_PREFIX}{run_id}-").values_list(
            "code", flat=True
        )
    )
    # Every job the load users started during the run, including any whose response the
    # client never saw (a request cut by a failover): none of them may be left unbuilt.
    run_jobs = ReportJob.objects.filter(pk__gt=after_job, user__username__in=usernames)
    unfinished = (ReportJob.Status.QUEUED, ReportJob.Status.RUNNING)
    started = time.monotonic()
    while run_jobs.filter(status__in=unfinished).exists() and time.monotonic() - started < drain:
        time.sleep(1)
    jobs = dict(run_jobs.values_list("pk", "status"))
    made_jobs = set(made["report_jobs"])
    by_status = {
        status: sorted(pk for pk, s in jobs.items() if s == status)
        for status in ReportJob.Status.values
    }
    return {
        "schemes": {
            "made": len(codes),
            "found": len(codes & found),
            "missing": sorted(codes - found),
            "not_acknowledged": sorted(found - codes),
        },
        "report_jobs": {
            "made": len(made_jobs),
            "found": len(made_jobs & set(jobs)),
            "missing": sorted(made_jobs - set(jobs)),
            "not_acknowledged": sorted(set(jobs) - made_jobs),
            "done": len(by_status["done"]),
            "failed": by_status["failed"],
            "unfinished": by_status["queued"] + by_status["running"],
        },
        "waited_for_jobs_seconds": round(time.monotonic() - started, 1),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loadtest.db")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("usernames", nargs="+")
    c = sub.add_parser("count")
    c.add_argument("run_id")
    c.add_argument("made", help="JSON file of the writes the load test made")
    c.add_argument("--after-job", type=int, required=True)
    c.add_argument("--users", nargs="+", required=True)
    c.add_argument("--drain", type=float, default=60.0)
    args = parser.parse_args(argv)
    _setup()
    if args.command == "prepare":
        result = prepare(args.usernames)
    else:
        with open(args.made) as fh:
            result = count(args.run_id, json.load(fh), args.after_job, args.users, args.drain)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
