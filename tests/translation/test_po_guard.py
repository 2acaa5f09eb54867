"""import-po runs the language guard on every text it would write, before it writes anything.

The guard is the one `sitegen check` runs (langguard.check_language): it judges texts of five words
or more, and the model is weak for Sorbian (it takes it for Czech, Polish or Slovenian), so it finds
Sorbian in English hardly ever by itself. An import also refuses a text that is another translation's
text of the same field, long enough to be prose: what a PO file of another language imported with
the wrong --lang consists of. Short texts (names, labels) are judged by neither, and these tests do
not pretend otherwise: the import is refused as a whole, at the entries that are found.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import copy_site_project
from sitegen.core.errors import ContentError
from sitegen.core.inline import own_text
from sitegen.review.langguard import count_words
from test_po import do_import, edit_po, entries, export, snapshot

LONG = 8  # words: the guard's LONG_WORDS, from which on a clear majority of the model is enough


def msgctxt_lines(path: Path) -> dict[str, int]:
    """field -> the line of its entry's msgctxt, where import-po reports problems with the entry."""
    numbers = [number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
               if line.startswith("msgctxt ")]
    contexts = list(entries(path))  # in the file's order; a long msgctxt is written on several lines
    assert len(numbers) == len(contexts)
    return dict(zip(contexts, numbers))


def drop_language_header(folder: Path) -> None:
    for path in folder.rglob("*.po"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r'^"Language: [^"]*\\n"\n', "", text, flags=re.MULTILINE), encoding="utf-8")


def test_a_sorbian_po_file_without_language_header_imported_as_english_writes_nothing(tmp_path, run):
    project = copy_site_project(tmp_path)
    export(project, "hsb")
    drop_language_header(project / "po/hsb")
    before = snapshot(project / "content")
    code, out, err = run("--root", str(project), "import-po", "--lang", "en", str(project / "po/hsb"))
    assert code == 1 and out == "" and "internal error" not in err
    assert snapshot(project / "content") == before
    problems = err.splitlines()[:-1]
    assert err.splitlines()[-1].endswith("found; nothing was written. Fix the lines above and run the command again.")
    # Every message is at the line of a PO entry (its msgctxt), one per entry at most.
    lines = {f"{path.relative_to(project).as_posix()}:{number}": context
             for path in (project / "po/hsb").rglob("*.po") for context, number in msgctxt_lines(path).items()}
    located = [problem.split(": ", 1)[0] for problem in problems]
    assert set(located) <= set(lines) and len(located) == len(set(located))
    # Every long Sorbian text is found (its own words: phrases marked as another language do not count).
    long_texts = {f"{path.relative_to(project).as_posix()}:{msgctxt_lines(path)[context]}"
                  for path in (project / "po/hsb").rglob("*.po") for context, entry in entries(path).items()
                  if count_words(own_text(entry.msgstr)) >= LONG}
    assert len(long_texts) > 40 and long_texts <= set(located)
    guarded = [problem for problem in problems if "unknown field" not in problem]
    assert all("Upper Sorbian" in problem for problem in guarded)
    assert sum("import it with --lang hsb" in problem for problem in guarded) > 40


GERMAN = "Die Werkstatt trifft sich jeden Monat im Rathaus, um die nächsten Schritte gemeinsam zu planen."


@pytest.mark.parametrize("lang", ["en", "hsb"])
def test_german_in_a_translation_is_refused_at_its_entry(project, lang):
    export(project, lang)
    po_file = project / f"po/{lang}/faq.po"
    edit_po(po_file, "faq.yaml:questions[0].answer", GERMAN)
    edit_po(po_file, "faq.yaml:title", "Nowe prašenja" if lang == "hsb" else "New questions")  # fine
    before = snapshot(project / "content")
    with pytest.raises(ContentError) as error:
        do_import(project, lang)
    line = msgctxt_lines(po_file)["faq.yaml:questions[0].answer"]
    [problem] = error.value.problems
    assert (problem.path, problem.line) == (f"po/{lang}/faq.po", line)
    assert problem.message.startswith("'faq.yaml:questions[0].answer': this text looks German (de, ")
    assert snapshot(project / "content") == before


def test_a_placeholder_or_a_copy_of_the_german_text_is_refused(project):
    question = "Was ist das für eine Seite hier?"
    german = project / "content/de/faq.yaml"
    german.write_text(german.read_text(encoding="utf-8").replace("Was ist das?", question), encoding="utf-8")
    export(project, "en")
    po_file = project / "po/en/faq.po"
    edit_po(po_file, "faq.yaml:questions[0].answer", "ENG – A test site for everyone.")
    edit_po(po_file, "faq.yaml:questions[0].question", question)
    before = snapshot(project / "content")
    with pytest.raises(ContentError) as error:
        do_import(project, "en")
    messages = {problem.message.split(": ", 1)[0]: problem.message.split(": ", 1)[1]
                for problem in error.value.problems}
    assert messages == {
        "'faq.yaml:questions[0].answer'": "this text contains the placeholder “ENG –”, so it is not a finished "
                                          "translation; remove the placeholder and write the text in English",
        "'faq.yaml:questions[0].question'": "this text is the same as the German source; translate it into "
                                            "English, or, if it is a name that stays German, mark it as "
                                            "[...]{lang=de}"}
    assert snapshot(project / "content") == before


def test_texts_in_the_right_language_are_imported(project):
    export(project, "en")
    edit_po(project / "po/en/faq.po", "faq.yaml:questions[0].answer",
            "The workshop meets every month in the town hall to plan the next steps together.")
    report = do_import(project, "en")
    assert report.updated == 1 and report.written == ["content/en/faq.yaml"]
