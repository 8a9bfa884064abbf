"""A round's documents and the open-data dump are made once per publication or correction, by
the background job, after the change commits; visitors only ever get stored files."""

import pytest
from django.core.management import call_command
from django.db import transaction

from pactmonitor.downloads.choices import EditionState
from pactmonitor.downloads.models import Edition
from pactmonitor.downloads.services import OPEN_DATA, reports_product, request_edition
from pactmonitor.downloads.tasks import produce_edition
from pactmonitor.progress.models import StatusUpdate
from pactmonitor.progress.services import correct_update, publish_round
from tests import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return world.build()


def publish(w):
    StatusUpdate.objects.filter(round=w.round).update(state="approved")
    publish_round(w.round, user=w.nina)


def test_publishing_a_round_makes_its_documents_once_after_the_commit(
    w, produced, quick_reports, client
):
    with produced():
        publish(w)
        assert not Edition.objects.ready().exists()  # nothing is made before the commit
    edition = Edition.objects.current(reports_product("2015"))
    names = {entry["name"] for entry in edition.files}
    assert {"bijlage1.pdf", "bijlage2.docx", "landsdelen/oost.html"} <= names
    assert "pacten/pact-groningen.pdf" in names
    response = client.get("/rapportages/2015/bijlage1.pdf")
    assert b"".join(response).startswith(b"Bijlage 1")
    assert Edition.objects.current(OPEN_DATA) is not None


def test_a_publication_that_rolls_back_queues_no_job(w, produced, quick_reports):
    with produced():
        with pytest.raises(RuntimeError), transaction.atomic():
            publish(w)
            raise RuntimeError("the publication failed")
    assert not Edition.objects.exists()


def test_a_correction_makes_the_documents_of_its_round_and_the_later_ones(
    w, produced, quick_reports
):
    with produced():
        publish(w)
    published = StatusUpdate.objects.get(round=w.previous, action=w.n2)
    with produced():
        correct_update(published, reason="Typfout", narrative="Stages lopen beter dan gepland.")
    assert Edition.objects.of(reports_product("2014")).ready().count() == 1
    assert Edition.objects.of(reports_product("2015")).ready().count() == 2


def test_several_requests_in_one_transaction_give_one_edition(w):
    with transaction.atomic():
        first = request_edition(OPEN_DATA)
        second = request_edition(OPEN_DATA)
    assert first == second and Edition.objects.of(OPEN_DATA).count() == 1


def test_an_edition_with_a_newer_one_asked_is_skipped(w, produced, quick_reports):
    older = Edition.objects.create(product=reports_product("2014"))
    newer = Edition.objects.create(product=reports_product("2014"))
    produce_edition.call(older.pk)
    produce_edition.call(newer.pk)
    older.refresh_from_db()
    newer.refresh_from_db()
    assert (older.state, newer.state) == (EditionState.SUPERSEDED, EditionState.READY)


def test_a_failing_job_keeps_the_previous_edition_in_service(w, produced, monkeypatch, client):
    from pactmonitor.reports import storage

    monkeypatch.setattr(storage, "render", lambda report, format: b"eerste versie")
    produce_edition.call(Edition.objects.create(product=reports_product("2014")).pk)

    def broken(report, format):
        raise OSError("schijf vol")

    monkeypatch.setattr(storage, "render", broken)
    failing = Edition.objects.create(product=reports_product("2014"))
    with pytest.raises(OSError):
        produce_edition.call(failing.pk)
    failing.refresh_from_db()
    assert failing.state == EditionState.FAILED and "schijf vol" in failing.error
    response = client.get("/rapportages/2014/bijlage2.html")
    assert b"".join(response) == b"eerste versie"


def test_only_two_ready_editions_keep_their_files(w, produced, quick_reports):
    from pactmonitor.downloads.storage import storage

    editions = []
    for _ in range(3):
        edition = Edition.objects.create(product=reports_product("2014"))
        produce_edition.call(edition.pk)
        editions.append(edition)
    oldest = Edition.objects.get(pk=editions[0].pk)
    assert oldest.files == [] and not storage().exists(editions[0].path("bijlage1.pdf"))
    assert storage().exists(editions[1].path("bijlage1.pdf"))


def test_loading_the_dataset_asks_for_the_documents_of_every_published_round(produced):
    from pathlib import Path

    from pactmonitor.exchange.loader import load_dataset

    with produced():
        pass  # only the edition rows are looked at: the jobs are not run
    load_dataset(Path(__file__).parents[1] / "exchange" / "mini")
    products = set(Edition.objects.values_list("product", flat=True))
    assert OPEN_DATA in products
    assert any(product.startswith("rapportages/") for product in products)


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_makes_a_queued_edition(settings, tmp_path, quick_reports):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    settings.STORAGES = settings.STORAGES | {
        "downloads": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        }
    }
    w = world.build(open_new_round=False)
    with transaction.atomic():
        edition = request_edition(reports_product(w.previous.slug))
    assert Edition.objects.get(pk=edition.pk).state == EditionState.REQUESTED
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    edition.refresh_from_db()
    assert edition.state == EditionState.READY
    assert (tmp_path / edition.path("bijlage1.html")).read_bytes().startswith(b"Bijlage 1")


def test_an_import_of_figures_asks_for_a_new_open_data_edition(db):
    from tests import factory

    with transaction.atomic():
        factory.import_batch()
    assert Edition.objects.of(OPEN_DATA).pending().count() == 1
