"""A language's name in content/languages.yaml with markup in it, or nothing visible: the switcher shows it."""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.content.layout import ContentTree
from sitegen.core.errors import Problem
from sitegen.core.inline import shared_text_problem

ID = "language-name-markup"


def check(tree: ContentTree) -> Iterator[Problem]:
    """Every language's native name is plain, visible text."""
    for index, language in enumerate(tree.languages_document.data.get("languages", [])):
        message = shared_text_problem(str(language.get("name", ""))) if isinstance(language, dict) else None
        if message:
            yield tree.languages_document.problem(("languages", index, "name"), message)
