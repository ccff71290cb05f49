"""`xttm serve`: migrate, optionally seed the demo, then run gunicorn and a task worker."""

import argparse
import os
import signal
import subprocess
import sys
import time


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xttm serve",
        description="Run XTTM with gunicorn (and whitenoise for static files) and a task worker.",
    )
    parser.add_argument("--demo", action="store_true", help="load the demo data if missing")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 2)))
    parser.add_argument(
        "--no-worker", action="store_true", help="do not start the background task worker"
    )
    return parser


def serve(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if args.demo:
        os.environ["XTTM_DEMO"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xttm.settings")

    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    logins = []
    if args.demo:
        from xttm.core.demo import demo_logins, seed_demo

        seed_demo(stdout=sys.stdout)
        logins = demo_logins()

    children: list[subprocess.Popen] = []
    python = sys.executable
    if not args.no_worker:
        children.append(subprocess.Popen([python, "-m", "xttm.cli", "db_worker"]))
    children.append(
        subprocess.Popen(
            [
                python, "-m", "gunicorn", "xttm.wsgi:application",
                "--bind", f"{args.host}:{args.port}",
                "--workers", str(args.workers),
                "--access-logfile", "-",
                "--graceful-timeout", "10",
            ]
        )
    )  # fmt: skip

    url = f"http://{args.host}:{args.port}/"
    print(f"\nXTTM đang chạy tại {url}  (cơ sở dữ liệu: {settings.DATABASES['default']['NAME']})")
    if logins:
        print("Tài khoản dùng thử (tên đăng nhập / mật khẩu — vai trò):")
        for username, password, role in logins:
            print(f"  {username} / {password} — {role}")
    print("Nhấn Ctrl+C để dừng.\n", flush=True)

    stopping = False

    def stop(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        while not stopping:
            # If either child dies the service is broken: stop the other and report.
            if any(child.poll() is not None for child in children):
                break
            time.sleep(0.5)
    finally:
        for child in children:
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()
    failed = [c for c in children if c.returncode not in (0, -signal.SIGTERM, None)]
    return 0 if stopping or not failed else 1
