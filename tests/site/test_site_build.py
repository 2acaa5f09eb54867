"""Integration: the real `mkdocs build --strict` of the repository's content, checked in the produced HTML."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sitegen.content.tree import load_content
from sitegen.core.urls import ACCESSIBILITY, FAQ, HOME, IMPRESSUM, PRIVACY, WORKSHOPS, page_url

from conftest import REPOSITORY, copy_site_project
from htmlpage import read_page


@pytest.fixture(scope="module")
def content():
    return load_content(REPOSITORY / "content", REPOSITORY)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A clean copy of the project, built with the real MkDocs exactly as `make site` does."""
    project = tmp_path_factory.mktemp("project")
    copy_site_project(project)
    mkdocs = Path(sys.executable).with_name("mkdocs")
    result = subprocess.run([str(mkdocs), "build", "--strict"], cwd=project, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITEGEN_EDIT_URL": EDIT_URL})
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return project / "site"


EDIT_URL = "https://github.com/example/werkstaetten/edit/main/"  # as the workflows set SITEGEN_EDIT_URL


def page_keys(content):
    keys = [(HOME, None), (WORKSHOPS, None), (FAQ, None)]
    return keys + [(WORKSHOPS, slug) for slug in content.workshop_slugs]


def pages_of(content, site, language):
    for page, slug in page_keys(content):
        url = page_url(language, page, slug)
        yield (page, slug), read_page(site / url / "index.html", url)


def test_every_page_exists_in_every_language(content, site):
    assert len(content.workshop_slugs) == 5
    built = sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))
    legal = [(IMPRESSUM, None), (PRIVACY, None), (ACCESSIBILITY, None)]
    expected = sorted(
        [f"{page_url(language, page, slug)}index.html" for language in content.languages
         for page, slug in page_keys(content) + legal]
        + ["404.html", "en/404.html", "hsb/404.html", "leichte-sprache/index.html"]
    )
    assert built == expected
    assert len(built) == 3 * (3 + 5 + 3) + 3 + 1


def test_html_lang_title_and_description(content, site):
    for language in content.languages:
        texts = content.by_language[language.code]
        for (_, slug), html in pages_of(content, site, language):
            assert html.html_lang == language.code, html.url
            if slug:
                assert html.description == texts.workshops[slug].summary
        home = (site / page_url(language, HOME) / "index.html").read_text(encoding="utf-8")
        assert f"<title>{texts.site.home.title} - {texts.site.site_name}</title>" in home


SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default when SITE_URL is not set


def test_switcher_and_hreflang_lead_to_the_same_page_in_each_language(content, site):
    for language in content.languages:
        for (page, slug), html in pages_of(content, site, language):
            expected = {other.code: page_url(other, page, slug) for other in content.languages}
            switcher = {link["hreflang"]: html.resolve(link["href"]) for link in html.switcher}
            alternates = {link["hreflang"]: link["href"] for link in html.alternates}
            assert switcher == expected, html.url
            # for search engines: absolute addresses below site_url, and the German page as x-default
            assert alternates == {code: SITE_URL + url for code, url in
                                  dict(expected, **{"x-default": expected["de"]}).items()}, html.url
            names = {link["hreflang"]: link["lang"] for link in html.switcher}
            assert names == {code: code for code in expected}, "each language name is marked with its language"


def test_switcher_shows_native_names(site):
    html = read_page(site / "hsb/faq/index.html", "hsb/faq/")
    names = [text for _, text in html.texts if text in ("Deutsch", "English", "Hornjoserbšćina")]
    assert names == ["Deutsch", "English", "Hornjoserbšćina"]


def test_sorbian_pages_have_sorbian_interface_strings_only(content, site):
    hsb = content.by_language["hsb"].theme.strings.model_dump(by_alias=True)
    foreign = {}
    for code in ("de", "en"):
        strings = content.by_language[code].theme.strings.model_dump(by_alias=True)
        foreign.update({value: f"{code}:{key}" for key, value in strings.items() if value != hsb[key]})
    for _, html in pages_of(content, site, content.by_language["hsb"].language):
        visible = html.text_in("hsb")
        leaked = sorted({foreign[text] for text in visible if text in foreign})
        assert leaked == [], f"{html.url} shows interface text in another language: {leaked}"
        for key in ("action.skip", "search.placeholder", "select.language", "footer"):
            assert hsb[key] in visible, (html.url, key)
        assert html.config["translations"]["search.result.none"] == hsb["search.result.none"]


