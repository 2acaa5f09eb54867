"""A site file missing from a language folder: German needs all of them, a translation its interface texts."""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.content.layout import REQUIRED_FILES, SITE_FILES, SOURCE_ONLY_FILES, ContentTree
from sitegen.core.errors import Problem
from sitegen.core.messages import _

ID = "missing-site-file"


def check(tree: ContentTree) -> Iterator[Problem]:
    """The source has every site file; each translation has those without a fallback (REQUIRED_FILES)."""
    for code, folder in tree.folders():
        for name in SITE_FILES | (SOURCE_ONLY_FILES if code == tree.source_code else {}):
            path = folder / name
            if not path.exists() and code == tree.source_code:
                # TRANSLATORS: {schema} is the file's JSON Schema (schema/privacy.schema.json)
                yield Problem(tree.shown(path), 0, 0, _("this file is missing, and the site needs it; create it (its "
                                                        "schema {schema} lists what it holds)").format(
                    schema=f"schema/{name.removesuffix('.yaml')}.schema.json"))
            elif not path.exists() and name in REQUIRED_FILES:
                # TRANSLATORS: {name} is a file name (site.yaml), {source} the German file (content/de/site.yaml)
                yield Problem(tree.shown(path), 0, 0, _("this file is missing; copy {name} from {source} and "
                                                        "translate it").format(
                    name=name, source=tree.shown(tree.content_dir / tree.source_code / name)))
