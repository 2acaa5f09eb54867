"""A declared language without its folder: the site would have no pages in it."""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.content.layout import ContentTree
from sitegen.core.errors import Problem
from sitegen.core.messages import _

ID = "missing-language-folder"


def check(tree: ContentTree) -> Iterator[Problem]:
    """Every declared language has its folder in content/."""
    for language in tree.languages:
        folder = tree.content_dir / language.code
        if not folder.is_dir():
            yield Problem(tree.shown(folder), 0, 0, _("the folder for language '{code}' is missing; create it with "
                                                      "site.yaml and theme.yaml").format(code=language.code))
