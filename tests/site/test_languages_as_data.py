"""Languages are data: Lower Sorbian (dsb) is added with one entry and a content folder, no code change.

The test builds a four-language site from a copy of the real project with the real MkDocs.
The dsb folder holds only the interface texts (site.yaml, theme.yaml, a draft written for this
test); every page's content is missing, so the German text stands in, marked as German.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import sitegen
from htmlpage import read_page


@pytest.fixture(scope="module")
def project(four_language_project) -> Path:
    """The real project with dsb added (tests/conftest.py)."""
    return four_language_project


@pytest.fixture(scope="module")
def site(four_language_project, four_language_builds) -> Path:
    """The four-language site built by one `mkdocs build --strict` (`sitegen site --jobs 1`), built once for
    this file and tests/site/test_parallel.py (tests/conftest.py)."""
    result = four_language_builds["sequential"]
    assert result.returncode == 0, result.stderr
    return four_language_project / "site-sequential"


def test_check_accepts_the_new_language(project):
    result = sitegen(project, "check")
    assert result.returncode == 0, result.stderr
    assert "in 4 languages (de, en, hsb, dsb)" in result.stdout
    assert "content/dsb/faq.yaml: [warning] the translation is missing" in result.stderr


def test_status_lists_the_new_language(project):
    result = sitegen(project, "status", "--format", "json")
    assert result.returncode == 0, result.stderr
    records = [record for record in json.loads(result.stdout) if record["lang"] == "dsb"]
    assert {record["file"] for record in records if record["status"] == "missing"} >= {
        "content/dsb/faq.yaml", "content/dsb/workshops/infrastruktur-mobilitaet.yaml"}
    assert {record["status"] for record in records if record["file"] == "content/dsb/theme.yaml"} == {"outdated"}


def test_four_language_site(site):
    for url in ("dsb/", "dsb/faq/", "dsb/workshops/", "dsb/workshops/infrastruktur-mobilitaet/"):
        page = read_page(site / url / "index.html", url)
        assert page.html_lang == "dsb", url
        assert {link["hreflang"] for link in page.switcher} == {"de", "en", "hsb", "dsb"}
        names = [text for _, text in page.texts if text in ("Deutsch", "English", "Hornjoserbšćina", "Dolnoserbšćina")]
        assert names == ["Deutsch", "English", "Hornjoserbšćina", "Dolnoserbšćina"]
    assert (site / "dsb/404.html").exists()
    faq = read_page(site / "dsb/faq/index.html", "dsb/faq/")
    assert [link["hreflang"] for link in faq.alternates] == ["de", "en", "hsb", "x-default"], \
        "the German copy is not advertised"
    german_title = "Häufige Fragen"
    assert german_title in faq.text_in("de") and german_title not in faq.text_in("dsb")
    assert "/dsb/faq/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    # The other languages are unaffected, and their switchers offer dsb too.
    hsb = read_page(site / "hsb/faq/index.html", "hsb/faq/")
    assert {link["hreflang"] for link in hsb.switcher} == {"de", "en", "hsb", "dsb"}
