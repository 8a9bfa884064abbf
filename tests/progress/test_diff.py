"""The word-level diff of the review page: correct, marked without colour alone, and bounded."""

import time

from pactmonitor.progress import diff


def test_a_changed_word_is_marked_removed_and_added():
    pieces = diff.diff("Het project loopt volgens plan.", "Het project loopt achter op plan.")
    assert [(p.kind, p.text) for p in pieces] == [
        (diff.SAME, "Het project loopt "),
        (diff.REMOVED, "volgens"),
        (diff.ADDED, "achter op"),
        (diff.SAME, " plan."),
    ]


def test_the_two_columns_mark_deletions_and_insertions_with_a_word():
    pieces = diff.diff("Stages lopen.", "Stages lopen goed.")
    assert "<ins>" in diff.render_new(pieces) and "[toegevoegd: " in diff.render_new(pieces)
    assert "<ins>" not in diff.render_old(pieces) and "goed" not in diff.render_old(pieces)
    removed = diff.render_old(diff.diff("A en B.", "A."))
    assert "<del>" in removed and "[verwijderd: " in removed


def test_text_is_escaped():
    pieces = diff.diff("van <10%", "van <b>20%</b>")
    assert "<b>" not in diff.render_new(pieces) and "&lt;b&gt;" in diff.render_new(pieces)


def test_identical_texts_have_no_changes():
    assert not diff.changed(diff.diff("Gelijk.\nTwee regels.", "Gelijk.\nTwee regels."))
    assert diff.diff("", "") == []


def long_narrative(words=7000):
    vocabulary = "de het een techniek school leerling docent bedrijf regio stage plan".split()
    return " ".join(
        f"{vocabulary[i % 11]}{i % 97}" + ("." if i % 13 == 0 else "") for i in range(words)
    )


def test_a_50000_character_narrative_with_one_edit_is_marked_word_by_word_quickly():
    old = long_narrative()[:50_000]
    cut = old.index(" ", 25_000) + 1
    new = old[:cut] + "nieuw ingevoegd " + old[cut:]
    started = time.perf_counter()
    pieces = diff.diff(old, new)
    assert time.perf_counter() - started < 1  # a generous bound: it takes milliseconds
    assert [p.text for p in pieces if p.kind == diff.ADDED] == ["nieuw ingevoegd "]
    assert not [p for p in pieces if p.kind == diff.REMOVED]


def test_two_entirely_different_long_texts_stay_bounded_and_complete():
    old, new = long_narrative()[:50_000], long_narrative()[:50_000].upper()
    started = time.perf_counter()
    pieces = diff.diff(old, new)
    assert time.perf_counter() - started < 2
    assert "".join(p.text for p in pieces if p.kind != diff.ADDED) == old
    assert "".join(p.text for p in pieces if p.kind != diff.REMOVED) == new
