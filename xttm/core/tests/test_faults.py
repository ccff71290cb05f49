"""When the database stops answering, users get a Vietnamese 503 page, not a traceback."""

import contextlib

import pytest
from django.db import connection


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
