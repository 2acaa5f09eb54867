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
from sitegen.core.urls import ACCESSIBILITY, EASY_LANGUAGE, FAQ, HOME, IMPRESSUM, PRIVACY, WORKSHOPS, page_source, page_url
from sitegen.render.markdown import html_text
from sitegen.render.pages import TEXT_PAGE_ITEMS, is_untranslated


@dataclass(frozen=True)
class NavEntry:
    """One entry of a language's navigation: its label as written in content/, and its page in docs/."""

    title: str
    source: str  # the page's path inside docs/, e.g. "en/workshops/index.md"
    children: tuple["NavEntry", ...] = ()  # a section: `source` is its index page


@dataclass(frozen=True)
class FooterLink:
    """A link in every page's footer: its text (HTML-escaped plain text), its site-relative address, and the
    languages of its text and of the page it leads to, where they are not the page's (Leichte Sprache is German)."""

    title: str
    url: str
    lang: str = ""  # the language of the text, when it is not the page's
    hreflang: str = ""  # the language of the page it leads to, when it is not the page's


@dataclass(frozen=True)
class LanguageFacts:
    """One language of the site, as the engine shows it around the pages."""

    language: Language
    site_name: str
    site_description: str
    nav: tuple[NavEntry, ...]
    fallback_mark: str  # "(in German)" in this language, after the titles of copies
    search_label: str  # the theme's "Search" in this language
    legal_heading: str = ""  # the name of the footer's group of links ("Rechtliches"), HTML-escaped
    legal_links: tuple[FooterLink, ...] = ()  # Impressum, privacy notice, accessibility statement, Leichte Sprache


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
            fallback_mark=entry["fallback_mark"], search_label=entry["search_label"],
            legal_heading=entry["legal_heading"], legal_links=tuple(FooterLink(**link) for link in entry["legal_links"]))
            for entry in data["languages"]), untranslated=frozenset(data["untranslated"]))


def page_items(content: Content, language: Language) -> dict[str, str]:
    """Docs path of each page whose main content is one item -> that item."""
    items = {page_source(language, FAQ): "faq.yaml"}
    items.update({page_source(language, kind): item for kind, item in TEXT_PAGE_ITEMS})
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
        fallback_mark=texts.site.translation_notice.fallback_mark, search_label=texts.theme.strings.search,
        legal_heading=html_text(texts.site.legal.heading), legal_links=_legal_links(content, language))


def _legal_links(content: Content, language: Language) -> tuple[FooterLink, ...]:
    legal = content.by_language[language.code].site.legal
    source = content.languages[0]

    def link(label: str, url: str) -> FooterLink:
        # A German label standing in for a missing translation is marked German (views.Phrase).
        lang = getattr(label, "lang", language.code)
        return FooterLink(html_text(label), url, "" if lang == language.code else lang)

    links = [link(legal.impressum, page_url(language, IMPRESSUM)), link(legal.privacy, page_url(language, PRIVACY)),
             link(legal.accessibility, page_url(language, ACCESSIBILITY))]
    if content.easy_language is not None:  # German, at its one address, from every language
        other = "" if language.code == source.code else source.code
        links.append(FooterLink(html_text(legal.easy_language), page_url(source, EASY_LANGUAGE), other, other))
    return tuple(links)


def _language_json(facts: LanguageFacts) -> dict:
    return {"language": facts.language.model_dump(), "site_name": facts.site_name,
            "site_description": facts.site_description, "nav": [_nav_json(entry) for entry in facts.nav],
            "fallback_mark": facts.fallback_mark, "search_label": facts.search_label,
            "legal_heading": facts.legal_heading,
            "legal_links": [{"title": link.title, "url": link.url, "lang": link.lang, "hreflang": link.hreflang}
                            for link in facts.legal_links]}


def _nav_json(entry: NavEntry) -> dict:
    return {"title": entry.title, "source": entry.source, "children": [_nav_json(child) for child in entry.children]}


def _nav_entry(data: dict) -> NavEntry:
    return NavEntry(data["title"], data["source"], tuple(_nav_entry(child) for child in data["children"]))
