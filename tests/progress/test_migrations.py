"""The data migration that classified the updates of before (progress 0007): what the
source documents said is reported; what still says exactly what its round prefilled is not."""

import importlib

import pytest
from django.apps import apps

from pactmonitor.progress.choices import Reporting
from pactmonitor.progress.models import StatusUpdate
from pactmonitor.provenance.models import SourceDocument
from tests import world

pytestmark = pytest.mark.django_db

classify = importlib.import_module(
    "pactmonitor.progress.migrations.0007_classify_carried_over"
).classify


def as_before_the_migration():
    StatusUpdate.objects.update(carried_over=False)


def test_untouched_drafts_are_classified_not_reported_and_changed_ones_reported():
    w = world.build()
    as_before_the_migration()
    StatusUpdate.objects.filter(pk=world.draft(w, w.nr1).pk).update(narrative="Gestart")
    classify(apps, None)
    assert world.draft(w, w.nr1).reporting == Reporting.CHANGED
    assert world.draft(w, w.n2).reporting == Reporting.NOT_REPORTED  # as 2014 said
    assert world.draft(w, w.or1).reporting == Reporting.NOT_REPORTED  # empty


def test_updates_from_the_source_documents_stay_reported_even_when_the_text_repeats():
    w = world.build()
    document = SourceDocument.objects.create(key="000", file_name="000.md", title="Rapportage")
    draft = world.draft(w, w.n2)  # says what 2014 said, but as the source document says it
    StatusUpdate.objects.filter(pk=draft.pk).update(provenance_document=document)
    as_before_the_migration()
    classify(apps, None)
    assert world.draft(w, w.n2).reporting == Reporting.CHANGED


def test_a_carried_over_assessed_status_of_an_open_round_becomes_onbekend():
    w = world.build()
    StatusUpdate.objects.filter(pk=w.previous.updates.get().pk).update(
        basis="assessed", basis_quote="volgens plan"
    )
    StatusUpdate.objects.filter(pk=world.draft(w, w.n2).pk).update(
        basis="assessed", basis_quote="volgens plan"
    )
    as_before_the_migration()
    classify(apps, None)
    draft = world.draft(w, w.n2)
    assert (draft.status, draft.basis, draft.reporting) == (
        "onbekend",
        "unknown",
        Reporting.NOT_REPORTED,
    )
