"""A small reader for built HTML pages: text with the language it is marked in, links, attributes."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from posixpath import normpath

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
READER_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")


@dataclass
class Page:
    url: str
    html_lang: str = ""
    texts: list[tuple[str, str]] = field(default_factory=list)  # (language in force, text)
    switcher: list[dict] = field(default_factory=list)
    alternates: list[dict] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)  # every <a>, with "_parents": classes of its ancestors
    config: dict = field(default_factory=dict)
    description: str = ""

    def resolve(self, href: str) -> str:
        """The site-relative URL a relative link on this page points to."""
        joined = normpath("/" + self.url + href)
        return "" if joined == "/" else joined.lstrip("/") + ("/" if href.endswith("/") or href == "." else "")

    def text_in(self, language: str) -> list[str]:
        return [text for lang, text in self.texts if lang == language]


class _Reader(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.stack: list[tuple[str, str, str]] = []  # (tag, language in force, class)
        self.in_script = ""

    def lang(self) -> str:
        return self.stack[-1][1] if self.stack else ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        lang = attributes.get("lang") or self.lang()
        if tag == "html":
            self.page.html_lang = attributes.get("lang", "")
        if tag == "meta" and attributes.get("name") == "description":
            self.page.description = attributes.get("content", "")
        if tag == "link" and attributes.get("rel") == "alternate" and "hreflang" in attributes:
            self.page.alternates.append(attributes)
        if tag == "a" and "md-select__link" in (attributes.get("class") or ""):
            self.page.switcher.append(attributes)
        if tag == "a":
            self.page.links.append({**attributes, "_parents": " ".join(entry[2] for entry in self.stack)})
        for name in READER_ATTRIBUTES:
            if attributes.get(name):
                self.page.texts.append((lang, attributes[name].strip()))
        if tag == "script":
            self.in_script = attributes.get("id", "other")
        if tag not in VOID:
            self.stack.append((tag, lang, attributes.get("class") or ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = ""
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.in_script == "__config":
            self.page.config = json.loads(data)
            for value in self.page.config.get("translations", {}).values():
                self.page.texts.append((self.lang(), value))
        elif not self.in_script and data.strip():
            self.page.texts.append((self.lang(), " ".join(data.split())))


def read_page(path: Path, url: str) -> Page:
    page = Page(url=url)
    reader = _Reader(page)
    reader.feed(path.read_text(encoding="utf-8"))
    return page
