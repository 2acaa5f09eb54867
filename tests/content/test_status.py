"""Translation status: derived from fingerprints of the German text, reported by `sitegen status`."""

from __future__ import annotations

import json
import shutil

from sitegen.content.tree import load_content
from sitegen.content.status import fingerprint

from conftest import FIXTURES, REPOSITORY

WORKSHOP = "content/de/workshops/beispiel.yaml"


def edit(project, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def records(run, project, *args):
    code, out, err = run("--root", str(project), "status", "--format", "json", *args)
    assert code == 0, err
    return json.loads(out)


def states(run, project, lang, file):
    return {r["field"]: r["status"] for r in records(run, project) if r["lang"] == lang and r["file"] == file}


def test_everything_is_current_in_the_fixture(project, run):
    result = records(run, project)
    assert result and {r["status"] for r in result} == {"current"}
    assert set(result[0]) == {"lang", "file", "field", "status", "reviewed"}
    assert {r["lang"] for r in result} == {"en", "hsb"}
    assert {r["file"] for r in result if r["lang"] == "hsb"} == {
        "content/hsb/site.yaml", "content/hsb/faq.yaml", "content/hsb/theme.yaml", "content/hsb/impressum.yaml",
        "content/hsb/privacy.yaml", "content/hsb/accessibility.yaml", "content/hsb/workshops/beispiel.yaml"}
    reviewed = {r["file"] for r in result if r["reviewed"]}
    assert reviewed == {"content/en/site.yaml"}, "only the English site.yaml says `review: reviewed`"


def test_editing_german_makes_exactly_that_field_outdated_in_every_translation(project, run):
    edit(project, WORKSHOP, "  - Erstes Ziel.", "  - Erstes Ziel, neu gefasst.")
    for lang in ("en", "hsb"):
        result = states(run, project, lang, f"content/{lang}/workshops/beispiel.yaml")
        assert [field for field, status in result.items() if status != "current"] == ["goals[0]"]
        assert result["goals[0]"] == "outdated"


def test_rewrapping_or_marking_german_changes_nothing(project, run):
    edit(project, WORKSHOP, "summary: Eine Werkstatt, die jedes Feld benutzt.",
         "summary: >-\n  Eine Werkstatt, die jedes\n  Feld benutzt.")
    edit(project, WORKSHOP, "  - Erstes Ziel.", "  - \"[Erstes]{lang=de} Ziel.\"")
    assert {r["status"] for r in records(run, project)} == {"current"}


def test_a_missing_file_makes_every_field_missing(project, run):
    (project / "content/hsb/workshops/beispiel.yaml").unlink()
    result = states(run, project, "hsb", "content/hsb/workshops/beispiel.yaml")
    assert len(result) > 10 and set(result.values()) == {"missing"}
    assert "title" in result and "focus_areas[0].items[0]" in result


def test_a_missing_field_and_an_unrecorded_translation(project, run):
    edit(project, "content/en/workshops/beispiel.yaml", "    text: Takes part.\n", "")
    edit(project, "content/en/workshops/beispiel.yaml", "title: Example workshop", "title: Sample workshop")
    result = states(run, project, "en", "content/en/workshops/beispiel.yaml")
    assert result["partners[0].text"] == "missing"
    assert result["title"] == "current", "editing a translation keeps it current: the German did not change"


def test_text_table_and_markdown_summary(project, run):
    edit(project, WORKSHOP, "  - Erstes Ziel.", "  - Erstes Ziel, neu gefasst.")
    (project / "content/hsb/faq.yaml").unlink()
    code, out, _ = run("--root", str(project), "status")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("en (English): ") and "% current – 1 outdated, 0 missing" in lines[0]
    assert any(line.split()[:4] == ["content/hsb/faq.yaml", "0", "0", "4"] for line in lines)
    assert ("    content/en/workshops/beispiel.yaml:5: goals[0]: outdated "
            "(German text at content/de/workshops/beispiel.yaml:5)") in lines
    assert "    content/hsb/faq.yaml: title: missing (German text at content/de/faq.yaml:2)" in lines
    code, out, _ = run("--root", str(project), "status", "--format", "markdown", "--lang", "hsb")
    assert code == 0
    assert out.startswith("# Translation status\n\n## hsb (Hornjoserbšćina): ")
    assert "| `content/hsb/faq.yaml` | 0 | 0 | 4 | 0 % | draft |" in out
    assert "en (English)" not in out


def test_fail_incomplete_is_for_release_builds(project, run):
    assert run("--root", str(project), "status", "--fail-incomplete")[0] == 0
    edit(project, WORKSHOP, "  - Erstes Ziel.", "  - Erstes Ziel, neu gefasst.")
    code, _, err = run("--root", str(project), "status", "--fail-incomplete")
    assert code == 1 and "2 translated fields are outdated or missing" in err
    assert run("--root", str(project), "status", "--fail-incomplete", "--lang", "en")[0] == 1


def test_mark_current_records_one_file_or_one_field(project, run):
    edit(project, WORKSHOP, "  - Erstes Ziel.", "  - Erstes Ziel, neu gefasst.")
    edit(project, WORKSHOP, "summary: Eine Werkstatt, die jedes Feld benutzt.", "summary: Eine Werkstatt.")
    code, out, err = run("--root", str(project), "mark-current", "--lang", "en",
                         "content/en/workshops/beispiel.yaml", "--field", "goals[0]")
    assert (code, err) == (0, "")
    assert out == "Recorded 1 translated field as current\n"
    result = states(run, project, "en", "content/en/workshops/beispiel.yaml")
    assert (result["goals[0]"], result["summary"]) == ("current", "outdated")
    assert states(run, project, "hsb", "content/hsb/workshops/beispiel.yaml")["goals[0]"] == "outdated"
    record = (project / "content/en/translated-from.yaml").read_text(encoding="utf-8")
    assert f'  "goals[0]": "{fingerprint("Erstes Ziel, neu gefasst.")}"\n' in record
    assert run("--root", str(project), "mark-current", "--lang", "en", "workshops/beispiel.yaml")[0] == 0
    assert set(states(run, project, "en", "content/en/workshops/beispiel.yaml").values()) == {"current"}
    code, out, _ = run("--root", str(project), "mark-current", "--lang", "en")
    assert code == 0 and "already up to date" in out


def test_mark_current_explains_wrong_arguments(project, run):
    code, _, err = run("--root", str(project), "mark-current", "--lang", "en", "content/de/faq.yaml")
    assert code == 1 and "content/de/faq.yaml: not a translation file of 'en'" in err
    code, _, err = run("--root", str(project), "mark-current", "--lang", "xx")
    assert code == 2 and "'xx' is not a translation language; use one of en, hsb" in err
    code, _, err = run("--root", str(project), "mark-current", "--lang", "en", "--field", "nope")
    assert code == 1 and "no translated field 'nope' found" in err


def test_a_damaged_record_file_is_explained(project, run):
    (project / "content/en/translated-from.yaml").write_text("faq.yaml:\n  title: 12\n", encoding="utf-8")
    code, _, err = run("--root", str(project), "status")
    assert code == 1
    assert "content/en/translated-from.yaml:2:10: expected a fingerprint of 16 hexadecimal digits" in err


def test_the_real_content_is_fully_translated_and_recorded():
    content = load_content(REPOSITORY / "content", REPOSITORY)
    for language in content.languages[1:]:
        todo = [f"{s.file}: {s.field}: {s.status}" for s in content.by_language[language.code].status
                if s.status != "current"]
        assert todo == [], "translate, then run `sitegen mark-current`"


def test_check_strict_makes_unknown_words_errors(tmp_path, run):
    shutil.copytree(REPOSITORY / "content", tmp_path / "content")
    shutil.copy(FIXTURES / "minimal/content/de/publisher.yaml", tmp_path / "content/de/publisher.yaml")  # complete
    edit(tmp_path, "content/en/workshops/infrastruktur-mobilitaet.yaml", "The workshop supports",
         "The workshap supports")
    code, out, err = run("--root", str(tmp_path), "check")
    assert code == 0 and out.endswith("no errors, 1 warning\n")
    assert "content/en/workshops/infrastruktur-mobilitaet.yaml:4:7: [warning] unknown word 'workshap' (en)" in err
    code, _, err = run("--root", str(tmp_path), "check", "--strict")
    assert code == 1
    assert "content/en/workshops/infrastruktur-mobilitaet.yaml:4:7: unknown word 'workshap' (en)" in err


def test_check_catches_the_seed_sites_failure(tmp_path, run):
    # The region's "English" FAQ page is German with "ENG –" in front; here that is an error.
    shutil.copytree(REPOSITORY / "content", tmp_path / "content")
    edit(tmp_path, "content/en/workshops/infrastruktur-mobilitaet.yaml",
         "The workshop supports projects for transport, energy and digital infrastructure.",
         "ENG – Die Werkstatt begleitet Projekte für die Verkehrs-, Energie- und digitale Infrastruktur.")
    edit(tmp_path, "content/hsb/faq.yaml", "title: Husto stajene prašenja",
         "title: Häufig gestellte Fragen zu den Werkstätten in der Lausitz")
    code, out, err = run("--root", str(tmp_path), "check")
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert any(line.startswith("content/en/workshops/infrastruktur-mobilitaet.yaml:3:") and "“ENG –”" in line
               and "looks German (de" in line for line in lines), err
    assert any(line.startswith("content/hsb/faq.yaml:") and "looks German (de" in line
               and "not Upper Sorbian" in line for line in lines), err
