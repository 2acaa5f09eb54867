"""What citizens get, proven in headless Chromium (Debian's package, driven by Playwright).

The real site is built for a local address and served like GitHub Pages. Every page in every
language is visited at desktop and phone width: axe-core checks it against WCAG 2.1 A/AA and its
best practices, every request is recorded, and the layout must fit the screen. Further tests use
the keyboard, the search in each language, the language switcher, and what search engines read.
Figures go to test-artifacts/browser-report.json, screenshots to test-artifacts/screenshots/.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from browser import ARTIFACTS, WIDTHS, build_and_serve, launch
from conftest import REPOSITORY
from sitegen.review import langguard
from sitegen.content.tree import load_content
from sitegen.core.urls import FAQ, HOME, WORKSHOPS, page_url

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
SEARCH_WORDS = {"de": "Lausitz", "en": "Lusatia", "hsb": "Łužica"}


@pytest.fixture(scope="module")
def content():
    return load_content(REPOSITORY / "content", REPOSITORY)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = build_and_serve(tmp_path_factory.mktemp("browser"))
    yield server
    server.httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


def site_pages(content) -> list[tuple[str, str]]:
    """(language, site-relative URL) of every page, the 404 pages included."""
    pages = []
    for language in content.languages:
        code = language.code
        pages += [(code, page_url(language, HOME)), (code, page_url(language, WORKSHOPS)),
                  (code, page_url(language, FAQ))]
        pages += [(code, page_url(language, WORKSHOPS, slug)) for slug in content.workshop_slugs]
        pages.append((code, page_url(language, HOME) + "404.html"))
    return pages


def language_of(content, url: str) -> str:
    """The language a site-relative URL belongs to, by its folder."""
    for language in content.languages[1:]:
        if url.startswith(f"{language.code}/"):
            return language.code
    return content.languages[0].code


@dataclass
class Crawl:
    """What visiting every page found."""

    pages: int = 0
    visits: list[tuple[str, str]] = field(default_factory=list)  # (width name, url)
    violations: list[dict] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    failed: list[tuple[str, int]] = field(default_factory=list)
    overflow: list[tuple[str, str, int]] = field(default_factory=list)
    searches: int = 0


def axe_violations(axe: Axe, page, where: str) -> list[dict]:
    result = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [{"where": where, "rule": v["id"], "impact": v["impact"], "help": v["help"],
             "targets": [node["target"] for node in v["nodes"]][:5]} for v in result.response["violations"]]


# "Initializing search" in each language: the search loads its index only when it is opened (sitegen.js),
# and says this until it is ready.
def _initializing() -> list[str]:
    content = load_content(REPOSITORY / "content", REPOSITORY)
    return [texts.theme.strings.model_dump(by_alias=True)["search.result.initializer"]
            for texts in content.by_language.values()]


INITIALIZING = _initializing()


def open_search(page, word: str):
    """Open the search with the keyboard and type a word, as a reader without a mouse would.

    In a narrow window Material ignores its search key ("/"): there the reader opens the search
    with the header's search button (sitegen.js makes it a real button), as on a phone."""
    page.keyboard.press("/")
    if not page.evaluate("() => document.getElementById('__search').checked"):
        page.focus('button[data-sitegen-for="__search"]')
        page.keyboard.press("Enter")
    page.keyboard.type(word)
    page.wait_for_function("""initializing => {
        const meta = document.querySelector('.md-search-result__meta').textContent.trim();
        return meta !== '' && !/^\\d+$/.test(meta) && !initializing.includes(meta) }""", arg=INITIALIZING)
    page.wait_for_timeout(300)  # the search answers as one types; let the last answer arrive


