from typing import Any

from django.core.management.base import BaseCommand

from pactmonitor.progress.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Send the reminder mails that are due today (for cron: each mail goes out once)."

    def handle(self, *args: str, **options: Any) -> None:
        sent = send_due_reminders()
        for reminder in sent:
            self.stdout.write(
                f"{reminder.round.slug}\t{reminder.days_before}\t{reminder.user.username}\t{reminder.user.email}"
            )
        self.stdout.write(f"{len(sent)} herinneringen verstuurd.")
