"""What citizens get, proven in headless Chromium (Debian's package, driven by Playwright).

The real site is built for a local address and served like GitHub Pages. Every page in every
language is visited at desktop and phone width: axe-core checks it against WCAG 2.1 A/AA and its
best practices, every request is recorded, and the layout must fit the screen. Further tests use
the keyboard, the search in each language, the language switcher, and what search engines read.
Figures go to test-artifacts/browser-report.json, screenshots to test-artifacts/screenshots/.
"""

from __future__ import annotations

import datetime
import json
import os
import re
from dataclasses import dataclass, field

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser import ARTIFACTS, WIDTHS, load_together
from conftest import REPOSITORY
from sitegen.content.tree import load_content
from sitegen.core.urls import ACCESSIBILITY, EASY_LANGUAGE, FAQ, HOME, IMPRESSUM, PRIVACY, WORKSHOPS, page_url

CHECKS_FILE = REPOSITORY / "content" / "accessibility-checks.json"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
SEARCH_WORDS = {"de": "Lausitz", "en": "Lusatia", "hsb": "Łužica"}


@pytest.fixture(scope="module")
def content():
    return load_content(REPOSITORY / "content", REPOSITORY)


@pytest.fixture(scope="module")
def server(served_site):
    """The real site, built once for the session and served (tests/conftest.py)."""
    return served_site


@pytest.fixture(scope="module")
def browser(chromium):
    """The session's one Chromium (tests/conftest.py)."""
    return chromium


def site_pages(content) -> list[tuple[str, str]]:
    """(language, site-relative URL) of every page, the 404 pages included."""
    pages = []
    for language in content.languages:
        code = language.code
        pages += [(code, page_url(language, HOME)), (code, page_url(language, WORKSHOPS)),
                  (code, page_url(language, FAQ))]
        pages += [(code, page_url(language, kind)) for kind in (IMPRESSUM, PRIVACY, ACCESSIBILITY)]
        if language.source:
            pages.append((code, page_url(language, EASY_LANGUAGE)))
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
    rules: set[str] = field(default_factory=set)  # every axe rule that ran
    axe_version: str = ""
    requests: list[str] = field(default_factory=list)
    failed: list[tuple[str, int]] = field(default_factory=list)
    overflow: list[tuple[str, str, int]] = field(default_factory=list)
    searches: int = 0


AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
AXE_SOURCE = Axe().axe_script  # axe-core, as axe-playwright-python ships it


def start_axe(page) -> None:
    """Start axe on the page (the context's init script has loaded it) without waiting for it: the tabs of a
    batch run their checks side by side, each in its own renderer process."""
    page.evaluate("options => { window.__sitegenAxe = axe.run(document, options); }", AXE_OPTIONS)


def axe_violations(page, where: str, crawl: "Crawl | None" = None) -> list[dict]:
    """The violations of the check start_axe started on the page (waits for it)."""
    response = page.evaluate("() => window.__sitegenAxe")
    if crawl is not None:  # what ran, for the accessibility statement (content/accessibility-checks.json)
        crawl.axe_version = response["testEngine"]["version"]
        crawl.rules |= {rule["id"] for kind in ("passes", "violations", "incomplete", "inapplicable")
                        for rule in response[kind]}
    return [{"where": where, "rule": v["id"], "impact": v["impact"], "help": v["help"],
             "targets": [node["target"] for node in v["nodes"]][:5]} for v in response["violations"]]


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


TABS = 13  # pages the crawl loads at once, so that their waits for a quiet network and their checks overlap


@pytest.fixture(scope="module")
def crawl(content, server, browser) -> Crawl:
    found = Crawl()
    pages = site_pages(content)
    found.pages = len(pages)
    for width_name, width in WIDTHS.items():
        context = browser.new_context(viewport={"width": width, "height": 900})
        context.add_init_script(script=AXE_SOURCE)
        context.on("request", lambda request: found.requests.append(request.url))
        context.on("response", lambda response: response.status >= 400 and found.failed.append(
            (response.url, response.status)))
        tabs = [context.new_page() for _ in range(TABS)]
        for start in range(0, len(pages), TABS):
            batch = list(zip(tabs, [url for _, url in pages[start:start + TABS]]))
            load_together([(tab, server.url(url)) for tab, url in batch])
            for page, _ in batch:
                start_axe(page)
            for page, url in batch:
                found.visits.append((width_name, url))
                found.violations += axe_violations(page, f"{url} at {width}px", found)
                scroll = page.evaluate(
                    "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
                if scroll > 0:
                    found.overflow.append((url, width_name, scroll))
        for tab in tabs:
            tab.close()
        # The search dialog, open with results, in each language (in a page of its own: the one in front).
        page = context.new_page()
        for language in content.languages:
            page.goto(server.url(page_url(language, HOME)), wait_until="networkidle")
            open_search(page, SEARCH_WORDS.get(language.code, "a"))
            found.searches += 1
            start_axe(page)
            found.violations += axe_violations(page, f"search in {language.code} at {width}px", found)
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
    assert crawl.pages == len(content.languages) * (7 + len(content.workshop_slugs)) + 1  # + Leichte Sprache
    assert len(crawl.visits) == crawl.pages * len(WIDTHS)
    assert crawl.violations == [], json.dumps(crawl.violations, indent=1, ensure_ascii=False)


def measured(crawl: Crawl) -> dict:
    """What the crawl measured, as the accessibility statement states it (content/accessibility-checks.json)."""
    return {"date": datetime.date.today().isoformat(), "axe_version": crawl.axe_version,
            "tags": [tag for tag in AXE_TAGS if tag.startswith("wcag")], "rules": sorted(crawl.rules),
            "pages": sorted({url for _, url in crawl.visits}), "widths": sorted(WIDTHS.values()),
            "violations": [{"rule": violation["rule"], "where": violation["where"]} for violation in crawl.violations]}


def test_the_accessibility_statement_claims_only_what_was_measured(crawl):
    """The statement (content/accessibility-checks.json, shown on the accessibility page) names the rules, pages
    and widths this crawl checked and every violation it found, no more and no less. With
    SITEGEN_RECORD_CHECKS=1 (`make accessibility-checks`) the crawl writes the file instead."""
    now = measured(crawl)
    if os.environ.get("SITEGEN_RECORD_CHECKS") == "1":
        CHECKS_FILE.write_text(json.dumps(now, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert CHECKS_FILE.is_file(), "no measured results: run `make accessibility-checks` and commit the file"
    stated = json.loads(CHECKS_FILE.read_text(encoding="utf-8"))
    fix = "the site changed since the statement was measured: run `make accessibility-checks` and commit the file"
    for key in ("axe_version", "tags", "rules", "pages", "widths", "violations"):
        assert stated[key] == now[key], f"{key}: {fix}"
    assert stated["date"] <= now["date"]


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


def test_report_names_its_figures(crawl):
    report = json.loads((ARTIFACTS / "browser-report.json").read_text(encoding="utf-8"))
    assert report["page_visits"] == len(crawl.visits) and report["requests"] == len(crawl.requests)
    assert re.fullmatch(r"\d+", str(report["pages"]))
