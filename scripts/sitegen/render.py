"""Pure rendering: validated content in, Markdown pages out (relative path in docs/ -> text)."""

from __future__ import annotations

from functools import lru_cache

import jinja2
from babel.dates import format_date

from . import markdown
from .content import Content, LanguageContent
from .urls import FAQ, HOME, WORKSHOPS, page_source, page_url, relative_url


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("sitegen", "templates"),
        autoescape=False,  # the output is Markdown; every text goes through the `md` filter instead
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = markdown.text
    env.filters["fm"] = markdown.front_matter_string
    return env


def render_pages(content: Content) -> dict[str, str]:
    """Every Markdown page of the site, keyed by its path inside docs/."""
    pages: dict[str, str] = {}
    for language in content.languages:
        pages.update(render_language(content, content.by_language[language.code]))
    return pages


def render_language(content: Content, texts: LanguageContent) -> dict[str, str]:
    """The pages of one language."""
    language = texts.language
    source = content.source
    env = _environment()
    env.filters["long_date"] = lambda value: format_date(value, format="long", locale=language.code)
    slugs = [slug for slug in content.workshop_slugs if slug in texts.workshops]

    def notice(page_key: str, page: str, slug: str | None = None) -> dict | None:
        """The draft notice for a translated page whose text has not been reviewed."""
        if language.source:
            return None
        item = texts.workshops[slug] if slug else {"site.yaml": texts.site, "faq.yaml": texts.faq}[page_key]
        if item.review == "reviewed":
            return None
        here = page_url(language, page, slug)
        return {
            "text": texts.site.translation_notice.draft,
            "link_label": texts.site.translation_notice.source_link,
            "source_url": relative_url(here, page_url(source.language, page, slug)),
            "source_code": source.language.code,
        }

    def workshop_links(prefix: str) -> list[dict]:
        return [
            {"title": texts.workshops[slug].title, "summary": texts.workshops[slug].summary,
             "href": f"{prefix}{slug}.md"}
            for slug in slugs
        ]

    common = {"site": texts.site, "labels": texts.site.labels}
    pages = {
        page_source(language, HOME): env.get_template("home.md.j2").render(
            **common, notice=notice("site.yaml", HOME), workshop_links=workshop_links("workshops/")),
        page_source(language, WORKSHOPS): env.get_template("workshops.md.j2").render(
            **common, notice=notice("site.yaml", WORKSHOPS), workshop_links=workshop_links("")),
        page_source(language, FAQ): env.get_template("faq.md.j2").render(
            **common, notice=notice("faq.yaml", FAQ), faq=texts.faq,
            workshop_titles={slug: texts.workshops[slug].title for slug in slugs}),
    }
    template = env.get_template("workshop.md.j2")
    for slug in slugs:
        pages[page_source(language, WORKSHOPS, slug)] = template.render(
            **common, notice=notice("", WORKSHOPS, slug), workshop=texts.workshops[slug])
    return pages
