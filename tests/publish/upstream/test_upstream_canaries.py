"""Canaries: each upstream behaviour that a module of sitegen/publish/mkdocs/upstream/ works around is still there.

One test per workaround, named in that module's docstring and in publish/UPGRADING.md. When one fails after
an upgrade, upstream has changed: read the module's "Delete when", and delete the workaround or adapt it.
"""

from __future__ import annotations

import copy
import inspect
import types
from pathlib import Path

import material
import mkdocs_static_i18n
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import Files
from mkdocs.theme import Theme
from mkdocs_static_i18n.config import I18nPluginConfig
from mkdocs_static_i18n.reconfigure import ExtendedPlugin

from sitegen.publish.mkdocs.upstream.material_html_validity import TOC_CHECKBOX, TOC_TITLE, TOGGLES
from sitegen.publish.mkdocs.upstream.material_main_element import MAIN_ELEMENT
from sitegen.publish.mkdocs.upstream.material_nav_item_cache import CHILD_ENTRY
from sitegen.publish.mkdocs.upstream.material_search_dialog import SEARCH_DIALOG
from sitegen.publish.mkdocs.upstream.static_i18n_search_dedup import without_search_duplicates

MATERIAL = Path(material.__file__).parent / "templates"
STATIC_I18N = Path(mkdocs_static_i18n.__file__).parent


def material_template(name: str) -> str:
    return (MATERIAL / name).read_text(encoding="utf-8")


# mkdocs-static-i18n

def test_static_i18n_build_only_locale_makes_it_the_default():
    config = I18nPluginConfig()
    config.load_dict({"build_only_locale": "en", "languages": [
        {"locale": "de", "name": "Deutsch", "default": True}, {"locale": "en", "name": "English"}]})
    failed, _ = config.validate()
    assert not failed
    assert {language.locale: language.default for language in config.languages} == {"de": False, "en": True}


def test_static_i18n_still_deduplicates_search_entries_as_mirrored():
    def entry(location, title="T", text="x"):
        return {"location": location, "title": title, "text": text}

    entries = [entry("faq/"), entry("faq/#a", "A"), entry("en/faq/"), entry("en/faq/"), entry("hsb/faq/"),
               entry("en/faq/#a", "A"), entry("en/other/", "O"), entry("hsb/faq/#a", "A", "y")]
    theirs = copy.deepcopy(entries)
    ExtendedPlugin.reconfigure_search_duplicates(types.SimpleNamespace(build_languages=["de", "en", "hsb"]), theirs)
    assert without_search_duplicates(copy.deepcopy(entries), ["de", "en", "hsb"]) == theirs


def test_static_i18n_still_writes_no_404_per_language():
    assert not any("404" in path.read_text(encoding="utf-8") for path in STATIC_I18N.glob("*.py"))


def test_static_i18n_alternates_still_ignore_untranslated_pages():
    # Every page starts from the one site-wide list made in on_config; nothing looks at a page's state.
    source = inspect.getsource(ExtendedPlugin.reconfigure_page_context)
    assert "config.extra.alternate = deepcopy(self.extra_alternate)" in source
    assert "translation" not in source and "fallback" not in source


# Material for MkDocs

def test_material_main_element_is_written_as_it_is():
    assert MAIN_ELEMENT in material_template("base.html")


def test_material_search_dialog_still_has_no_name():
    assert SEARCH_DIALOG in material_template("partials/search.html")  # the whole tag: no aria-label


def test_material_toggles_still_have_autocomplete():
    base = material_template("base.html")
    assert all(toggle in base for toggle in TOGGLES)  # `autocomplete` on a checkbox: invalid HTML


def test_material_toc_title_still_names_a_checkbox_only_the_navigation_writes():
    toc = material_template("partials/toc.html")
    assert TOC_TITLE in toc and "__toc" not in toc.replace(TOC_TITLE, "")
    assert TOC_CHECKBOX in material_template("partials/nav-item.html")


def test_material_still_prints_addresses_unescaped():
    assert '<a href="{{ page.edit_url }}"' in material_template("partials/actions.html")
    assert '<link rel="canonical" href="{{ page.canonical_url }}">' in material_template("base.html")
    assert '__md_scope=new URL("{{ config.extra.scope | d(base_url) }}"' in material_template(
        "partials/javascripts/base.html")


def test_material_search_still_writes_one_index():
    from material.plugins.search.plugin import SearchPlugin

    source = inspect.getsource(SearchPlugin)
    assert 'search_index.json' in source and "i18n" not in source


def test_material_still_knows_only_one_and_other():
    strings = material_template("partials/languages/en.html")
    assert '"search.result.one"' in strings and '"search.result.other"' in strings
    assert not any(f'"search.result.{form}"' in strings for form in ("zero", "two", "few", "many"))


def test_material_header_buttons_are_still_labels():
    header = material_template("partials/header.html")
    assert '<label class="md-header__button md-icon" for="__drawer">' in header
    assert '<label class="md-header__button md-icon" for="__search">' in header


def test_material_bundle_still_fetches_sitemaps_below_alternates():
    # docs/assets/javascripts/upstream/material_alternate_requests.js
    (bundle,) = (MATERIAL / "assets" / "javascripts").glob("bundle.*.min.js")
    assert "sitemap.xml" in bundle.read_text(encoding="utf-8")


# MkDocs

def test_mkdocs_theme_environment_has_no_bytecode_cache():
    assert Theme(name="material").get_env().bytecode_cache is None


def test_mkdocs_still_lists_the_theme_icons():
    # Every name of the theme is listed and then matched, the 14,000 icons under .icons/ included.
    assert "env.list_templates(filter_func=" in inspect.getsource(Files.add_files_from_theme)
    assert (MATERIAL / ".icons").is_dir()


def test_mkdocs_serve_still_polls_every_half_second():
    assert inspect.signature(LiveReloadServer.__init__).parameters["polling_interval"].default == 0.5


def test_material_renders_every_child_entry_on_every_page():
    # material_nav_item_cache.py gives this one line of nav-item.html a cache; without it, it does nothing.
    assert (MATERIAL / "partials/nav-item.html").read_text(encoding="utf-8").count(CHILD_ENTRY) == 1
