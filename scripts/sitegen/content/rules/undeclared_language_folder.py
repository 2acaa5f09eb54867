"""A folder in content/ that content/languages.yaml does not declare: its files would never be published."""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.content.layout import ContentTree
from sitegen.core.errors import Problem
from sitegen.core.messages import _
from sitegen.read.languages import LANGUAGES_FILE

ID = "undeclared-language-folder"


def check(tree: ContentTree) -> Iterator[Problem]:
    """Every folder in content/ names a declared language."""
    declared = {language.code for language in tree.languages}
    for child in sorted(tree.content_dir.iterdir()):
        if child.is_dir() and child.name not in declared:
            # TRANSLATORS: {name} is a folder name in content/, {file} the file content/languages.yaml
            yield Problem(tree.shown(child), 0, 0, _("'{name}' is not a declared language; add it to {file} or "
                                                     "remove the folder").format(
                name=child.name, file=tree.shown(tree.content_dir / LANGUAGES_FILE)))
