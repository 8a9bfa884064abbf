"""The ``pactmonitor`` command: Django's management commands plus the project's own.

Command names may be written with hyphens (``load-techniekpact``); they map to the
management command with underscores. Configuration problems stop with one line naming the
setting, not a stack trace.
"""

from __future__ import annotations

import os
import sys


def _die(message: str) -> None:
    sys.stderr.write(f"pactmonitor: {message}\n")
    sys.exit(2)


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pactmonitor.settings")
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    argv[0] = "pactmonitor"

    from django.core.exceptions import ImproperlyConfigured
    from django.db import OperationalError

    try:
        import django

        django.setup()
    except ImproperlyConfigured as exc:
        _die(str(exc))

    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(argv)
    except ImproperlyConfigured as exc:
        _die(str(exc))
    except OperationalError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        _die(f"DATABASE_URL: cannot use the database ({reason})")


if __name__ == "__main__":
    main()
