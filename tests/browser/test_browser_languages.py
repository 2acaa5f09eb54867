"""The built site in a real browser, continued: language switching, what search engines see, and screenshots
(tests/browser/test_browser.py has the crawl of every page, the keyboard and privacy). A file of its own, so
that pytest-xdist's --dist loadfile runs it beside the crawl."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from browser import ARTIFACTS, WIDTHS, load_together
from test_browser import browser, content, server, site_pages  # noqa: F401 - fixtures used below
from sitegen.review import langguard
from sitegen.core.urls import EASY_LANGUAGE, FAQ, HOME, WORKSHOPS, page_url


# --- 4. Language switching ------------------------------------------------------------------

def test_the_switcher_opens_the_same_page_in_each_language(server, browser, content):
    names = {language.code: language.name for language in content.languages}

    def switch(page, language, slug, target):
        page.goto(server.url(page_url(language, WORKSHOPS, slug)))
        page.click(".md-select .md-header__button")
        link = page.locator(f".md-select__link[hreflang={target.code}]")
        assert link.inner_text().strip().startswith(names[target.code]), "native names"
        assert link.get_attribute("lang") == target.code
        with page.expect_navigation():  # until the page the link opens has loaded
            link.click()
        assert server.path(page.url) == page_url(target, WORKSHOPS, slug)

    # Once with the menu's animation, as most readers see it.
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    switch(page, content.languages[0], content.workshop_slugs[0], content.languages[-1])
    page.close()
    # Then every pair as a reader who has asked for less motion: Material opens the menu without its 0.25 s
    # animation, which Playwright would wait out before every click (the links are the same either way).
    page = browser.new_page(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    for language in content.languages:
        for slug in content.workshop_slugs[:2]:
            for target in content.languages:
                switch(page, language, slug, target)
    page.close()


@pytest.mark.parametrize("locale", ["de-DE", "en-GB", "hsb-DE", "pl-PL"])
def test_no_redirect_by_browser_language(server, browser, content, locale):
    context = browser.new_context(locale=locale, extra_http_headers={"Accept-Language": locale})
    visits = [(context.new_page(), url, language.code) for language in content.languages
              for url in (page_url(language, HOME), page_url(language, FAQ))]
    load_together([(page, server.url(url)) for page, url, _ in visits])
    visits[-1][0].wait_for_timeout(200)  # and a little longer, for a script that would redirect late
    for page, url, code in visits:
        assert server.path(page.url) == url
        assert page.evaluate("() => document.documentElement.lang") == code
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
        german_only = url == page_url(content.languages[0], EASY_LANGUAGE)  # Leichte Sprache: never translated
        assert [lang for lang, _ in head["alternates"]] == ([codes[0]] if german_only else codes) + ["x-default"], url
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
    german_only = {page_url(content.languages[0], EASY_LANGUAGE)}  # Leichte Sprache: German, never translated
    for url in urls:
        alternates = {link.get("hreflang"): server.path(link.get("href")) for link in url.findall("x:link", ns)}
        if server.path(url.find("s:loc", ns).text) in german_only:
            assert sorted(alternates) == sorted([codes[0], "x-default"])
            continue
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
                page.goto(server.url(url))  # until "load"; the screenshot waits for the fonts
                path = folder / f"{language.code}-{name}-{width_name}.png"
                page.screenshot(path=str(path), full_page=True)
                written.append(path)
        page.close()
    assert all(path.stat().st_size > 10_000 for path in written)
    assert len(written) == len(content.languages) * 2 * len(WIDTHS)


def test_phrases_in_another_language_keep_their_mark_in_navigation_toc_and_header(server):
    """`[smart regions]{lang=en}` in a title or heading: the navigation, the table of contents, the header and
    the footer show the same text again, and keep its `lang` span there too (HTML allows no markup in
    <title> and aria-label, the only places that lose it)."""
    import html as html_module
    import re

    tags = re.compile(r"<[^>]+>")

    def plain(markup: str) -> str:
        return " ".join(html_module.unescape(tags.sub("", markup)).split())

    def normal(markup: str) -> str:
        return " ".join(markup.split())

    pages = {path: path.read_text(encoding="utf-8") for path in sorted(server.root.rglob("*.html"))}
    language = {path: re.search(r'<html lang="([^"]+)"', text).group(1) for path, text in pages.items()}
    # Every heading of the site with a `lang` span, as it is in the page (without its links), by the page's
    # language and its plain text.
    marked = {}
    for path, text in pages.items():
        for inner in re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", text, re.S):
            inner = re.sub(r'<a class="headerlink".*?</a>|</?a\b[^>]*>', "", inner)
            if '<span lang="' in inner:
                marked[(language[path], plain(inner))] = normal(inner)
    checked, wrong = 0, []
    for path, text in pages.items():
        # The element's content: text, and whole `lang` spans (the only elements it may hold).
        for inner in re.findall(r'<(?:span|div) class="md-ellipsis">((?:[^<]|<span lang="[^"]*">[^<]*</span>|'
                                r'<small class="sitegen-fallback-mark">[^<]*</small>)*)</(?:span|div)>', text):
            key = (language[path], plain(inner))
            if key in marked:
                checked += 1
                if normal(inner) != marked[key]:
                    wrong.append(f"{path.relative_to(server.root)}: {normal(inner)!r}")
    assert checked >= 10, "the real content has such phrases (smart regions): none was found"
    assert wrong == []


def test_every_page_links_to_the_legal_pages_and_leichte_sprache(server, content):
    """The footer of every page in every language, 404 pages included, links to the Impressum, the privacy
    notice, the accessibility statement (in the page's language) and the page in Leichte Sprache (German, at
    its one address, marked German on the other languages' pages); every link reaches a page."""
    import re
    from posixpath import normpath

    from sitegen.core.urls import ACCESSIBILITY, EASY_LANGUAGE, IMPRESSUM, PRIVACY, page_url

    source = content.languages[0]
    pages = sorted(server.root.rglob("*.html"))
    assert len(pages) > 30
    for path in pages:
        text = path.read_text(encoding="utf-8")
        code = re.search(r'<html lang="([^"]+)"', text).group(1)
        language = next(language for language in content.languages if language.code == code)
        footer = re.search(r'<nav class="sitegen-legal" aria-label="([^"]+)">(.*?)</nav>', text, re.S)
        assert footer, f"{path.relative_to(server.root)}: no links to the legal pages"
        assert footer.group(1) == content.by_language[code].site.legal.heading
        links = re.findall(r'<a href="([^"]+)"( lang="de" hreflang="de")?>([^<]+)</a>', footer.group(2))
        where = path.parent.relative_to(server.root).as_posix()
        if path.name == "404.html":  # served at any depth: its links are absolute
            targets = [href.removeprefix("/") for href, _, _ in links]
        else:
            targets = [normpath(f"{where}/{href}").lstrip("./") + "/" if href != "." else where + "/"
                       for href, _, _ in links]
        expected = [page_url(language, kind) for kind in (IMPRESSUM, PRIVACY, ACCESSIBILITY)]
        expected.append(page_url(source, EASY_LANGUAGE))
        assert [target.replace("//", "/").lstrip("/") for target in targets] == expected, path
        for target in expected:
            assert (server.root / target / "index.html").is_file(), target
        assert bool(links[3][1]) == (code != source.code), "Leichte Sprache is marked German elsewhere"
        assert links[3][2] == "Leichte Sprache"