def text_values(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, child in value.items():
            if key not in ("see_also", "review"):
                yield from text_values(child)
    elif isinstance(value, list):
        for child in value:
            yield from text_values(child)


def test_each_page_is_truly_in_its_language(content, site):
    """No sentence of one language's content appears unmarked on a page of another language."""
    sentences = {}
    for language in content.languages:
        for path in sorted((REPOSITORY / "content" / language.code).rglob("*.yaml")):
            if path.name == "theme.yaml":
                continue
            for text in text_values(yaml.safe_load(path.read_text(encoding="utf-8"))):
                if len(text) >= 20:
                    sentences.setdefault(" ".join(text.split()), set()).add(language.code)
    assert len(sentences) > 200
    for language in content.languages:
        for _, html in pages_of(content, site, language):
            shown = " ".join(html.text_in(language.code))
            for sentence, languages in sentences.items():
                if language.code not in languages:
                    assert sentence not in shown, f"{html.url} ({language.code}) shows: {sentence}"


def test_translations_are_marked_as_drafts(content, site):
    for language in content.languages:
        notice = content.by_language[language.code].site.translation_notice.draft
        for _, html in pages_of(content, site, language):
            assert any(notice.split(".")[0] in text for text in html.text_in(language.code)) != language.source


def test_not_found_page_per_language(content, site):
    for language, path in (("de", "404.html"), ("en", "en/404.html"), ("hsb", "hsb/404.html")):
        html = read_page(site / path, path)
        assert html.html_lang == language
        assert {link["hreflang"]: link["href"] for link in html.switcher} == {"de": "/", "en": "/en/", "hsb": "/hsb/"}
        assert content.by_language[language].site.not_found.title in html.text_in(language)


def test_no_google_fonts_and_no_english_generator_line(site):
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, path
        assert "Made with" not in text, path


def test_the_draft_notice_link_is_in_the_page_language(content, site):
    # The label "Read the German version" is English on an English page; only its target is German.
    html = read_page(site / "en/faq/index.html", "en/faq/")
    label = content.by_language["en"].site.translation_notice.source_link
    assert label in html.text_in("en")


def test_mkdocs_build_reports_content_errors_without_traceback(tmp_path):
    project = copy_site_project(tmp_path)
    workshop = project / "content/en/workshops/innovation-digitalisierung.yaml"
    workshop.write_text(workshop.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    result = subprocess.run([str(mkdocs), "build", "--strict"], cwd=project, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert ("content/en/workshops/innovation-digitalisierung.yaml:2:8: unknown field 'titel'; did you mean 'title'?"
            in result.stderr)
    assert not (project / "site").exists()


def edit_links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a href="([^"]*)" title="([^"]*)" class="md-content__button md-icon" rel="edit">', html)


def test_every_page_links_to_its_yaml_source(content, site):
    expected_files = {HOME: "site.yaml", WORKSHOPS: "site.yaml", FAQ: "faq.yaml"}
    for language in content.languages:
        texts = content.by_language[language.code]
        for page, slug in page_keys(content):
            html = (site / page_url(language, page, slug) / "index.html").read_text(encoding="utf-8")
            item = f"workshops/{slug}.yaml" if slug else expected_files[page]
            path = f"content/{language.code}/{item}"
            assert (REPOSITORY / path).is_file()
            # Named in the page's language: the theme string, from content/<lang>/theme.yaml.
            assert edit_links(html) == [(EDIT_URL + path, texts.theme.strings.action_edit)], path
    for not_found in ("404.html", "en/404.html", "hsb/404.html"):
        assert edit_links((site / not_found).read_text(encoding="utf-8")) == []
    assert all("docs/" not in href for html in site.rglob("*.html") for href, _ in edit_links(html.read_text()))


def test_without_an_edit_address_there_are_no_edit_links_and_a_bad_one_is_refused(content, tmp_path):
    project = copy_site_project(tmp_path)
    mkdocs = Path(sys.executable).with_name("mkdocs")
    environment = {key: value for key, value in os.environ.items() if key != "SITEGEN_EDIT_URL"}
    # SITE_URL as actions/configure-pages gives it: without the trailing slash.
    result = subprocess.run([str(mkdocs), "build", "--strict"], cwd=project, capture_output=True, text=True,
                            env={**environment, "NO_MKDOCS_2_WARNING": "1",
                                 "SITE_URL": "https://example.github.io/werkstaetten"})
    assert result.returncode == 0, result.stderr
    faq = (project / "site/en/faq/index.html").read_text(encoding="utf-8")
    assert 'rel="edit"' not in faq
    assert '<link rel="canonical" href="https://example.github.io/werkstaetten/en/faq/">' in faq
    assert '<link rel="alternate" href="https://example.github.io/werkstaetten/hsb/faq/" hreflang="hsb"' in faq
    # Every page, home pages included, names itself and its translations below the site's path.
    base = "https://example.github.io/werkstaetten/"
    for language in content.languages:
        for (page, slug), html in pages_of(content, project / "site", language):
            expected = {other.code: base + page_url(other, page, slug) for other in content.languages}
            alternates = {link["hreflang"]: link["href"] for link in html.alternates}
            assert alternates == dict(expected, **{"x-default": expected["de"]}), html.url
            assert {link["hreflang"]: base + html.resolve(link["href"]) for link in html.switcher} == expected
            text = (project / "site" / html.url / "index.html").read_text(encoding="utf-8")
            assert f'<link rel="canonical" href="{base + html.url}">' in text
    result = subprocess.run([str(mkdocs), "build", "--strict"], cwd=project, capture_output=True, text=True,
                            env={**environment, "NO_MKDOCS_2_WARNING": "1", "SITEGEN_EDIT_URL": "github.com/x"})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert ("SITEGEN_EDIT_URL (edit_url of the sitegen plugin in mkdocs.yml) must be an http:// or https:// "
            "address with a host name") in result.stderr
    assert "not 'github.com/x'; set it to e.g. https://github.com/owner/repository/edit/main/" in result.stderr


def test_the_quick_theme_listing_finds_the_same_files_as_mkdocs(monkeypatch):
    # The plugin shortens MkDocs' listing of the theme's files (see quick_listing); the files
    # MkDocs copies into the site must stay exactly the same.
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from sitegen.publish.mkdocs.plugin import quick_listing

    monkeypatch.chdir(REPOSITORY)
    config = load_config(str(REPOSITORY / "mkdocs.yml"), site_dir=str(REPOSITORY / "site"))
    stock, quick = Files([]), Files([])
    stock.add_files_from_theme(config.theme.get_env(), config)
    quick.add_files_from_theme(quick_listing(config.theme.get_env)(), config)
    assert [file.src_uri for file in quick] == [file.src_uri for file in stock]
    assert any(file.src_uri.startswith("assets/javascripts/") for file in stock)
    env = quick_listing(config.theme.get_env)()
    assert env.list_templates() == config.theme.get_env().list_templates()  # without a filter: MkDocs' own


def test_the_navigation_cache_changes_no_byte(site):
    """The plugin renders each navigation link to another page once per address (material_nav_item_cache);
    built with Material's own nav-item.html instead, the site is the same, byte for byte."""
    project = site.parent
    stock = ("import sys; import sitegen.publish.mkdocs.upstream.material_nav_item_cache as cache; "
             "cache.with_cached_source = lambda source: source; from mkdocs.__main__ import cli; "
             "sys.argv = ['mkdocs', 'build', '--strict', '--site-dir', 'site-stock-nav']; cli()")
    result = subprocess.run([sys.executable, "-c", stock], cwd=project, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITEGEN_EDIT_URL": EDIT_URL})
    assert result.returncode == 0, result.stderr
    built = {path.relative_to(site): path.read_bytes() for path in site.rglob("*") if path.is_file()}
    plain = project / "site-stock-nav"
    assert {path.relative_to(plain): path.read_bytes() for path in plain.rglob("*") if path.is_file()} == built


def test_the_navigation_cache_is_used_and_renders_each_link_once_per_address():
    from mkdocs.theme import Theme

    from sitegen.publish.mkdocs.upstream.material_nav_item_cache import EntryCache, nav_entry_cache

    env = nav_entry_cache(Theme(name="material").get_env)()
    assert "sitegen_nav_entry(render, item" in env.loader.get_source(env, "partials/nav-item.html")[0]
    assert "sitegen_nav_entry" not in env.loader.get_source(env, "partials/nav.html")[0]

    class Entry:
        is_page, active = True, False

    rendered = []

    def render(item, path, level, parent):
        rendered.append(item)
        return f"<li>{path}</li>"

    cache, link, current = EntryCache(), Entry(), Entry()
    assert cache(render, link, "__nav_2_1", 2, None, current, "../a/") == "<li>__nav_2_1</li>"
    assert cache(render, link, "__nav_2_1", 2, None, Entry(), "../a/") == "<li>__nav_2_1</li>"
    assert rendered == [link]  # once per entry and address
    cache(render, link, "__nav_2_1", 2, None, current, "../../a/")
    cache(render, current, "__nav_2_2", 2, None, current, "./")  # the current page: always rendered
    link.active = True
    cache(render, link, "__nav_2_1", 2, None, current, "../a/")  # an active entry: always rendered
    assert rendered == [link, link, current, link]
