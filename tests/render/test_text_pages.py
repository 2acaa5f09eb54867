"""The legally required pages (Impressum, privacy notice, accessibility statement) and Leichte Sprache: the
publisher's facts are put in where a section asks for them, nothing is invented where one is missing, and
the reader is told so; facts from the German file are marked German on the other languages' pages."""

from __future__ import annotations

import json

from conftest import write
from sitegen.content.tree import load_content
from sitegen.render.pages import render_pages

FACTS = "content/de/publisher.yaml"


def rendered(project):
    return render_pages(load_content(project / "content", project))


def test_the_impressum_shows_the_publishers_facts(project):
    page = rendered(project)["de/impressum.md"]
    assert "- Herausgeber: Musterbehörde für Strukturentwicklung" in page
    assert "- Anschrift: Musterstraße 1, 01234 Musterstadt" in page
    assert "- E\\-Mail: [kontakt@example\\.org](<mailto:kontakt@example.org>)" in page
    assert "- Verantwortlich für den Inhalt: Max Mustermann" in page
    assert "data-missing-facts" not in page and "fehlt noch" not in page


def test_german_facts_are_marked_german_on_other_languages_pages(project):
    page = rendered(project)["en/impressum.md"]
    assert '- Publisher: <span lang="de">Musterbehörde für Strukturentwicklung</span>' in page
    assert '- Address: <span lang="de">Musterstraße 1, 01234 Musterstadt</span>' in page
    assert "- Phone: \\+49 123 456789" in page  # a number belongs to no language


def test_a_missing_fact_is_never_invented_and_the_reader_is_told(project):
    text = (project / FACTS).read_text(encoding="utf-8")
    write(project, FACTS, text.replace("name: Musterbehörde für Strukturentwicklung", "name:")
          .replace("  email: barrierefreiheit@example.org", "  email:"))
    pages = rendered(project)
    impressum, accessibility, privacy = (pages[f"en/{name}.md"] for name in ("impressum", "barrierefreiheit",
                                                                             "datenschutz"))
    assert "- Publisher: *still missing*" in impressum
    assert '<div class="sitegen-notice" role="note" data-missing-facts="1" markdown>' in impressum
    assert "Some of the publisher's details are still missing on this page." in impressum.replace("\\", "")
    assert "- Email: *still missing*" in accessibility and 'data-missing-facts="1"' in accessibility
    assert 'data-missing-facts="1"' in privacy  # it names the publisher too


def test_the_accessibility_statement_shows_what_was_measured(project):
    write(project, "content/accessibility-checks.json", json.dumps({
        "date": "2026-12-01", "axe_version": "4.10.2", "tags": ["wcag2a", "wcag2aa"], "rules": ["color-contrast", "label"],
        "pages": ["", "en/"], "widths": [375, 1280], "violations": [{"rule": "label", "where": "en/ at 375px"}]}))
    page = rendered(project)["de/barrierefreiheit.md"]
    assert "- Letzte Prüfung: 1. Dezember 2026" in page
    assert "(axe\\-core 4.10.2)" in page or "(axe-core 4.10.2)" in page
    assert "- Regeln: 2" in page and "- Seiten: 2" in page and "- Breiten: 375, 1280" in page
    assert "- `label`: en/ at 375px" in page


def test_measured_results_that_are_not_what_the_tests_write_are_refused(project):
    write(project, "content/accessibility-checks.json", '{"date": "gestern"}')
    try:
        rendered(project)
    except Exception as error:  # ContentError
        assert "content/accessibility-checks.json" in str(error) and "make accessibility-checks" in str(error)
    else:
        raise AssertionError("a hand-made results file was accepted")


def test_leichte_sprache_is_german_only(project):
    pages = rendered(project)
    assert "de/leichte-sprache.md" in pages
    assert not any(path.endswith("leichte-sprache.md") for path in pages if not path.startswith("de/"))
