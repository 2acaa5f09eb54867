"""Files from outside that are not what they should be: special files, other encodings, huge worst cases,
texts that show nothing, a search language the theme lacks, and `sitegen new` held to check's rules.

Every case runs the real command in its own process, with a time limit: a hang fails the test instead
of stalling the suite."""

from __future__ import annotations

import functools
import hashlib
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPOSITORY, copy_site_project, sitegen as run_sitegen

LIMIT = 60  # seconds; every command here finishes in a few, a hang fails at this limit
ENVIRONMENT = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
WORKSHOP = "content/de/workshops/infrastruktur-mobilitaet.yaml"


sitegen = functools.partial(run_sitegen, timeout=LIMIT)  # tests/conftest.py's, with this file's time limit


def tree(folder: Path) -> dict[str, str]:
    """Every entry below `folder` and what it is: a file's hash, 'dir', 'fifo' or a link's target."""
    found = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[name] = "-> " + os.readlink(path)
        elif path.is_fifo():
            found[name] = "fifo"
        elif path.is_dir():
            found[name] = "dir"
        else:
            found[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_site_project(tmp_path)


def assert_refused(result: subprocess.CompletedProcess, expected: str, code: int = 1) -> None:
    assert result.returncode == code, result.stderr
    assert expected in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


# --- Special files: refused at their name, never read -------------------------------------------------


SPECIAL = [
    ("workshop-fifo", "content/de/workshops/x.yaml", "fifo",
     "content/de/workshops/x.yaml: this is a named pipe (FIFO), not a file; replace it with a regular text file"),
    ("languages-fifo", "content/languages.yaml", "fifo",
     "content/languages.yaml: this is a named pipe (FIFO), not a file"),
    ("site-fifo", "content/en/site.yaml", "fifo", "content/en/site.yaml: this is a named pipe (FIFO), not a file"),
    ("wordlist-fifo", "content/de/wordlist.txt", "fifo",
     "content/de/wordlist.txt: this is a named pipe (FIFO), not a file"),
    ("wordlist-folder", "content/hsb/wordlist.txt", "folder",
     "content/hsb/wordlist.txt: this is a folder, not a file; a file of this name is expected here"),
    ("workshop-folder", "content/de/workshops/ordner.yaml", "folder",
     "content/de/workshops/ordner.yaml: this is a folder, not a file"),
]


def make_special(project: Path, relative: str, kind: str) -> None:
    path = project / relative
    if path.exists():
        path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()
        (path / "inside.yaml").write_text("title: x\n", encoding="utf-8")


# `build` does not check the spelling, so it never opens a word list.
RUNS = [("check", *case) for case in SPECIAL] + [("build", *case) for case in SPECIAL if "wordlist" not in case[1]]


@pytest.mark.parametrize("command, name, relative, kind, expected", RUNS, ids=[f"{run[0]}-{run[1]}" for run in RUNS])
def test_a_special_file_is_named_not_read(project, command, name, relative, kind, expected):
    make_special(project, relative, kind)
    before = tree(project)
    result = sitegen(project, command)
    assert_refused(result, expected)
    assert tree(project) == before


def test_mkdocs_names_a_fifo_in_the_content_and_does_not_hang(project):
    make_special(project, "content/de/workshops/x.yaml", "fifo")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True,
                            text=True, env=ENVIRONMENT, timeout=LIMIT, stdin=subprocess.DEVNULL)
    assert result.returncode == 1
    assert "content/de/workshops/x.yaml: this is a named pipe (FIFO), not a file" in result.stderr
    assert "Traceback" not in result.stderr


# --- Other encodings and line endings ------------------------------------------------------------------


def test_a_word_list_in_windows_1250_gets_a_message_at_its_line(project):
    (project / "content/hsb/wordlist.txt").write_bytes("# Słowa\nBudyšin\nŽitawa\n".encode("cp1250"))
    assert_refused(sitegen(project, "check"),
                   "content/hsb/wordlist.txt:1: the file is not valid UTF-8 text; save it with UTF-8 encoding")


