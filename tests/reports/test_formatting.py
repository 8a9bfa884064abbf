"""Narratives read into paragraphs: left-over HTML taken out, every other sign kept."""

from pactmonitor.reports.formatting import blocks, plain, printable_everywhere


def test_less_than_and_greater_than_signs_are_kept_as_text():
    assert [b.text for b in blocks("van <10% in 2014 naar >20%")] == ["van <10% in 2014 naar >20%"]
    assert plain("a < b en c > d") == "a < b en c > d"


def test_left_over_html_tags_are_still_taken_out():
    assert [b.text for b in blocks("<p>Eerste</p><p>Tweede <b>vet</b></p>")] == [
        "Eerste",
        "Tweede vet",
    ]


def test_a_vertical_tab_from_word_breaks_the_line_and_other_control_characters_go():
    assert [b.text for b in blocks("Regel een\x0bRegel\x07 twee")] == ["Regel een", "Regel twee"]
    assert plain("Regel\x00een\x0btwee") == "Regeleen twee"


def test_every_text_of_a_report_part_loses_its_control_characters():
    from pactmonitor.reports.documents import Block, Link

    cleaned = printable_everywhere([Link("Bron\x01", "https://x"), Block(items=("a\x1f",))])
    assert cleaned == [Link("Bron", "https://x"), Block(items=("a",))]
