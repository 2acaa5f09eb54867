"""The theme's template listing, without the tenth of a second MkDocs spends on it before every build.

Works around: MkDocs 1.6 — before every build (once per language), it lists every file of the theme to
find the static ones it copies, and tests each name against a dozen patterns. Material's templates hold
some 14,000 icons under `.icons/`, which that test always excludes (names starting with a dot). Here the
listing leaves dot-names out before the test, and the theme package's own files, which do not change
while MkDocs runs, are listed once per owner (the sitegen plugin, for the process). The result is the
same list.
Upstream: not reported.
Delete when: MkDocs skips dot-folders before matching (or caches the listing); then delete this module
and its call in plugin.py (`on_config`).
Test: tests/publish/upstream/test_upstream_canaries.py::test_mkdocs_still_lists_the_theme_icons
fails once upstream has fixed it;
tests/site/test_site_build.py::test_the_quick_theme_listing_finds_the_same_files_as_mkdocs checks that the
listing is the same.
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2


class ThemeListings:
    """Template names per folder of an installed package (the theme), listed once for its owner's life."""

    def __init__(self) -> None:
        self.names: dict[str, list[str]] = {}

    def listed(self, folder: str) -> list[str]:
        """Template names below `folder` that do not start with a dot, like jinja2's FileSystemLoader
        names them. Folders of installed packages are listed once; the project's own every time."""
        if folder in self.names:
            return self.names[folder]
        names = _names_without_dot_folders(folder)
        if "site-packages" in Path(folder).parts:
            self.names[folder] = names
        return names


def _names_without_dot_folders(folder: str) -> list[str]:
    """What jinja2's FileSystemLoader(folder).list_templates() lists, less the names that start with a dot,
    found without walking into the folders whose names start with a dot (the icons): sorted, `/`-separated."""
    names = []
    for current, folders, files in os.walk(folder):
        relative = os.path.relpath(current, folder)
        if relative == os.curdir:
            folders[:] = [name for name in folders if not name.startswith(".")]
            names += [name for name in files if not name.startswith(".")]
        else:
            prefix = relative.replace(os.sep, "/") + "/"
            names += [prefix + name for name in files]
    return sorted(names)


def quick_listing(get_env, listings: ThemeListings | None = None):
    """The theme's `get_env`, giving environments with the quick listing (cached in `listings`)."""
    listings = ThemeListings() if listings is None else listings

    def patched():
        env = get_env()
        listing = env.list_templates

        def list_templates(extensions=None, filter_func=None):
            if extensions is not None or filter_func is None or not isinstance(env.loader, jinja2.FileSystemLoader):
                return listing(extensions, filter_func)
            names = sorted({name for folder in env.loader.searchpath for name in listings.listed(folder)})
            return [name for name in names if filter_func(name)]

        env.list_templates = list_templates
        return env

    return patched
