"""Every link of the published site reaches a file of it.

The real site is built below a path, as GitHub Pages publishes a project (https://<owner>.github.io/<repo>/),
with SITE_URL with and without the trailing slash, by `sitegen site` and by `mkdocs build --strict`. Every
address in it is resolved as a browser or a search engine resolves it: each page's links against the
address the page is served at, the 404 pages' against missing addresses of any depth (a static host
serves them for every address it does not have), the search's against the base Material computes. Each
must lead to a file of site/ (and its `#fragment` to an element of that page), and the site links to no
other host than content/ and the "edit this page" links do.

Collected: a[href], link[href] (canonical, hreflang, stylesheets, icon), script[src], img[src], any other
href, src, action and srcset; Material's search base and worker (`__config`), the search results of each
language's index, the 404 page's forwarding table, and sitemap.xml (<loc> and xhtml:link).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from posixpath import normpath
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest
import yaml
from pydantic import BaseModel

from conftest import copy_site_project
from sitegen.content.tree import load_content
from sitegen.core.model import Link

SITE_URL = "https://example.github.io/werkstaetten"  # as actions/configure-pages gives it: without the slash
EDIT_URL = "https://github.com/example/werkstaetten/edit/main/"  # as the workflows set SITEGEN_EDIT_URL
# A link the fixture adds to the content, so that content links are among what is checked.
CONTENT_LINK = "https://www.lausitz.example/werkstaetten?thema=kultur&seite=2#anfang"
# (command, SITE_URL): the deployment's, and the other command with the trailing slash.
VARIANTS = [("sitegen site", SITE_URL), ("mkdocs build --strict", SITE_URL + "/")]
MISSING = ["missing", "some/deep/missing/page", "some/deep/missing/folder/"]  # what a reader may request
IGNORED_SCHEMES = {"mailto", "tel"}


@dataclass
class Built:
    site: Path
    base: str  # where the site's root is served: SITE_URL with one trailing slash
    content_hosts: set[str]
    languages: dict[str, str]  # code -> its folder below the root ("" for the source language)
    source: str  # the source language's code
    linked: str  # the page of site/ the fixture's content link is on


@pytest.fixture(scope="module", params=VARIANTS, ids=lambda variant: f"{variant[0]} {variant[1]}")
def built(request, tmp_path_factory) -> Built:
    command, site_url = request.param
    project = copy_site_project(tmp_path_factory.mktemp("links"))
    slug = add_link(project, CONTENT_LINK)
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url, "SITEGEN_EDIT_URL": EDIT_URL}
    executable = Path(sys.executable).with_name(command.split()[0])
    result = subprocess.run([str(executable), *command.split()[1:]], cwd=project, capture_output=True, text=True,
                            env=environment)
    assert result.returncode == 0, result.stderr
    content = load_content(project / "content", project)
    hosts = {urlsplit(link.url).hostname for link in model_values(content, Link) if link.url.startswith("http")}
    return Built(project / "site", SITE_URL + "/", hosts,
                 {language.code: "" if language.source else f"{language.code}/" for language in content.languages},
                 content.languages[0].code, f"workshops/{slug}/index.html")


def add_link(project: Path, url: str) -> str:
    """Add a link to the first German workshop; return its short name."""
    path = sorted((project / "content/de/workshops").glob("*.yaml"))[0]
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["links"] = [*data.get("links", []), {"title": "Mehr über die Werkstätten", "url": url}]
    path.write_text(text.split("\n", 1)[0] + "\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path.stem


def model_values(value, kind):
    """Every instance of `kind` inside the content (models, lists, dicts, objects with attributes)."""
    if isinstance(value, kind):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from model_values(getattr(value, name), kind)
    elif isinstance(value, dict):
        for item in value.values():
            yield from model_values(item, kind)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from model_values(item, kind)
    elif hasattr(value, "__dict__") and not isinstance(value, type):
        for item in vars(value).values():
            yield from model_values(item, kind)


# --- Reading the site ------------------------------------------------------------------------------------

URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster")


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (what, address as the browser reads it)
        self.ids: set[str] = set()
        self.config: dict = {}
        self.forwarding: dict[str, str] = {}
        self.lang = ""
        self.canonical: list[str] = []
        self.hreflang: dict[str, str] = {}
        self.switcher: dict[str, str] = {}
        self.script = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in URL_ATTRIBUTES:
            if attributes.get(name) is not None:
                self.links.append((f"{tag}[{name}]", attributes[name]))
        for candidate in (attributes.get("srcset") or "").split(","):
            if candidate.strip():
                self.links.append((f"{tag}[srcset]", candidate.split()[0]))
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.ids.add(attributes["name"])
        if tag == "html":
            self.lang = attributes.get("lang", "")
        rel = (attributes.get("rel") or "").split()
        if tag == "link" and "canonical" in rel:
            self.canonical.append(attributes["href"])
        if tag == "link" and "alternate" in rel and "hreflang" in attributes:
            self.hreflang[attributes["hreflang"]] = attributes["href"]
        if tag == "a" and "md-select__link" in (attributes.get("class") or "").split():
            self.switcher[attributes["hreflang"]] = attributes["href"]
        if tag == "script" and "src" not in attributes:
            self.script = attributes.get("id") or attributes.get("type") or "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self.script = None

    def handle_data(self, data):
        if self.script == "__config":
            self.config = json.loads(data)
        elif self.script == "script" and "var pages" in data:
            self.forwarding = json.loads(re.search(r"var pages = (\{.*?\});", data, re.S).group(1))


def read(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


class Site:
    """The built site as a static host serves it below `base`."""

    def __init__(self, built: Built):
        self.root, self.base, self.built = built.site, built.base, built
        self.base_path = urlsplit(self.base).path
        self.pages = {path.relative_to(self.root).as_posix(): read(path) for path in sorted(self.root.rglob("*.html"))}
        self.broken: list[str] = []
        self.external: dict[str, str] = {}  # host -> where it was first seen

    def served_at(self, name: str) -> list[str]:
        """The addresses a reader may see this HTML file at."""
        folder, _, file = name.rpartition("/")
        folder = folder + "/" if folder else ""
        if file == "index.html":
            return [self.base + folder]
        if file == "404.html":  # served for every missing address (below its language's folder)
            return [self.base + name] + [self.base + folder + missing for missing in MISSING]
        return [self.base + name]

    def target(self, address: str) -> str | None:
        """The file of site/ (relative path) an absolute address of the site leads to, or None."""
        parts = urlsplit(address)
        if f"{parts.scheme}://{parts.netloc}" != f"{urlsplit(self.base).scheme}://{urlsplit(self.base).netloc}":
            return None
        path = unquote(parts.path)
        if not path.startswith(self.base_path):
            return None
        relative = path[len(self.base_path):]
        if normpath("/" + relative) != "/" + relative.rstrip("/") and relative:
            return None  # dot segments or doubled slashes that urljoin left
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        return relative if (self.root / relative).is_file() else None

    def check(self, where: str, what: str, link: str, against: str, own: str | None = None) -> str | None:
        """Resolve `link` (as found on the page served at `against`); record it if it leads nowhere.
        Returns the file it leads to."""
        address = urljoin(against, link)
        scheme = urlsplit(address).scheme
        if scheme in IGNORED_SCHEMES:
            return None
        without, fragment = urldefrag(address)
        if scheme not in ("http", "https"):
            self.broken.append(f"{where} -> {what} {link!r}: not a web address")
            return None
        if own is not None and without == urldefrag(against)[0]:
            target = own  # a reference within the document itself
        elif not without.startswith(self.base) and urlsplit(address).netloc != urlsplit(self.base).netloc:
            self.external.setdefault(urlsplit(address).hostname, f"{where} -> {link}")
            return None
        else:
            target = self.target(without)
            if target is None:
                self.broken.append(f"{where} -> {what} {link!r} = {address}: no such file in site/")
                return None
        if fragment and target.endswith(".html") and unquote(fragment) not in self.pages[target].ids:
            self.broken.append(f"{where} -> {what} {link!r}: {target} has no element with id {unquote(fragment)!r}")
        return target


    def survey(self) -> tuple[int, set[str]]:
        """Check every link of every page at every address it is served at; return how many links
        were checked and which search indexes the pages load."""
        searched: set[str] = set()
        count = 0
        for name, page in self.pages.items():
            for served in self.served_at(name):
                where = f"{name} (at {served})"
                for what, link in page.links:
                    self.check(where, what, link, served, own=name)
                    count += 1
                # Material's search: the index below `base`, the worker script; results relative to `base`.
                base = urljoin(served, page.config["base"])
                index = self.check(where, "__config.base + search index", "search/search_index.json", base)
                self.check(where, "__config.search", page.config["search"], served)
                if index is not None and index not in searched:
                    searched.add(index)
                    for entry in json.loads((self.root / index).read_text(encoding="utf-8"))["docs"]:
                        self.check(index, "search result", entry["location"], base)
                        count += 1
                for folder, target in page.forwarding.items():
                    self.check(where, f"404 forwarding of {folder}", target, served)
                    self.check(where, "404 forwarding folder", folder, served)
        return count, searched


@pytest.fixture(scope="module")
def surveyed(built) -> tuple[Site, int, set[str]]:
    site = Site(built)
    return site, *site.survey()


@pytest.fixture
def site(built) -> Site:
    return Site(built)


# --- The checks ---------------------------------------------------------------------------------------

def test_every_link_of_every_page_reaches_a_file(surveyed, built):
    site, count, searched = surveyed
    assert len(site.pages) == 37 and {"404.html", "en/404.html", "hsb/404.html"} <= set(site.pages)
    assert searched == {f"{folder}search/search_index.json" for folder in built.languages.values()}
    assert count > 1000
    assert site.broken == [], f"{len(site.broken)} broken links:\n" + "\n".join(site.broken)


def test_the_not_found_pages_link_by_absolute_paths(site, built):
    """Served at any depth, a 404 page can only use addresses that do not depend on where it is; its
    switcher leads to each language's home page."""
    for folder in built.languages.values():
        page = site.pages[f"{folder}404.html"]
        relative = [link for _, link in page.links
                    if not link.startswith(("#", "/", "https://", "http://", "mailto:", "tel:"))]
        assert relative == [], folder
        assert not page.config["base"].startswith("."), folder
        for served in site.served_at(f"{folder}404.html"):
            assert {lang: urljoin(served, link) for lang, link in page.switcher.items()} == {
                code: site.base + home for code, home in built.languages.items()}, served
    folders = [folder for folder in built.languages.values() if folder]
    assert site.pages["404.html"].forwarding == {
        f"{site.base_path}{folder}": f"{site.base_path}{folder}404.html" for folder in folders}


