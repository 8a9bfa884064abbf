"""Asking for new editions: called in the transaction of the change that makes them due.

An edition row is written in that transaction and its job enqueued once it commits
(``transaction.on_commit``), so a rolled-back change never starts a job and the worker never
reads data older than the change. This module imports no other Pactmonitor app: the progress
services and the loader call it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from .models import Edition

OPEN_DATA = "open-data"
REPORTS = "rapportages"


def reports_product(round_slug: str) -> str:
    return f"{REPORTS}/{round_slug}"


def request_edition(product: str) -> Edition:
    """A new edition of ``product``, produced by the worker after the commit. Several requests
    in one transaction give one edition."""
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for _, func, _ in connection.run_on_commit:
            if getattr(func, "edition_product", None) == product:
                return func.edition
    edition = Edition.objects.create(product=product)

    def enqueue() -> None:
        from .tasks import produce_edition

        produce_edition.enqueue(edition.pk)

    enqueue.edition_product = product  # type: ignore[attr-defined]
    enqueue.edition = edition  # type: ignore[attr-defined]
    transaction.on_commit(enqueue)
    return edition


def request_after_publication(round_slugs: Iterable[str]) -> list[Edition]:
    """What a publication or a correction calls for: the reports of the rounds it changes and
    the open-data dump."""
    products = [reports_product(slug) for slug in round_slugs] + [OPEN_DATA]
    return [request_edition(product) for product in products]
