"""A symbolic link in a language folder: it could make sitegen read, and publish, a file from outside content/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sitegen.content.layout import WORKSHOPS_DIR, ContentTree
from sitegen.core.errors import Problem
from sitegen.core.messages import _

ID = "symbolic-link"


def check(tree: ContentTree) -> Iterator[Problem]:
    """Language folders, their files and their workshop files are real files and folders."""
    for _code, folder in tree.folders():
        for link in links(folder):
            yield Problem(tree.shown(link), 0, 0, _("this is a symbolic link; content files and folders must be "
                                                    "real files and folders inside content/"))


def links(folder: Path) -> list[Path]:
    """The symbolic links among a language folder, what it holds and what its workshops folder holds."""
    workshops = folder / WORKSHOPS_DIR
    entries = [folder, *sorted(folder.iterdir()), *(sorted(workshops.iterdir()) if workshops.is_dir() else [])]
    return [entry for entry in entries if entry.is_symlink()]
