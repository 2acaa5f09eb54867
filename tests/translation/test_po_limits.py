"""PO files are read with a size limit, as regular files only, and in time linear in their size.

The worst files within the limit, each built to hit one loop of the reader as hard as possible, are
imported (the whole path: read, parse, match, check) and must finish within seconds with the result or
the errors they deserve, each at its line. Before, 1.4 MB of continuation lines took two seconds and
50 MB more than five minutes (the text was concatenated line by line).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitegen.core.errors import ContentError
from sitegen.translation.po import MAX_PO_BYTES, ImportReport, parse_po
from test_po import do_import, snapshot

SECONDS = 10  # a few seconds at most on a shared two-core CI runner; about 1-2 s on a laptop
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n\n'
ENTRY = 'msgctxt "faq.yaml:title"\nmsgid "Fragen"\nmsgstr '


def filled(head: str, unit: str, tail: str = "") -> str:
    """`head`, then `unit` as often as fits, then `tail`: just under MAX_PO_BYTES in UTF-8."""
    room = MAX_PO_BYTES - len(head.encode()) - len(tail.encode()) - 64
    return head + unit * (room // len(unit.encode())) + tail


def line_count(text: str) -> int:
    return text.count("\n")


def import_timed(project: Path, text: str) -> tuple[float, ImportReport | ContentError]:
    folder = project / "po/en"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "faq.po").write_text(text, encoding="utf-8")
    assert MAX_PO_BYTES - 4096 < (folder / "faq.po").stat().st_size <= MAX_PO_BYTES
    start = time.perf_counter()
    try:
        result: ImportReport | ContentError = do_import(project, "en")
    except ContentError as error:
        result = error
    return time.perf_counter() - start, result


TOO_LONG = (6, "'faq.yaml:title': with this text, content/en/faq.yaml would be more than 256 KB")  # at msgctxt
FINE = (0, "")
# name -> (what makes the file, what the import must say: (line, the start of the message); FINE: imported, no problem)
WORST = {
    "continuation lines": (lambda: filled(HEADER + ENTRY + '""\n', '"ab"\n'), TOO_LONG),
    "empty continuation lines": (lambda: filled(HEADER + ENTRY + '""\n', '""\n'), FINE),
    "continuation lines, indented": (lambda: filled(HEADER + ENTRY + '""\n', ' "ab"\n'), TOO_LONG),
    "one long line": (lambda: filled(HEADER + ENTRY + '"', "ab", '"\n'), TOO_LONG),
    "octal escapes": (lambda: filled(HEADER + ENTRY + '"', "\\303\\274", '"\n'), TOO_LONG),
    "backslashes": (lambda: filled(HEADER + ENTRY + '"', "\\\\", '"\n'), TOO_LONG),
    "an endless hex escape": (lambda: filled(HEADER + ENTRY + '"\\x', "0", '41"\n'), FINE),
    "an unclosed quote": (lambda: filled(HEADER + ENTRY + '"', 'a\\"'),
                          (8, "this is not a valid PO file: the closing double quote is missing")),
    "flags": (lambda: filled(HEADER + "#, ", "a,", "\n" + ENTRY + '"Questions"\n'), FINE),
    "comment lines": (lambda: filled(HEADER, "#\n", ENTRY + '"Questions"\n'), FINE),
    "header lines": (lambda: filled('msgid ""\nmsgstr ""\n', '"X-A: b\\n"\n'), FINE),
}


@pytest.mark.parametrize("name", WORST)
def test_the_worst_file_within_the_limit_is_read_in_seconds(project, name):
    make, (line, says) = WORST[name]
    text = make()
    seconds, result = import_timed(project, text)
    assert seconds < SECONDS, f"{name}: {seconds:.1f} s"
    if not says:
        assert isinstance(result, ImportReport), result
    else:
        assert isinstance(result, ContentError), result
        assert [(p.path, p.line) for p in result.problems] == [("po/en/faq.po", line)]
        assert result.problems[0].message.startswith(says), result.problems[0].message


def test_many_tiny_entries_give_every_error_at_its_line_in_seconds(project):
    text = filled(HEADER, 'msgid "a"\nmsgstr "b"\n\n')
    seconds, result = import_timed(project, text)
    assert seconds < SECONDS, f"{seconds:.1f} s"
    assert isinstance(result, ContentError)
    count = (line_count(text) - line_count(HEADER)) // 3
    assert len(result.problems) == count > 150_000
    assert [p.line for p in result.problems[:2]] == [6, 9] and result.problems[-1].line == 6 + 3 * (count - 1)
    assert result.problems[0].message.startswith("this entry has no msgctxt")


def test_the_same_field_many_times_in_seconds(project):
    text = filled(HEADER, ENTRY + '"Questions"\n\n')
    seconds, result = import_timed(project, text)
    assert seconds < SECONDS, f"{seconds:.1f} s"
    assert isinstance(result, ContentError)
    assert len(result.problems) == (line_count(text) - line_count(HEADER)) // 4 - 1 > 50_000
    assert all(p.message.startswith("the field 'faq.yaml:title' appears twice (first at po/en/faq.po:6)")
               for p in result.problems)


def test_a_bad_escape_at_the_end_of_a_long_text_is_found_at_its_line_in_seconds():
    lines = ['"%07d "' % number for number in range(MAX_PO_BYTES // 12)]
    lines[-1] = '"\\x110000"'
    text = HEADER + ENTRY + '""\n' + "\n".join(lines) + "\n"
    start = time.perf_counter()
    po = parse_po(text)
    assert time.perf_counter() - start < SECONDS
    assert [line for line, _ in po.problems] == [line_count(text)]


def test_a_file_over_the_limit_is_refused_unread(project):
    folder = project / "po/en"
    folder.mkdir(parents=True)
    with open(folder / "faq.po", "wb") as handle:
        handle.truncate(MAX_PO_BYTES + 300 * 1024)  # sparse: nothing to read, only its size
    before = snapshot(project / "content")
    with pytest.raises(ContentError) as error:
        do_import(project, "en")
    assert [p.format() for p in error.value.problems] == [
        "po/en/faq.po: the file is 4.3 MB, more than the 4.0 MB a PO file may have; PO files from "
        "`sitegen export-po` have a few kilobytes; export them again"]
    assert snapshot(project / "content") == before


def test_a_fifo_or_a_link_among_the_po_files_is_refused_without_waiting(project, tmp_path):
    folder = project / "po/en"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "faq.po")  # nobody ever writes into it: a reader that opens it waits forever
    outside = tmp_path / "outside.po"
    outside.write_text(HEADER, encoding="utf-8")
    (folder / "site.po").symlink_to(outside)
    script = ("import sys; from sitegen.cli import main; "
              f"sys.exit(main(['--root', {str(project)!r}, 'import-po', '--lang', 'en', {str(folder)!r}]))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == [
        "po/en/faq.po: this is a named pipe (FIFO), not a file; replace it with a regular text file",
        "po/en/site.po: this is a symbolic link; sitegen reads only real files: replace it with the file itself"]
