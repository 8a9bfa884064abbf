"""The import engine: bad input is refused with file, line and column and nothing written;
batches are the unit of history (same file, newer file, withdrawal)."""

from __future__ import annotations

import pytest
from django.db.models import Sum

from pactmonitor.indicators import importer
from pactmonitor.indicators.choices import BatchState
from pactmonitor.indicators.importer import ImportRefused, import_file
from pactmonitor.indicators.models import Figure, ImportBatch
from pactmonitor.indicators.services import withdraw_batch
from tests import factory
from tests.indicators import files

pytestmark = pytest.mark.django_db
EXAM = "duo-examenkandidaten-vo"


def refused(path, recipe=EXAM) -> list[str]:
    with pytest.raises(ImportRefused) as caught:
        import_file(recipe, path)
    assert not ImportBatch.objects.exists()
    assert not Figure.objects.exists()
    return caught.value.messages


def test_a_good_file_becomes_one_batch_with_its_source_and_counts(placed, tmp_path):
    path = files.write(tmp_path / "exam.csv", files.rows(20))
    batch = import_file(EXAM, path, user=factory.user(username="anna"))
    assert (batch.publisher, batch.licence, batch.imported_by.username) == (
        "DUO",
        "CC0 1.0",
        "anna",
    )
    assert (batch.rows_read, batch.rows_used, batch.rows_skipped) == (20, 20, 0)
    assert len(batch.sha256) == 64 and batch.size == path.stat().st_size
    havo = Figure.objects.filter(batch=batch, education_level="havo", year=2015)
    assert havo.aggregate(n=Sum("numerator"), d=Sum("denominator")) == {
        "n": sum(range(1, 21, 2)),
        "d": sum(range(1, 21)),
    }


def test_a_non_numeric_count_is_named_by_line_and_column_past_blank_lines(placed, tmp_path):
    lines: list = files.rows(16)  # rows, and the odd line that is not one
    lines.insert(3, "")  # a blank line, which DuckDB skips
    lines.insert(6, '""')  # a short row, as the hbo file has them
    lines[14] = files.row(location="77AA00", counts=("veel", "3"))  # line 16 of the file
    lines.append(files.row(location="78AA00", counts=("4", "x")))  # line 20
    messages = refused(files.write(tmp_path / "bad.csv", lines))
    assert messages[0].startswith("bad.csv, regel 16, kolom EXAMENKANDIDATEN SCHOOLJAAR 2014-2015")
    assert "'veel' is geen getal" in messages[0]
    assert messages[1].startswith("bad.csv, regel 20, kolom EXAMENKANDIDATEN SCHOOLJAAR 2015-2016")


def test_a_bad_value_in_line_17_is_reported_in_line_17(placed, tmp_path):
    lines = files.rows(20)
    lines[15] = files.row(location="99AA00", counts=("1,5x", "2"))
    assert refused(files.write(tmp_path / "e.csv", lines))[0].startswith("e.csv, regel 17, kolom")


def test_a_negative_count_is_refused(placed, tmp_path):
    lines = files.rows(4) + [files.row(location="55AA00", counts=("3", "-2"))]
    message = refused(files.write(tmp_path / "neg.csv", lines))[0]
    assert "regel 6" in message and "negatief aantal -2" in message


def test_a_missing_column_is_named(placed, tmp_path):
    columns = [c for c in files.header() if c != "OPLEIDINGSNAAM"]
    lines = [row[:6] + row[7:] for row in files.rows(3)]
    messages = refused(files.write(tmp_path / "m.csv", lines, columns=columns))
    assert "m.csv, regel 1, kolom OPLEIDINGSNAAM: kolom ontbreekt" in messages


def test_a_file_of_another_table_is_refused_before_reading(placed, tmp_path):
    from pactmonitor.indicators.recipes import load

    messages = refused(load("duo-hbo-eerstejaars").bundled_file)
    assert "andere tabel" in messages[0]
    assert any("kolom PROVINCIE: onbekende kolom" in m for m in messages)


def test_a_wrong_delimiter_is_named(placed, tmp_path):
    path = files.write(tmp_path / "comma.csv", files.rows(3), delimiter=",")
    assert "scheidingsteken" in refused(path)[0]


