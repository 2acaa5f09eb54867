"""The rules over the whole content tree (content/rules/), each on its own, on the minimal fixture made wrong."""

from __future__ import annotations

import importlib
import pkgutil
import shutil
from pathlib import Path

import pytest

from sitegen.content import rules, tree
from sitegen.content.rules import (
    RULES,
    language_name_markup,
    missing_language_folder,
    missing_site_file,
    plural_forms,
    same_workshop_title,
    see_also_exists,
    see_also_unique,
    shared_text_markup,
    symbolic_link,
    text_markup,
    translation_without_source,
    undeclared_language_folder,
    unexpected_file,
    workshop_file_name,
)
from sitegen.content.tree import load_content, read_tree
from sitegen.core.errors import ContentError, Problem

from conftest import write

GERMAN_WORKSHOP = "content/de/workshops/beispiel.yaml"
ENGLISH_WORKSHOP = "content/en/workshops/beispiel.yaml"
UNEXPECTED = ("unexpected file; content files are accessibility.yaml, faq.yaml, impressum.yaml, privacy.yaml, site.yaml, "
              "theme.yaml and workshops/<name>.yaml")
HTML = ("a text may not contain HTML, like '<b>' here; write plain text, and put a space after '<' where it means "
        "'less than'")


def found(rule, project: Path) -> list[Problem]:
    """What `rule` finds in the project's content tree, sorted as sitegen prints it."""
    return sorted(rule.check(read_tree(project / "content", project)))


