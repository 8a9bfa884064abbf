"""The admin is usable for every model, in Dutch."""

from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from pactmonitor.exchange.loader import load_dataset

pytestmark = pytest.mark.django_db
MINI = Path(__file__).parent.parent / "exchange" / "mini"


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser(
        "beheerder", "b@example.org", "geheim-wachtwoord"
    )
    client.force_login(user)
    load_dataset(MINI)
    return client


def registered_models():
    return [
        m
        for m in admin.site._registry
        if m._meta.app_label.startswith(
            ("accounts", "pacts", "progress", "regions", "indicators", "initiatives", "provenance")
        )
    ]


def test_the_admin_index_is_in_dutch(admin_client):
    page = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    for label in [
        "Acties",
        "Statusupdates",
        "Regio",
        "Indicatoren",
        "Initiatieven",
        "Rapportagerondes",
    ]:
        assert label in page


# No add page by design: batches come from imports, rounds and updates from the round cycle's
# services.
READ_ONLY = {
    "indicators.ImportBatch",
    "progress.ReportingRound",
    "progress.StatusUpdate",
    # Proposals are made and decided on the review pages, where the second person is checked.
    "progress.ProposedCorrection",
    "initiatives.InitiativeChange",
}


@pytest.mark.parametrize("model", registered_models(), ids=lambda m: m._meta.label)
def test_every_model_has_a_working_list_search_and_add_page(admin_client, model):
    info = model._meta.app_label, model._meta.model_name
    assert admin_client.get(reverse("admin:{}_{}_changelist".format(*info))).status_code == 200
    assert (
        admin_client.get(
            reverse("admin:{}_{}_changelist".format(*info)), {"q": "techniek"}
        ).status_code
        == 200
    )
    add = admin_client.get(reverse("admin:{}_{}_add".format(*info))).status_code
    assert add == (403 if model._meta.label in READ_ONLY else 200)


def test_an_action_page_shows_its_sub_measures_inline(admin_client):
    from pactmonitor.pacts.models import Action

    action = Action.objects.get(pact__key="techniekpact-2020", number="1")
    page = admin_client.get(reverse("admin:pacts_action_change", args=[action.pk])).content.decode()
    assert (
        "Deelmaatregelen" in page
        and "De Onderwijsinspectie gaat deze ontwikkelingen volgen" in page
    )


def test_a_published_update_is_read_only_in_the_admin(admin_client):
    from pactmonitor.progress.models import StatusUpdate

    update = StatusUpdate.objects.get()
    url = reverse("admin:progress_statusupdate_change", args=[update.pk])
    admin_client.post(url, {"narrative": "overschreven"})
    update.refresh_from_db()
    assert update.narrative.startswith("De opdracht voor een leerlijn")
