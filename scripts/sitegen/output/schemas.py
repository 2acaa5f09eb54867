"""Writing the JSON Schemas of the content files into schema/ (`sitegen schema`), and finding stale ones.

The schemas themselves are made from the content models in read/schema.py; this is only where they are
written, each file only when its text changed, and where left-over ones are found (only those sitegen
generated: a schema written by hand is never stale).
"""

from __future__ import annotations

import json
from pathlib import Path

from sitegen.core.errors import ContentError
from sitegen.output.write import write_if_changed
from sitegen.read.inputs import read_text
from sitegen.read.schema import GENERATED, MAX_SCHEMA_BYTES, SCHEMA_DIR, kinds, render


def write_schemas(folder: Path) -> tuple[list[Path], list[Path]]:
    """Write every schema into `folder`; return (written, unchanged)."""
    written, unchanged = [], []
    for kind in kinds():
        path = folder / kind.file_name
        changed = write_if_changed(path, render(kind).encode("utf-8"), f"{SCHEMA_DIR}/{kind.file_name}",
                                   limit=MAX_SCHEMA_BYTES)
        (written if changed else unchanged).append(path)
    return written, unchanged


def stale_schemas(folder: Path) -> list[str]:
    """Names of schema files in `folder` that are missing, differ from the models, or are left over from
    a kind that no longer exists (only files sitegen generated: a schema written by hand is not stale)."""
    expected = {kind.file_name: render(kind) for kind in kinds()}
    stale = [name for name, text in expected.items()
             if _text(folder / name) != text]
    if folder.is_dir():
        stale += sorted(path.name for path in folder.glob("*.schema.json")
                        if path.name not in expected and _generated(path))
    return stale


def _text(path: Path) -> str | None:
    """The text of a schema file, or None if there is no readable one."""
    try:
        return read_text(path, f"{SCHEMA_DIR}/{path.name}", MAX_SCHEMA_BYTES, missing_ok=True)
    except ContentError:
        return None


def _generated(path: Path) -> bool:
    """Whether `path` is a schema `sitegen schema` wrote (it says so in its `$comment`)."""
    try:
        schema = json.loads(_text(path) or "")
    except ValueError:
        return False
    return isinstance(schema, dict) and schema.get("$comment") == GENERATED
