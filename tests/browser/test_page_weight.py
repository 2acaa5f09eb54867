"""Page weight: a first visit to a workshop page on a phone stays within 120 KB, compressed.

Citizens read the site on phones, in the country, on slow and metered connections. The real site
is built and served like GitHub Pages (tests/browser.py); a workshop page in each language is
opened in Debian's chromium at phone size with an empty cache, and every response the page and
its workers receive until the network is quiet is counted. GitHub Pages sends text gzip-compressed,
so each text body is counted as gzip (level 6, what web servers use by default) makes it; images
and fonts that are compressed already (PNG, WOFF2) are counted as they are. Response headers are
not counted. The breakdown goes to test-artifacts/page-weight.json.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import asdict, dataclass, field
from pathlib import PurePosixPath
from urllib.parse import urlsplit

import pytest

from test_browser import browser, content, server  # noqa: F401 - fixtures used below
from browser import ARTIFACTS
from sitegen.core.urls import HOME, WORKSHOPS, page_url

BUDGET = 120 * 1024  # bytes on the wire, per page
# A mid-range Android phone, 375 CSS pixels wide: what Lighthouse's mobile preset emulates, narrower.
PHONE = {
    "viewport": {"width": 375, "height": 812},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": ("Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 "
                   "(KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36"),
}
# Types a web server compresses; everything else (PNG, WOFF2 …) travels as it is.
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml",
                "application/manifest+json", "image/svg+xml", "font/ttf", "font/otf")
GZIP_LEVEL = 6
QUIET_MS = 1000  # after the network is idle: long enough for a late start of the search worker


@dataclass
class Resource:
    path: str  # site-relative address
    kind: str  # html, css, js, fonts, search index, images, other
    content_type: str
    bytes: int  # the body as the server has it
    transferred: int  # the body as it travels: gzip-compressed, or as it is


@dataclass
class PageWeight:
    language: str
    url: str
    resources: list[Resource] = field(default_factory=list)
    unfinished: list[str] = field(default_factory=list)  # requests still open when counting

    @property
    def total(self) -> int:
        return sum(resource.transferred for resource in self.resources)

    def by_kind(self) -> dict[str, int]:
        kinds: dict[str, int] = {}
        for resource in self.resources:
            kinds[resource.kind] = kinds.get(resource.kind, 0) + resource.transferred
        return dict(sorted(kinds.items(), key=lambda item: -item[1]))


def kind_of(path: str, content_type: str) -> str:
    """What a resource is, for the breakdown."""
    name = PurePosixPath(urlsplit(path).path)
    suffix = name.suffix
    if name.name == "search_index.json":
        return "search index"
    if content_type.startswith("text/html"):
        return "html"
    if content_type.startswith("text/css") or suffix == ".css":
        return "css"
    if "javascript" in content_type or suffix == ".js":
        return "js"
    if content_type.startswith("font/") or suffix in (".woff", ".woff2", ".ttf", ".otf"):
        return "fonts"
    if content_type.startswith("image/"):
        return "images"
    return "other"


def on_the_wire(body: bytes, content_type: str) -> int:
    """The size of a body as GitHub Pages sends it."""
    if content_type.startswith(COMPRESSIBLE):
        return len(gzip.compress(body, GZIP_LEVEL, mtime=0))
    return len(body)


def weigh(browser, server, language: str, url: str) -> PageWeight:
    """Open `url` at phone size with an empty cache and count every response until all is quiet."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    responses, open_requests = [], set()
    page.on("request", lambda request: open_requests.add(request))
    page.on("requestfinished", lambda request: open_requests.discard(request))
    page.on("requestfailed", lambda request: open_requests.discard(request))
    page.on("response", lambda response: responses.append(response))
    page.goto(server.url(url), wait_until="networkidle")
    page.wait_for_timeout(QUIET_MS)
    weight = PageWeight(language, url, unfinished=sorted(server.path(request.url) for request in open_requests))
    for response in responses:
        body = response.body()
        content_type = response.headers.get("content-type", "")
        path = server.path(response.url)
        weight.resources.append(Resource(path, kind_of(path, content_type), content_type, len(body),
                                         on_the_wire(body, content_type)))
    context.close()
    return weight


def write_report(weights: list[PageWeight]) -> None:
    report = {
        "budget": BUDGET,
        "counted": f"response bodies, gzip level {GZIP_LEVEL} for text, others as they are; no headers",
        "device": PHONE,
        "pages": [{"language": weight.language, "url": weight.url, "total": weight.total,
                   "by_kind": weight.by_kind(), "resources": [asdict(resource) for resource in weight.resources]}
                  for weight in weights],
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "page-weight.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")


@pytest.fixture(scope="module")
def weights(content, server, browser) -> dict[str, PageWeight]:
    """A workshop page in each language, weighed on a first visit."""
    slug = content.workshop_slugs[0]
    measured = [weigh(browser, server, language.code, page_url(language, WORKSHOPS, slug))
                for language in content.languages]
    write_report(measured)
    return {weight.language: weight for weight in measured}


def test_everything_the_page_loads_is_counted(weights):
    """The page, the theme's style sheet and script, and the site's own, all answered and all counted."""
    for weight in weights.values():
        assert weight.unfinished == [], "the network was quiet when counting"
        kinds = {resource.kind for resource in weight.resources}
        assert {"html", "css", "js"} <= kinds, weight.resources
        paths = [resource.path for resource in weight.resources]
        assert paths[0] == weight.url
        assert "assets/stylesheets/sitegen.css" in paths and "assets/javascripts/sitegen.js" in paths
        assert all(resource.transferred > 0 for resource in weight.resources), weight.resources


@pytest.mark.parametrize("language", ["de", "en", "hsb"])
def test_a_workshop_page_stays_within_the_budget(weights, language):
    weight = weights[language]
    breakdown = ", ".join(f"{kind} {size:,} B" for kind, size in weight.by_kind().items())
    assert weight.total <= BUDGET, f"{weight.url}: {weight.total:,} B > {BUDGET:,} B ({breakdown})"


def test_the_search_index_is_loaded_when_the_reader_opens_the_search(weights, server, browser, content):
    """Most readers never search: the index, the search worker and its word analysis arrive only
    when the search is opened, and then the search works at once."""
    for weight in weights.values():
        loaded = [resource.path for resource in weight.resources if resource.kind == "search index"
                  or "/workers/" in resource.path or "/lunr/" in resource.path]
        assert loaded == [], f"{weight.url} loads search files at start: {loaded}"
    language = content.languages[-1]
    context = browser.new_context(**PHONE)
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(server.path(request.url)))
    page.goto(server.url(page_url(language, HOME)), wait_until="networkidle")
    assert not any(path.endswith("search/search_index.json") for path in requested)
    page.click("button[data-sitegen-for=__search]")  # the phone's search button
    page.keyboard.type("Luzica")  # Łužica, without diacritics
    page.wait_for_selector(".md-search-result__item")
    assert f"{language.code}/search/search_index.json" in requested
    context.close()
