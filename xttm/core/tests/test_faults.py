"""When the database stops answering, users get a Vietnamese 503 page, not a traceback."""

import contextlib

import psycopg
import pytest
from django.db import connection
from django.urls import reverse

from xttm.directory.factories import province
from xttm.directory.models import Enterprise


@contextlib.contextmanager
def database_gone_away():
    """Point the live connection at a database that does not answer, then put it back."""
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict["HOST"] = "127.0.0.1"
    connection.settings_dict["PORT"] = "1"
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's in-memory test database cannot go away; CI runs this on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_a_database_that_went_away_gives_a_vietnamese_503_page(client_as):
    client = client_as("programme_officer")
    with database_gone_away():
        response = client.get("/directory/enterprises/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "Cơ sở dữ liệu đang không phản hồi" in page
    assert "Thao tác của bạn chưa được lưu" in page
    # And once it is back, the same page answers again.
    assert client.get("/directory/enterprises/").status_code == 200


@contextlib.contextmanager
def database_lost_before(table: str):
    """The server drops this connection just as it is about to write a row of `table`.

    A second connection asks PostgreSQL to terminate this one's backend, as a
    crash or a failover would; the statement then runs against a dead connection.
    """
    db = connection.settings_dict

    def kill_first(execute, sql, params, many, context):
        if sql.startswith("INSERT") and f'"{table}"' in sql:
            pid = context["connection"].connection.info.backend_pid
            with psycopg.connect(
                host=db["HOST"], port=db["PORT"], user=db["USER"], dbname=db["NAME"],
                autocommit=True,
            ) as other:  # fmt: skip
                other.execute("SELECT pg_terminate_backend(%s)", [pid])
        return execute(sql, params, many, context)

    try:
        with connection.execute_wrapper(kill_first):
            yield
    finally:
        connection.close()


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's in-memory test database cannot go away; CI runs this on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_a_database_lost_mid_save_gives_the_503_page_and_no_half_written_record(client_as):
    client = client_as("programme_officer")
    form = {"tax_code": "100109106", "name": "Công ty Mới", "province": province("48").pk}

    # The enterprise row is written; the server goes away before its history row.
    with database_lost_before("directory_historicalenterprise"):
        response = client.post(reverse("directory:enterprise-create"), form)

    assert response.status_code == 503
    assert "Thao tác của bạn chưa được lưu" in response.content.decode()
    assert Enterprise.objects.count() == 0
    assert Enterprise.history.count() == 0
    # Sent again once the database is back, it is saved whole.
    assert client.post(reverse("directory:enterprise-create"), form).status_code == 302
    assert (Enterprise.objects.count(), Enterprise.history.count()) == (1, 1)