def test_sitemap_lists_pages_of_the_site_only(site):
    namespaces = {"sitemap": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
    sitemap = site.root / "sitemap.xml"
    for text in (sitemap.read_bytes(), gzip.decompress((site.root / "sitemap.xml.gz").read_bytes())):
        root = ElementTree.fromstring(text)
        locations = [element.text for element in root.iterfind("sitemap:url/sitemap:loc", namespaces)]
        alternates = [element.get("href") for element in root.iterfind("sitemap:url/xhtml:link", namespaces)]
        assert len(locations) >= 8 and len(alternates) > len(locations)
        for address in locations + alternates:
            assert address.startswith(site.base), address  # search engines need absolute addresses
            site.check("sitemap.xml", "url", address, site.base + "sitemap.xml")
    assert site.broken == [], "\n".join(site.broken)


def test_canonical_hreflang_and_switcher_agree(site, built):
    """Each page names itself as canonical; its hreflang links form a cluster every member of which
    names the same cluster (search engines ignore one-sided ones); the switcher leads to the same pages."""
    for name, page in site.pages.items():
        if name.endswith("404.html"):
            continue
        served = site.served_at(name)[0]
        assert page.canonical == [served], name
        assert page.hreflang, name
        assert all(address.startswith(site.base) for address in page.hreflang.values()), (name, page.hreflang)
        assert page.hreflang.get(page.lang, served) == served, name
        for lang, address in page.hreflang.items():
            other = page_at(site, address, f"{name}: hreflang {lang}")
            assert other.hreflang == page.hreflang, (name, lang)
            assert other.lang == (built.source if lang == "x-default" else lang), (name, lang)
        assert set(page.switcher) == set(built.languages), name
        for lang, link in page.switcher.items():
            address = urljoin(served, link)
            assert page_at(site, address, f"{name}: switcher {lang}").lang == lang, (name, lang, link)
            if lang in page.hreflang:
                assert address == page.hreflang[lang], (name, lang, link)


def page_at(site: Site, address: str, what: str) -> _Page:
    target = site.target(address)
    assert target in site.pages, f"{what}: {address} is no page of the site"
    return site.pages[target]


def test_no_other_hosts_than_content_and_edit_links(surveyed, built):
    site = surveyed[0]
    assert urlsplit(CONTENT_LINK).hostname in built.content_hosts
    assert ("a[href]", CONTENT_LINK) in site.pages[built.linked].links
    assert set(site.external) == built.content_hosts | {urlsplit(EDIT_URL).hostname}, site.external
