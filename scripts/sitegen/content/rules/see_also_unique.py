"""A workshop listed twice in one FAQ answer's see_also: readers would see the same link twice."""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.content.layout import ContentTree
from sitegen.content.rules.see_also_exists import see_also_lists
from sitegen.core.errors import Problem
from sitegen.core.messages import _

ID = "see-also-unique"


def check(tree: ContentTree) -> Iterator[Problem]:
    """Each answer lists a workshop at most once."""
    for document, where, slugs in see_also_lists(tree):
        listed: set[str] = set()
        for index, slug in enumerate(slugs):
            # A name that is no workshop is see-also-exists' problem, however often it is listed.
            if slug in listed and slug in tree.source_slugs:
                yield document.problem((*where, index), _("the workshop '{slug}' is listed twice in this answer; "
                                                         "delete one").format(slug=slug))
            listed.add(slug)
