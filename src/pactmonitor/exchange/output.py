"""Putting an open-data dump in place: whole or not at all, never deleting what it did not write.

A dump is written to a new temporary file or folder beside the target and renamed into place
only when complete, so a failure (full disk, a crash) leaves the previous dump as it was. A CSV
folder carries a manifest naming the files it holds: the next export recognises its own output
by it and replaces only that; a folder holding anything else is refused, never emptied.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

MANIFEST = ".pactmonitor-export.json"


class OutputRefused(Exception):
    """The target cannot be written without harming what is there: one line for the user."""


def _own_files(folder: Path) -> set[str] | None:
    """The file names a previous export wrote into ``folder``, or None if it wrote none."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return {str(name) for name in manifest["files"]}
    except (OSError, ValueError, KeyError, TypeError):
        return None


def check_csv_target(target: Path) -> None:
    """Refuse a target that is a file, or a non-empty folder with anything not ours in it."""
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise OutputRefused(f"-o {target}: exists and is not a folder; give a new folder name")
    if not target.exists():
        return
    present = {entry.name for entry in target.iterdir()}
    if not present:
        return
    own = _own_files(target)
    if own is None:
        raise OutputRefused(
            f"-o {target}: the folder is not empty and was not written by pactmonitor export; "
            "give a new or empty folder"
        )
    foreign = sorted(present - own - {MANIFEST})
    if foreign:
        raise OutputRefused(
            f"-o {target}: the folder holds files that pactmonitor export did not write "
            f"({', '.join(foreign[:3])}{', …' if len(foreign) > 3 else ''}); "
            "move them or give another folder"
        )


def _remove_own(folder: Path) -> None:
    """Delete a previous export's folder: only the files its manifest names, then the folder."""
    for name in _own_files(folder) or set():
        (folder / name).unlink(missing_ok=True)
    (folder / MANIFEST).unlink(missing_ok=True)
    folder.rmdir()  # fails, keeping the folder, if anything else appeared in it meanwhile


def place_csv_folder(target: Path, write: Callable[[Path], dict[str, int]]) -> dict[str, int]:
    """Run ``write`` into a new folder beside ``target`` and move it into place when complete."""
    check_csv_target(target)
    staged = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"))
    previous = None
    try:
        counts = write(staged)
        files = sorted(entry.name for entry in staged.iterdir())
        (staged / MANIFEST).write_text(json.dumps({"files": files}, indent=1), encoding="utf-8")
        os.chmod(staged, 0o755)
        check_csv_target(target)  # still ours (or absent) after the minutes the dump took
        if target.exists():
            previous = target.with_name(f".{target.name}.previous-{os.getpid()}")
            os.rename(target, previous)
        os.rename(staged, target)
    except BaseException:
        if previous is not None and not target.exists():
            os.rename(previous, target)  # the earlier dump goes back where it was
        shutil.rmtree(staged, ignore_errors=True)  # our own staging folder, nothing else
        raise
    if previous is not None:
        _remove_own(previous)
    return counts


def place_file(target: Path, write: Callable[[Path], dict[str, int]]) -> dict[str, int]:
    """Run ``write`` into a temporary file beside ``target`` and rename it into place."""
    if target.is_dir():
        raise OutputRefused(f"-o {target}: is a folder; give a file name for JSON")
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    staged = Path(name)
    try:
        counts = write(staged)
        os.chmod(staged, 0o644)
        os.replace(staged, target)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    return counts
