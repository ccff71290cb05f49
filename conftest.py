"""Fixtures every test gets, under xttm/ and tests/ alike."""

import importlib

import pytest


@pytest.fixture(autouse=True)
def fast_test_settings(settings):
    """Tests render pages without `collectstatic`, so the hashed manifest is left out;
    and they hash passwords with a fast hasher (PBKDF2 costs about a second a user)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def load_reference_data() -> None:
    """Provinces and role groups, which the data migrations made (both loaders are idempotent)."""
    from django.contrib.auth.models import Group

    from xttm.directory.models import Province
    from xttm.directory.places import load_provinces

    if not Province.objects.exists():
        load_provinces(Province)
    role_groups = importlib.import_module("xttm.accounts.migrations.0003_role_groups")
    for name in role_groups.ROLES:
        Group.objects.get_or_create(name=name)


@pytest.fixture
def reference_data(transactional_db) -> None:
    load_reference_data()


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request):
    """A transactional test ends by flushing every table, data migrations' rows included:
    the next one gets the provinces and groups back before it starts."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (
        "transactional_db" in request.fixturenames or "live_server" in request.fixturenames
    )
    if marker is not None and (
        marker.kwargs.get("transaction") or (marker.args and marker.args[0])
    ):
        transactional = True
    if transactional:
        request.getfixturevalue("transactional_db")
        load_reference_data()


@pytest.fixture(autouse=True)
def vietnamese_by_default():
    """Every test starts in Vietnamese, whatever language an earlier request activated."""
    from django.utils import translation

    with translation.override("vi"):
        yield


@pytest.fixture
def post_import(settings, django_capture_on_commit_callbacks, tmp_path):
    """POST an upload to an import page and follow it to the job's page, the job run in between.

    The task runs in this process (Django's immediate backend) once the upload
    commits, as the worker would run it; the returned page is the job's page.
    """
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"  # the kept uploads

    def post(client, url, data):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data)
        if response.status_code != 302:
            return response
        return client.get(response["Location"])

    return post
