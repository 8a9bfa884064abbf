import os

import pytest

from tests.snapshots import module_database


def pytest_report_header(config):
    url = os.environ.get("DATABASE_URL", "sqlite (default)")
    return f"database: {url}"


@pytest.fixture(autouse=True)
def _clear_cache():
    """Cached pages must not leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _back_to_dutch():
    """A request to /en/ leaves English active in the thread (LocaleMiddleware activates, never
    deactivates); the next test starts in the site's default language again."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _signed_in_with_the_second_factor(monkeypatch):
    """``client.force_login`` gives a session that passed the second step (tests/factory.py);
    the production rule is unchanged, and tests of it sign in with ``verified=False``."""
    from django.test import Client

    from tests import factory

    def force_login(self, user, backend=None):
        factory.sign_in(self, user, backend=backend)

    monkeypatch.setattr(Client, "force_login", force_login)


def _load_bundled():
    """The bundled Techniekpact 2020, for every test of the module: loaded once a session and
    put back for each module that asks for it (tests/snapshots.py), removed after the module."""
    from pactmonitor.exchange.loader import load_dataset

    return load_dataset()


bundled = module_database("bundled", _load_bundled)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed(): ...`` runs what the changes inside leave for after their commit
    (``transaction.on_commit``: the page cache is emptied then), as a real commit would.

    What building the test's world left pending is dropped first: the page cache is emptied
    once per transaction, so the world's pending drop would hide the one under test."""
    from django.db import connection

    def run():
        connection.run_on_commit.clear()
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def produced(settings, tmp_path, committed):
    """``with produced(): ...`` commits like ``committed`` and runs the background jobs the
    changes queued at once (django-tasks' immediate backend), into this test's own storage."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.STORAGES = settings.STORAGES | {
        "downloads": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "downloads")},
        }
    }
    return committed
