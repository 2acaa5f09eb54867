"""Thin glue between MkDocs and the pipeline: MkDocs events call the pipeline; nothing else lives here."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import ConfigurationError, PluginError
from mkdocs.plugins import BasePlugin, event_priority

from . import pipeline
from .compat.static_i18n_locale import allow_three_letter_locales
from .content import load_content
from .errors import ContentError
from .urls import FAQ, HOME, WORKSHOPS, page_source, page_url


def i18n_languages(content_dir: str = "content") -> list[dict]:
    """The `languages` option of mkdocs-static-i18n, made from content/languages.yaml and each site.yaml.

    mkdocs.yml calls this with a YAML tag while it is being read, so languages are declared only once,
    in content/, and the i18n plugin validates the result as if it had been written by hand.
    """
    allow_three_letter_locales()
    root = Path.cwd()
    try:
        content = load_content(root / content_dir, root)
    except ContentError as error:
        raise ConfigurationError(f"the content has errors:\n{error}") from None
    languages = []
    for language in content.languages:
        texts = content.by_language[language.code]
        nav_labels = texts.site.nav
        workshops = [
            {texts.workshops[slug].title: page_source(language, WORKSHOPS, slug)}
            for slug in content.workshop_slugs if slug in texts.workshops
        ]
        languages.append({
            "locale": language.code,
            "name": language.name,
            "default": language.source,
            "build": True,
            "site_name": texts.site.site_name,
            "site_description": texts.site.site_description,
            "nav": [
                {nav_labels.home: page_source(language, HOME)},
                {nav_labels.workshops: [page_source(language, WORKSHOPS)] + workshops},
                {nav_labels.faq: page_source(language, FAQ)},
            ],
        })
    return languages


class SitegenConfig(Config):
    content_dir = config_options.Dir(exists=True, default="content")


class SitegenPlugin(BasePlugin[SitegenConfig]):
    """Renders content/ into docs/ before MkDocs reads docs/, on every build and every live reload."""

    def __init__(self):
        super().__init__()
        self.not_found_pages: dict[str, str] = {}
        self.source_language: str | None = None
        self.languages = []

    @event_priority(100)
    def on_config(self, config):
        root = Path(config.config_file_path).parent
        paths = pipeline.Paths(
            root=root.resolve(),
            content=Path(self.config.content_dir).resolve(),
            docs=Path(config.docs_dir).resolve(),
            theme=Path(config.theme.custom_dir or root / "overrides").resolve(),
        )
        try:
            result = pipeline.build(paths)
        except ContentError as error:
            raise PluginError(f"the content has errors:\n{error}") from None
        self.source_language = result.content.languages[0].code
        self.languages = result.content.languages
        return config

    @event_priority(0)  # after mkdocs-static-i18n (50) has set this page's language links
    def on_page_context(self, context, page, config, nav):
        # mkdocs-static-i18n links home pages to their translations with root-absolute URLs ("/en/"),
        # which break when the site is published below a path (GitHub Pages: /<repository>/).
        # Made site-relative, the theme's `url` filter turns them into links relative to the page.
        # (mkdocs-static-i18n sets `extra.alternate` as an attribute, so it is read and written as one.)
        for alternate in getattr(config.extra, "alternate", None) or []:
            if alternate["link"].startswith("/"):
                alternate["link"] = alternate["link"].lstrip("/") or "."
        return context

    def on_template_context(self, context, template_name, config):
        # The 404 page is served at any depth, so MkDocs renders it with an absolute base path;
        # its language links must be absolute too: each language's home page.
        if template_name == "404.html":
            base = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
            config.extra.alternate = [
                {"name": language.name, "lang": language.code, "link": base + page_url(language, HOME)}
                for language in self.languages
            ]
        return context

    def on_post_template(self, output_content, template_name, config):
        # mkdocs-static-i18n builds the theme's 404.html once per language, each time to the same
        # site/404.html, so the last language built would win. Keep each language's version ...
        if template_name == "404.html":
            self.not_found_pages[config.theme["language"]] = output_content
        return output_content

    @event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language
    def on_post_build(self, config):
        # ... and write it where that language lives: the source language at the root.
        site = Path(config.site_dir)
        for code, html in self.not_found_pages.items():
            target = site / ("404.html" if code == self.source_language else f"{code}/404.html")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")

    def on_serve(self, server, config, builder):
        server.watch(self.config.content_dir)
        return server
