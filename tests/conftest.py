import os

import pytest


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


@pytest.fixture(scope="module")
def bundled(django_db_setup, django_db_blocker):
    """The bundled Techniekpact 2020, loaded once for a test module and removed after it."""
    from django.core.management import call_command

    from pactmonitor.exchange.loader import load_dataset

    with django_db_blocker.unblock():
        load_dataset()
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


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
