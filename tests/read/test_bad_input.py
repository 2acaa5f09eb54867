"""Bad input, careless or hostile, never breaks or silently alters the site.

Each case below changes one thing in a copy of the minimal fixture content. `sitegen check` and
`sitegen build` must name the file, the line and the fix, exit with 1, never show a traceback,
and leave content/ and the previously built docs/ exactly as they were. A few cases that the
site handles safely instead (a byte-order mark, decomposed letters, `1e3`) are tested apart.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tracemalloc
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from conftest import REPOSITORY
from sitegen.cli import main
from sitegen.content.tree import load_content
from sitegen.core.errors import ContentError
from sitegen.read.load import MAX_FILE_BYTES

WORKSHOP = "de/workshops/beispiel.yaml"
ARTIFACTS = Path(os.environ.get("SITEGEN_ARTIFACTS", REPOSITORY / "test-artifacts"))


@dataclass
class Case:
    id: str
    file: str  # inside content/
    change: Callable[[bytes], bytes] | None  # the new bytes of `file`; None: `file` is made by `setup`
    line: int  # the line the first message names (0: the file as a whole)
    says: str  # a part of the first message that names the fault or the fix
    setup: Callable[[Path], None] | None = None  # further changes to the content folder


def replace(old: str, new: str, count: int = 1) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        text = data.decode("utf-8")
        assert old in text, old
        return text.replace(old, new, count).encode("utf-8")
    return change


def append(extra: str) -> Callable[[bytes], bytes]:
    return lambda data: data + extra.encode("utf-8")


def content(data: bytes | str) -> Callable[[bytes], bytes]:
    return lambda _: data.encode("utf-8") if isinstance(data, str) else data


def title(value: str) -> Callable[[bytes], bytes]:
    return replace("title: Beispielwerkstatt", f"title: {value}")


BILLION_LAUGHS = "\n".join(
    ["# yaml-language-server: $schema=../../../schema/workshop.schema.json", 'a: &a ["lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + level)}: &{chr(98 + level)} [" + ",".join([f"*{chr(97 + level)}"] * 9) + "]" for level in range(8)]
) + "\n"


def symlink_to_outside(name: str) -> Callable[[Path], None]:
    def setup(folder: Path) -> None:
        secret = folder.parent / "secret.yaml"
        secret.write_text("title: Geheim\n", encoding="utf-8")
        (folder / name).symlink_to(secret)
    return setup


def copy_workshop_as(name: str) -> Callable[[Path], None]:
    def setup(folder: Path) -> None:
        (folder / "de" / "workshops" / name).write_bytes((folder / WORKSHOP).read_bytes())
    return setup


def write_file(name: str, text: str) -> Callable[[Path], None]:
    def setup(folder: Path) -> None:
        (folder / name).write_text(text, encoding="utf-8")
    return setup


CASES = [
    # YAML syntax
    Case("syntax-colon", WORKSHOP, replace("summary: Eine Werkstatt", "summary: Achtung: eine Werkstatt"), 3,
         'a text containing ": " must be put in double quotes'),
    Case("tab-indentation", WORKSHOP, replace("goals:\n  - Erstes", "goals:\n\t- Erstes"), 5,
         "indent with spaces, not tab characters"),
    Case("unclosed-quote", WORKSHOP, replace("title: Beispielwerkstatt", 'title: "Beispielwerkstatt'), 2,
         'the text in quotes that starts here is not closed, so YAML reads on to the next " (line 23)'),
    Case("unclosed-quote-to-the-end", "de/faq.yaml", replace("title: Fragen", 'title: "Fragen'), 2,
         'the text in quotes that starts here is not closed; add the closing " at the end of the text'),
    Case("bad-escape", WORKSHOP, title(r'"C:\Daten\Werkstatt"'), 2, r"write \\ for a backslash itself"),
    Case("second-document", WORKSHOP, append("---\ntitle: Zweites Dokument\n"), 33, "a second document"),
    Case("duplicate-key", WORKSHOP, append("title: Noch ein Titel\n"), 33,
         "the field 'title' appears twice (first on line 2); keep one and delete the other"),
    Case("duplicate-nested-key", WORKSHOP, replace("    text: Text zum Schwerpunkt.",
                                                   "    text: Text zum Schwerpunkt.\n    title: Doppelt"), 10,
         "the field 'title' appears twice (first on line 8)"),
    Case("list-as-key", WORKSHOP, append("? [a, b]\n: c\n"), 33, "a field name must be a plain word"),
    # Encoding and shape of the file
    Case("invalid-utf8", WORKSHOP, lambda data: data.replace("Budyšin".encode(), "Budyšin".encode("cp1250")), 29,
         "the file is not valid UTF-8 text; save it with UTF-8 encoding"),
    Case("utf16", WORKSHOP, lambda data: data.decode("utf-8").encode("utf-16"), 1,
         "the file is saved as UTF-16 text; save it with UTF-8 encoding"),
    Case("empty-file", WORKSHOP, content(b""), 1, "but the file is empty"),
    Case("only-comments", WORKSHOP, content("# Hier kommt noch was.\n"), 1, "but the file is empty"),
    Case("top-level-list", WORKSHOP, content("- title: Beispielwerkstatt\n"), 1, "but it holds a list"),
    Case("top-level-text", WORKSHOP, content("Beispielwerkstatt\n"), 1, "but it holds 'Beispielwerkstatt'"),
    Case("oversize", WORKSHOP, replace("summary: Eine Werkstatt, die jedes Feld benutzt.",
                                       "summary: " + "Eine Werkstatt. " * (MAX_FILE_BYTES // 16)), 0,
         "more than the 256 KB a content file may have"),
    # YAML 1.1 reads these as something else than text
    Case("yaml11-no", WORKSHOP, replace("  - Thema A", "  - no"), 14,
         'YAML reads no as the yes/no value false; put it in double quotes: "no"'),
    Case("yaml11-on", WORKSHOP, title("on"), 2, 'YAML reads on as the yes/no value true; put it in double quotes: "on"'),
    Case("yaml11-octal", WORKSHOP, title("0777"), 2, 'YAML reads 0777 as the number 511; put it in double quotes: "0777"'),
    Case("yaml11-exponent", WORKSHOP, title("1.5e+3"), 2, 'YAML reads 1.5e+3 as the number 1500.0'),
    Case("yaml11-underscore", WORKSHOP, title("12_000"), 2, 'YAML reads 12_000 as the number 12000'),
    Case("yaml11-infinity", WORKSHOP, title(".inf"), 2, 'YAML reads .inf as the number inf'),
    Case("yaml11-sexagesimal", WORKSHOP, title("1:20"), 2, 'YAML reads 1:20 as the number 80'),
    Case("yaml11-date", WORKSHOP, title("2027-03-15"), 2,
         'it is the date 2027-03-15; put it in double quotes: "2027-03-15"'),
    Case("yaml11-null", WORKSHOP, title("~"), 2, "the field 'title' must be text, but it is empty"),
    Case("impossible-date", WORKSHOP, replace("date: 2027-03-15", "date: 2027-13-45"), 27, "2027-13-45"),
    Case("date-with-time", WORKSHOP, replace("date: 2027-03-15", "date: 2027-03-15 18:00"), 27,
         "must be a date like 2027-03-15"),
    # Aliases, tags and nesting: nothing is built that the content does not need
    Case("billion-laughs", WORKSHOP, content(BILLION_LAUGHS), 2, "anchors and aliases (& and *) are not allowed"),
    Case("alias", WORKSHOP, append("members: *partner\n"), 33, "anchors and aliases (& and *) are not allowed"),
    Case("merge-key", WORKSHOP, append("<<: {title: Anderer Titel}\n"), 33, "merge keys (<<) are not allowed"),
    Case("python-tag", WORKSHOP, title("!!python/object/apply:os.system ['touch /tmp/sitegen-pwned']"), 2,
         "the tag tag:yaml.org,2002:python/object/apply:os.system is not allowed; remove it"),
    Case("python-name-tag", WORKSHOP, title("!!python/name:os.system"), 2, "is not allowed; remove it"),
    Case("unknown-tag", WORKSHOP, title("!werkstatt Beispiel"), 2, "the tag !werkstatt is not allowed; remove it"),
    Case("binary-tag", WORKSHOP, title("!!binary aGFsbG8="), 2, "the tag tag:yaml.org,2002:binary is not allowed"),
    Case("set-tag", WORKSHOP, replace("topics:\n  - Thema A", "topics: !!set {Thema A}"), 13,
         "the tag tag:yaml.org,2002:set is not allowed"),
    Case("deep-nesting", WORKSHOP, title("[" * 200 + "]" * 200), 2, "nested far too deeply"),
    # Characters no reader could see
    Case("control-character", WORKSHOP, title("Beispiel\x07werkstatt"), 2, "the file contains the invisible character U+0007"),
    Case("escaped-nul", WORKSHOP, title(r'"Beispiel\0werkstatt"'), 2, "U+0000"),
    Case("escaped-bidi-override", WORKSHOP, title(r'"Beispiel\u202Ekrowskrow"'), 2,
         "U+202E (RIGHT-TO-LEFT OVERRIDE); delete it"),
    Case("bidi-isolate", WORKSHOP, title("Beispiel\u2066werkstatt"), 2, "U+2066 (LEFT-TO-RIGHT ISOLATE)"),
    Case("zero-width-space", WORKSHOP, title("Beispiel\u200bwerkstatt"), 2, "U+200B (ZERO WIDTH SPACE)"),
    Case("byte-order-mark-inside", WORKSHOP, title("Beispiel\ufeffwerkstatt"), 2, "U+FEFF"),
    Case("private-use", WORKSHOP, title("Beispiel \ue000"), 2, "U+E000"),
    Case("next-line-control", WORKSHOP, title("Beispiel\x85werkstatt"), 2, "U+0085"),
    Case("escaped-surrogate", WORKSHOP, title(r'"Beispiel\ud800"'), 2, "YAML syntax error"),
    Case("noncharacter", WORKSHOP, title("Beispiel\ufdd0"), 2, "U+FDD0"),
    # Names that would leave docs/, or take another page's place
    Case("slug-dot", "de/workshops/..yaml", None, 0, "the file name must be a short name",
         setup=copy_workshop_as("..yaml")),
    Case("slug-capitals", "de/workshops/Neu.yaml", None, 0, "the file name must be a short name",
         setup=copy_workshop_as("Neu.yaml")),
    Case("slug-overview", "de/workshops/index.yaml", None, 0, "/workshops/index/ is the overview page",
         setup=copy_workshop_as("index.yaml")),
    Case("slug-windows-device", "de/workshops/con.yaml", None, 0, "Windows reserves it for a device",
         setup=copy_workshop_as("con.yaml")),
    Case("slug-too-long", f"de/workshops/{'a' * 81}.yaml", None, 0, "at most 80 characters",
         setup=copy_workshop_as(f"{'a' * 81}.yaml")),
    Case("see-also-parent", "de/faq.yaml", replace("      - beispiel", "      - ../../../etc/passwd"), 9,
         "use the short name of a workshop"),
    Case("see-also-absolute", "de/faq.yaml", replace("      - beispiel", "      - /etc/passwd"), 9,
         "use the short name of a workshop"),
    Case("see-also-missing", "de/faq.yaml", replace("      - beispiel", "      - gibt-es-nicht"), 9,
         "there is no workshop 'gibt-es-nicht'"),
    Case("see-also-twice", "de/faq.yaml", replace("      - beispiel", "      - beispiel\n      - beispiel"), 10,
         "the workshop 'beispiel' is listed twice"),
    Case("translation-without-source", "en/workshops/fehlt.yaml", None, 0, "this translation has no German source",
         setup=write_file("en/workshops/fehlt.yaml", "review: draft\n")),
    Case("same-title-twice", "de/workshops/zweite.yaml", None, 2, "another workshop has the same title",
         setup=copy_workshop_as("zweite.yaml")),
    Case("language-code-path", "languages.yaml", replace("  - code: en", "  - code: ../en"), 16,
         "use a language code of two or three lowercase letters"),
    Case("language-code-device", "languages.yaml", replace("  - code: en", "  - code: nul"), 16,
         "Windows reserves it for a device"),
    Case("language-twice", "languages.yaml", replace("  - code: hsb", "  - code: en"), 20,
         "the language 'en' is declared twice"),
    Case("record-outside", "en/translated-from.yaml", append("../../etc/passwd.yaml:\n  title: 0123456789abcdef\n"),
         0, "translated-from.yaml"),
    Case("symlink-file", "de/workshops/verlinkt.yaml", None, 0, "this is a symbolic link",
         setup=symlink_to_outside("de/workshops/verlinkt.yaml")),
    Case("symlink-folder", "en/workshops", None, 0, "this is a symbolic link",
         setup=lambda folder: (os.rename(folder / "en/workshops", folder.parent / "elsewhere"),
                               (folder / "en/workshops").symlink_to(folder.parent / "elsewhere"))),
    Case("stray-file", "de/workshops/notizen.txt", None, 0, "unexpected file; a workshop file ends in .yaml",
         setup=write_file("de/workshops/notizen.txt", "Notizen\n")),
    # Markup in texts every language shares, and a value that would forge a message line of its own
    Case("contact-name-html", WORKSHOP, replace("name: Erika Mustermann", "name: Erika <img src=x onerror=alert(1)>"),
         20, "a text may not contain HTML"),
    Case("language-name-html", "languages.yaml", replace("name: English", "name: <b>English</b>"), 17,
         "a text may not contain HTML"),
    Case("forged-message-line", WORKSHOP, replace("url: https://example.org/",
                                                  'url: "https://example.org/\\ncontent/de/faq.yaml:1:1: fake"'), 32,
         "https://example.org/\\ncontent/de/faq.yaml:1:1: fake"),
    # Structure
    Case("unknown-field", WORKSHOP, replace("summary:", "sumary:"), 3, "unknown field 'sumary'; did you mean 'summary'?"),
    Case("text-instead-of-list", WORKSHOP, replace("goals:\n  - Erstes Ziel.", "goals: Erstes Ziel.\ngoals_x:"), 4,
         "must be a list with one `- ` line per entry"),
]


def tree(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file below `folder`, read through links: its checksum and modification time."""
    files = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            files[path.relative_to(folder).as_posix()] = (hashlib.sha256(path.read_bytes()).hexdigest(),
                                                          path.stat().st_mtime_ns)
    return files


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A project whose docs/ was built from the valid fixture content."""
    from conftest import FIXTURES
    import shutil

    root = tmp_path_factory.mktemp("built")
    shutil.copytree(FIXTURES / "minimal" / "content", root / "content")
    assert main(["--root", str(root), "build"]) == 0
    return root


def apply(case: Case, root: Path) -> None:
    folder = root / "content"
    if case.setup:
        case.setup(folder)
    if case.change:
        target = folder / case.file
        target.write_bytes(case.change(target.read_bytes()))


@pytest.fixture
def project_with(built, tmp_path):
    import shutil

    def make(case: Case) -> Path:
        root = tmp_path / "project"
        shutil.copytree(built, root, symlinks=True)
        apply(case, root)
        return root
    return make


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input_is_refused_at_its_line_and_nothing_changes(case, project_with, capsys):
    root = project_with(case)
    content_before, docs_before = tree(root / "content"), tree(root / "docs")
    for command in ("check", "build"):
        code = main(["--root", str(root), command])
        out, err = capsys.readouterr()
        assert code == 1, (command, out, err)
        assert "Traceback" not in err and "internal error" not in err, err
        where = f"content/{case.file}" + (f":{case.line}:" if case.line else ":")
        named = [line for line in err.splitlines() if case.says in line]
        assert named and named[0].startswith(where), (err, where)
        # One line per problem, each naming a file of the content, then the summary.
        assert all(line.startswith("content/") for line in err.splitlines()[:-1]), err
        assert not any(line.startswith("content/de/faq.yaml:1:1: fake") for line in err.splitlines())
        assert err.rstrip().endswith("nothing was written. Fix the lines above and run the command again.")
    assert tree(root / "content") == content_before
    assert tree(root / "docs") == docs_before


def test_every_case_changes_the_fixture_in_a_way_that_matters(built, tmp_path):
    """Guards the table: the unchanged fixture is valid, so each case fails because of its change."""
    assert main(["--root", str(built), "check"]) == 0


@pytest.mark.parametrize("command", [["mark-current", "--lang", "en"], ["status"], ["export-po", "--lang", "hsb",
                                                                                     "--out", "po"]])
def test_other_commands_refuse_bad_input_and_write_nothing(command, project_with, capsys):
    root = project_with(next(case for case in CASES if case.id == "duplicate-key"))
    before = tree(root)
    code = main(["--root", str(root)] + [part if part != "po" else str(root / "po") for part in command])
    err = capsys.readouterr().err
    assert code == 1
    assert "content/de/workshops/beispiel.yaml:33:1: the field 'title' appears twice" in err
    assert tree(root) == before


# The worst cases, run as editors and CI run them: the installed command, in its own process.
WORST = ["billion-laughs", "deep-nesting", "python-tag", "oversize", "invalid-utf8", "escaped-bidi-override"]


@pytest.mark.parametrize("case_id", WORST)
def test_the_real_command_exits_1_without_a_traceback(case_id, project_with):
    case = next(case for case in CASES if case.id == case_id)
    root = project_with(case)
    sitegen = Path(sys.executable).with_name("sitegen")
    result = subprocess.run([str(sitegen), "--root", str(root), "build"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert case.says in result.stderr
    assert not Path("/tmp/sitegen-pwned").exists()


def test_mkdocs_reports_bad_input_without_a_traceback(tmp_path):
    from conftest import copy_site_project

    project = copy_site_project(tmp_path)
    workshop = next((project / "content/de/workshops").glob("*.yaml"))
    workshop.write_text(BILLION_LAUGHS, encoding="utf-8")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    result = subprocess.run([str(mkdocs), "build", "--strict"], cwd=project, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=300)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"content/de/workshops/{workshop.name}:2:4: anchors and aliases (& and *) are not allowed" in result.stderr


def alias_bomb(size: int) -> str:
    """As many levels of nine aliases each as fit in `size` bytes: expanded, far more than any memory."""
    lines, level = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'], 0
    while sum(len(line) + 1 for line in lines) < size - 200:
        level += 1
        lines.append(f"a{level}: &a{level} [" + ",".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def peak_memory(root: Path) -> int:
    """Peak Python memory, in bytes, of loading and validating all content of `root`."""
    tracemalloc.start()
    try:
        try:
            load_content(root / "content", root)
        except ContentError:
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_hostile_files_fail_fast_in_little_memory(project_with, tmp_path):
    """Every case, and the largest alias bomb and bracket nest that fit in a file: the memory they
    need stays close to that of the valid content. The figures go to test-artifacts/."""
    import shutil

    valid = tmp_path / "valid"
    shutil.copytree(project_with(Case("valid", WORKSHOP, None, 0, "")), valid, symlinks=True)
    baseline = peak_memory(valid)
    worst = {"alias-bomb-max-size": content(alias_bomb(MAX_FILE_BYTES)),
             "nesting-max-size": content("title: " + "[" * (MAX_FILE_BYTES // 2 - 100) + "]" * (MAX_FILE_BYTES // 2 - 100))}
    cases = CASES + [Case(name, WORKSHOP, change, 0, "") for name, change in worst.items()]
    peaks = {}
    for case in cases:
        root = tmp_path / case.id
        shutil.copytree(valid, root, symlinks=True)
        apply(case, root)
        peaks[case.id] = peak_memory(root)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    report = {"valid_content_peak_bytes": baseline, "cases": len(cases),
              "peak_bytes": dict(sorted(peaks.items(), key=lambda item: -item[1]))}
    (ARTIFACTS / "bad-input-memory.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    assert len(alias_bomb(MAX_FILE_BYTES).encode()) <= MAX_FILE_BYTES
    # Expanded, the alias bomb would hold 9 ** levels strings; refused, it costs less than the file itself
    # on top of the valid content (the oversize file is refused before it is read).
    for name, peak in peaks.items():
        assert peak < baseline + 2 * MAX_FILE_BYTES + 1024 * 1024, (name, peak, baseline)


def test_a_byte_order_mark_is_ignored(project_with, capsys):
    root = project_with(Case("bom", WORKSHOP, lambda data: b"\xef\xbb\xbf" + data, 0, ""))
    assert main(["--root", str(root), "build"]) == 0
    page = (root / "docs/de/workshops/beispiel.md").read_text(encoding="utf-8")
    assert "\ufeff" not in page and 'title: "Beispielwerkstatt"' in page


def test_decomposed_letters_are_published_composed(project_with):
    decomposed = "Bu\u0301dys\u030cin"  # "Búdyšin" typed with combining accents, as some keyboards do
    root = project_with(Case("nfd", WORKSHOP, title(f'"{decomposed} Werkstatt"'), 0, ""))
    assert main(["--root", str(root), "build"]) == 0
    page = (root / "docs/de/workshops/beispiel.md").read_text(encoding="utf-8")
    assert "Búdyšin Werkstatt" in page and decomposed not in page
    assert all(unicodedata.is_normalized("NFC", path.read_text(encoding="utf-8"))
               for path in (root / "docs").rglob("*.md"))


@pytest.mark.parametrize("written", ["1e3", "0x1G", "2027-3-5", "+49 355 000000", "yes please", "Null Problem"])
def test_texts_that_only_look_like_other_values_stay_text(written, project_with):
    root = project_with(Case("text", WORKSHOP, title(written), 0, ""))
    content = load_content(root / "content", root)
    assert content.source.workshops["beispiel"].title == written
