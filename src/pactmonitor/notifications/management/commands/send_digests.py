from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from pactmonitor.notifications.outbox import retry_due, send_digests


class Command(BaseCommand):
    help = (
        "Send the daily digests of the users who chose one, and retry the notifications whose "
        "retry is due (for cron, once a day or more often: each notification goes out once)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--retry-failed",
            action="store_true",
            help="also retry notifications that failed their last attempt",
        )

    def handle(self, *args: str, **options: Any) -> None:
        retried = retry_due(failed_too=options["retry_failed"])
        for address in send_digests():
            self.stdout.write(f"dagoverzicht\t{address}")
        self.stdout.write(
            f"{retried.count('sent')} meldingen opnieuw verstuurd, "
            f"{retried.count('failed')} nog mislukt."
        )
