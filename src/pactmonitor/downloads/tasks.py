"""The background job that produces an edition (``django-tasks``; the worker is
``pactmonitor db-worker``, started by ``pactmonitor serve``)."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from pactmonitor.core.pagecache import public_changed

from .choices import EditionState
from .models import Edition
from .storage import remove_files, store_folder

logger = logging.getLogger(__name__)

# product prefix → the function that writes the product's files into a folder, for a product
# name such as "rapportages/t2014" (the part after the slash is the producer's argument).
PRODUCERS = {
    "rapportages": "pactmonitor.reports.storage.write_round_documents",
    "open-data": "pactmonitor.exchange.downloads.write_open_data",
}
# Ready editions kept per product: the current one and the one before (a visitor may be
# downloading it while the new one lands).
KEEP = 2


def producer(product: str) -> Callable[[str, Path], None]:
    prefix, _, _ = product.partition("/")
    return import_string(PRODUCERS[prefix])


@task()
def produce_edition(edition_id: int) -> str:
    """Make the files of one edition, unless a newer edition of the same product is asked."""
    edition = Edition.objects.filter(pk=edition_id).first()
    if edition is None or not _claim(edition):
        return "skipped"
    try:
        with tempfile.TemporaryDirectory(prefix="pactmonitor-edition-") as staging:
            _, _, subject = edition.product.partition("/")
            producer(edition.product)(subject, Path(staging))
            files = store_folder(edition, Path(staging))
    except Exception as exc:
        logger.exception("edition %s of %s failed", edition.pk, edition.product)
        Edition.objects.filter(pk=edition.pk).update(
            state=EditionState.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000],
            finished_at=timezone.now(),
        )  # fmt: skip
        raise
    with transaction.atomic():
        Edition.objects.filter(pk=edition.pk).update(
            state=EditionState.READY, files=files, finished_at=timezone.now()
        )
        public_changed()  # the pages that link the files now link the new edition
    _remove_old(edition.product)
    return "ready"


def _claim(edition: Edition) -> bool:
    """Mark the edition as being produced; False when it is stale or taken by another worker."""
    newer = Edition.objects.of(edition.product).filter(pk__gt=edition.pk)
    # A newer edition was asked for after this one's change committed: it shows all of it.
    covering = (EditionState.REQUESTED, EditionState.PRODUCING, EditionState.READY)
    if newer.filter(state__in=covering).exists():
        Edition.objects.filter(pk=edition.pk, state=EditionState.REQUESTED).update(
            state=EditionState.SUPERSEDED, finished_at=timezone.now()
        )
        return False
    return bool(
        Edition.objects.filter(pk=edition.pk, state=EditionState.REQUESTED).update(
            state=EditionState.PRODUCING
        )
    )


def _remove_old(product: str) -> None:
    for old in Edition.objects.of(product).ready().order_by("-pk")[KEEP:]:
        remove_files(old)
        Edition.objects.filter(pk=old.pk).update(state=EditionState.SUPERSEDED, files=[])
