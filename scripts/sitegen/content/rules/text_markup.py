"""A text with markup other than language markup, broken language markup, or nothing a reader can see."""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.content.layout import ContentTree
from sitegen.core.errors import Problem
from sitegen.core.inline import text_problem

ID = "text-markup"


def check(tree: ContentTree) -> Iterator[Problem]:
    """Every language's own texts are plain text, with at most well-formed language markup, and visible."""
    for fields in tree.own_fields.values():
        for text_field in fields:
            message = text_problem(text_field.text)
            if message:
                yield Problem(text_field.file, text_field.line, text_field.column, message)
