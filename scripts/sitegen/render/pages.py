"""Pure rendering: validated content in, Markdown pages out (relative path in docs/ -> text).

Every text goes through the `md` filter. A text that is not in the page's language (a German
text standing in for a missing translation) is wrapped in `<span lang="de">`, and every text
reports its translation state, so that each page knows the worst state of what it shows and
can tell the reader: in a notice, in its front matter, and on its main element (publish/mkdocs/plugin.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import json
import re

import jinja2
from babel.dates import format_date

from sitegen.render import markdown
from sitegen.core.template_cache import TemplateCache
from sitegen.content.tree import Content, LanguageContent, workshop_item
from sitegen.core.inline import plain_text
from sitegen.content.status import CURRENT, DRAFT, MISSING, OUTDATED, worst
from sitegen.core.urls import (ACCESSIBILITY, EASY_LANGUAGE, FAQ, HOME, IMPRESSUM, PRIVACY, WORKSHOPS, page_source,
                               page_url, relative_url)
from sitegen.content import publisher as publisher_facts
from sitegen.content.layout import EASY_LANGUAGE_FILE
from sitegen.content.views import Phrase


@dataclass
class PageState:
    """What the texts on one page reported while it was rendered."""

    lang: str
    states: list[str] = field(default_factory=list)
    unreviewed: bool = False
    fallbacks: list[str] = field(default_factory=list)  # source-language texts shown on this page
    parts: list[str] = field(default_factory=list)  # texts with a phrase marked as another language

    @property
    def status(self) -> str:
        return worst(self.states + ([DRAFT] if self.unreviewed else []))


@jinja2.pass_context
def _md(context: jinja2.runtime.Context, value: str) -> str:
    state: PageState | None = context.get("page_state")
    rendered = markdown.text(value)
    if state is not None and "]{lang=" in value:
        state.parts.append(str(value))
    if isinstance(value, Phrase) and state is not None:
        state.states.append(value.state)
        if not value.reviewed:
            state.unreviewed = True
        if value.lang != state.lang:
            state.fallbacks.append(plain_text(value))
            rendered = f'<span lang="{value.lang}">{rendered}</span>'
    return rendered


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("sitegen.render", "templates"),
        autoescape=False,  # the output is Markdown; texts go through `md` instead, addresses through `link_target`
        auto_reload=False,  # the templates are part of the package: no stat() per page
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=TemplateCache(),  # compiled once, and kept on disk for the next process
    )
    env.filters["md"] = _md
    env.filters["link_target"] = markdown.link_target  # every address in a link goes through it
    return env


def render_pages(content: Content) -> dict[str, str]:
    """Every Markdown page of the site, keyed by its path inside docs/."""
    pages: dict[str, str] = {}
    for language in content.languages:
        pages.update(render_language(content, content.by_language[language.code]))
    return pages


def is_untranslated(texts: LanguageContent, item: str) -> bool:
    """Whether the page whose main content is `item` is, in this language, a copy of the source-language page
    standing in for a missing translation. The one place that decides it: the page's notice and front
    matter here, and what the site engine leaves out of hreflang links and the sitemap (render.facts)."""
    return not texts.language.source and item not in texts.files


def render_language(content: Content, texts: LanguageContent) -> dict[str, str]:
    """The pages of one language."""
    language = texts.language
    source = content.source
    env = _environment()
    env.filters["long_date"] = lambda value: format_date(value, format="long", locale=language.code)
    slugs = content.workshop_slugs
    notices = texts.site.translation_notice

    def page(template: str, kind: str, slug: str | None, title: str, description: str, main_item: str,
             structured_data: dict | None = None, **values) -> tuple[str, str]:
        state = PageState(language.code)
        body = env.get_template(template).render(
            site=texts.site, labels=texts.site.labels, page_state=state, **values)
        untranslated = is_untranslated(texts, main_item)
        # The YAML file readers of this page would change: the translation where it exists, else the German one.
        source_file = texts.sources.get(main_item) or source.paths[main_item]
        front = {"title": markdown.front_matter_string(title),
                 "description": markdown.front_matter_string(description),
                 "source_file": markdown.front_matter_string(source_file)}
        matter = [f"{key}: {value}" for key, value in front.items()]
        if not language.source:
            matter.append(f"translation_status: {state.status}")
            headings = [text for text in dict.fromkeys(state.fallbacks)
                        if text == plain_text(title) or _in_heading(text, body)]
            if headings:
                matter.append("translation_fallbacks:")
                matter += [f"  - {markdown.front_matter_string(text)}" for text in headings]
        # Titles and headings with a phrase in another language: the engine shows them again in the navigation,
        # the table of contents and the header, where they lose their markup unless it is put back.
        parts = [text for text in dict.fromkeys(state.parts)
                 if plain_text(text) == plain_text(title) or _in_heading(text, body, marked=True)]
        if parts:
            matter.append("language_parts:")
            matter += [f"  - {yaml_json({'text': markdown.html_text(text), 'html': markdown.html_parts(text)})}"
                       for text in parts]
        if structured_data and not untranslated:
            matter.append(f"structured_data: {yaml_json(structured_data)}")
        if untranslated:
            # A German copy is not advertised as a page in this language: not in its search index,
            # its sitemap or its hreflang links (the plugin reads this flag).
            matter += ["translation_fallback: true", "search:", "  exclude: true"]
        notice = ""
        if state.status != CURRENT:
            sentences = []
            if untranslated:
                sentences.append(notices.untranslated)
            elif MISSING in state.states:
                sentences.append(notices.missing)
            elif OUTDATED in state.states:
                sentences.append(notices.outdated)
            if state.unreviewed and not untranslated:
                sentences.append(notices.draft)
            here = page_url(language, kind, slug)
            notice = env.get_template("_notice.md.j2").render(notice={
                "status": state.status,
                "texts": sentences,
                "link_label": notices.source_link,
                "source_url": relative_url(here, page_url(source.language, kind, slug)),
                "source_code": source.language.code,
            }, page_state=None)
        return page_source(language, kind, slug), "---\n" + "\n".join(matter) + "\n---\n" + notice + body

    def workshop_links(prefix: str) -> list[dict]:
        return [
            {"title": texts.workshops[slug].title, "summary": texts.workshops[slug].summary,
             "href": f"{prefix}{slug}.md"}
            for slug in slugs
        ]

    site = texts.site
    pages = dict([
        page("home.md.j2", HOME, None, site.home.title, site.site_description, "site.yaml",
             workshop_links=workshop_links("workshops/")),
        page("workshops.md.j2", WORKSHOPS, None, site.workshops.title, site.workshops.intro, "site.yaml",
             workshop_links=workshop_links("")),
        page("faq.md.j2", FAQ, None, texts.faq.title, texts.faq.intro or texts.faq.title, "faq.yaml",
             structured_data=faq_page_data(texts), faq=texts.faq, workshop_titles={slug: texts.workshops[slug].title for slug in slugs}),
    ])
    for slug in slugs:
        workshop = texts.workshops[slug]
        path, text = page("workshop.md.j2", WORKSHOPS, slug, workshop.title, workshop.summary,
                          workshop_item(slug), workshop=workshop)
        pages[path] = text
    # The legally required pages, and (in the source language only) the page in Leichte Sprache.
    text_pages = [(kind, item, texts.legal[item]) for kind, item in TEXT_PAGE_ITEMS]
    if language.source and content.easy_language is not None:
        text_pages.append((EASY_LANGUAGE, EASY_LANGUAGE_FILE, content.easy_language))
    facts = publisher_facts.complete(content.publisher)
    for kind, item, text_page in text_pages:
        inserts = {section.insert for section in text_page.sections if section.insert}
        path, text = page("text_page.md.j2", kind, None, text_page.title,
                          text_page.intro[0] if text_page.intro else text_page.title, item, page=text_page,
                          legal=site.legal, fact_labels=site.legal.facts, checks_labels=site.legal.checks,
                          publisher=facts, checks=content.checks,
                          facts_lang=None if language.source else source.language.code,
                          missing_facts=publisher_facts.shown_missing(content.publisher, inserts))
        pages[path] = text
    return pages


# The legally required pages by their address, and the file each is made from (content/<lang>/<item>).
TEXT_PAGE_ITEMS = ((IMPRESSUM, "impressum.yaml"), (PRIVACY, "privacy.yaml"), (ACCESSIBILITY, "accessibility.yaml"))


def faq_page_data(texts: LanguageContent) -> dict | None:
    """schema.org FAQPage data for search engines: the questions whose question and answer are in
    this language (a German text standing in for a missing translation is left out)."""
    code = texts.language.code

    def own(value) -> bool:
        return not isinstance(value, Phrase) or value.lang == code

    entries = []
    for entry in texts.faq.questions:
        items = list(entry.items or [])
        if not (own(entry.question) and own(entry.answer) and all(own(item) for item in items)):
            continue
        answer = "\n".join([plain_text(entry.answer)] + [f"– {plain_text(item)}" for item in items])
        entries.append({"@type": "Question", "name": plain_text(entry.question),
                        "acceptedAnswer": {"@type": "Answer", "text": answer}})
    if not entries:
        return None
    return {"@context": "https://schema.org", "@type": "FAQPage", "inLanguage": code,
            "name": plain_text(texts.faq.title), "mainEntity": entries}


def yaml_json(value) -> str:
    """JSON that YAML reads as the same value, on one line of front matter.

    ASCII only, so that no character can upset a YAML reader; but characters beyond U+FFFF (emoji)
    as YAML's `\\U0001F600`, not as JSON's surrogate pair `\\ud83d\\ude00`, which libyaml refuses,
    and MkDocs then drops the page's whole front matter without a word. (The theme writes the value
    into the page with `tojson`, which escapes it for the script element.)"""
    return _SURROGATE_PAIR.sub(_astral, json.dumps(value, ensure_ascii=True))


# An escaped backslash (kept as it is), or a surrogate pair.
_SURROGATE_PAIR = re.compile(r"\\\\|\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})")


def _astral(match: re.Match) -> str:
    if match.group(1) is None:
        return match.group()
    code = 0x10000 + ((int(match.group(1), 16) - 0xD800) << 10) + (int(match.group(2), 16) - 0xDC00)
    return f"\\U{code:08x}"


def _in_heading(text: str, body: str, marked: bool = False) -> bool:
    """Whether `text` is (part of) a heading of the page's Markdown: as plain text, or with its `lang` spans."""
    escaped = markdown.text(text if marked else plain_text(text))
    return any(line.startswith("#") and escaped in line for line in body.splitlines())
