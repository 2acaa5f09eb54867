"""PO strings are read the way GNU gettext reads them: escapes are bytes, the string is UTF-8.

Checked against the real GNU tools (Debian's gettext): what `msgconv --escape` writes imports as the
letters it stands for, `msgcat` reads the same texts as sitegen, and what GNU would silently cut off or
cannot read is an error at the PO file's line, never mojibake, an internal error, or a YAML line.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPOSITORY
from sitegen.core.errors import ContentError
from sitegen.translation.po import parse_po
from test_po import do_import, edit_po, export, load, snapshot, status_of

MSGCONV, MSGCAT, MSGFMT = shutil.which("msgconv"), shutil.which("msgcat"), shutil.which("msgfmt")
needs_gettext = pytest.mark.skipif(MSGCONV is None or MSGCAT is None or MSGFMT is None,
                                   reason="GNU gettext (msgconv, msgcat, msgfmt) is not installed")


def gnu(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), capture_output=True, text=True, timeout=60)


@needs_gettext
def test_msgconv_escape_output_imports_as_the_letters_it_stands_for(project):
    export(project, "hsb")
    po_file = project / "po/hsb/faq.po"
    edit_po(po_file, "faq.yaml:title", "Husto stajene prašenja wo žiwjenju")
    escaped = gnu(MSGCONV, "--escape", "-o", str(po_file), str(po_file))
    assert escaped.returncode == 0, escaped.stderr
    text = po_file.read_text(encoding="ascii", errors="replace")
    assert 'msgstr "Husto stajene pra\\305\\241enja wo \\305\\276iwjenju"' in text  # š and ž as octal bytes
    report = do_import(project, "hsb")
    assert report.updated == 1 and report.written == ["content/hsb/faq.yaml"]
    assert "title: Husto stajene prašenja wo žiwjenju\n" in (project / "content/hsb/faq.yaml").read_text("utf-8")
    assert status_of(project, "hsb", "faq.yaml", "title") == "current"


@needs_gettext
def test_the_escaped_export_of_the_real_content_imports_without_changing_a_byte(tmp_path):
    shutil.copytree(REPOSITORY / "content", tmp_path / "content")
    before = snapshot(tmp_path / "content")
    for lang in ("en", "hsb"):
        for path in export(tmp_path, lang):
            assert gnu(MSGCONV, "--escape", "-o", str(path), str(path)).returncode == 0
        assert any("\\3" in path.read_text("utf-8") for path in (tmp_path / "po" / lang).rglob("*.po"))
        report = do_import(tmp_path, lang)
        assert (report.updated, report.recorded, report.written, report.warnings) == (0, 0, [], [])
        assert report.unchanged > 100
    assert snapshot(tmp_path / "content") == before


GNU_FORMS = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    'msgctxt "octal"\nmsgid "a"\nmsgstr "gr\\303\\274\\303\\237 \\101\\102\\1013"\n\n'
    'msgctxt "hex"\nmsgid "b"\nmsgstr "gr\\xc3\\xbc\\xC3\\x9F \\x0041\\x42"\n\n'
    'msgctxt "split over lines"\nmsgid "c"\nmsgstr ""\n"Bud\\305"\n"\\241in \\342\\200"\n"\\224 Bautzen"\n\n'
    'msgctxt "letters"\nmsgid "d"\nmsgstr "tab\\tnew\\nline \\"quoted\\" back\\\\slash \\r"\n\n'
    'msgctxt "as it is"\nmsgid "e"\nmsgstr "Łužica – ü"\n'
)


@needs_gettext
def test_gnu_gettext_reads_the_same_texts(tmp_path):
    source = tmp_path / "forms.po"
    source.write_text(GNU_FORMS, encoding="utf-8")
    checked = gnu(MSGFMT, "--check-format", "-o", "/dev/null", str(source))
    assert checked.returncode == 0, checked.stderr
    rewritten = gnu(MSGCAT, "--no-wrap", str(source))  # GNU reads the file, and writes each text plainly
    assert rewritten.returncode == 0, rewritten.stderr
    assert "\\303" not in rewritten.stdout and "ü" in rewritten.stdout
    ours, theirs = parse_po(GNU_FORMS), parse_po(rewritten.stdout)
    assert ours.problems == theirs.problems == []
    texts = {entry.msgctxt: entry.msgstr for entry in ours.entries}
    assert texts == {entry.msgctxt: entry.msgstr for entry in theirs.entries}
    assert texts == {"octal": "grüß ABA3", "hex": "grüß AB", "split over lines": "Budšin — Bautzen",
                     "letters": 'tab\tnew\nline "quoted" back\\slash \r', "as it is": "Łužica – ü"}


# Each written into the third line of a three-line msgstr; the message must name that line of the PO file.
BAD = [
    ("\\x110000", "the escape \\x110000 stands for more than one byte (the most is \\377 or \\xff)"),
    ("\\x41BC", "the escape \\x41BC stands for more than one byte"),
    ("\\400", "the escape \\400 stands for more than one byte"),
    ("\\xd800", "the escape \\xd800 stands for more than one byte"),
    ("\\a", "the text contains the invisible character U+0007"),
    ("\\0", "the text contains the invisible character U+0000"),
    ("\\x1b[31m", "the text contains the invisible character U+001B"),
    ("\\342\\200\\256", "the text contains the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ("\u202e", "the text contains the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ("\\355\\240\\200", "the escapes in this text stand for bytes that are not valid UTF-8 (the byte \\355"),
    ("\\303", "the escapes in this text stand for bytes that are not valid UTF-8 (the byte \\303 = \\xc3"),
    ("\\274", "the escapes in this text stand for bytes that are not valid UTF-8 (the byte \\274 = \\xbc"),
    ("\\u00fc", "this is not a valid PO file: unknown escape \\u"),
    ("\\'", "this is not a valid PO file: unknown escape \\'"),
]


@pytest.mark.parametrize("escape, says", BAD, ids=[escape for escape, _ in BAD])
def test_a_string_that_cannot_be_read_is_an_error_at_its_line(project, run, escape, says):
    export(project, "en")
    po_file = project / "po/en/faq.po"
    lines = po_file.read_text(encoding="utf-8").splitlines(keepends=True)
    index = lines.index('msgstr "A test site."\n')
    lines[index:index + 1] = ['msgstr ""\n', '"A new answer, "\n', f'"with {escape} in it."\n']
    po_file.write_text("".join(lines), encoding="utf-8")
    before = snapshot(project / "content")
    code, out, err = run("--root", str(project), "import-po", "--lang", "en", str(project / "po/en"))
    assert code == 1 and "internal error" not in err and "Traceback" not in err
    assert err.splitlines()[0].startswith(f"po/en/faq.po:{index + 3}: {says}"), err
    assert len(err.splitlines()) == 2  # the one problem, and the summary
    assert snapshot(project / "content") == before


def test_every_bad_string_of_a_file_is_reported_at_once(project):
    export(project, "en")
    po_file = project / "po/en/faq.po"
    text = po_file.read_text(encoding="utf-8")
    text = text.replace('msgstr "Questions"', 'msgstr "Ques\\atio\\x110000ns"')
    text = text.replace('msgstr "A test site."', 'msgstr "A \\303test site."')
    po_file.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    first, second = lines.index('msgstr "Ques\\atio\\x110000ns"') + 1, lines.index('msgstr "A \\303test site."') + 1
    with pytest.raises(ContentError) as error:
        do_import(project, "en")
    assert [(p.line, p.message.split(" (")[0]) for p in error.value.problems] == [
        (first, "the escape \\x110000 stands for more than one byte"),
        (second, "the escapes in this text stand for bytes that are not valid UTF-8")]


def test_a_letter_split_over_two_lines_is_one_letter_and_errors_name_their_own_line():
    header = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    po = parse_po(header + 'msgctxt "x"\nmsgid "a"\nmsgstr ""\n"Bud\\305"\n"\\241in"\n')
    assert [entry.msgstr for entry in po.entries] == ["Budšin"] and po.problems == []
    lines = ['"line %d ok"' % number for number in range(7, 2007)]
    lines[1500] = '"here \\302 is a lone lead byte "'
    po = parse_po(header + 'msgctxt "x"\nmsgid "a"\nmsgstr ""\n' + "\n".join(lines) + "\n")
    assert po.entries == [] and [line for line, _ in po.problems] == [1507]
    lines[1500] = '"here \\a rings "'
    assert [line for line, _ in parse_po(header + 'msgctxt "x"\nmsgid "a"\nmsgstr ""\n'
                                         + "\n".join(lines) + "\n").problems] == [1507]
    lines[1500] = '"here \U000f0000 is private "'
    assert [line for line, _ in parse_po(header + 'msgctxt "x"\nmsgid "a"\nmsgstr ""\n'
                                         + "\n".join(lines) + "\n").problems] == [1507]


def test_another_charset_is_refused_at_its_header_line(project):
    export(project, "en")
    po_file = project / "po/en/faq.po"
    text = po_file.read_text(encoding="utf-8").replace("charset=UTF-8", "charset=ISO-8859-2")
    po_file.write_text(text, encoding="utf-8")
    line = text.splitlines().index('"Content-Type: text/plain; charset=ISO-8859-2\\n"') + 1
    with pytest.raises(ContentError) as error:
        do_import(project, "en")
    assert [p.format() for p in error.value.problems] == [
        f"po/en/faq.po:{line}: the file declares charset=ISO-8859-2; sitegen reads PO files as UTF-8: save it as "
        "UTF-8 and set charset=UTF-8"]


def test_the_fixture_has_the_lines_these_tests_change(project):
    """Guards the tests above: the entries they edit exist as they expect."""
    paths = export(project, "en")
    text = Path(paths[1]).read_text(encoding="utf-8")
    assert 'msgstr "A test site."\n' in text and 'msgstr "Questions"\n' in text
    assert load(project).by_language["en"].status
