"""`sitegen changes --base DIR`: the pull request's summary of what a change does to the site, computed from
the content of two versions of a fixture (the base branch's and the change's), never from built HTML."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import FIXTURES, sitegen, write

WORKSHOP = "content/de/workshops/beispiel.yaml"


@pytest.fixture
def versions(tmp_path):
    """Two copies of the minimal fixture: `base` as on the base branch, `head` to be changed by the test."""
    base, head = tmp_path / "base", tmp_path / "head"
    for folder in (base, head):
        shutil.copytree(FIXTURES / "minimal" / "content", folder / "content")
    return base, head


def changes(base, head, language="en", **env):
    result = sitegen(head, "changes", "--base", str(base), env={"SITEGEN_MESSAGES": language, **env})
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def table_rows(summary: str, heading: str) -> list[list[str]]:
    section = summary.split(f"### {heading}\n", 1)[1].split("\n### ", 1)[0]
    return [[cell.strip() for cell in re.split(r"(?<!\\)\|", line[1:-1])] for line in section.splitlines()
            if line.startswith("| ") and not line.startswith("| Language")]


def test_no_change_says_so(versions):
    summary = changes(*versions)
    assert "No page changes." in summary
    assert "No translation becomes outdated or missing." in summary
    assert "`sitegen check` finds no problem." in summary


def test_a_changed_german_text_lists_its_pages_and_the_translations_it_makes_outdated(versions):
    base, head = versions
    workshop = head / WORKSHOP
    workshop.write_text(workshop.read_text(encoding="utf-8").replace("Erstes Ziel.", "Das erste Ziel."),
                        encoding="utf-8")
    summary = changes(base, head, SITE_URL="https://example.github.io/werkstaetten/")
    pages = table_rows(summary, "Pages")
    # The German page shows the new text; both translations now say that they are outdated.
    assert [(row[0], row[1], row[3]) for row in pages] == [
        ("Deutsch", "Beispielwerkstatt", "changed"),
        ("English", "Example workshop", "changed"),
        ("Hornjoserbšćina", "Přikładna dźěłarnja", "changed"),
    ]
    assert pages[0][2] == ('<a href="https://example.github.io/werkstaetten/workshops/beispiel/">'
                           "https://example.github.io/werkstaetten/workshops/beispiel/</a>")
    assert "/werkstaetten/en/workshops/beispiel/" in pages[1][2]
    translations = table_rows(summary, "Translations")
    assert [row for row in translations] == [
        ["English", "content/en/workshops/beispiel\\.yaml", "goals\\[0\\]", "current", "outdated"],
        ["Hornjoserbšćina", "content/hsb/workshops/beispiel\\.yaml", "goals\\[0\\]", "current", "outdated"],
    ]
    assert "leaves 2 translated fields outdated or missing" in summary


def test_a_new_workshop_is_a_new_page_in_every_language_with_missing_translations(versions):
    base, head = versions
    second = head / "content/de/workshops/zweite.yaml"
    second.write_text((head / WORKSHOP).read_text(encoding="utf-8").replace("title: Beispielwerkstatt",
                                                                          "title: Zweite Werkstatt"), encoding="utf-8")
    summary = changes(base, head)
    new = [row for row in table_rows(summary, "Pages") if row[3] == "new"]
    assert [(row[0], row[2].split(">")[1].split("<")[0]) for row in new] == [
        ("Deutsch", "/workshops/zweite/"), ("English", "/en/workshops/zweite/"),
        ("Hornjoserbšćina", "/hsb/workshops/zweite/")]
    missing = [row for row in table_rows(summary, "Translations") if row[4] == "missing"]
    assert {row[1] for row in missing} == {"content/en/workshops/zweite\\.yaml", "content/hsb/workshops/zweite\\.yaml"}
    assert all(row[3] == "not there" for row in missing)
    # The overview pages list the new workshop too.
    assert {row[2].split(">")[1].split("<")[0] for row in table_rows(summary, "Pages") if row[3] == "changed"} >= {
        "/workshops/", "/en/workshops/", "/hsb/workshops/"}


def test_a_translation_brought_up_to_date_is_listed_as_current(versions):
    base, head = versions
    for folder in (base, head):
        workshop = folder / WORKSHOP
        workshop.write_text(workshop.read_text(encoding="utf-8").replace("Erstes Ziel.", "Das erste Ziel."),
                            encoding="utf-8")
    assert sitegen(head, "mark-current", "--lang", "en").returncode == 0
    summary = changes(base, head)
    assert "1 translated field is current now:" in summary  # every en field is recorded, only one was outdated
    rows = table_rows(summary, "Translations")
    assert ["English", "content/en/workshops/beispiel\\.yaml", "goals\\[0\\]", "outdated", "current"] in rows


def test_problems_of_the_change_are_listed_and_its_pages_are_not_compared(versions):
    base, head = versions
    workshop = head / WORKSHOP
    workshop.write_text(workshop.read_text(encoding="utf-8").replace("title: Beispielwerkstatt", "titel: X"),
                        encoding="utf-8")
    summary = changes(base, head)
    assert "The changed content has errors (see below), so its pages cannot be compared yet." in summary
    assert "The translations are compared once the errors are fixed." in summary
    assert "finds 2 errors and 0 warnings" in summary
    assert "unknown field 'titel'; did you mean 'title'?" in summary.replace("\\", "")


def test_a_base_with_errors_lists_every_page_as_new(versions):
    base, head = versions
    write(base, WORKSHOP, "titel: kaputt\n")
    summary = changes(base, head)
    assert "The content of the base branch has errors" in summary
    assert {row[3] for row in table_rows(summary, "Pages")} == {"new"}


def test_texts_from_the_content_are_shown_as_text_never_as_markup(versions):
    """Content validation already refuses HTML and links in a text; what it allows (| * ` < & # _) is escaped."""
    base, head = versions
    workshop = head / WORKSHOP
    hostile = '"Werkstatt | **fett** `code` < 3 & #1 _x_"'
    workshop.write_text(workshop.read_text(encoding="utf-8").replace("title: Beispielwerkstatt", f"title: {hostile}"),
                        encoding="utf-8")
    summary = changes(base, head)
    row = [row for row in table_rows(summary, "Pages") if "Werkstatt" in row[1]][0]
    assert len(row) == 4  # the | inside the title did not make a column
    assert row[1] == "Werkstatt \\| \\*\\*fett\\*\\* \\`code\\` &lt; 3 &amp; \\#1 \\_x\\_"
    assert "<" not in summary.replace("<a href=", "").replace("</a>", "")


def test_the_summary_is_german_by_default(versions):
    base, head = versions
    workshop = head / WORKSHOP
    workshop.write_text(workshop.read_text(encoding="utf-8").replace("Erstes Ziel.", "Das erste Ziel."),
                        encoding="utf-8")
    result = sitegen(head, "changes", "--base", str(base), env={"SITEGEN_MESSAGES": "", "LANG": "C.UTF-8",
                                                                "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""})
    assert result.returncode == 0, result.stderr
    assert "## Wie sich diese Änderung auf die Website auswirkt" in result.stdout
    assert "| Sprache | Seite | Adresse | Änderung |" in result.stdout
    assert "| geändert |" in result.stdout and "| veraltet |" in result.stdout


@pytest.mark.parametrize("base", ["missing-folder", ""])
def test_a_base_that_is_no_project_is_a_usage_error(versions, base):
    _, head = versions
    result = sitegen(head, "changes", "--base", base or str(head / "content" / "de" / "faq.yaml"))
    assert result.returncode == 2
    assert result.stderr.startswith("sitegen: --base ")


def test_an_invalid_site_url_is_refused_where_it_enters(versions):
    base, head = versions
    result = sitegen(head, "changes", "--base", str(base), env={"SITE_URL": "javascript:alert(1)"})
    assert result.returncode == 2
    assert "SITE_URL" in result.stderr


def test_pages_reached_from_the_footer_are_named_by_their_titles(versions):
    base, head = versions
    privacy = head / "content/de/privacy.yaml"
    privacy.write_text(privacy.read_text(encoding="utf-8").replace("setzt keine Cookies", "setzt gar keine Cookies"),
                       encoding="utf-8")
    rows = table_rows(changes(base, head), "Pages")
    assert ("Deutsch", "Datenschutz", "changed") in [(row[0], row[1], row[3]) for row in rows]
    assert any("/datenschutz/" in row[2] for row in rows if row[1] == "Datenschutz")
