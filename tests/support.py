"""Helpers any app's tests may use, beside ``factory.py`` (objects) and ``world.py`` (the named
users and their world): a free port for a real server, headless Chromium, and a migrated
SQLite database for a product started in a process of its own."""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from pactmonitor.reports.render_pdf import CHROMIUM_ARGS  # the same flags the PDFs use


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


ROOT = Path(__file__).resolve().parents[1]
DATABASE_FILE = "pactmonitor.sqlite3"  # its name in a data directory (pactmonitor/settings.py)


@cache
def _migrated_template() -> Path:
    """A data directory whose SQLite database ``pactmonitor migrate`` made, once per test
    process: migrating from nothing takes about 40 s here, copying the file a moment."""
    folder = Path(tempfile.mkdtemp(prefix="pactmonitor-test-migrated-"))
    atexit.register(shutil.rmtree, folder, True)
    environ = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CACHE_URL")}
    environ |= {
        "PACTMONITOR_DATA_DIR": str(folder),
        "DJANGO_SETTINGS_MODULE": "pactmonitor.settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), environ.get("PYTHONPATH", "")]),
    }
    environ.pop("PYTEST_XDIST_WORKER", None)  # tests.settings would move the data elsewhere
    subprocess.run(
        [sys.executable, "-m", "pactmonitor", "migrate", "-v0"],
        env=environ, check=True, timeout=600, capture_output=True,
    )  # fmt: skip
    return folder


def with_migrated_database(data_dir: Path) -> Path:
    """``data_dir`` (made if missing) holding a SQLite database with every migration applied,
    as ``pactmonitor migrate`` leaves it; the secret key and the rest are the product's own
    to make. A ``migrate`` run on it afterwards finds nothing to do."""
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_migrated_template() / DATABASE_FILE, data_dir / DATABASE_FILE)
    return data_dir


@contextmanager
def chromium(playwright) -> Iterator:
    """Debian's Chromium, headless, launched as the PDF reports launch it."""
    browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()


def signed_in_page(browser, base_url: str, username: str, password: str):
    """A new browser page signed in as ``username`` (with the second step where the role asks
    for it), on the work page."""
    from pactmonitor.accounts import second_factor
    from pactmonitor.accounts.models import User
    from tests import factory

    user = User.objects.get(username=username)
    if second_factor.must_verify(user):
        factory.totp_device(user)  # their authenticator app, set up before
    page = browser.new_context(base_url=base_url, locale="nl-NL").new_page()
    page.goto("/account/inloggen/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state("load")
    if "/account/tweede-stap/" in page.url:
        device = factory.totp_device(user)
        page.fill("#id_code", factory.totp_code(device))
        page.click("main form.form button[type=submit]")
    page.wait_for_url("**/werk/")
    return page


def post_from(page, address: str) -> int:
    """POST to ``address`` as a form of the page would (with the page's CSRF token): what an
    outsider who crafts the request gets. The status code."""
    token = page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    response = page.request.post(address, form={"csrfmiddlewaretoken": token or ""})
    return response.status
