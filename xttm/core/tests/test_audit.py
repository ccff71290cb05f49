"""The audit history: every change carries its actor, and no route rewrites or deletes history."""

import pytest
from django.contrib import admin
from django.urls import reverse
from simple_history.models import HistoricalChanges

from xttm.accounts.factories import UserFactory
from xttm.emulation.factories import MovementFactory
from xttm.emulation.models import Movement

pytestmark = pytest.mark.django_db


def test_no_history_table_is_registered_in_the_admin():
    registered = [m.__name__ for m in admin.site._registry if issubclass(m, HistoricalChanges)]
    assert registered == []


def test_the_admin_shows_an_old_version_but_refuses_to_restore_it(client):
    superuser = UserFactory(username="t_root", is_staff=True, is_superuser=True)
    movement = MovementFactory(name="Tên ban đầu")
    movement.name = "Tên hiện hành"
    movement.save()
    first = movement.history.earliest()
    url = reverse("admin:emulation_movement_simple_history", args=[movement.pk, first.history_id])
    client.force_login(superuser)

    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "Tên ban đầu",
            "level": movement.level,
            "form": movement.form,
            "launched_on": "2025-01-10",
            "starts_on": "2025-01-01",
            "ends_on": "2025-12-31",
        },
    )

    assert response.status_code == 403
    assert Movement.objects.get(pk=movement.pk).name == "Tên hiện hành"
    assert movement.history.count() == 2
