"""``pactmonitor serve``: the web app on gunicorn, with static files served by WhiteNoise."""

from __future__ import annotations

import os
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

    def handle(self, *args: str, host: str, port: int, workers: int, **options: Any) -> None:
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

        self.stdout.write(f"Pactmonitor on http://{host}:{port}/ ({workers} workers)")
        Server().run()
