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
