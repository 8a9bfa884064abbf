"""Two editors saving the same draft at the same moment: one wins, the other is refused."""

import threading

import pytest
from django.db import connection

from pactmonitor.progress import services
from pactmonitor.progress.forms import DraftForm
from pactmonitor.progress.models import StatusUpdate
from tests import world

pytestmark = pytest.mark.django_db(transaction=True)


def save_in_thread(pk: int, revision: int, narrative: str, user, barrier, outcomes: list) -> None:
    try:
        update = StatusUpdate.objects.get(pk=pk)
        data = {"status": "op_schema", "narrative": narrative, "new": "", "revision": revision}
        form = DraftForm(data, instance=update)
        assert form.is_valid(), form.errors
        barrier.wait(timeout=10)
        services.save_draft(form, expected_revision=revision, user=user)
        outcomes.append("saved")
    except services.EditConflict:
        outcomes.append("refused")
    except Exception as error:  # a database lock error is an outcome too: nothing was saved
        outcomes.append(f"error: {error}")
    finally:
        connection.close()


# SQLite locks the whole database for a writer: the second save fails with "database is
# locked" instead of waiting for a row lock (nothing is lost either way, but the outcome differs).
@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="row locks are PostgreSQL's")
def test_two_saves_at_the_same_moment_keep_exactly_one():
    w = world.build()
    update = world.draft(w, w.nr1)
    barrier, outcomes = threading.Barrier(2), list[str]()
    threads = [
        threading.Thread(
            target=save_in_thread, args=(update.pk, update.revision, text, user, barrier, outcomes)
        )
        for text, user in (("Van Alice", w.alice), ("Van Carol", w.carol))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["refused", "saved"]
    stored = StatusUpdate.objects.get(pk=update.pk)
    assert stored.revision == update.revision + 1
    assert stored.narrative in ("Van Alice", "Van Carol")
