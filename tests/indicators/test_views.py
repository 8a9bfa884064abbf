"""The import work page: only the national coordinator and the administrator upload, follow and
withdraw; everyone else is refused (403), an anonymous visitor is sent to sign in."""

from __future__ import annotations

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from pactmonitor.indicators import jobs
from pactmonitor.indicators.choices import BatchState
from pactmonitor.indicators.models import ImportBatch
from tests import factory
from tests.indicators import files

pytestmark = pytest.mark.django_db
EXAM = "duo-examenkandidaten-vo"


@pytest.fixture
def users():
    landsdeel = factory.region(key="oost-v", name="Oost")
    return {
        "nina": factory.user(username="nina", role="national_coordinator"),
        "adam": factory.user(username="adam", role="administrator"),
        "dave": factory.user(username="dave", role="landsdeel_coordinator", landsdeel=landsdeel),
        "alice": factory.user(
            username="alice", role="action_owner", organisation=factory.organisation()
        ),
    }


def upload(client, tmp_path, lines, name="exam.csv"):
    content = files.write(tmp_path / name, lines).read_bytes()
    data = {"recipe": EXAM, "file": SimpleUploadedFile(name, content, content_type="text/csv")}
    with override_settings(PACTMONITOR_IMPORT_IN_BACKGROUND=False):
        return client.post(reverse("indicators:import_upload"), data, follow=True)


@pytest.mark.parametrize("name", ["nina", "adam"])
def test_the_national_coordinator_and_administrator_see_recipes_and_batches(client, users, name):
    client.force_login(users[name])
    page = client.get(reverse("indicators:imports"))
    assert page.status_code == 200
    assert b"duo-hbo-eerstejaars" in page.content and b"Bron: DUO" in page.content


@pytest.mark.parametrize("name", ["dave", "alice"])
def test_a_landsdeel_coordinator_or_action_owner_is_refused(client, users, name, tmp_path):
    client.force_login(users[name])
    assert client.get(reverse("indicators:imports")).status_code == 403
    assert upload(client, tmp_path, files.rows(4)).status_code == 403
    assert not ImportBatch.objects.exists()


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(reverse("indicators:imports"))
    assert response["Location"].startswith(reverse("accounts:login"))


def test_an_upload_lands_as_a_batch_and_its_page_shows_the_summary(client, users, placed, tmp_path):
    client.force_login(users["nina"])
    page = upload(client, tmp_path, files.rows(6))
    batch = ImportBatch.objects.get()
    assert batch.imported_by == users["nina"] and batch.file_name == "exam.csv"
    assert f"Geïmporteerd als batch {batch.pk}".encode() in page.content
    assert b"6 rijen gelezen, 6 gebruikt, 0 overgeslagen" in page.content


def test_a_refused_upload_shows_line_and_column_and_stores_nothing(client, users, placed, tmp_path):
    client.force_login(users["nina"])
    page = upload(client, tmp_path, files.rows(3) + [files.row(counts=("?", "1"))])
    assert page.status_code == 400
    assert (
        "exam.csv, regel 5, kolom EXAMENKANDIDATEN SCHOOLJAAR 2014-2015 - TOTAAL"
        in page.content.decode()
    )
    assert not ImportBatch.objects.exists()


def test_a_running_import_page_refreshes_itself_and_shows_a_progress_bar(
    client, users, settings, tmp_path
):
    settings.DATA_DIR = tmp_path
    token = "0" * 32
    jobs._write(
        token,
        state="running",
        fraction=0.42,
        text="bestand lezen",
        file="groot.csv",
        messages=[],
        batch=None,
    )
    client.force_login(users["nina"])
    page = client.get(reverse("indicators:import_progress", args=[token])).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page
    assert '<progress max="100" value="42">' in page


def test_an_outsider_cannot_follow_an_import(client, users, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    jobs._write(
        "1" * 32, state="running", fraction=0, text="", file="x.csv", messages=[], batch=None
    )
    client.force_login(users["dave"])
    assert client.get(reverse("indicators:import_progress", args=["1" * 32])).status_code == 403


def test_the_withdraw_button_takes_a_batch_out_of_use(client, users, placed, tmp_path):
    client.force_login(users["nina"])
    upload(client, tmp_path, files.rows(4))
    batch = ImportBatch.objects.get()
    client.post(reverse("indicators:batch_withdraw", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.state == BatchState.WITHDRAWN


def test_an_outsider_cannot_withdraw_a_batch(client, users, placed, tmp_path):
    client.force_login(users["nina"])
    upload(client, tmp_path, files.rows(4))
    batch = ImportBatch.objects.get()
    client.force_login(users["dave"])
    assert client.post(reverse("indicators:batch_withdraw", args=[batch.pk])).status_code == 403
    batch.refresh_from_db()
    assert batch.state == BatchState.ACTIVE


def test_the_work_home_links_the_import_page_for_the_national_coordinator_only(client, users):
    client.force_login(users["nina"])
    assert reverse("indicators:imports").encode() in client.get(reverse("progress:home")).content
    client.force_login(users["dave"])
    assert (
        reverse("indicators:imports").encode() not in client.get(reverse("progress:home")).content
    )


@pytest.mark.django_db(transaction=True)
def test_an_upload_runs_in_the_background_and_its_page_follows_it(client, users, placed, tmp_path):
    client.force_login(users["nina"])
    content = files.write(tmp_path / "exam.csv", files.rows(6)).read_bytes()
    data = {"recipe": EXAM, "file": SimpleUploadedFile("exam.csv", content)}
    response = client.post(reverse("indicators:import_upload"), data)
    token = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    for _attempt in range(600):  # wait for the thread (not a timing: it only has to finish)
        if (jobs.read(token) or {}).get("state") != "running":
            break
        threading.Event().wait(0.1)
    assert (jobs.read(token) or {}).get("state") == "done"
    page = client.get(response["Location"]).content.decode()
    assert "http-equiv" not in page and "Geïmporteerd als batch" in page
