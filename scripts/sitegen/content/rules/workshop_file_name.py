"""A workshop file whose name cannot be a workshop's short name (its URL): such a file is not read."""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.content.layout import WORKSHOPS_DIR, ContentTree, workshop_name_problem
from sitegen.core.errors import Problem

ID = "workshop-file-name"


def check(tree: ContentTree) -> Iterator[Problem]:
    """Every workshop file is named by a slug that no page or system reserves."""
    for _code, folder in tree.folders():
        for path in sorted((folder / WORKSHOPS_DIR).glob("*.yaml")):
            message = workshop_name_problem(path.stem)
            if message:
                yield Problem(tree.shown(path), 0, 0, message)
