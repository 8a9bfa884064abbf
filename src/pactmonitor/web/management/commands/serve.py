"""``pactmonitor serve``: the web app on gunicorn, with static files served by WhiteNoise, and
the background worker that makes the stored reports and open-data files (``db-worker``)."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Start Pactmonitor on a production WSGI server (gunicorn)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1, help="worker processes"
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="do not start the background worker (run `pactmonitor db-worker` elsewhere)",
        )

    def handle(
        self, *args: str, host: str, port: int, workers: int, no_worker: bool, **options: Any
    ) -> None:
        # Collected static files live in the data directory; refresh them on every start so a
        # new release never serves stale assets.
        call_command("collectstatic", interactive=False, verbosity=0)
        # A new release may render pages differently: start with no cached pages.
        from django.conf import settings
        from gunicorn.app.base import BaseApplication

        from pactmonitor.core.pagecache import CachedPagesWSGI, drop_all_pages
        from pactmonitor.wsgi import application as django_application

        drop_all_pages()

        application = CachedPagesWSGI(django_application)

        class Server(BaseApplication):
            def load_config(self) -> None:
                self.cfg.set("bind", f"{host}:{port}")
                self.cfg.set("workers", workers)
                self.cfg.set("accesslog", "-" if options["verbosity"] > 1 else None)
                self.cfg.set("timeout", 120)
                # gunicorn itself turns X-Forwarded-Proto into the request's scheme for the
                # addresses it trusts: none, unless a proxy in front says so.
                trusted = settings.PROXY_ADDRESSES if settings.BEHIND_PROXY else []
                self.cfg.set("forwarded_allow_ips", ",".join(trusted))
                # One control socket per user would clash between several servers on a host.
                self.cfg.set("control_socket_disable", True)

            def load(self) -> CachedPagesWSGI:
                return application

        # Documents of published rounds that have none yet (a new data directory) are queued.
        call_command("produce_downloads", missing=True, verbosity=0)
        background = None if no_worker else start_worker()
        self.stdout.write(
            f"Pactmonitor on http://{host}:{port}/ ({workers} workers"
            + ("" if no_worker else ", background worker")
            + ")"
        )
        try:
            Server().run()
        finally:
            if background is not None:
                stop_worker(background)


WORKER_POLL_SECONDS = "2"


def start_worker() -> subprocess.Popen:
    """The django-tasks database worker, as a child of this process: it dies with the server."""
    return subprocess.Popen(
        [sys.executable, "-m", "pactmonitor", "db_worker", "--interval", WORKER_POLL_SECONDS],
        env=os.environ.copy(),
        preexec_fn=_die_with_parent,
    )


def _die_with_parent() -> None:
    """In the worker, before it starts: on Linux, end it when `serve` itself is killed (-9),
    which leaves no time for ``stop_worker``."""
    try:
        import ctypes
        import signal

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: stop_worker still ends it on a normal exit
        pass


def stop_worker(worker: subprocess.Popen, grace: float = 2) -> None:
    """The first SIGTERM lets the worker finish the job at hand; if that takes longer than
    ``grace``, a second one ends it (its edition is asked for again by the next start)."""
    for _ in range(2):
        worker.terminate()
        try:
            worker.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue
    worker.kill()
    worker.wait()