def test_a_utf8_file_for_a_latin1_recipe_is_refused(placed, tmp_path):
    lines = files.rows(3) + [files.row(location="12AB00", town="SÚDWEST-FRYSLÂN")]
    assert "UTF-8" in refused(files.write(tmp_path / "u.csv", lines, encoding="utf-8"))[0]


def test_a_latin1_file_for_a_utf8_recipe_names_the_line(placed, tmp_path):
    path = tmp_path / "l.csv"
    path.write_bytes("PROVINCIE;GEMEENTENUMMER\nFrysl\xe2n;0080\n".encode("latin-1"))
    message = refused(path, recipe="duo-hbo-eerstejaars")[0]
    assert message.startswith("l.csv, regel 2:") and "UTF-8" in message


def test_duplicate_keys_name_both_lines(placed, tmp_path):
    lines = files.rows(6) + [files.rows(6)[2]]
    message = refused(files.write(tmp_path / "d.csv", lines))[0]
    assert message.startswith(
        "d.csv, regel 8, kolom VESTIGINGSNUMMER, ONDERWIJSTYPE VO, OPLEIDINGSNAAM"
    )
    assert "dezelfde als regel 4" in message


def test_a_duplicate_key_under_another_municipality_name_is_refused(placed, tmp_path):
    # The municipality's name is not part of the key: the same location, type and programme
    # twice is a duplicate whatever the town column says.
    lines = files.rows(6) + [files.row(location="01AA00", town="EMMEN", name="HAVO - N&T")]
    message = refused(files.write(tmp_path / "d.csv", lines))[0]
    assert message.startswith("d.csv, regel 8, kolom VESTIGINGSNUMMER")
    assert "dezelfde als regel 4" in message


def test_a_location_under_two_municipality_names_without_a_duplicate_is_imported(placed, tmp_path):
    lines = files.rows(6) + [files.row(location="01AA00", town="EMMEN", name="HAVO - C&M")]
    batch = import_file(EXAM, files.write(tmp_path / "t.csv", lines))
    assert (batch.rows_read, batch.rows_used) == (7, 7)


def test_an_empty_file_is_refused(placed, tmp_path):
    (tmp_path / "leeg.csv").write_bytes(b"")
    assert refused(tmp_path / "leeg.csv") == ["leeg.csv: het bestand is leeg"]


def test_a_file_with_only_a_header_is_refused(placed, tmp_path):
    path = files.write(tmp_path / "kop.csv", [])
    assert refused(path) == ["kop.csv: het bestand heeft geen gegevensrijen"]


def test_a_file_over_the_recipes_size_limit_is_refused_before_reading(
    placed, tmp_path, monkeypatch
):
    recipe = files.recipe_variant(tmp_path, **{"file.max_bytes": 3_000_000_000})
    path = tmp_path / "groot.csv"
    with path.open("wb") as handle:  # a sparse file of 4 GB: nothing to read
        handle.truncate(4_000_000_000)
    monkeypatch.setattr(importer, "_read_header", lambda *a: pytest.fail("the file was read"))
    message = refused(path, recipe=recipe)[0]
    assert (
        message == "groot.csv: het bestand is 4,0 GB groot; dit recept neemt ten hoogste 3,0 GB aan"
    )


def test_a_numerator_larger_than_its_denominator_is_refused(placed, tmp_path):
    recipe = files.recipe_variant(
        tmp_path,
        **{
            "file.measures": {
                "kandidaten": {
                    "columns": r"^EXAMENKANDIDATEN SCHOOLJAAR "
                    r"(?P<schoolyear>\d{4}-\d{4}) - TOTAAL$",
                    "year": "end_of_school_year",
                },
                "geslaagden": {
                    "columns": r"^GESLAAGDEN SCHOOLJAAR (?P<schoolyear>\d{4}-\d{4}) - TOTAAL$",
                    "year": "end_of_school_year",
                },
            },
            "series": [
                {
                    "indicator": "havo-vwo-natuurprofiel-aandeel",
                    "education_level": "havo",
                    "denominator": {"measure": "kandidaten"},
                    "numerator": {"measure": "geslaagden"},
                }
            ],
        },
    )
    good = files.row(location="10AA00", counts=("10", "9", "10", "10"))
    bad = files.row(location="11AA00", counts=("10", "10", "10", "12"))
    path = files.write(tmp_path / "g.csv", [good, bad], columns=files.header(passed=True))
    message = refused(path, recipe=recipe)[0]
    assert message.startswith("g.csv, regel 3, kolom GESLAAGDEN SCHOOLJAAR 2015-2016 - TOTAAL")
    assert "teller 12 is groter dan noemer 10" in message


