"""The files of an edition in Django storage (``STORAGES["downloads"]``, under the data
directory by default): written once by the worker, then only read."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from django.core.files import File
from django.core.files.storage import Storage, storages

from .models import Edition

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".json": "application/json",
    ".jsonld": "application/ld+json",
    ".csv": "text/csv; charset=utf-8",
    ".zip": "application/zip",
}


def storage() -> Storage:
    return storages["downloads"]


def content_type(name: str) -> str:
    suffix = Path(name).suffix
    return CONTENT_TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def store_folder(edition: Edition, folder: Path) -> list[dict]:
    """Copy every file under ``folder`` into the edition's place in storage; its file list."""
    entries = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        with path.open("rb") as handle:
            stored = storage().save(edition.path(name), File(handle, name=path.name))
        if stored != edition.path(name):  # storage never renames in a fresh folder; be sure
            raise OSError(f"storage renamed {name} to {stored}")
        entries.append(
            {"name": name, "size": path.stat().st_size, "content_type": content_type(name)}
        )
    return entries


def remove_files(edition: Edition) -> None:
    """Delete the files this edition wrote (the names in its list), nothing else."""
    for entry in edition.files:
        storage().delete(edition.path(entry["name"]))
