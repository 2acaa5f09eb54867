"""The language links of a page: the switcher (every language) and the hreflang links (real translations).

Works around: mkdocs-static-i18n 1.3.1 — the links it sets in `extra.alternate` hold the site's path on
home pages and not elsewhere, and it offers a German copy standing in for a missing translation as if
it were one. Here both lists are made from the files it paired (`page.file.alternates`): the switcher
with site-relative links, a German copy offered but marked; the hreflang links (the theme writes
`extra.alternate` into the head) with absolute addresses, only real translations, and the German
original as x-default. overrides/sitemap.xml lists the same alternates; overrides/partials/alternate.html
prints the switcher.
Upstream: not reported.
Delete when: the plugin's `extra.alternate` is right on every page and leaves out untranslated pages;
then delete this module, its call in plugin.py (`on_page_context`), `sitegen_switcher` in
overrides/partials/alternate.html, and compare overrides/sitemap.xml with the plugin's own.
Test: tests/publish/upstream/test_upstream_canaries.py::test_static_i18n_alternates_still_ignore_untranslated_pages
fails once upstream looks at a page's translation state.
"""

from __future__ import annotations

from sitegen.core.model import Language
from sitegen.core.urls import HOME, page_address, page_url


def set_language_links(config, page, languages: list[Language], untranslated: set[str],
                       fallback_marks: dict[str, str], source_language: str | None) -> None:
    """Set `extra.sitegen_switcher` and `extra.alternate` for this page."""
    # Each language's version of this page, by its site-relative URL ("en/faq/", "./"), from the
    # files mkdocs-static-i18n paired; the language's home page where it found none.
    # A page of one language only (Leichte Sprache) gets the other languages' home pages as "alternates" from
    # the plugin: those are no versions of it, and only its own language is advertised.
    own, identity = page.file.src_uri.split("/", 1)
    homes = {language.code: page_url(language, HOME) for language in languages}

    def path_in(code: str, url: str) -> str:  # the URL within its language's folder ("./" is the root)
        return ("" if url in (".", "./") else url).removeprefix(homes.get(code, ""))

    path = path_in(own, page.url)
    versions = {code: version.url for code, version in (getattr(page.file, "alternates", None) or {}).items()
                if path_in(code, version.url) == path}
    versions[own] = page.url
    urls = {language.code: versions.get(language.code) or homes[language.code] for language in languages}
    # The switcher: site-relative links, which the theme's `url` filter makes relative to the page.
    config.extra.sitegen_switcher = [
        {"name": language.name, "lang": language.code, "link": urls[language.code],
         "fallback": f"{language.code}/{identity}" in untranslated,
         "mark": fallback_marks.get(language.code, "")}
        for language in languages]
    # For search engines: absolute addresses, only real translations, the German original as the
    # default (x-default). mkdocs-static-i18n sets `extra.alternate` as an attribute: set as one.
    advertised = [{"name": language.name, "lang": language.code,
                   "link": page_address(config.site_url, urls[language.code])}
                  for language in languages
                  if language.code in versions and f"{language.code}/{identity}" not in untranslated]
    source = next((a for a in advertised if a["lang"] == source_language), None)
    if source is not None:
        advertised.append(dict(source, lang="x-default"))
    config.extra.alternate = advertised