def test_unplaced_locations_are_counted_and_listed_in_the_batch(placed, tmp_path):
    lines = files.rows(40) + [files.row(location="99ZZ00", town="NERGENSDORP")]
    placed.refused.update({"99ZZ00", "NERGENSDORP"})
    batch = import_file(EXAM, files.write(tmp_path / "u.csv", lines))
    assert batch.unplaced == {
        "count": 1,
        "examples": ["VESTIGINGSNUMMER 99ZZ00 / GEMEENTENAAM NERGENSDORP"],
    }
    assert batch.skip_reasons == {"niet in een regio te plaatsen": 1}
    assert not Figure.objects.filter(location="99ZZ00").exists()


def test_a_location_not_in_the_register_is_placed_by_its_municipality(placed, tmp_path):
    lines = files.rows(4) + [files.row(location="98ZZ00", town="ASSEN")]
    placed.refused.add("98ZZ00")
    batch = import_file(EXAM, files.write(tmp_path / "f.csv", lines))
    assert batch.unplaced == {"count": 0, "examples": []}
    assert Figure.objects.filter(location="98ZZ00").exists()


def test_too_many_unplaced_rows_refuse_the_import(placed, tmp_path):
    lines = files.rows(10) + [files.row(location="99ZZ00", town="NERGENSDORP")]
    placed.refused.update({"99ZZ00", "NERGENSDORP"})
    message = refused(files.write(tmp_path / "u.csv", lines))[0]
    assert "1 van de 11 rijen (9.1%) zijn niet in een regio te plaatsen" in message
    assert "ten hoogste 5%" in message and "99ZZ00" in message


def test_the_same_file_again_changes_nothing_and_says_so(placed, tmp_path):
    path = files.write(tmp_path / "exam.csv", files.rows(6))
    first = import_file(EXAM, path)
    again = import_file(EXAM, path)
    assert again.pk == first.pk and again.unchanged
    assert ImportBatch.objects.count() == 1
    assert Figure.objects.count() == Figure.objects.filter(batch=first).count()


def test_a_newer_file_supersedes_the_old_batch_which_stays(placed, tmp_path):
    old = import_file(EXAM, files.write(tmp_path / "2019.csv", files.rows(6)))
    new = import_file(EXAM, files.write(tmp_path / "2020.csv", files.rows(8)))
    old.refresh_from_db()
    assert (old.state, new.state, new.supersedes) == (BatchState.SUPERSEDED, BatchState.ACTIVE, old)
    assert Figure.objects.filter(batch=old).exists()


def test_a_withdrawn_batch_keeps_its_figures_out_of_use(placed, tmp_path):
    batch = import_file(EXAM, files.write(tmp_path / "exam.csv", files.rows(6)))
    withdraw_batch(batch, user=factory.user(username="nina"))
    batch.refresh_from_db()
    assert batch.state == BatchState.WITHDRAWN and "nina" in batch.note
    assert batch.history.first().history_user.username == "nina"


def test_a_landed_batch_marks_the_rollup_stale_once(placed, tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr("pactmonitor.indicators.rollup.mark_stale", lambda: calls.append(1))
    import_file(EXAM, files.write(tmp_path / "exam.csv", files.rows(4)))
    assert calls == [1]  # one new snapshot version per batch, committed with its figures


def test_an_apostrophe_in_a_name_is_not_a_quote(placed, tmp_path):
    lines = [files.row(location="01AA00", town="'S-HERTOGENBOSCH"), files.row(location="02AA00")]
    batch = import_file(EXAM, files.write(tmp_path / "a.csv", lines))
    assert batch.rows_used == 2


def test_only_the_figures_of_the_active_batch_are_in_use(placed, tmp_path):
    old = import_file(EXAM, files.write(tmp_path / "a.csv", files.rows(6)))
    new = import_file(EXAM, files.write(tmp_path / "b.csv", files.rows(8)))
    assert set(Figure.objects.in_use().values_list("batch", flat=True)) == {new.pk}
    withdraw_batch(new)
    assert not Figure.objects.in_use().exists() and Figure.objects.filter(batch=old).exists()
