"""A site file missing from a language folder: German needs all of them, a translation its interface texts."""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.content.layout import REQUIRED_FILES, SITE_FILES, ContentTree
from sitegen.core.errors import Problem

ID = "missing-site-file"


def check(tree: ContentTree) -> Iterator[Problem]:
    """The source has every site file; each translation has those without a fallback (REQUIRED_FILES)."""
    for code, folder in tree.folders():
        for name in SITE_FILES:
            path = folder / name
            if not path.exists() and (code == tree.source_code or name in REQUIRED_FILES):
                yield Problem(tree.shown(path), 0, 0, f"this file is missing; copy {name} from "
                              f"{tree.shown(tree.content_dir / tree.source_code / name)} and translate it")
