"""An FAQ answer's see_also entry that names no workshop: its link would lead nowhere."""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.content.layout import ContentTree
from sitegen.core.errors import Problem
from sitegen.core.messages import _
from sitegen.read.load import Document

ID = "see-also-exists"
FAQ = "faq.yaml"


def check(tree: ContentTree) -> Iterator[Problem]:
    """Every see_also entry is the short name of a German workshop file."""
    for document, where, slugs in see_also_lists(tree):
        for index, slug in enumerate(slugs):
            if slug not in tree.source_slugs:
                yield document.problem((*where, index), _("there is no workshop '{slug}'; use the file name of a "
                                                         "workshop without .yaml").format(slug=slug))


def see_also_lists(tree: ContentTree) -> Iterator[tuple[Document, tuple, list[str]]]:
    """(FAQ document, path of the list, workshop names) of every answer's see_also list, in every language."""
    for language in tree.languages:
        faq = tree.files.get(language.code, {}).get(FAQ)
        if faq is not None:
            for index, entry in enumerate(faq.model.questions or []):
                # Translations have no see_also: it is shared, and lives in the German file only.
                yield faq.document, ("questions", index, "see_also"), getattr(entry, "see_also", None) or []
