"""The built site in a real browser, continued: search per language (tests/browser/test_browser.py has the
crawl of every page, the keyboard and privacy). A file of its own, so that pytest-xdist's --dist loadfile
runs it beside the crawl."""

from __future__ import annotations

import json

import pytest

from test_browser import browser, content, language_of, open_search, server  # noqa: F401 - fixtures used below
from sitegen.core.urls import HOME, page_url


# --- 3. Search per language -----------------------------------------------------------------

@pytest.fixture
def tab(browser):
    """One page for a test's searches: each search loads its address afresh (a new document, a new search)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    yield page
    page.close()


def search(server, page, path: str, word: str) -> tuple[str, list[str]]:
    page.goto(server.url(path))  # until "load": open_search waits until the search has answered
    open_search(page, word)
    meta = page.text_content(".md-search-result__meta").strip()
    links = page.eval_on_selector_all(".md-search-result__link", "links => links.map(link => link.href)")
    return meta, [server.path(link) for link in links]


@pytest.mark.parametrize("word", ["smart", "Werkstatt", "workshop", "Łužica", "Lausitz", "Lusatia"])
def test_results_come_from_the_readers_language_only(server, tab, content, word):
    """Words that occur in several languages ("smart regions") find only pages of the reader's language."""
    found_any = False
    for language in content.languages:
        _, links = search(server, tab, page_url(language, HOME), word)
        assert {language_of(content, link) for link in links} <= {language.code}, (language.code, links)
        found_any = found_any or bool(links)
    assert found_any


def test_german_and_english_stemming(server, tab, content):
    texts = " ".join(f.text for f in content.by_language["en"].fields).lower()
    assert "skilled" in texts and "skills" not in texts
    _, links = search(server, tab, "en/", "skills")
    assert links, "'skills' finds the pages about skilled workers"
    german = " ".join(f.text for f in content.source.fields)
    assert "Unternehmens " not in german
    _, exact = search(server, tab, "", "Unternehmen")
    _, inflected = search(server, tab, "", "Unternehmens")
    assert exact and sorted(inflected) == sorted(exact)


@pytest.mark.parametrize("typed, plain", [("Łužica", "Luzica"), ("dźěłarnja", "dzelarnja"),
                                          ("přichod", "prichod"), ("ćežišća", "cezisca")])
def test_sorbian_words_are_found_with_and_without_diacritics(server, tab, typed, plain):
    meta, with_marks = search(server, tab, "hsb/", typed)
    assert with_marks, f"'{typed}' is found as typed"
    _, without = search(server, tab, "hsb/", plain)
    assert sorted(without) == sorted(with_marks)


def test_no_results_are_announced_in_the_readers_language(server, tab, content):
    for language in content.languages:
        meta, links = search(server, tab, page_url(language, HOME), "qxzvw")
        assert links == []
        assert meta == content.by_language[language.code].theme.strings.search_result_none


@pytest.mark.parametrize("count, form", [(1, "one"), (2, "two"), (3, "few"), (4, "few"), (5, "other"),
                                         (11, "other"), (101, "one"), (102, "two"), (103, "few")])
def test_sorbian_result_counts_use_singular_dual_and_plural(server, tab, content, count, form):
    """A search index with exactly `count` matching pages, served in place of the real one."""
    index = json.loads((server.root / "hsb/search/search_index.json").read_text(encoding="utf-8"))
    index["docs"] = [{"location": f"page-{n}/", "title": f"Strona {n}", "text": "zapłata"} for n in range(count)]
    tab.route("**/hsb/search/search_index.json", lambda route: route.fulfill(json=index))
    tab.goto(server.url("hsb/"))  # until "load": open_search waits until the search has answered
    open_search(tab, "zapłata")
    meta = tab.text_content(".md-search-result__meta").strip()
    plural = content.by_language["hsb"].theme.plurals.search_result
    assert meta == getattr(plural, form).replace("#", str(count))
