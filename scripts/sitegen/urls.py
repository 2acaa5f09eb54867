"""Where each page lives: its Markdown source in docs/ and its URL on the site. The URL follows from the data."""

from __future__ import annotations

from posixpath import relpath

from .model import Language

HOME, WORKSHOPS, FAQ = "home", "workshops", "faq"


def page_source(language: Language, page: str, slug: str | None = None) -> str:
    """Path of a generated Markdown page inside docs/, e.g. `en/workshops/x.md`."""
    name = {HOME: "index.md", WORKSHOPS: "workshops/index.md", FAQ: "faq.md"}.get(page)
    if slug is not None:
        name = f"workshops/{slug}.md"
    return f"{language.code}/{name}"


def page_url(language: Language, page: str, slug: str | None = None) -> str:
    """Site-relative URL of a page, e.g. `en/workshops/x/`; the source language lives at the root."""
    prefix = "" if language.source else f"{language.code}/"
    path = {HOME: "", WORKSHOPS: "workshops/", FAQ: "faq/"}.get(page, "")
    if slug is not None:
        path = f"workshops/{slug}/"
    return prefix + path


def relative_url(from_url: str, to_url: str) -> str:
    """A link from one page's URL to another's that works wherever the site is hosted."""
    base = from_url.rstrip("/") or "."
    link = relpath(to_url.rstrip("/") or ".", base)
    return "./" if link == "." else link + "/"
