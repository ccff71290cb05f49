"""The load test's verdict: any failed request, lost write or unbuilt report job fails the run."""

from loadtest.__main__ import _seconds, verdict


def _result(**changes) -> dict:
    result = {
        "requests": 120,
        "failures": 0,
        "exceptions": 0,
        "writes": {
            "schemes": {"made": 5, "found": 5, "missing": [], "not_acknowledged": []},
            "report_jobs": {
                "made": 2,
                "found": 2,
                "missing": [],
                "not_acknowledged": [],
                "done": 2,
                "failed": [],
                "unfinished": [],
            },
            "waited_for_jobs_seconds": 0.0,
        },
    }
    result.update(changes)
    return result


def test_a_clean_run_passes():
    assert verdict(_result()) == []


def test_a_failed_request_fails_the_run():
    assert verdict(_result(failures=1)) == ["1 yêu cầu lỗi"]


def test_a_scheme_missing_from_the_database_fails_the_run():
    result = _result()
    result["writes"]["schemes"].update(found=4, missing=["lt-abc-3"])
    assert verdict(result) == ["mất 1 đề án đã ghi"]


def test_a_report_job_left_queued_fails_the_run():
    result = _result()
    result["writes"]["report_jobs"].update(done=1, unfinished=[7])
    assert verdict(result) == ["báo cáo không xong: 0 lỗi, 1 còn chờ"]


def test_a_run_without_requests_fails():
    assert verdict(_result(requests=0)) == ["không có yêu cầu nào"]


def test_durations_read_seconds_and_minutes():
    assert (_seconds("60s"), _seconds("2m"), _seconds("90")) == (60.0, 120.0, 90.0)
