"""Two workshops of one language with the same title: readers could not tell them apart in the menu."""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.content.layout import WORKSHOPS_DIR, ContentTree
from sitegen.core.errors import Problem
from sitegen.core.messages import _
from sitegen.core.fields import TextField
from sitegen.core.inline import plain_text

ID = "same-workshop-title"


def check(tree: ContentTree) -> Iterator[Problem]:
    """In each language, every workshop title is different (ignoring case, spacing and language markup)."""
    for fields in tree.own_fields.values():
        first: dict[str, TextField] = {}
        for text_field in fields:
            if text_field.item.startswith(WORKSHOPS_DIR) and text_field.path == ("title",):
                title = " ".join(plain_text(text_field.text).casefold().split())
                if title in first:
                    other = first[title]
                    yield Problem(text_field.file, text_field.line, text_field.column,
                                  # TRANSLATORS: {file}:{line} is where the other workshop's title stands
                                  _("another workshop has the same title ({file}:{line}); give each workshop its "
                                    "own title, readers choose between them by it").format(
                                      file=other.file, line=other.line))
                else:
                    first[title] = text_field