@pytest.fixture(scope="module")
def crawl(content, server, browser) -> Crawl:
    found = Crawl()
    axe = Axe()
    pages = site_pages(content)
    found.pages = len(pages)
    for width_name, width in WIDTHS.items():
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.on("request", lambda request: found.requests.append(request.url))
        page.on("response", lambda response: response.status >= 400 and found.failed.append(
            (response.url, response.status)))
        for code, url in pages:
            page.goto(server.url(url), wait_until="networkidle")
            found.visits.append((width_name, url))
            found.violations += axe_violations(axe, page, f"{url} at {width}px")
            scroll = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if scroll > 0:
                found.overflow.append((url, width_name, scroll))
        # The search dialog, open with results, in each language.
        for language in content.languages:
            page.goto(server.url(page_url(language, HOME)), wait_until="networkidle")
            open_search(page, SEARCH_WORDS.get(language.code, "a"))
            found.searches += 1
            found.violations += axe_violations(axe, page, f"search in {language.code} at {width}px")
        context.close()
    report = {
        "pages": found.pages, "widths": list(WIDTHS.values()), "page_visits": len(found.visits),
        "search_dialogs_checked": found.searches, "axe_tags": AXE_TAGS,
        "violations": found.violations, "requests": len(found.requests),
        "foreign_requests": [url for url in found.requests if not url.startswith(server.origin + "/")],
        "failed_requests": found.failed, "overflow": found.overflow,
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "browser-report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    return found


# --- 1. Accessibility -----------------------------------------------------------------------

def test_every_page_in_every_language_has_no_axe_violations(crawl, content):
    assert crawl.pages == len(content.languages) * (4 + len(content.workshop_slugs))
    assert len(crawl.visits) == crawl.pages * len(WIDTHS)
    assert crawl.violations == [], json.dumps(crawl.violations, indent=1, ensure_ascii=False)


def test_nothing_is_wider_than_the_screen(crawl):
    """Long German and Sorbian words wrap instead of pushing the page sideways on a phone."""
    assert crawl.overflow == []


def test_skip_link_is_the_first_stop_and_moves_to_the_content(server, browser, content):
    for width in WIDTHS.values():
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(server.url("hsb/workshops/infrastruktur-mobilitaet/"))
        page.keyboard.press("Tab")
        focused = page.evaluate("() => [document.activeElement.className, document.activeElement.textContent.trim(),"
                                " document.activeElement.getBoundingClientRect().width]")
        assert "md-skip" in focused[0] and focused[2] > 0, "the skip link is first and visible when focused"
        assert focused[1] == content.by_language["hsb"].theme.strings.action_skip
        page.keyboard.press("Enter")
        assert page.evaluate("() => location.hash") == "#infrastruktura-a-mobilita"
        page.close()


def test_keyboard_focus_is_always_visible_and_on_screen(server, browser):
    """Tab through the first stops of a page: each focused element has a focus ring and lies on screen."""
    script = """() => { const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
        return {name: e.getAttribute('aria-label') || e.textContent.trim().slice(0, 30), outline: s.outlineStyle,
                width: parseFloat(s.outlineWidth), box: [r.left, r.top, r.width, r.height],
                view: [innerWidth, innerHeight]} }"""
    for width in WIDTHS.values():
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(server.url("hsb/faq/"), wait_until="networkidle")
        for _ in range(15):
            page.keyboard.press("Tab")
            state = page.evaluate(script)
            left, top, w, h = state["box"]
            assert state["outline"] != "none" and state["width"] >= 2, state
            assert w > 0 and h > 0 and left >= 0 and left + w <= state["view"][0], state
        page.close()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_search_works_without_a_mouse(server, browser, content, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(server.url("en/"), wait_until="networkidle")
    search_name = content.by_language["en"].theme.strings.search
    for _ in range(20):  # Tab to the search field (desktop) or the search button (phone)
        page.keyboard.press("Tab")
        name = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
        if name in (search_name, content.by_language["en"].theme.strings.search_placeholder):
            break
    else:
        pytest.fail("the search cannot be reached with the Tab key")
    if page.evaluate("() => document.activeElement.tagName") == "BUTTON":
        page.keyboard.press("Enter")
    page.keyboard.type("skills")
    page.wait_for_selector(".md-search-result__item")
    page.keyboard.press("ArrowDown")  # to the first result
    focused = page.evaluate("() => document.activeElement.className")
    assert "md-search-result__link" in focused
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert server.path(page.url).startswith("en/workshops/")
    page.close()


# --- 2. Privacy -----------------------------------------------------------------------------

def test_no_request_goes_to_another_host(crawl, server):
    assert crawl.requests, "requests were recorded"
    foreign = sorted({url for url in crawl.requests if not url.startswith(server.origin + "/")})
    assert foreign == []


def test_every_request_succeeds(crawl):
    """No request is wasted on an address that does not exist (the 404 pages were opened directly)."""
    assert crawl.failed == []


# --- 3. Search per language -----------------------------------------------------------------

def search(server, browser, path: str, word: str) -> tuple[str, list[str]]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server.url(path), wait_until="networkidle")
    open_search(page, word)
    meta = page.text_content(".md-search-result__meta").strip()
    links = page.eval_on_selector_all(".md-search-result__link", "links => links.map(link => link.href)")
    page.close()
    return meta, [server.path(link) for link in links]


@pytest.mark.parametrize("word", ["smart", "Werkstatt", "workshop", "Łužica", "Lausitz", "Lusatia"])
def test_results_come_from_the_readers_language_only(server, browser, content, word):
    """Words that occur in several languages ("smart regions") find only pages of the reader's language."""
    found_any = False
    for language in content.languages:
        _, links = search(server, browser, page_url(language, HOME), word)
        assert {language_of(content, link) for link in links} <= {language.code}, (language.code, links)
        found_any = found_any or bool(links)
    assert found_any


def test_german_and_english_stemming(server, browser, content):
    texts = " ".join(f.text for f in content.by_language["en"].fields).lower()
    assert "skilled" in texts and "skills" not in texts
    _, links = search(server, browser, "en/", "skills")
    assert links, "'skills' finds the pages about skilled workers"
    german = " ".join(f.text for f in content.source.fields)
    assert "Unternehmens " not in german
    _, exact = search(server, browser, "", "Unternehmen")
    _, inflected = search(server, browser, "", "Unternehmens")
    assert exact and sorted(inflected) == sorted(exact)


@pytest.mark.parametrize("typed, plain", [("Łužica", "Luzica"), ("dźěłarnja", "dzelarnja"),
                                          ("přichod", "prichod"), ("ćežišća", "cezisca")])
def test_sorbian_words_are_found_with_and_without_diacritics(server, browser, typed, plain):
    meta, with_marks = search(server, browser, "hsb/", typed)
    assert with_marks, f"'{typed}' is found as typed"
    _, without = search(server, browser, "hsb/", plain)
    assert sorted(without) == sorted(with_marks)


def test_no_results_are_announced_in_the_readers_language(server, browser, content):
    for language in content.languages:
        meta, links = search(server, browser, page_url(language, HOME), "qxzvw")
        assert links == []
        assert meta == content.by_language[language.code].theme.strings.search_result_none


@pytest.mark.parametrize("count, form", [(1, "one"), (2, "two"), (3, "few"), (4, "few"), (5, "other"),
                                         (11, "other"), (101, "one"), (102, "two"), (103, "few")])
def test_sorbian_result_counts_use_singular_dual_and_plural(server, browser, content, count, form):
    """A search index with exactly `count` matching pages, served in place of the real one."""
    index = json.loads((server.root / "hsb/search/search_index.json").read_text(encoding="utf-8"))
    index["docs"] = [{"location": f"page-{n}/", "title": f"Strona {n}", "text": "zapłata"} for n in range(count)]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.route("**/hsb/search/search_index.json", lambda route: route.fulfill(json=index))
    page.goto(server.url("hsb/"), wait_until="networkidle")
    open_search(page, "zapłata")
    meta = page.text_content(".md-search-result__meta").strip()
    page.close()
    plural = content.by_language["hsb"].theme.plurals.search_result
    assert meta == getattr(plural, form).replace("#", str(count))


# --- 4. Language switching ------------------------------------------------------------------

def test_the_switcher_opens_the_same_page_in_each_language(server, browser, content):
    names = {language.code: language.name for language in content.languages}
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    for language in content.languages:
        for slug in content.workshop_slugs[:2]:
            for target in content.languages:
                page.goto(server.url(page_url(language, WORKSHOPS, slug)), wait_until="networkidle")
                page.click(".md-select .md-header__button")
                link = page.locator(f".md-select__link[hreflang={target.code}]")
                assert link.inner_text().strip().startswith(names[target.code]), "native names"
                assert link.get_attribute("lang") == target.code
                link.click()
                page.wait_for_load_state("networkidle")
                assert server.path(page.url) == page_url(target, WORKSHOPS, slug)
    page.close()


@pytest.mark.parametrize("locale", ["de-DE", "en-GB", "hsb-DE", "pl-PL"])
def test_no_redirect_by_browser_language(server, browser, content, locale):
    context = browser.new_context(locale=locale, extra_http_headers={"Accept-Language": locale})
    page = context.new_page()
    for language in content.languages:
        for url in (page_url(language, HOME), page_url(language, FAQ)):
            page.goto(server.url(url), wait_until="networkidle")
            page.wait_for_timeout(200)
            assert server.path(page.url) == url
            assert page.evaluate("() => document.documentElement.lang") == language.code
    context.close()


# --- 5. Discoverability ---------------------------------------------------------------------

HEAD = """() => ({
    lang: document.documentElement.lang,
    description: document.querySelector('meta[name=description]')?.content,
    alternates: [...document.querySelectorAll('link[rel=alternate][hreflang]')].map(l => [l.hreflang, l.href]),
    canonical: document.querySelector('link[rel=canonical]')?.href,
    jsonld: [...document.querySelectorAll('script[type="application/ld+json"]')].map(s => JSON.parse(s.text)),
    questions: [...document.querySelectorAll('.md-content h2')].map(h => h.textContent.trim()),
})"""


def test_every_page_has_hreflang_alternates_and_a_description_in_its_language(server, browser, content):
    codes = [language.code for language in content.languages]
    page = browser.new_page()
    descriptions = {}
    for code, url in site_pages(content):
        if url.endswith("404.html"):
            continue
        page.goto(server.url(url))
        head = page.evaluate(HEAD)
        assert head["lang"] == code
        assert [lang for lang, _ in head["alternates"]] == codes + ["x-default"], url
        targets = {lang: server.path(href) for lang, href in head["alternates"]}
        assert targets["x-default"] == targets[codes[0]]
        assert all(href.startswith(server.origin + "/") for _, href in head["alternates"])
        assert server.path(head["canonical"]) == url
        description = head["description"]
        assert description and description not in descriptions, (url, descriptions.get(description))
        descriptions[description] = url
        finding = langguard.wrong_language(description, code, codes)
        assert finding is None, (url, description, finding)
    page.close()


def test_sitemap_lists_every_page_with_its_alternates(server, browser, content):
    page = browser.new_page()
    response = page.request.get(server.url("sitemap.xml"))
    assert response.ok
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = ET.fromstring(response.body()).findall("s:url", ns)
    codes = [language.code for language in content.languages]
    listed = {server.path(url.find("s:loc", ns).text) for url in urls}
    assert listed == {url for _, url in site_pages(content) if not url.endswith("404.html")}
    for url in urls:
        alternates = {link.get("hreflang"): server.path(link.get("href")) for link in url.findall("x:link", ns)}
        assert sorted(alternates) == sorted(codes + ["x-default"])
        assert alternates["x-default"] == alternates[codes[0]]
        assert server.path(url.find("s:loc", ns).text) in alternates.values()
        for href in alternates.values():
            assert page.request.get(server.url(href)).ok
    page.close()


def test_faq_pages_carry_faqpage_data_in_their_language(server, browser, content):
    page = browser.new_page()
    for language in content.languages:
        page.goto(server.url(page_url(language, FAQ)))
        head = page.evaluate(HEAD)
        [data] = head["jsonld"]
        assert data["@type"] == "FAQPage" and data["inLanguage"] == language.code
        questions = [entry["name"] for entry in data["mainEntity"]]
        assert questions == head["questions"] and len(questions) == len(content.source.faq.questions)
        assert all(entry["acceptedAnswer"]["text"] for entry in data["mainEntity"])
        page.goto(server.url(page_url(language, HOME)))
        assert page.evaluate(HEAD)["jsonld"] == [], "only the FAQ pages are FAQ pages"
    page.close()


def test_each_language_has_its_own_404_page(server, browser, content):
    page = browser.new_page()
    for language in content.languages:
        response = page.goto(server.url(page_url(language, HOME) + "no-such-page/"), wait_until="networkidle")
        assert response.status == 404
        page.wait_for_function(f"() => document.documentElement.lang === '{language.code}'")
        not_found = content.by_language[language.code].site.not_found
        assert page.text_content("h1").strip() == not_found.title
        assert page.locator("meta[name=robots]").get_attribute("content") == "noindex"
    page.close()


# --- 6. Screenshots -------------------------------------------------------------------------

def test_screenshots_of_home_and_a_workshop_page(server, browser, content):
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    slug = "unternehmen-wirtschaftsentwicklung-fachkraeftesicherung"  # the longest titles
    written = []
    for width_name, width in WIDTHS.items():
        page = browser.new_page(viewport={"width": width, "height": 900})
        for language in content.languages:
            for name, url in (("home", page_url(language, HOME)), ("workshop", page_url(language, WORKSHOPS, slug))):
                page.goto(server.url(url), wait_until="networkidle")
                path = folder / f"{language.code}-{name}-{width_name}.png"
                page.screenshot(path=str(path), full_page=True)
                written.append(path)
        page.close()
    assert all(path.stat().st_size > 10_000 for path in written)
    assert len(written) == len(content.languages) * 2 * len(WIDTHS)


def test_report_names_its_figures(crawl):
    report = json.loads((ARTIFACTS / "browser-report.json").read_text(encoding="utf-8"))
    assert report["page_visits"] == len(crawl.visits) and report["requests"] == len(crawl.requests)
    assert re.fullmatch(r"\d+", str(report["pages"]))
