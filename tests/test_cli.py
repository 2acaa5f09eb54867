"""`sitegen check` and `sitegen build` on real content trees: messages, exit codes, files written."""

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPOSITORY, write


def test_check_passes_on_the_repository_content(run):
    """No problem but the publisher's facts, which nobody has given yet (content/de/publisher.yaml)."""
    code, out, err = run("--root", str(REPOSITORY), "check")
    assert code == 0
    assert [line.split(": [warning] ")[0].split(":")[0] for line in err.splitlines()] == ["content/de/publisher.yaml"] * 14
    assert out == "OK: 34 content files in 3 languages (de, en, hsb), no errors, 14 warnings\n"


def test_check_reports_every_problem_at_file_line_column(project, run):
    workshop = project / "content/de/workshops/beispiel.yaml"
    workshop.write_text(workshop.read_text().replace("title: Beispielwerkstatt", "titel: Beispielwerkstatt"))
    write(project, "content/hsb/faq.yaml", "title: Prašenja\ntitle: Prašenja\nquestions: []\n")
    translation = project / "content/en/workshops/beispiel.yaml"
    translation.write_text(translation.read_text().replace("    text: Takes part.", "    url: https://example.org/"))
    code, out, err = run("--root", str(project), "check")
    assert code == 1
    assert out == ""
    assert err.splitlines() == [
        "content/de/workshops/beispiel.yaml:2:1: the required field 'title' is missing; add it",
        "content/de/workshops/beispiel.yaml:2:8: unknown field 'titel'; did you mean 'title'?",
        "content/en/workshops/beispiel.yaml:17:10: 'url' is the same in every language and comes from the German "
        "file; delete it here",
        "content/hsb/faq.yaml:2:1: the field 'title' appears twice (first on line 1); keep one and delete the other",
        "4 errors found; nothing was written. Fix the lines above and run the command again.",
    ]


def test_translation_without_german_source(project, run):
    write(project, "content/en/workshops/beispil.yaml", "title: A\nsummary: B\ngoals:\n  - C\n")
    code, _, err = run("--root", str(project), "check")
    assert code == 1
    assert err.splitlines()[0] == (
        "content/en/workshops/beispil.yaml: this translation has no German source "
        "content/de/workshops/beispil.yaml; check the file name, or create the German file first"
    )


def test_missing_translation_is_a_warning(project, run):
    (project / "content/hsb/workshops/beispiel.yaml").unlink()
    code, out, err = run("--root", str(project), "check")
    assert code == 0
    assert err == ("content/hsb/workshops/beispiel.yaml: [warning] the translation is missing; "
                   "readers of 'hsb' see the German text, marked as German\n")
    assert out.endswith("no errors, 1 warning\n")


def test_cross_file_problems(project, run):
    faq = project / "content/de/faq.yaml"
    faq.write_text(faq.read_text().replace("- beispiel", "- gibt-es-nicht"))
    write(project, "content/dsb/site.yaml", "site_name: X\n")
    write(project, "content/de/workshops/Falsch_Name.yaml", "title: A\n")
    write(project, "content/en/notes.txt", "hello\n")
    code, _, err = run("--root", str(project), "check")
    assert code == 1
    assert err.splitlines()[:-1] == [
        "content/de/faq.yaml:9:9: there is no workshop 'gibt-es-nicht'; use the file name of a workshop without .yaml",
        "content/de/workshops/Falsch_Name.yaml: the file name must be a short name of lowercase letters a-z, "
        "digits and hyphens, e.g. innovation-digitalisierung.yaml",
        "content/dsb: 'dsb' is not a declared language; add it to content/languages.yaml or remove the folder",
        "content/en/notes.txt: unexpected file; content files are accessibility.yaml, faq.yaml, impressum.yaml, "
        "privacy.yaml, site.yaml, theme.yaml and workshops/<name>.yaml",
    ]


def test_languages_file_problems(project, run):
    write(project, "content/languages.yaml",
          "languages:\n  - code: de\n    name: Deutsch\n    source: true\n  - code: EN\n    name: English\n"
          "    source: true\n")
    code, _, err = run("--root", str(project), "check")
    assert code == 1
    assert err.splitlines()[0] == (
        "content/languages.yaml:5:11: the field 'code' is not valid ('EN'): use a language code of two or three "
        "lowercase letters, e.g. de, en, hsb"
    )


def test_missing_theme_strings(project, run):
    theme = project / "content/hsb/theme.yaml"
    theme.write_text(theme.read_text().replace('  search.placeholder: ', '  search.platzhalter: '))
    code, _, err = run("--root", str(project), "check")
    assert code == 1
    lines = err.splitlines()
    assert lines[0] == "content/hsb/theme.yaml:5:3: the required field 'search.placeholder' is missing in 'strings'; add it"
    assert lines[1].endswith(": unknown field 'search.platzhalter'; did you mean 'search.placeholder'?")


