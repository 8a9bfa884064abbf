"""Any number of milestones and sources in one save; without JavaScript, "Nog een mijlpaal"
and "Nog een vindplaats" post the form back with one more empty row and save nothing."""

import pytest
from django.urls import reverse

from pactmonitor.progress.models import StatusUpdate
from tests import world
from tests.progress.test_views import edit_data, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(client):
    w = world.build()
    client.force_login(w.bob)
    return w


def rows(prefix: str, *values: dict) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": len(values), f"{prefix}-INITIAL_FORMS": 0}
    for number, row in enumerate(values):
        data |= {f"{prefix}-{number}-{name}": value for name, value in row.items()}
    return data


def test_three_milestones_and_two_sources_are_saved_in_one_save(client, w):
    update = world.draft(w, w.n2)
    data = edit_data(update) | rows(
        "mijlpalen",
        {"date": "2015-09-01", "text": "Stagebank open"},
        {"date_text": "eind 2015", "text": "Honderd stages"},
        {"text": "Evaluatie"},
    )
    data |= rows(
        "vindplaatsen",
        {"title": "Jaarverslag", "url": "https://example.org/jv"},
        {"title": "Nieuwsbrief", "url": ""},
    )
    response = client.post(reverse("progress:edit", args=[update.pk]), data)
    assert response.status_code == 302
    assert sorted(m.text for m in update.milestones.all()) == [
        "Evaluatie",
        "Honderd stages",
        "Stagebank open",
    ]
    assert [s.title for s in update.sources.all()] == ["Jaarverslag", "Nieuwsbrief"]


def test_another_milestone_without_javascript_shows_one_more_empty_row_and_saves_nothing(client, w):
    update = world.draft(w, w.n2)
    data = edit_data(update, narrative="Nog niet opgeslagen") | rows(
        "mijlpalen", {"text": "Eerste mijlpaal"}
    )
    data |= rows("vindplaatsen") | {"meer": "mijlpalen"}
    before = snapshot()
    response = client.post(reverse("progress:add_row", args=[update.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="mijlpalen-TOTAL_FORMS" value="2"' in page
    assert 'name="mijlpalen-1-text"' in page and "Eerste mijlpaal" in page
    assert "Nog niet opgeslagen" in page and f'name="revision" value="{update.revision}"' in page
    assert 'class="errorlist' not in page
    assert snapshot() == before


def test_another_source_without_javascript_adds_a_source_row(client, w):
    update = world.draft(w, w.n2)
    data = edit_data(update) | rows("mijlpalen") | rows("vindplaatsen") | {"meer": "vindplaatsen"}
    page = client.post(reverse("progress:add_row", args=[update.pk]), data).content.decode()
    assert 'name="vindplaatsen-TOTAL_FORMS" value="1"' in page
    assert 'name="mijlpalen-TOTAL_FORMS" value="0"' in page


def test_the_rows_added_without_javascript_are_saved_by_the_next_save(client, w):
    update = world.draft(w, w.n2)
    data = edit_data(update) | rows("mijlpalen", {"text": "Een"}, {"text": "Twee"})
    data |= rows("vindplaatsen", {"title": "Verslag"})
    client.post(reverse("progress:edit", args=[update.pk]), data)
    assert sorted(m.text for m in update.milestones.all()) == ["Een", "Twee"]


def test_a_milestone_marked_for_removal_is_deleted_and_the_others_stay(client, w):
    update = world.draft(w, w.n2)
    first = update.milestones.create(text="Weg ermee")
    second = update.milestones.create(text="Blijft")
    update = StatusUpdate.objects.get(pk=update.pk)
    data = edit_data(update) | rows("vindplaatsen")
    data |= {
        "mijlpalen-TOTAL_FORMS": 2,
        "mijlpalen-INITIAL_FORMS": 2,
        "mijlpalen-0-id": first.pk,
        "mijlpalen-0-text": first.text,
        "mijlpalen-0-DELETE": "on",
        "mijlpalen-1-id": second.pk,
        "mijlpalen-1-text": second.text,
    }
    client.post(reverse("progress:edit", args=[update.pk]), data)
    assert [m.text for m in update.milestones.all()] == ["Blijft"]


def test_the_edit_page_offers_adding_rows_with_a_script_file_and_an_empty_row_template(client, w):
    page = client.get(reverse("progress:edit", args=[world.draft(w, w.n2).pk])).content.decode()
    assert "Nog een mijlpaal" in page and "Nog een vindplaats" in page
    assert "progress/formset.js" in page and "<script>" not in page
    assert '<template class="formset-empty">' in page and "mijlpalen-__prefix__-text" in page


def test_an_owner_of_another_organisation_cannot_add_rows_to_a_draft(client, w):
    update = world.draft(w, w.nr1)  # alice's, not bob's
    data = edit_data(update) | rows("mijlpalen") | rows("vindplaatsen") | {"meer": "mijlpalen"}
    response = client.post(reverse("progress:add_row", args=[update.pk]), data)
    assert response.status_code == 403 and "Techniekcentra" not in response.content.decode()


def test_adding_a_row_asks_for_a_post(client, w):
    response = client.get(reverse("progress:add_row", args=[world.draft(w, w.n2).pk]))
    assert response.status_code == 405
