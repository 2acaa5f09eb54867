"""A file in a language folder that is no content file: a typo in a name, or something left behind."""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.content.layout import SITE_FILES, SOURCE_ONLY_FILES, WORDLIST, WORKSHOPS_DIR, ContentTree
from sitegen.content.rules.symbolic_link import links
from sitegen.content.publisher import PUBLISHER_FILE
from sitegen.content.status import RECORD_FILE
from sitegen.core.errors import Problem
from sitegen.core.messages import _

ID = "unexpected-file"


def check(tree: ContentTree) -> Iterator[Problem]:
    """A language folder holds only the site files, workshops, a word list and (translations) the records."""
    for code, folder in tree.folders():
        # A folder with a link in it may list what lies outside content/: the link is named (symbolic-link), not that.
        if links(folder):
            continue
        expected = set(SITE_FILES) | {WORKSHOPS_DIR, WORDLIST} | (
            {PUBLISHER_FILE} | set(SOURCE_ONLY_FILES) if code == tree.source_code else {RECORD_FILE})
        for child in sorted(folder.iterdir()):
            if not child.name.startswith(".") and child.name not in expected:
                # TRANSLATORS: {files} is a list of file names (faq.yaml, site.yaml, theme.yaml), {workshops} a
                # folder name (workshops)
                yield Problem(tree.shown(child), 0, 0, _("unexpected file; content files are {files} and "
                                                         "{workshops}/<name>.yaml").format(
                    files=", ".join(sorted(SITE_FILES)), workshops=WORKSHOPS_DIR))
        workshops = folder / WORKSHOPS_DIR
        for child in sorted(workshops.iterdir()) if workshops.is_dir() else []:
            if child.is_file() and child.suffix != ".yaml" and not child.name.startswith("."):
                yield Problem(tree.shown(child), 0, 0, _("unexpected file; a workshop file ends in .yaml"))