def test_build_writes_pages_and_removes_stale_ones(project, run):
    code, out, _ = run("--root", str(project), "build")
    assert code == 0
    assert out == "Built 22 pages into docs/ (22 written, 0 unchanged, 0 removed) and 3 theme language files\n"
    page = project / "docs/hsb/workshops/beispiel.md"
    assert page.read_text(encoding="utf-8").startswith('---\ntitle: "Přikładna dźěłarnja"')
    assert (project / "overrides/partials/languages/hsb.html").is_file()
    first = {p: p.read_bytes() for p in generated_files(project) if p.suffix == ".md"}
    mtimes = {p: p.stat().st_mtime_ns for p in first}

    code, out, _ = run("--root", str(project), "build")
    assert out == "Built 22 pages into docs/ (0 written, 22 unchanged, 0 removed) and 3 theme language files\n"
    assert {p: p.read_bytes() for p in first} == first
    assert {p: p.stat().st_mtime_ns for p in first} == mtimes

    for language in ("de", "en", "hsb"):
        write(project, f"content/{language}/workshops/zweite.yaml", "title: Zwei\nsummary: Zwei.\ngoals:\n  - Zwei.\n")
    code, out, _ = run("--root", str(project), "build")
    assert out == "Built 25 pages into docs/ (9 written, 16 unchanged, 0 removed) and 3 theme language files\n"
    for language in ("de", "en", "hsb"):
        (project / f"content/{language}/workshops/zweite.yaml").unlink()
    code, out, _ = run("--root", str(project), "build")
    assert out == "Built 22 pages into docs/ (6 written, 16 unchanged, 3 removed) and 3 theme language files\n"
    assert not (project / "docs/hsb/workshops/zweite.md").exists()
    assert {p: p.read_bytes() for p in first} == first


def test_failed_build_writes_nothing(project, run):
    run("--root", str(project), "build")
    before = {p: p.read_bytes() for p in generated_files(project)}
    write(project, "content/de/site.yaml", "site_name: [unclosed\n")
    code, _, err = run("--root", str(project), "build")
    assert code == 1
    assert err.startswith("content/de/site.yaml:2:1: YAML syntax error: ")
    assert {p: p.read_bytes() for p in generated_files(project)} == before


def generated_files(project: Path) -> list[Path]:
    """The files of docs/ and overrides/ as MkDocs sees them: through the symlinks into docs/.sitegen/."""
    files = []
    for top in ("docs", "overrides"):
        for folder, dirs, names in os.walk(project / top, followlinks=True):
            dirs[:] = [name for name in dirs if name != ".sitegen"]
            files += [Path(folder, name) for name in names]
    return sorted(files)


def test_console_script_and_module_give_the_same_answer(project):
    console = Path(sys.executable).with_name("sitegen")
    for command in ([str(console)], [sys.executable, "-m", "sitegen"]):
        result = subprocess.run(command + ["--root", str(project), "check"], capture_output=True, text=True,
                                env={**os.environ, "PYTHONWARNINGS": "error"})
        assert (result.returncode, result.stderr) == (0, "")
        assert result.stdout.startswith("OK: 22 content files")


def test_no_traceback_for_broken_input(project):
    write(project, "content/de/workshops/beispiel.yaml", "\x00\x01 title: [")
    result = subprocess.run([sys.executable, "-m", "sitegen", "--root", str(project), "check"],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == (
        "content/de/workshops/beispiel.yaml:1:1: the file contains the invisible character U+0000 (a control "
        "character); delete it (retype the text if you cannot see where it is)")


def test_every_command_is_documented():
    result = subprocess.run([sys.executable, "-m", "sitegen", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "check" in result.stdout and "Validate all content" in result.stdout
    assert "build" in result.stdout and "render the Markdown pages" in result.stdout


def test_po_exchange_through_the_command_line(project, run, tmp_path):
    out = tmp_path / "po"
    code, stdout, _ = run("--root", str(project), "export-po", "--lang", "hsb", "--out", str(out))
    assert code == 0 and stdout == f"Wrote 7 PO files for 'hsb' into {out}\n"
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.po")) == [
        "accessibility.po", "faq.po", "impressum.po", "privacy.po", "site.po", "theme.po", "workshops/beispiel.po"]
    po = out / "workshops/beispiel.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Prěni cil."', 'msgstr "Nowy prěni cil."'),
                  encoding="utf-8")
    code, stdout, err = run("--root", str(project), "import-po", "--lang", "hsb", str(out))
    assert (code, err) == (0, "")
    assert stdout.startswith("Imported 'hsb': 1 texts written, ")
    assert "  - Nowy prěni cil.\n" in (project / "content/hsb/workshops/beispiel.yaml").read_text(encoding="utf-8")
    code, _, err = run("--root", str(project), "export-po", "--lang", "de", "--out", str(out))
    assert code == 2 and "'de' is not a translation language" in err


def test_a_root_that_is_not_a_folder_is_a_usage_error(tmp_path, run):
    for root in (tmp_path / "missing", tmp_path / "file.txt"):
        if root.name == "file.txt":
            root.write_text("x", encoding="utf-8")
        code, out, err = run("--root", str(root), "check")
        assert (code, out) == (2, "")
        assert err == (f"sitegen: --root '{root}' is not a folder; give the project folder, the one that holds "
                       "content/ (default: the current folder)\n")
