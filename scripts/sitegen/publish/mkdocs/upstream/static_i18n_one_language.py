"""One language of the site built alone, as mkdocs-static-i18n builds it within its sequential build.

Works around: mkdocs-static-i18n 1.3.1 — its way to build one language alone (`build_only_locale`) makes
that language the default one: built at the site root, the only one in the language switcher and the
sitemap. A worker of the parallel build (parallel.py) needs it built at its own place, with every
language in the switcher, the alternates and the search settings.
Upstream: https://github.com/ultrabug/mkdocs-static-i18n/issues/262 (pull request #274 added
`build_only_locale` as it is); this use is not reported.
Delete when: the plugin can build one language alone at its own place; then use that option in
parallel.py's workers, delete this module and its call in plugin.py (`facts_for`).
Test: tests/publish/upstream/test_upstream_canaries.py::test_static_i18n_build_only_locale_makes_it_the_default
fails once upstream has fixed it.

How: the plugin is set to the state of its own sequential loop, from the sitegen plugin's `on_config`,
which runs before the i18n plugin's: the language it is building (`current_language`, which its
`on_config` keeps when set), and `building`, with which its `on_post_build` neither builds the other
languages nor writes the combined search index (the merge does that).
"""

from __future__ import annotations

from sitegen.core.messages import _


def build_only(config, code: str) -> None:
    """Make mkdocs-static-i18n build only the language `code`, exactly as it builds that language
    within its sequential build: the source language at the root, any other below /<code>/."""
    i18n = config.plugins.get("i18n")
    if i18n is None or not hasattr(i18n, "building") or not hasattr(i18n, "current_language"):
        raise RuntimeError(_("the i18n plugin (mkdocs-static-i18n) is not configured; a parallel build needs it"))
    if code not in i18n.build_languages:
        # TRANSLATORS: {code} is a language code ("en"), {languages} a list of them ("de, en, hsb")
        raise RuntimeError(_("'{code}' is not one of the languages the i18n plugin builds ({languages})").format(
            code=code, languages=", ".join(i18n.build_languages)))
    if i18n.current_language is None:  # the first build of this process
        i18n.current_language = code
    i18n.building = True