def test_a_word_list_in_utf16_is_named_as_such(project):
    (project / "content/de/wordlist.txt").write_bytes("Lausitz\n".encode("utf-16"))
    assert_refused(sitegen(project, "check"), "content/de/wordlist.txt:1: the file is saved as UTF-16 text")


def test_a_huge_word_list_is_refused_before_it_is_read(project):
    (project / "content/de/wordlist.txt").write_bytes(b"Wort\n" * (300 * 1024))
    assert_refused(sitegen(project, "check"), "content/de/wordlist.txt: the file is 1.5 MB, more than the 1.0 MB "
                                              "a word list may have")


@pytest.mark.parametrize("relative", [WORKSHOP, "content/languages.yaml"])
def test_old_mac_line_endings_are_named_not_misread(project, relative):
    path = project / relative
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r"))
    result = sitegen(project, "check")
    assert_refused(result, f"{relative}:1: the file ends its lines with a carriage return alone (old Mac line "
                           "endings); save it with LF (Unix) or CRLF (Windows) line endings")
    assert "modeline" not in result.stderr and "replace" not in result.stderr.split("line endings")[-1]


def test_windows_line_endings_are_fine(project):
    path = project / WORKSHOP
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert sitegen(project, "check").returncode == 0


# --- Worst cases within the limits: seconds, not minutes ---------------------------------------------------

HEAD = ("# yaml-language-server: $schema=../../../schema/workshop.schema.json\n"
        "title: Riesige Werkstatt\ngoals:\n  - Ein Ziel.\nsummary: ")
ROOM = 250 * 1024  # below the 256 KB a content file may have


