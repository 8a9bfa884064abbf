"""Helpers any app's tests may use, beside ``factory.py`` (objects) and ``world.py`` (the named
users and their world): a free port for a real server, and headless Chromium."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager

from pactmonitor.reports.render_pdf import CHROMIUM_ARGS  # the same flags the PDFs use


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def chromium(playwright) -> Iterator:
    """Debian's Chromium, headless, launched as the PDF reports launch it."""
    browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()
