"""A translated workshop without a German file: there is no page it could be the translation of."""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.content.layout import WORKSHOPS_DIR, ContentTree, workshop_item
from sitegen.core.errors import Problem
from sitegen.core.messages import _

ID = "translation-without-source"


def check(tree: ContentTree) -> Iterator[Problem]:
    """Every workshop file of a translation has a German file of the same name."""
    source_items = {workshop_item(slug) for slug in tree.source_slugs}
    for language in tree.languages[1:]:
        for item in sorted(tree.files.get(language.code, {})):
            if item.startswith(f"{WORKSHOPS_DIR}/") and item not in source_items:
                yield Problem(tree.shown(tree.content_dir / language.code / item), 0, 0,
                              # TRANSLATORS: {source} is the German file that is missing (content/de/workshops/x.yaml)
                              _("this translation has no German source {source}; check the file name, or create "
                                "the German file first").format(
                                  source=tree.shown(tree.content_dir / tree.source_code / item)))
