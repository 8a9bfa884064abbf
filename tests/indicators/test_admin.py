"""Import batches in the admin: read-only, withdrawn with an action."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pactmonitor.indicators.choices import BatchState
from pactmonitor.indicators.importer import import_file
from tests.indicators import files

pytestmark = pytest.mark.django_db


def test_a_batch_cannot_be_edited_or_deleted_in_the_admin(admin_client, placed, tmp_path):
    batch = import_file("duo-examenkandidaten-vo", files.write(tmp_path / "e.csv", files.rows(4)))
    page = admin_client.get(reverse("admin:indicators_importbatch_change", args=[batch.pk]))
    assert page.status_code == 200 and b'name="state"' not in page.content
    delete = admin_client.get(reverse("admin:indicators_importbatch_delete", args=[batch.pk]))
    assert delete.status_code == 403


def test_the_admin_action_withdraws_a_batch(admin_client, placed, tmp_path):
    batch = import_file("duo-examenkandidaten-vo", files.write(tmp_path / "e.csv", files.rows(4)))
    admin_client.post(
        reverse("admin:indicators_importbatch_changelist"),
        {"action": "withdraw", "_selected_action": [batch.pk]},
    )
    batch.refresh_from_db()
    assert batch.state == BatchState.WITHDRAWN
