"""The background job that sends one notification (``django-tasks``; the worker is
``pactmonitor db-worker``, started by ``pactmonitor serve``)."""

from __future__ import annotations

from django_tasks import task

from .outbox import deliver


@task()
def send_notification(notification_id: int) -> str:
    """Send the notification once; on failure it records the error and queues a retry."""
    return deliver(notification_id)
