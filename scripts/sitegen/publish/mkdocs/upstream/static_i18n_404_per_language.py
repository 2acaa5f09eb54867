"""Each language's own 404 page, in its language folder; the root one sends readers to theirs.

Works around: mkdocs-static-i18n 1.3.1 — it builds the theme's 404.html once per language, each time
to the same site/404.html, so the last language built wins. Also MkDocs 1.6 renders the 404 page with
an absolute base path (it is served at any depth), so its language links are made absolute here.
A static host (GitHub Pages) serves only the root 404.html: below /en/ or /hsb/, the root page sends
the reader to that language's page (the script in overrides/404.html, given `sitegen_not_found_pages`).
Upstream: not reported.
Delete when: the i18n plugin writes each language's 404.html into its language folder; then delete
this module, its calls in plugin.py (`on_template_context`, `on_post_template`, `on_post_build`), and
keep the redirect script in overrides/404.html only if the host still serves one 404 page.
Test: tests/publish/upstream/test_upstream_canaries.py::test_static_i18n_still_writes_no_404_per_language
fails once upstream mentions 404 pages at all (then check whether it has fixed this).
"""

from __future__ import annotations

from pathlib import Path

from sitegen.core.model import Language
from sitegen.core.urls import HOME, page_url, site_path

NOT_FOUND = "404.html"


class NotFoundPages:
    """Each language's 404 page of the build under way, kept until every language is built."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}  # language code -> the page

    def keep(self, code: str, html: str) -> None:
        self.pages[code] = html

    def write(self, site: Path, source_language: str) -> None:
        """Write each page where its language lives: the source language at the root."""
        for code, page_html in self.pages.items():
            target = site / (NOT_FOUND if code == source_language else f"{code}/{NOT_FOUND}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page_html, encoding="utf-8")


def not_found_context(context: dict, config, languages: list[Language], source_language: str) -> None:
    """Language links of a 404 page, absolute (each language's home page, by its path on the host), and
    on the source language's page, which the host serves for every missing address, the folders whose
    readers it sends to their language's page."""
    base = site_path(config.site_url)
    config.extra.alternate = [
        {"name": language.name, "lang": language.code, "link": base + page_url(language, HOME)}
        for language in languages
    ]
    config.extra.sitegen_switcher = config.extra.alternate
    context["sitegen_not_found_pages"] = {
        f"{base}{language.code}/": f"{base}{language.code}/{NOT_FOUND}"
        for language in languages if not language.source
    } if config.theme["language"] == source_language else {}
