"""Plural texts in theme.yaml whose forms are not the language's CLDR plural forms, or lack the number."""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.content import plurals
from sitegen.content.layout import ContentTree
from sitegen.core.errors import Problem

ID = "plural-forms"


def check(tree: ContentTree) -> Iterator[Problem]:
    """Each language's theme.yaml has exactly its language's plural forms, each with '#'."""
    for language in tree.languages:
        theme = tree.files.get(language.code, {}).get(plurals.ITEM)
        if theme is not None:
            yield from plurals.check(language.code, language.name, theme.model, theme.document)
