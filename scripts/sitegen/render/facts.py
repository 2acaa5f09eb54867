"""What a site engine needs to know about the content besides the pages: computed once, by the pipeline.

The pages themselves are Markdown files in docs/ (render.pages). The engine also needs each language's
site name and navigation, which pages are copies of the source language, and a few interface texts it
prints around the pages. These are plain values here, with no engine's types: the MkDocs adapter
(publish/mkdocs) makes its configuration from them, and a parallel build hands them to its workers as
JSON, so a worker never reads content/ again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sitegen.content.tree import Content, workshop_item
from sitegen.core.model import Language
from sitegen.core.urls import FAQ, HOME, WORKSHOPS, page_source
from sitegen.render.pages import is_untranslated


@dataclass(frozen=True)
class NavEntry:
    """One entry of a language's navigation: its label as written in content/, and its page in docs/."""

    title: str
    source: str  # the page's path inside docs/, e.g. "en/workshops/index.md"
    children: tuple["NavEntry", ...] = ()  # a section: `source` is its index page


@dataclass(frozen=True)
class LanguageFacts:
    """One language of the site, as the engine shows it around the pages."""

    language: Language
    site_name: str
    site_description: str
    nav: tuple[NavEntry, ...]
    fallback_mark: str  # "(in German)" in this language, after the titles of copies
    search_label: str  # the theme's "Search" in this language


@dataclass(frozen=True)
class SiteFacts:
    """Everything besides the pages, source language first."""

    languages: tuple[LanguageFacts, ...]
    untranslated: frozenset[str]  # docs paths of the pages that are copies of the source-language page

    @classmethod
    def of(cls, content: Content) -> "SiteFacts":
        """The facts of validated content."""
        return cls(languages=tuple(_language_facts(content, language) for language in content.languages),
                   untranslated=frozenset(source for language in content.languages[1:]
                                          for source, item in page_items(content, language).items()
                                          if is_untranslated(content.by_language[language.code], item)))

    @property
    def source_language(self) -> Language:
        return self.languages[0].language

    def dumps(self) -> str:
        """As JSON, for a worker of a parallel build."""
        return json.dumps({"languages": [_language_json(facts) for facts in self.languages],
                           "untranslated": sorted(self.untranslated)}, ensure_ascii=False)

    @classmethod
    def loads(cls, text: str) -> "SiteFacts":
        data = json.loads(text)
        return cls(languages=tuple(LanguageFacts(
            language=Language.model_validate(entry["language"]), site_name=entry["site_name"],
            site_description=entry["site_description"], nav=tuple(_nav_entry(nav) for nav in entry["nav"]),
            fallback_mark=entry["fallback_mark"], search_label=entry["search_label"])
            for entry in data["languages"]), untranslated=frozenset(data["untranslated"]))


def page_items(content: Content, language: Language) -> dict[str, str]:
    """Docs path of each page whose main content is one item -> that item."""
    items = {page_source(language, FAQ): "faq.yaml"}
    for slug in content.workshop_slugs:
        items[page_source(language, WORKSHOPS, slug)] = workshop_item(slug)
    return items


def _language_facts(content: Content, language: Language) -> LanguageFacts:
    texts = content.by_language[language.code]
    labels = texts.site.nav
    workshops = tuple(NavEntry(texts.workshops[slug].title, page_source(language, WORKSHOPS, slug))
                      for slug in content.workshop_slugs)
    return LanguageFacts(
        language=language, site_name=texts.site.site_name, site_description=texts.site.site_description,
        nav=(NavEntry(labels.home, page_source(language, HOME)),
             NavEntry(labels.workshops, page_source(language, WORKSHOPS), workshops),
             NavEntry(labels.faq, page_source(language, FAQ))),
        fallback_mark=texts.site.translation_notice.fallback_mark, search_label=texts.theme.strings.search)


def _language_json(facts: LanguageFacts) -> dict:
    return {"language": facts.language.model_dump(), "site_name": facts.site_name,
            "site_description": facts.site_description, "nav": [_nav_json(entry) for entry in facts.nav],
            "fallback_mark": facts.fallback_mark, "search_label": facts.search_label}


def _nav_json(entry: NavEntry) -> dict:
    return {"title": entry.title, "source": entry.source, "children": [_nav_json(child) for child in entry.children]}


def _nav_entry(data: dict) -> NavEntry:
    return NavEntry(data["title"], data["source"], tuple(_nav_entry(child) for child in data["children"]))
