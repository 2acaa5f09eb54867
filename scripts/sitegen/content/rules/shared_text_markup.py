"""A text every language shares (contact names, phone numbers, the publisher's facts) with markup in it, or
nothing visible."""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.content.layout import ContentTree
from sitegen.core.errors import Problem
from sitegen.core.fields import shared_texts, text_leaves
from sitegen.core.inline import shared_text_problem, text_problem

ID = "shared-text-markup"


def check(tree: ContentTree) -> Iterator[Problem]:
    """The shared texts of the German files, which every language shows as they are, have no markup at all."""
    for loaded_file in tree.files.get(tree.source_code, {}).values():
        for path, text in shared_texts(loaded_file.model):
            message = shared_text_problem(text)
            if message:
                yield loaded_file.document.problem(path, message)
    # The publisher's facts are shared by nature: every language's legal pages show them as they are. A
    # phrase in them may be marked as another language (a Sorbian name), with a known language code.
    if tree.publisher is not None:
        for path, text in text_leaves(tree.publisher.model):
            message = text_problem(text)
            if message:
                yield tree.publisher.document.problem(path, message)