def replace(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def copy(project: Path, source: str, target: str) -> None:
    shutil.copy(project / source, project / target)


def test_every_rule_module_is_listed_once_and_named_by_its_id():
    modules = {importlib.import_module(f"{rules.__name__}.{info.name}")
               for info in pkgutil.iter_modules(rules.__path__)}
    assert modules == set(RULES)
    assert len(RULES) == len(modules)
    ids = [rule.ID for rule in RULES]
    assert len(set(ids)) == len(ids)
    for rule in RULES:
        assert rule.ID == rule.__name__.rsplit(".", 1)[1].replace("_", "-")


@pytest.mark.parametrize("rule", RULES, ids=[rule.ID for rule in RULES])
def test_no_rule_finds_anything_in_the_fixture(rule, project):
    assert found(rule, project) == []


def test_load_content_refuses_what_the_listed_rules_find_and_nothing_else(project, monkeypatch):
    (project / "content/dsb").mkdir()
    monkeypatch.setattr(tree, "RULES", ())
    load_content(project / "content", project)
    monkeypatch.setattr(tree, "RULES", (undeclared_language_folder,))
    with pytest.raises(ContentError) as error:
        load_content(project / "content", project)
    assert error.value.problems == found(undeclared_language_folder, project)
    assert len(error.value.problems) == 1


def test_undeclared_language_folder(project):
    (project / "content/dsb").mkdir()
    write(project, "content/notes.txt", "not a folder, so not a language\n")
    assert found(undeclared_language_folder, project) == [Problem(
        "content/dsb", 0, 0, "'dsb' is not a declared language; add it to content/languages.yaml or remove the folder")]


def test_missing_language_folder(project):
    shutil.rmtree(project / "content/hsb")
    assert found(missing_language_folder, project) == [Problem(
        "content/hsb", 0, 0, "the folder for language 'hsb' is missing; create it with site.yaml and theme.yaml")]


def test_symbolic_link(project, tmp_path):
    outside = tmp_path / "outside.yaml"
    shutil.move(project / ENGLISH_WORKSHOP, outside)
    (project / ENGLISH_WORKSHOP).symlink_to(outside)
    assert found(symbolic_link, project) == [Problem(
        ENGLISH_WORKSHOP, 0, 0,
        "this is a symbolic link; content files and folders must be real files and folders inside content/")]


def test_unexpected_file(project):
    write(project, "content/en/notes.txt", "notes\n")
    write(project, "content/en/.editor-state", "hidden files are the editor's own\n")
    write(project, "content/en/workshops/readme.md", "notes\n")
    write(project, "content/de/translated-from.yaml", "only translations have records\n")
    write(project, "content/de/wordlist.txt", "Budyšin\n")
    assert found(unexpected_file, project) == [
        Problem("content/de/translated-from.yaml", 0, 0, UNEXPECTED),
        Problem("content/en/notes.txt", 0, 0, UNEXPECTED),
        Problem("content/en/workshops/readme.md", 0, 0, "unexpected file; a workshop file ends in .yaml"),
    ]


def test_a_folder_with_a_symbolic_link_is_not_searched_for_unexpected_files(project, tmp_path):
    write(project, "content/en/notes.txt", "notes\n")
    write(project, "content/hsb/notes.txt", "notes\n")
    (project / "content/en/workshops/elsewhere.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    assert found(unexpected_file, project) == [Problem("content/hsb/notes.txt", 0, 0, UNEXPECTED)]


def test_missing_site_file(project):
    for relative in ("content/de/faq.yaml", "content/en/faq.yaml", "content/hsb/theme.yaml"):
        (project / relative).unlink()
    # A translation may lack faq.yaml (German stands in), never the interface texts.
    assert found(missing_site_file, project) == [
        Problem("content/de/faq.yaml", 0, 0,
                "this file is missing, and the site needs it; create it (its schema schema/faq.schema.json lists "
                "what it holds)"),
        Problem("content/hsb/theme.yaml", 0, 0,
                "this file is missing; copy theme.yaml from content/de/theme.yaml and translate it"),
    ]


def test_workshop_file_name(project):
    copy(project, GERMAN_WORKSHOP, "content/de/workshops/Beispiel_2.yaml")
    copy(project, GERMAN_WORKSHOP, "content/de/workshops/index.yaml")
    copy(project, ENGLISH_WORKSHOP, "content/en/workshops/con.yaml")
    assert found(workshop_file_name, project) == [
        Problem("content/de/workshops/Beispiel_2.yaml", 0, 0, "the file name must be a short name of lowercase "
                "letters a-z, digits and hyphens, e.g. innovation-digitalisierung.yaml"),
        Problem("content/de/workshops/index.yaml", 0, 0, "'index' cannot be the short name of a workshop: "
                "/workshops/index/ is the overview page of all workshops, and a workshop of that name would "
                "overwrite it; rename the file"),
        Problem("content/en/workshops/con.yaml", 0, 0, "'con' cannot name a workshop: Windows reserves it for a "
                "device, so the file could not be checked out there; choose another name"),
    ]


def test_translation_without_source(project):
    copy(project, ENGLISH_WORKSHOP, "content/hsb/workshops/andere.yaml")
    # A German file that is no workshop (its name is refused) is no source either.
    copy(project, GERMAN_WORKSHOP, "content/de/workshops/Zweite.yaml")
    copy(project, ENGLISH_WORKSHOP, "content/en/workshops/zweite.yaml")
    assert found(translation_without_source, project) == [
        Problem("content/en/workshops/zweite.yaml", 0, 0, "this translation has no German source "
                "content/de/workshops/zweite.yaml; check the file name, or create the German file first"),
        Problem("content/hsb/workshops/andere.yaml", 0, 0, "this translation has no German source "
                "content/de/workshops/andere.yaml; check the file name, or create the German file first"),
    ]


def test_text_markup(project):
    replace(project, ENGLISH_WORKSHOP, "summary: A workshop", "summary: A <b>workshop</b>")
    replace(project, "content/de/site.yaml", "site_name: Testseite", 'site_name: "…"')
    assert found(text_markup, project) == [
        Problem("content/de/site.yaml", 2, 12, "this text has no visible letter or digit (only punctuation, spaces "
                "or blank-looking characters such as U+2026 HORIZONTAL ELLIPSIS); write a text a reader can see"),
        Problem(ENGLISH_WORKSHOP, 3, 10, HTML),
    ]


def test_shared_text_markup(project):
    replace(project, GERMAN_WORKSHOP, "name: Erika Mustermann", "name: Erika <b>Mustermann</b>")
    assert found(shared_text_markup, project) == [Problem(GERMAN_WORKSHOP, 20, 11, HTML)]


def test_plural_forms(project):
    replace(project, "content/hsb/theme.yaml", '    two: "# pytanskej wuslědkaj"\n', "")
    replace(project, "content/en/theme.yaml", '"# matching documents"', '"matching documents"')
    lines = (project / "content/hsb/theme.yaml").read_text(encoding="utf-8").splitlines()
    result_line = lines.index("  search.result:") + 1
    english = (project / "content/en/theme.yaml").read_text(encoding="utf-8").splitlines()
    other_line = english.index('    other: "matching documents"') + 1
    assert found(plural_forms, project) == [
        Problem("content/en/theme.yaml", other_line, 12, "write '#' where the number goes, e.g. '# Suchergebnisse'"),
        Problem("content/hsb/theme.yaml", result_line + 1, 5,
                "Hornjoserbšćina has the plural forms one, two, few, other (CLDR); add two"),
    ]


def test_see_also_exists(project):
    replace(project, "content/de/faq.yaml", "      - beispiel\n",
            "      - beispiel\n      - nirgends\n      - nirgends\n")
    message = "there is no workshop 'nirgends'; use the file name of a workshop without .yaml"
    assert found(see_also_exists, project) == [
        Problem("content/de/faq.yaml", 10, 9, message), Problem("content/de/faq.yaml", 11, 9, message)]


def test_see_also_unique(project):
    replace(project, "content/de/faq.yaml", "      - beispiel\n",
            "      - beispiel\n      - nirgends\n      - beispiel\n      - nirgends\n")
    # The unknown 'nirgends' twice is see-also-exists' problem only.
    assert found(see_also_unique, project) == [Problem(
        "content/de/faq.yaml", 11, 9, "the workshop 'beispiel' is listed twice in this answer; delete one")]


def test_same_workshop_title(project):
    copy(project, GERMAN_WORKSHOP, "content/de/workshops/zweite.yaml")
    replace(project, "content/de/workshops/zweite.yaml", "title: Beispielwerkstatt", "title: BEISPIELWERKSTATT")
    # The same title in two languages is no problem: each language has its own menu.
    replace(project, ENGLISH_WORKSHOP, "title: Example workshop", "title: Beispielwerkstatt")
    assert found(same_workshop_title, project) == [Problem(
        "content/de/workshops/zweite.yaml", 2, 8, "another workshop has the same title "
        "(content/de/workshops/beispiel.yaml:2); give each workshop its own title, readers choose between them by it")]


def test_language_name_markup(project):
    replace(project, "content/languages.yaml", "name: English", "name: <b>English</b>")
    assert found(language_name_markup, project) == [Problem("content/languages.yaml", 17, 11, HTML)]
