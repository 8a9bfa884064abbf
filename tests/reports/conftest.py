import os
import re
import subprocess
from pathlib import Path

import pytest

from . import sample


@pytest.fixture(scope="module")
def sample_pact(django_db_setup, django_db_blocker):
    """The sample pact, built once per module (rendering a PDF is slow); tests may change it
    inside their own transaction."""
    with django_db_blocker.unblock():
        built = sample.build()
    yield built
    with django_db_blocker.unblock():
        from django.core.management import call_command

        call_command("flush", interactive=False, verbosity=0)


def flat(text: str) -> str:
    """Text with all runs of white space made one space: lines wrap differently per format."""
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    # A line may break after a hyphen ("vmbo-" / "mbo"): that is no space in the text.
    return flat(re.sub(r"(?<=\w)-\n", "-", text))


def docx_text(data: bytes) -> str:
    import io

    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return flat(" ".join(parts))


def libreoffice_to_pdf(docx_file: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    """Open the DOCX in LibreOffice and print it to PDF, with a private profile."""
    profile = tmp_path / "lo-profile"
    return subprocess.run(
        [
            "libreoffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "lo-out"),
            str(docx_file),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
    )


ODD_TEXT = "Het aandeel ging van <10% in 2014 naar >20%.\x0bDe rest volgt\x01 later."
ODD_AS_READ = "Het aandeel ging van <10% in 2014 naar >20%."


@pytest.fixture
def odd_narrative(sample_pact):
    """Action 1a of round t2014 carries a text pasted from Word: a line break as a vertical
    tab, a stray control character, and "<" and ">" that are no HTML."""
    from pactmonitor.progress.models import StatusUpdate

    StatusUpdate.objects.filter(
        round__slug="t2014", action__number="1", sub_measure__letter="a"
    ).update(narrative=ODD_TEXT)
    return ODD_TEXT
