"""One search index per language, with that language's word analysis; the one place for search settings.

Works around: Material for MkDocs 9.8.2 with mkdocs-static-i18n 1.3.1 — Material's search plugin, run
once per language, ends with a single index of every language at `search/search_index.json`, and every
page searches it (an English reader gets German and Sorbian results); the index has one language's
settings and no stemming for the others. Here that index is split after the build: each language gets
its own index below its own folder (`en/search/search_index.json`), with its own word analysis, and
each page's `__config.base` points to its language's folder, where Material looks for the index.
Result links in an index are relative to that folder. Its browser-side twin,
docs/assets/javascripts/lunr/min/lunr.sitegen.min.js, adds diacritic folding (the only analysis for
hsb, which lunr has no stemmer for) and runs typed words through the same analysis as the text.
Every search setting per language is made here: the index's (`search_config`) and the ones Material's
search plugin reads from the interface strings (`theme_search_settings`, used by theme_strings.py).
Upstream: not reported (mkdocs-static-i18n documents one shared index as its behaviour).
Delete when: the theme or the i18n plugin writes one index per language with its analysis; then delete
this module, its calls in plugin.py (`finish_page`, `on_post_build`), parallel.py (`merge`),
theme_strings.py and engine.py (`search_languages`: ask the theme another way), and lunr.sitegen.min.js.
Test: tests/publish/upstream/test_upstream_canaries.py::test_material_search_still_writes_one_index
fails once upstream has fixed it.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
from pathlib import Path

from sitegen.core.messages import _
from sitegen.core.model import Language

INDEX = "search/search_index.json"
# The site's own search analysis, in every index: docs/assets/javascripts/lunr/min/lunr.sitegen.min.js.
SITEGEN = "sitegen"
STEMMED_PIPELINE = ["trimmer", "stopWordFilter", "stemmer"]
LUNR_FILES = "templates/assets/javascripts/lunr/min"
LUNR_FILE = re.compile(r"lunr\.([a-z]{2})\.min\.js")
CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def search_languages() -> frozenset[str]:
    """The languages the installed theme's search can analyse (`search:` in content/languages.yaml):
    English, which lunr knows by itself, and each language Material ships a lunr file for
    (material/templates/assets/javascripts/lunr/min/lunr.<code>.min.js). Found without importing MkDocs."""
    spec = importlib.util.find_spec("material")
    folders = [Path(location) / LUNR_FILES for location in (spec.submodule_search_locations or [])] if spec else []
    codes = {"en"}
    for folder in folders:
        if folder.is_dir():
            codes.update(match.group(1) for match in map(LUNR_FILE.fullmatch, os.listdir(folder)) if match)
    return frozenset(codes)


# Material's defaults for splitting search terms; the same for every language here.
SEARCH_SEPARATOR = "[\\s\\-,:!=\\[\\]()\"/]+|(?!\\b)(?=[A-Z][a-z])|\\.(?!\\d)|&[lg]t;"


def theme_search_settings(language: Language, source: Language) -> dict[str, str]:
    """The search settings Material's search plugin reads from a language's interface strings
    (partials/languages/<code>.html), for the combined index that `split_index` then replaces."""
    return {
        "search.config.lang": language.search or source.search or "en",
        "search.config.pipeline": "stopWordFilter" if language.search else "trimmer",
        "search.config.separator": SEARCH_SEPARATOR,
    }


def search_config(language: Language, shared: dict) -> dict:
    """The search settings of one language's index: stemming where lunr has a stemmer for the
    language (`search:` in content/languages.yaml), and diacritic folding for every language."""
    lang = [language.search, SITEGEN] if language.search else [SITEGEN]
    return dict(shared, lang=lang, pipeline=list(STEMMED_PIPELINE))


def language_prefix(language: Language) -> str:
    return "" if language.source else f"{language.code}/"


def split_index(site_dir: Path, languages: list[Language]) -> dict[str, int]:
    """Replace the combined index with one index per language; return the number of entries of each."""
    combined = json.loads((site_dir / INDEX).read_text(encoding="utf-8"))
    return write_indexes(site_dir, languages, combined["config"], combined["docs"])


def write_indexes(site_dir: Path, languages: list[Language], shared: dict, entries: list[dict]) -> dict[str, int]:
    """Write one index per language from the entries of all languages (locations relative to the
    site root) and the search settings they share; return the number of entries of each."""
    prefixes = {language.code: language_prefix(language) for language in languages}
    own: dict[str, list[dict]] = {code: [] for code in prefixes}
    for entry in entries:
        location = entry["location"]
        code = next((code for code, prefix in prefixes.items() if prefix and location.startswith(prefix)),
                    languages[0].code)
        own[code].append(dict(entry, location=location[len(prefixes[code]):]))
    counts = {}
    for language in languages:
        index = {"config": search_config(language, shared), "docs": own[language.code]}
        target = site_dir / prefixes[language.code] / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        counts[language.code] = len(own[language.code])
    return counts


def point_to_language(html: str, language: Language) -> str:
    """Set the page's `__config.base`, its path to the site root ("../..", or "/" on 404 pages,
    which are served at any depth), to its language's folder, where Material loads the index."""
    match = CONFIG_SCRIPT.search(html)
    if match is None:
        raise ValueError(_("Material's __config script was not found; update "
                           "sitegen/publish/mkdocs/upstream/material_search_per_language.py for this theme version"))
    config = json.loads(match.group(2))
    if not language.source:
        # With a trailing slash: the browser resolves "search/search_index.json" against it.
        config["base"] = f"{config['base'].rstrip('/')}/{language.code}/"
    text = json.dumps(config, ensure_ascii=False).replace("<", "\\u003c")
    return html[:match.start(2)] + text + html[match.end(2):]
