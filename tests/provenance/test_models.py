"""How a source is named to a reader: the document's title and date and the quote."""

import datetime

import pytest

from pactmonitor.provenance.models import SourceDocument
from tests import factory

pytestmark = pytest.mark.django_db


def document(**kw) -> SourceDocument:
    kw.setdefault("key", "002")
    kw.setdefault("file_name", "002_a9afeef750dbdd18.txt")
    kw.setdefault("title", "Bijlage 1: de stand van zaken per maatregel van het Techniekpact")
    return SourceDocument.objects.create(**kw)


def test_a_source_is_named_by_its_title_and_date_never_its_file_name():
    action = factory.action(
        provenance_document=document(date_text="mei 2014"), provenance_quote="De opdracht …"
    )
    assert action.provenance == (
        "Bijlage 1: de stand van zaken per maatregel van het Techniekpact (mei 2014): "
        "“De opdracht …”"
    )
    assert "002_" not in action.provenance


def test_a_document_without_date_text_shows_its_date():
    assert document(date=datetime.date(2014, 4, 1)).dated_title.endswith("(1 april 2014)")


def test_the_seed_s_inline_html_is_not_shown_in_a_quote():
    quote = "Op 12 juni 2013 is door OCW <u>vastgelegd</u> dat"
    action = factory.action(provenance_document=document(), provenance_quote=quote)
    assert "“Op 12 juni 2013 is door OCW vastgelegd dat”" in action.provenance


def test_a_record_entered_in_the_app_has_no_source_line():
    assert factory.action().provenance == ""


def test_a_source_names_the_section_its_quote_lies_in():
    action = factory.action(
        provenance_document=document(date_text="mei 2014"),
        provenance_section="Leren in de techniek, maatregel 14",
        provenance_quote="Op 12 juni 2013 …",
    )
    assert action.provenance == (
        "Bijlage 1: de stand van zaken per maatregel van het Techniekpact (mei 2014), "
        "Leren in de techniek, maatregel 14: “Op 12 juni 2013 …”"
    )
    assert action.provenance_cited.endswith("(mei 2014), Leren in de techniek, maatregel 14")
