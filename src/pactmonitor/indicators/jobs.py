"""An import started from the work page runs beside the request and reports its progress.

The upload is copied into the data directory and imported in a background thread of the web
process; the thread writes its progress to a small JSON record in the data directory, which the
progress page reads (any worker process can answer, the record is on the shared disk). The page
refreshes itself with ``<meta http-equiv="refresh">``: no script needed. A worker that dies
mid-import leaves the record "running" and nothing in the database (the import is one
transaction); the record says when it last moved, so the page can tell it is stale.
"""

from __future__ import annotations

import json
import os
import threading
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import connections

from .importer import ImportRefused, import_file

if TYPE_CHECKING:
    from pactmonitor.accounts.models import User

STALE_AFTER = 600  # seconds without progress: the worker that ran it is gone


def _folder() -> Path:
    folder = Path(settings.DATA_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _record_path(token: str) -> Path:
    return _folder() / f"{uuid.UUID(token).hex}.json"


def read(token: str) -> dict[str, Any] | None:
    try:
        record = json.loads(_record_path(token).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if record["state"] == "running" and time.time() - record["updated"] > STALE_AFTER:
        record["state"] = "lost"
    return record


def _write(token: str, **fields: Any) -> None:
    path = _record_path(token)
    record = {**(read(token) or {}), **fields, "updated": time.time()}
    staged = path.with_suffix(".tmp")
    staged.write_text(json.dumps(record), encoding="utf-8")
    os.replace(staged, path)  # readers never see half a record


def start(recipe: str, upload: UploadedFile, user: User) -> str:
    """Copy the upload, start the import, and return the token of its progress record."""
    token = uuid.uuid4().hex
    path = _folder() / f"{token}.upload"
    with path.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    _write(
        token,
        state="running",
        fraction=0.0,
        text="",
        recipe=recipe,
        file=upload.name,
        user=user.pk,
        messages=[],
        batch=None,
    )
    args = (token, recipe, path, upload.name, user)
    if getattr(settings, "PACTMONITOR_IMPORT_IN_BACKGROUND", True):
        threading.Thread(target=_run, args=(*args, True), daemon=True).start()
    else:  # tests: the same code, in the request
        _run(*args, False)
    return token


def _run(
    token: str, recipe: str, path: Path, name: str | None, user: User, own_thread: bool
) -> None:
    last = [0.0]

    def progress(fraction: float, text: str) -> None:
        if fraction - last[0] >= 0.01 or fraction >= 1.0:
            last[0] = fraction
            _write(token, fraction=round(fraction, 3), text=text)

    try:
        batch = import_file(recipe, path, user=user, progress=progress, file_name=name)
        _write(token, state="done", fraction=1.0, batch=batch.pk, unchanged=batch.unchanged)
    except ImportRefused as refused:
        _write(token, state="refused", messages=refused.messages)
    except Exception as error:  # noqa: BLE001 - the page must say the import failed
        _write(token, state="failed", messages=[f"{name}: {error}"])
        raise
    finally:
        path.unlink(missing_ok=True)
        if own_thread:
            connections.close_all()  # the connections Django opened for this thread
