"""``pactmonitor report``: writes the file, or says in one line what is wrong, writing nothing."""

import io

import pytest
from django.core.management import CommandError, call_command

from pactmonitor.reports.output import write_atomically

from .conftest import docx_text, pdf_text

pytestmark = pytest.mark.django_db


def _report(*args):
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def test_the_command_writes_the_report_in_the_asked_format(sample_pact, tmp_path):
    target = tmp_path / "b1.docx"
    _report("bijlage1", "--round", "t2014", "--format", "docx", "-o", str(target))
    assert "2. De PO-raad benut de visie op W&T" in docx_text(target.read_bytes())


def test_the_landsdeel_report_takes_the_landsdeel_by_name(sample_pact, tmp_path):
    target = tmp_path / "oost.html"
    _report(
        "landsdeel",
        "--round",
        "t2015",
        "--landsdeel",
        "Oost",
        "--format",
        "html",
        "-o",
        str(target),
    )
    assert "Rapportage Landsdeel Oost" in target.read_text()


def test_an_unknown_round_names_the_valid_rounds_and_writes_nothing(sample_pact, tmp_path):
    with pytest.raises(
        CommandError, match=r"^onbekende ronde '1999'; geldige rondes: t2014, t2015$"
    ):
        _report("bijlage1", "--round", "1999", "--format", "pdf", "-o", str(tmp_path / "x.pdf"))
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_landsdeel_names_the_valid_ones(sample_pact, tmp_path):
    with pytest.raises(
        CommandError, match="onbekend landsdeel 'zuid'; geldige landsdelen: noord, oost"
    ):
        _report(
            "landsdeel",
            "--round",
            "t2015",
            "--landsdeel",
            "zuid",
            "--format",
            "pdf",
            "-o",
            str(tmp_path / "x.pdf"),
        )


def test_a_path_in_a_missing_directory_is_refused_in_one_line(sample_pact, tmp_path):
    with pytest.raises(CommandError, match="niet schrijven: de map .* bestaat niet"):
        _report(
            "bijlage2", "--round", "t2015", "--format", "pdf", "-o", str(tmp_path / "nee" / "x.pdf")
        )


def test_a_place_that_cannot_hold_files_is_refused_in_one_line(sample_pact):
    # /proc refuses new files even to root, so this holds whoever runs the tests.
    with pytest.raises(CommandError, match=r"^kan /proc/b2.docx niet schrijven: .+$"):
        _report("bijlage2", "--round", "t2015", "--format", "docx", "-o", "/proc/b2.docx")


def test_a_directory_as_output_is_refused(sample_pact, tmp_path):
    with pytest.raises(CommandError, match="dat is een map"):
        _report("bijlage2", "--round", "t2015", "--format", "docx", "-o", str(tmp_path))


def test_a_failing_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    target = tmp_path / "b1.html"
    target.write_text("vorige versie")

    def broken_rename(source, destination):
        raise OSError("schijf vol")

    monkeypatch.setattr("pactmonitor.reports.output.os.replace", broken_rename)
    with pytest.raises(OSError):
        write_atomically(target, b"nieuwe versie")
    assert target.read_text() == "vorige versie"
    assert [p.name for p in tmp_path.iterdir()] == ["b1.html"]


def test_the_pact_report_takes_the_pact_by_key(sample_pact, tmp_path):
    target = tmp_path / "oost.pdf"
    _report(
        "pact",
        "--round",
        "t2015",
        "--pact",
        "techniekpact-oost-test",
        "--format",
        "pdf",
        "-o",
        str(target),
    )
    assert "Rapportage Techniekpact Oost Test" in pdf_text(target.read_bytes())


@pytest.mark.parametrize("format", ["docx", "pdf", "html"])
def test_a_control_character_in_a_narrative_does_not_stop_the_command(
    odd_narrative, tmp_path, format
):
    target = tmp_path / f"b1.{format}"
    _report("bijlage1", "--round", "t2014", "--format", format, "-o", str(target))
    assert target.stat().st_size > 0
    if format == "docx":
        assert "van <10% in 2014 naar >20%." in docx_text(target.read_bytes())
