"""The reports of the bundled Techniekpact 2020, rounds 2014 and 2015, in PDF and DOCX."""

import pytest

from pactmonitor.pacts.models import Action
from pactmonitor.progress.models import RegionProfile
from pactmonitor.regions.models import Region
from pactmonitor.reports import services
from pactmonitor.reports.formatting import blocks, plain
from pactmonitor.reports.render_docx import render_docx
from pactmonitor.reports.render_pdf import render_pdf

from .conftest import docx_text, flat, libreoffice_to_pdf, pdf_text

pytestmark = pytest.mark.django_db
ROUNDS = ["2014", "2015"]


@pytest.fixture(scope="module")
def documents(bundled, django_db_blocker):
    """Bijlage 1 and 2 of both rounds, as PDF text, DOCX text and DOCX bytes."""
    made = {}
    with django_db_blocker.unblock():
        for slug in ROUNDS:
            round = services.find_round(slug)
            for kind in ("bijlage1", "bijlage2"):
                report = services.build(kind, round)
                docx = render_docx(report)
                made[(kind, slug)] = {
                    "pdf": pdf_text(render_pdf(report)),
                    "docx": docx_text(docx),
                    "bytes": docx,
                }
    return made


def _national_actions():
    return Action.objects.filter(pact__key="techniekpact-2020").prefetch_related("sub_measures")


def _first_words(text: str) -> str:
    """The first sentence-part of a text as the report shows it (a paragraph or a list item)."""
    first = blocks(text)[0]
    return flat((first.items[0] if first.is_list else first.text)[:80])


@pytest.mark.parametrize("slug", ROUNDS)
@pytest.mark.parametrize("format", ["pdf", "docx"])
def test_bijlage1_has_every_national_action_and_sub_measure(documents, slug, format):
    text = documents[("bijlage1", slug)][format]
    actions = list(_national_actions())
    assert len(actions) == 22
    for action in actions:
        assert flat(f"{action.number}. {plain(action.title)}") in text, action.number
        for sub in action.sub_measures.all():
            assert flat(plain(sub.text)[:80]) in text, f"{action.number}{sub.letter}"


@pytest.mark.parametrize("slug", ROUNDS)
@pytest.mark.parametrize("format", ["pdf", "docx"])
def test_bijlage2_has_every_landsdeel_with_its_organisation(documents, slug, format):
    text = documents[("bijlage2", slug)][format]
    for region in Region.objects.landsdelen():
        assert region.name in text
        profile = RegionProfile.objects.filter(region=region, round__slug=slug).first()
        if profile is not None and profile.organisation:
            assert _first_words(profile.organisation) in text, region.key


def test_bijlage1_of_2015_says_honestly_that_no_action_was_reported(documents):
    text = documents[("bijlage1", "2015")]["pdf"]
    assert "Niet gerapporteerd in deze ronde (22)" in text
    assert "Van status veranderd (0)" in text


def test_bijlage1_of_2014_shows_the_statuses_of_the_source(documents):
    text = documents[("bijlage1", "2014")]["pdf"]
    assert "Dit is de eerste ronde" in text
    # In the rows, not only in the legend: action 2 is completed as read from the text.
    rows = text.split(flat(_national_actions().get(number="1").title), 1)[1]
    assert "afgerond (afgeleid)" in rows and "onbekend" in rows


def test_two_generations_of_bijlage2_give_the_same_document(documents):
    again = render_docx(services.bijlage2(services.find_round("2015")))
    assert again == documents[("bijlage2", "2015")]["bytes"]


def test_the_bundled_bijlage1_opens_in_libreoffice(documents, tmp_path):
    source = tmp_path / "bijlage1-2014.docx"
    source.write_bytes(documents[("bijlage1", "2014")]["bytes"])
    result = libreoffice_to_pdf(source, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Kiezen voor" in pdf_text((tmp_path / "lo-out" / "bijlage1-2014.pdf").read_bytes())


@pytest.mark.parametrize("key", ["noord", "noordvleugel", "oost", "zuidoost", "zuidwest"])
def test_every_landsdeel_report_of_2015_names_its_pacts_and_profile(bundled, key):
    region = services.find_landsdeel(key)
    report = services.landsdeel(services.find_round("2015"), region)
    assert report.profiles[0].reported
    if key in ("noordvleugel", "oost"):
        assert report.pacts, key
