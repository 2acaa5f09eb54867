"""Writing generated files: only when their content changed, and removing the ones no longer generated."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".sitegen-manifest.json"


@dataclass
class WriteReport:
    """What a write did to one output folder."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def write_tree(folder: Path, files: dict[str, str]) -> WriteReport:
    """Make `folder` hold `files` (relative path -> text); remove files a previous run wrote and this one did not.

    A manifest in the folder remembers what was generated, so hand-written files beside them are never touched.
    """
    report = WriteReport()
    folder.mkdir(parents=True, exist_ok=True)
    for relative, text in sorted(files.items()):
        target = folder / relative
        data = text.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            report.unchanged.append(relative)
            continue
        _atomic_write(target, data)
        report.written.append(relative)
    manifest = folder / MANIFEST
    previous = _read_manifest(manifest)
    for relative in sorted(previous - set(files)):
        stale = folder / relative
        if stale.is_file():
            stale.unlink()
            report.removed.append(relative)
            _remove_empty_parents(stale.parent, folder)
    listing = json.dumps(sorted(files), indent=1, ensure_ascii=False) + "\n"
    if not manifest.is_file() or manifest.read_text("utf-8") != listing:
        _atomic_write(manifest, listing.encode("utf-8"))
    return report


def _read_manifest(manifest: Path) -> set[str]:
    try:
        listed = json.loads(manifest.read_text("utf-8"))
    except (OSError, ValueError):
        return set()
    # Never trust a path that would leave the folder.
    return {p for p in listed if isinstance(p, str) and ".." not in Path(p).parts and not Path(p).is_absolute()}


def _atomic_write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _remove_empty_parents(directory: Path, stop: Path) -> None:
    while directory != stop and directory.is_dir() and not any(directory.iterdir()):
        directory.rmdir()
        directory = directory.parent