def repeated_unknown_word() -> str:
    return HEAD + ("Zzqxwort " * (ROOM // 9)).rstrip() + "\n"


def distinct_unknown_words() -> str:
    rng = random.Random(7)
    words = ("Zq" + "".join(rng.choice("bcdfghjklmnp") for _ in range(6)) for _ in range(ROOM // 9))
    return HEAD + " ".join(words) + "\n"


def folded_lines() -> str:
    return HEAD + ">-\n" + "  Zzqxwort Zzqxwort Zzqxwort\n" * (ROOM // 29)


def no_spaces() -> str:
    return HEAD + "a@" * (ROOM // 2) + "\n"


@pytest.mark.parametrize("make", [repeated_unknown_word, distinct_unknown_words, folded_lines, no_spaces])
def test_a_worst_case_file_is_checked_in_seconds(project, make):
    text = make()
    assert len(text.encode("utf-8")) < 256 * 1024
    (project / "content/de/workshops/riesig.yaml").write_text(text, encoding="utf-8")
    result = sitegen(project, "check", timeout=30)  # minutes before; about 4 s now on 2 cores
    assert result.returncode == 0, result.stderr[-2000:]
    warnings = [line for line in result.stderr.splitlines() if line.startswith("content/de/workshops/riesig.yaml:")]
    if make is no_spaces:
        return
    expected = text.count("Zzqxwort") if "Zzqxwort" in text else len(text.split("summary: ", 1)[1].split())
    assert len(warnings) == expected
    # Every occurrence at its own place in the file, in order.
    places = [tuple(int(number) for number in line.split(":")[1:3]) for line in warnings]
    assert places == sorted(set(places))
    lines = text.split("\n")
    for line, column in places[:50] + places[-50:]:
        assert lines[line - 1][column - 1:column + 1] == "Zz" if make is not distinct_unknown_words else "Zq"


# --- Texts that show nothing ------------------------------------------------------------------------------


@pytest.mark.parametrize("blank, name", [("\u3164", "HANGUL FILLER"), ("\u2800 \u2800", "BRAILLE PATTERN BLANK"),
                                         ("\uffa0", "HALFWIDTH HANGUL FILLER"), ("…", "HORIZONTAL ELLIPSIS")])
def test_a_title_must_show_a_letter_or_digit(project, blank, name):
    path = project / WORKSHOP
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    number = next(index for index, line in enumerate(lines) if line.startswith("title:")) + 1
    path.write_text(text.replace(lines[number - 1], f'title: "{blank}"', 1), encoding="utf-8")
    assert_refused(sitegen(project, "check"), f"{WORKSHOP}:{number}:8: this text has no visible letter or digit "
                                              f"(only punctuation, spaces or blank-looking characters such as "
                                              f"U+{ord(blank[0]):04X} {name}); write a text a reader can see")


def test_a_contact_name_and_a_language_name_must_show_something(project):
    path = project / WORKSHOP
    text = path.read_text(encoding="utf-8")
    assert "\ncontacts:" not in text
    path.write_text(text + 'contacts:\n  - name: "\u3164"\n    role: Leitung\n', encoding="utf-8")
    languages = project / "content/languages.yaml"
    languages.write_text(languages.read_text(encoding="utf-8").replace("name: English", 'name: "\u2800"'),
                         encoding="utf-8")
    result = sitegen(project, "check")
    assert result.returncode == 1
    assert result.stderr.count("this text has no visible letter or digit") == 2
    assert "content/languages.yaml:" in result.stderr and f"{WORKSHOP}:" in result.stderr


# --- A search language the theme cannot analyse ----------------------------------------------------------------


def test_a_search_language_the_theme_lacks_is_refused_at_its_line(project):
    languages = project / "content/languages.yaml"
    text = languages.read_text(encoding="utf-8")
    number = text.split("\n").index("    search: en") + 1
    languages.write_text(text.replace("    search: en", "    search: zz"), encoding="utf-8")
    result = sitegen(project, "check")
    assert_refused(result, f"content/languages.yaml:{number}:13: the search has no word analysis for 'zz', so it "
                           "would not work on the pages of 'en'; use one of ar, da, de")
    assert "delete the line if none of them is the language" in result.stderr


def test_every_search_language_the_theme_ships_is_accepted(project):
    import sitegen.publish.mkdocs.upstream.material_search_per_language as material_search

    shipped = material_search.search_languages()
    lunr = REPOSITORY / ".venv/lib/python3.11/site-packages/material/templates/assets/javascripts/lunr/min"
    if lunr.is_dir():  # the theme's own files, independently listed
        assert {path.name.split(".")[1] for path in lunr.glob("lunr.??.min.js")} | {"en"} == shipped
    assert {"de", "en", "ru"} <= shipped and "hsb" not in shipped and "zz" not in shipped


# --- `sitegen new` applies check's rules before it writes ----------------------------------------------


@pytest.mark.parametrize("title, expected", [
    ("Energie\x07Wärme", "the file contains the invisible character U+0007"),
    ("Energie \u202eWärme", "the file contains the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ("Energie <b>Wärme</b>", "a text may not contain HTML, like '<b>' here"),
    ("Energie [Wärme](https://example.org)", "a text may not contain Markdown links"),
    ("Infrastruktur und Mobilität", "content/de/workshops/infrastruktur-mobilitaet.yaml:2:8: another workshop has "
                                    "the same title (content/de/workshops/energie-waerme.yaml:"),
    ("INFRASTRUKTUR  und  mobilität", "content/de/workshops/infrastruktur-mobilitaet.yaml:2:8: another workshop has "
                                      "the same title"),
    ("\u3164", "this text has no visible letter or digit"),
])
def test_new_refuses_a_title_check_would_refuse_and_writes_nothing(project, title, expected):
    before = tree(project)
    result = sitegen(project, "new", "workshop", "energie-waerme", "--title", title)
    assert_refused(result, "sitegen: this title cannot be used, so nothing was written: " + expected, code=2)
    assert len(result.stderr.strip().splitlines()) == 1
    assert tree(project) == before
    assert not list((project / "content").glob("*/workshops/energie-waerme.yaml"))


def test_new_writes_a_title_check_accepts(project):
    result = sitegen(project, "new", "workshop", "energie-waerme", "--title", "Energie & Wärme <10 kW")
    assert result.returncode == 0, result.stderr
    assert sitegen(project, "check").returncode == 0
