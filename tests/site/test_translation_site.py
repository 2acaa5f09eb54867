"""Honest fallback in the real built site: missing, outdated and draft translations tell the reader.

A copy of the real project is changed the way editors change it: a Sorbian workshop file is
missing, a German goal is edited after translation (and names a Sorbian place with lang markup),
and an English focus-area text is deleted. Then the real `mkdocs build --strict` runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_site_project
from htmlpage import read_page

SLUG = "infrastruktur-mobilitaet"
OTHER = "innovation-digitalisierung"
GERMAN_GOAL = "Die Verkehrsverhältnisse in und zwischen den Gemeinden verbessern."
EDITED_GOAL = "Die Verkehrsverhältnisse in und zwischen den Gemeinden spürbar verbessern, auch in [Budyšin]{lang=hsb}."


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = copy_site_project(tmp_path_factory.mktemp("fallback"))
    (project / f"content/hsb/workshops/{SLUG}.yaml").unlink()
    replace(project / f"content/de/workshops/{SLUG}.yaml", GERMAN_GOAL, EDITED_GOAL)
    english = project / f"content/en/workshops/{OTHER}.yaml"
    lines = english.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("    text:"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("      "))
    english.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    result = subprocess.run([str(mkdocs), "build", "--strict"], cwd=project, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1",
                                 "SITEGEN_EDIT_URL": "https://github.com/example/werkstaetten/edit/main/"})
    assert result.returncode == 0, result.stderr
    return project / "site"


def page(site: Path, url: str):
    return read_page(site / url / "index.html", url), (site / url / "index.html").read_text(encoding="utf-8")


def main_status(html: str) -> str:
    marker = 'data-md-component="main" data-translation-status="'
    assert html.count(marker) == 1
    return html.split(marker, 1)[1].split('"', 1)[0]


def test_a_missing_translation_still_has_a_page_with_german_text_marked_as_german(site):
    reader, html = page(site, f"hsb/workshops/{SLUG}/")
    assert reader.html_lang == "hsb"
    assert main_status(html) == "missing"
    german = {text for lang, text in reader.texts if lang == "de"}
    assert "Infrastruktur und Mobilität" in german
    assert "Barrierefreiheit" in german
    assert "Budyšin" in reader.text_in("hsb"), "a marked Sorbian name inside German text keeps lang=hsb"
    for text in ("Die Werkstatt begleitet Projekte", "Radwegenetz", "Wirtschaftsnahe Infrastruktur"):
        assert not any(text in shown for shown in reader.text_in("hsb")), f"unmarked German: {text}"
    notice = next(text for text in reader.text_in("hsb") if text.startswith("Tuta strona"))
    assert "němčinje" in notice
    link = next(a for a in reader.links if a.get("hreflang") == "de" and "sitegen-notice" in a.get("_parents", ""))
    assert reader.resolve(link["href"]) == f"workshops/{SLUG}/"


def test_the_navigation_marks_the_fallback_page(site):
    _, html = page(site, "hsb/faq/")
    assert ('<span lang="de">Infrastruktur und Mobilität</span> <small class="sitegen-fallback-mark">(němsce)</small>'
            in html)
    reader, _ = page(site, "hsb/faq/")
    assert "Infrastruktur und Mobilität" not in reader.text_in("hsb")


def test_the_fallback_is_not_advertised_as_sorbian(site):
    for url in (f"workshops/{SLUG}/", f"en/workshops/{SLUG}/", f"hsb/workshops/{SLUG}/"):
        reader, _ = page(site, url)
        assert sorted(link["hreflang"] for link in reader.alternates) == ["de", "en", "x-default"], url
        switcher = {link["hreflang"] for link in reader.switcher}
        assert switcher == {"de", "en", "hsb"}, "the reader can still choose the language"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"/hsb/workshops/{SLUG}/" not in sitemap
    assert f"/hsb/workshops/{OTHER}/" in sitemap
    # the Sorbian search index (its locations are relative to /hsb/) has the translated page only
    index = json.loads((site / "hsb/search/search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert not [loc for loc in locations if loc.startswith(f"workshops/{SLUG}/")]
    assert [loc for loc in locations if loc.startswith(f"workshops/{OTHER}/")]


def test_outdated_translation_says_so(site):
    reader, html = page(site, f"en/workshops/{SLUG}/")
    assert main_status(html) == "outdated"
    notice = next(text for text in reader.text_in("en") if text.startswith("Parts of this translation are older"))
    assert "This English text is a draft" in notice, "it is also still a draft"


def test_a_missing_field_is_shown_in_german_and_marked(site):
    reader, html = page(site, f"en/workshops/{OTHER}/")
    assert main_status(html) == "missing"
    assert any(text.startswith("Parts of this page have not been translated") for text in reader.text_in("en"))
    assert [text for text in reader.text_in("de") if len(text) > 40], "the German focus-area text, marked"


def test_every_page_carries_its_state(site):
    for path in site.rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        status = main_status(html)
        assert status in ("current", "draft", "outdated", "missing"), path
        if path.parent == site or path.parent.parent == site and path.parent.name in ("faq", "workshops"):
            assert status == "current", "German pages are the source"
    _, html = page(site, "hsb/faq/")
    assert main_status(html) == "draft"


def test_edit_links_lead_to_the_file_that_holds_the_text(site):
    # The Sorbian file is missing, so the page shows the German text: editing starts from the German file.
    _, html = page(site, f"hsb/workshops/{SLUG}/")
    assert f'href="https://github.com/example/werkstaetten/edit/main/content/de/workshops/{SLUG}.yaml"' in html
    # A translation with a gap: its own file, where the missing text is to be added.
    _, html = page(site, f"en/workshops/{OTHER}/")
    assert f'href="https://github.com/example/werkstaetten/edit/main/content/en/workshops/{OTHER}.yaml"' in html
