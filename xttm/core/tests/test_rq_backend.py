"""The RQ task backend (TASK_BACKEND=django_tasks_rq.RQBackend) on a real Redis and a real worker."""

import importlib.util
import json
import os
import subprocess
import sys

import pytest

REDIS_URL = os.environ.get("XTTM_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_answers() -> bool:
    if importlib.util.find_spec("redis") is None:
        return False
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


pytestmark = [
    pytest.mark.skipif(
        importlib.util.find_spec("django_tasks_rq") is None,
        reason="the `rq` extra is not installed (uv sync --extra rq)",
    ),
    pytest.mark.skipif(not _redis_answers(), reason=f"no Redis answers at {REDIS_URL}"),
]

ENQUEUE = (
    "import django; django.setup(); from xttm.core.tasks import ping; print(ping.enqueue().id)"
)
# Waits (up to 60 s) for the job to finish and a worker to show its heartbeat;
# one process, because each Django start-up costs seconds on a busy machine.
AWAIT_RESULT = """
import json, sys, time, django
django.setup()
from xttm.core.tasks import ping
from xttm.core.health import worker_state
deadline = time.monotonic() + float(sys.argv[2])
while True:
    status, worker = ping.get_result(sys.argv[1]).status.name, worker_state()
    if (status in ("SUCCESSFUL", "FAILED") and worker["workers"]) or time.monotonic() > deadline:
        break
    time.sleep(0.2)
print(json.dumps({"status": status, "worker": worker}))
"""


@pytest.fixture
def rq_env(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "xttm.settings",
        "TASK_BACKEND": "django_tasks_rq.RQBackend",
        "REDIS_URL": REDIS_URL,
        "XTTM_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'rq.sqlite3'}",
    }
    env.pop("DATABASE_REPLICA_URL", None)
    return env


def _python(env, code, *args) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_a_task_enqueued_through_django_tasks_is_run_by_an_rq_worker_and_health_sees_it(rq_env):
    task_id = _python(rq_env, ENQUEUE)
    before = json.loads(_python(rq_env, AWAIT_RESULT, task_id, "0"))
    assert before["status"] == "READY"
    worker = subprocess.Popen(
        [sys.executable, "-m", "xttm.cli", "rqworker", "--job-class", "django_tasks_rq.Job"],
        env=rq_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        after = json.loads(_python(rq_env, AWAIT_RESULT, task_id, "60"))
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    assert after["status"] == "SUCCESSFUL"
    assert after["worker"]["status"] == "ok"
    assert after["worker"]["backend"] == "rq"


def test_health_reports_the_queue_as_down_when_redis_does_not_answer(rq_env):
    # Port 8869 is in this project's range and nothing listens there.
    rq_env["REDIS_URL"] = "redis://127.0.0.1:8869/0"
    shown = _python(
        rq_env,
        "import json, django; django.setup(); from xttm.core.health import worker_state; "
        "print(json.dumps(worker_state()))",
    )
    assert json.loads(shown) == {"status": "error", "backend": "rq", "error": "ConnectionError"}
