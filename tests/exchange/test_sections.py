"""A source's section: the part of its document a quote lies in (exchange/sections.py)."""

from pactmonitor.exchange.dataset import Dataset, Entry
from pactmonitor.exchange.sections import Contents, section_problems

TEXT = "Inleiding Over het pact. Landsdeel Noord Er zijn nu 20 besturen. Landsdeel Oost Er zijn 3."
SECTIONS = [
    {"title": "Inleiding", "starts": "Inleiding"},
    {"title": "Landsdeel Noord", "starts": "Landsdeel Noord"},
    {"title": "Landsdeel Oost", "starts": "Landsdeel Oost"},
]


def test_a_quote_lies_in_the_last_section_that_starts_before_it():
    contents, problems = Contents.build(TEXT, SECTIONS)
    assert problems == []
    assert contents.sections_of("nu 20 besturen") == ["Landsdeel Noord"]
    assert contents.sections_of("Er zijn") == ["Landsdeel Noord", "Landsdeel Oost"]


def test_a_section_start_missing_from_the_seed_is_named():
    _, problems = Contents.build(TEXT, [*SECTIONS, {"title": "Zuid", "starts": "Landsdeel Zuid"}])
    assert problems == [
        "sections[3] 'Zuid': its start 'Landsdeel Zuid' is not in the seed after the one before"
    ]


def dataset(tmp_path, section: str | None) -> Dataset:
    (tmp_path / "000.txt").write_text(TEXT, encoding="utf-8")
    source = Entry({"seed": "000", "file": "000.txt", "sections": SECTIONS}, "s.yaml", "sources[0]")
    prov = {"seed": "000", "quote": "nu 20 besturen"} | ({"section": section} if section else {})
    profile = Entry({"region": "noord", "provenance": prov}, "f.yaml", "region_profiles[0]")
    return Dataset(sources=[source], region_profiles=[profile])


def test_every_quote_names_the_section_it_lies_in(tmp_path):
    assert section_problems(dataset(tmp_path, "Landsdeel Noord"), tmp_path) == []
    [missing] = section_problems(dataset(tmp_path, None), tmp_path)
    assert "names no section (it lies in ['Landsdeel Noord'])" in missing
    [wrong] = section_problems(dataset(tmp_path, "Landsdeel Oost"), tmp_path)
    assert "'Landsdeel Oost', but the quote lies in ['Landsdeel Noord']" in wrong
