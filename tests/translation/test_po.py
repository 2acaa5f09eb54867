"""PO export and import on real content trees, checked with polib and GNU msgfmt."""

from __future__ import annotations

import gettext
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
import yaml
from babel import Locale

from conftest import REPOSITORY, write
from sitegen.content.tree import load_content
from sitegen.core.errors import ContentError, Problem
from sitegen.translation.po import ImportReport, export_po, import_po, parse_po, plural_forms

HSB_PLURALS = "nplurals=4; plural=(n % 100 == 1 ? 0 : n % 100 == 2 ? 1 : (n % 100 >= 3 && n % 100 <= 4) ? 2 : 3);"
MSGFMT = shutil.which("msgfmt")


def load(project: Path):
    return load_content(project / "content", project)


def export(project: Path, lang: str) -> list[Path]:
    return export_po(load(project), lang, project / "po" / lang, project)


def do_import(project: Path, lang: str) -> ImportReport:
    return import_po(load(project), lang, project / "po" / lang, project / "content", project)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def status_of(project: Path, lang: str, item: str, field: str) -> str:
    return next(s.status for s in load(project).by_language[lang].status if s.item == item and s.field == field)


def edit_po(path: Path, context: str, msgstr: str, fuzzy: bool | None = False) -> None:
    """Change one entry the way a translation tool does: set msgstr, clear (or keep) fuzzy."""
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgctxt == context)
    entry.msgstr = msgstr
    if fuzzy is False and "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    po.save()


def entries(path: Path) -> dict[str, polib.POEntry]:
    return {entry.msgctxt: entry for entry in polib.pofile(str(path))}


def msgfmt_check(path: Path) -> None:
    if MSGFMT is None:  # pragma: no cover - Debian's gettext is part of the development setup
        pytest.skip("msgfmt (GNU gettext) is not installed")
    result = subprocess.run([MSGFMT, "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr, result.stderr


def add_dsb(project: Path) -> None:
    """A fourth language with only the files every language must have (copied from hsb)."""
    languages = project / "content/languages.yaml"
    declared = languages.read_text(encoding="utf-8") + "  - code: dsb\n    name: Dolnoserbšćina\n    dir: ltr\n"
    languages.write_text(declared, encoding="utf-8")
    for name in ("site.yaml", "theme.yaml"):
        write(project, f"content/dsb/{name}", (project / "content/hsb" / name).read_text(encoding="utf-8"))


# --- export ------------------------------------------------------------------------------------------


def test_one_po_file_per_content_item_mirroring_the_tree(project):
    paths = export(project, "en")
    assert [p.relative_to(project).as_posix() for p in paths] == [
        "po/en/site.po", "po/en/faq.po", "po/en/theme.po", "po/en/impressum.po", "po/en/privacy.po",
        "po/en/accessibility.po", "po/en/workshops/beispiel.po"]
    assert all(p.is_file() for p in paths)


def test_header_with_cldr_plural_forms(project):
    export(project, "hsb")
    text = (project / "po/hsb/faq.po").read_text(encoding="utf-8")
    assert "-Date:" not in text  # nothing that changes with the clock
    metadata = polib.pofile(str(project / "po/hsb/faq.po")).metadata
    assert metadata["Language"] == "hsb"
    assert metadata["MIME-Version"] == "1.0"
    assert metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert metadata["Content-Transfer-Encoding"] == "8bit"
    assert metadata["Project-Id-Version"]
    assert metadata["Language-Team"] == "Hornjoserbšćina (hsb)"
    assert metadata["Plural-Forms"] == HSB_PLURALS
    plural = gettext.c2py(HSB_PLURALS.split("plural=", 1)[1].rstrip(";"))
    assert [plural(n) for n in (1, 2, 3, 4, 5, 0, 11, 101, 102, 103, 111, 1001)] == [0, 1, 2, 2, 3, 3, 3, 0, 1, 2, 3, 0]
    export(project, "en")
    english = polib.pofile(str(project / "po/en/faq.po")).metadata
    assert english["Plural-Forms"] == "nplurals=2; plural=(n == 1 ? 0 : 1);"


@pytest.mark.parametrize("lang", ["de", "en", "hsb", "dsb", "pl", "cs", "ru", "uk", "sl", "lt", "ar", "cy", "ga", "fr",
                                  "ja"])
def test_plural_forms_agree_with_cldr_for_whole_numbers(lang):
    header = plural_forms(lang)
    count = int(header.split(";")[0].split("=")[1])
    plural = gettext.c2py(header.split("plural=", 1)[1].rstrip(";"))
    rule = Locale.parse(lang).plural_form
    tags = [tag for tag in ("zero", "one", "two", "few", "many", "other") if tag in rule.tags | {"other"}]
    assert count == len(tags)
    for n in range(0, 2500):
        assert plural(n) == tags.index(rule(n)), (lang, n)


def test_unknown_language_gets_a_valid_default():
    assert plural_forms("xyz") == "nplurals=2; plural=(n != 1);"


def test_entries_name_the_field_and_hold_german_text_and_translation(project):
    export(project, "en")
    faq = list(polib.pofile(str(project / "po/en/faq.po")))
    assert [e.msgctxt for e in faq] == ["faq.yaml:title", "faq.yaml:questions[0].question",
                                        "faq.yaml:questions[0].answer", "faq.yaml:questions[0].items[0]"]
    answer = faq[2]
    assert (answer.msgid, answer.msgstr) == ("Eine Testseite.", "A test site.")
    assert answer.occurrences == [("content/de/faq.yaml", "5")]
    assert answer.comment.splitlines() == ["Übersetzung: content/en/faq.yaml:5", "Die Antwort."]
    assert not answer.fuzzy
    workshop = entries(project / "po/en/workshops/beispiel.po")
    goal = workshop["workshops/beispiel.yaml:goals[1]"]
    assert goal.msgid == "Zweites Ziel mit *Sternchen*, [Klammern] & 3 < 4."
    assert goal.msgstr == "Second goal with *asterisks*, [brackets] & 3 < 4."
    assert goal.occurrences == [("content/de/workshops/beispiel.yaml", "6")]
    # shared fields (names, e-mail, dates, URLs) are not translated, so not exported
    assert not any("contacts[0].name" in c or "url" in c or "date" in c for c in workshop)
    assert workshop["workshops/beispiel.yaml:focus_areas[0].text"].comment.splitlines()[1] == \
        "Erklärender Text zum Schwerpunkt."
    theme = entries(project / "po/en/theme.po")
    assert theme["theme.yaml:plurals.search.result.other"].msgid == "# Suchergebnisse"
    assert "„#“ steht für eine Zahl; beibehalten." in theme["theme.yaml:plurals.search.result.other"].comment


def test_plural_forms_german_lacks_are_translated_from_its_other_form(project):
    export(project, "hsb")
    theme = entries(project / "po/hsb/theme.po")
    forms = {category: theme[f"theme.yaml:plurals.search.result.{category}"]
             for category in ("one", "two", "few", "other")}
    assert forms["one"].msgid == "# Suchergebnis"
    assert forms["two"].msgid == forms["few"].msgid == forms["other"].msgid == "# Suchergebnisse"
    assert forms["two"].msgstr == "# pytanskej wuslědkaj" and not forms["two"].fuzzy


def test_entries_follow_the_order_of_the_german_file(project):
    german = project / "content/de/faq.yaml"
    german.write_text("questions:\n  - answer: Eine Testseite.\n    question: Was ist das?\n"
                      "    items:\n      - Erstens\n    see_also:\n      - beispiel\ntitle: Fragen\n", encoding="utf-8")
    export(project, "en")
    assert [e.msgctxt for e in polib.pofile(str(project / "po/en/faq.po"))] == [
        "faq.yaml:questions[0].answer", "faq.yaml:questions[0].question", "faq.yaml:questions[0].items[0]",
        "faq.yaml:title"]


def test_outdated_is_fuzzy_and_missing_is_empty(project):
    german = project / "content/de/faq.yaml"
    german.write_text(german.read_text(encoding="utf-8").replace("Eine Testseite.", "Eine kleine Testseite."),
                      encoding="utf-8")
    english = project / "content/en/faq.yaml"
    english.write_text(english.read_text(encoding="utf-8").replace("    items:\n      - First\n", ""), encoding="utf-8")
    export(project, "en")
    faq = entries(project / "po/en/faq.po")
    answer = faq["faq.yaml:questions[0].answer"]
    assert answer.fuzzy and answer.msgid == "Eine kleine Testseite." and answer.msgstr == "A test site."
    assert "Veraltet" in answer.comment
    assert not faq["faq.yaml:title"].fuzzy
    item = faq["faq.yaml:questions[0].items[0]"]
    assert (item.msgid, item.msgstr, item.fuzzy) == ("Erstens", "", False)
    assert item.comment.splitlines()[0] == "Übersetzung: fehlt noch in content/en/faq.yaml"


def test_missing_translation_file_is_exported_with_empty_entries(project):
    (project / "content/hsb/workshops/beispiel.yaml").unlink()
    export(project, "hsb")
    workshop = list(polib.pofile(str(project / "po/hsb/workshops/beispiel.po")))
    assert workshop and all(e.msgstr == "" and not e.fuzzy for e in workshop)
    assert workshop[0].msgctxt == "workshops/beispiel.yaml:title"
    msgfmt_check(project / "po/hsb/workshops/beispiel.po")


def test_msgfmt_accepts_every_file_of_every_language(project):
    add_dsb(project)
    content = load(project)
    for lang in ("en", "hsb", "dsb"):
        for path in export_po(content, lang, project / "po" / lang, project):
            msgfmt_check(path)
    dsb = entries(project / "po/dsb/faq.po")
    assert dsb and all(e.msgstr == "" for e in dsb.values())
    assert polib.pofile(str(project / "po/dsb/faq.po")).metadata["Plural-Forms"] == HSB_PLURALS


def test_msgfmt_accepts_the_exported_real_content(tmp_path):
    shutil.copytree(REPOSITORY / "content", tmp_path / "content")
    content = load(tmp_path)
    for lang in ("en", "hsb"):
        for path in export_po(content, lang, tmp_path / "po" / lang, tmp_path):
            msgfmt_check(path)


def test_exporting_twice_gives_identical_bytes(project):
    export(project, "hsb")
    first = snapshot(project / "po")
    export(project, "hsb")
    assert snapshot(project / "po") == first


# --- round trip ---------------------------------------------------------------------------------------


def test_export_then_import_changes_no_byte(project):
    before = snapshot(project / "content")
    for lang in ("en", "hsb"):
        export(project, lang)
        report = do_import(project, lang)
        assert report.updated == 0 and report.recorded == 0 and report.written == []
    assert snapshot(project / "content") == before


def test_export_then_import_of_the_real_content_changes_no_byte(tmp_path):
    shutil.copytree(REPOSITORY / "content", tmp_path / "content")
    before = snapshot(tmp_path / "content")
    for lang in ("en", "hsb"):
        export(tmp_path, lang)
        report = do_import(tmp_path, lang)
        assert (report.updated, report.recorded, report.written, report.warnings) == (0, 0, [], [])
        assert report.unchanged > 100
    assert snapshot(tmp_path / "content") == before


# --- import --------------------------------------------------------------------------------------------


def change_german(project: Path, item: str, old: str, new: str) -> None:
    german = project / "content/de" / item
    text = german.read_text(encoding="utf-8")
    assert old in text
    german.write_text(text.replace(old, new), encoding="utf-8")


def test_edited_text_is_written_in_place_and_becomes_current(project):
    target = project / "content/en/workshops/beispiel.yaml"
    before = target.read_text(encoding="utf-8").splitlines(keepends=True)
    change_german(project, "workshops/beispiel.yaml", "Zweites Ziel mit", "Zweites, neues Ziel mit")
    change_german(project, "workshops/beispiel.yaml", "Erstes Ziel.", "Das erste Ziel.")
    assert status_of(project, "en", "workshops/beispiel.yaml", "goals[1]") == "outdated"
    export(project, "en")
    assert entries(project / "po/en/workshops/beispiel.po")["workshops/beispiel.yaml:goals[1]"].fuzzy
    edit_po(project / "po/en/workshops/beispiel.po", "workshops/beispiel.yaml:goals[1]",
            "Second goal: with a colon, *asterisks*, [brackets] & 3 < 4.")
    report = do_import(project, "en")
    assert (report.updated, report.recorded) == (1, 1)
    assert report.written == ["content/en/workshops/beispiel.yaml", "content/en/translated-from.yaml"]
    after = target.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(after) == len(before)
    assert [i for i, (a, b) in enumerate(zip(before, after)) if a != b] == [5]
    assert after[5] == '  - "Second goal: with a colon, *asterisks*, [brackets] & 3 < 4."\n'
    assert status_of(project, "en", "workshops/beispiel.yaml", "goals[1]") == "current"
    assert status_of(project, "en", "workshops/beispiel.yaml", "goals[0]") == "outdated"  # still fuzzy
    assert status_of(project, "en", "workshops/beispiel.yaml", "summary") == "current"


def test_removing_fuzzy_without_changing_the_text_records_it_as_current(project):
    change_german(project, "workshops/beispiel.yaml", "title: Beispielwerkstatt", "title: Die Beispielwerkstatt")
    assert status_of(project, "en", "workshops/beispiel.yaml", "title") == "outdated"
    export(project, "en")
    edit_po(project / "po/en/workshops/beispiel.po", "workshops/beispiel.yaml:title", "Example workshop")
    before = (project / "content/en/workshops/beispiel.yaml").read_bytes()
    report = do_import(project, "en")
    assert (report.updated, report.recorded, report.written) == (0, 1, ["content/en/translated-from.yaml"])
    assert (project / "content/en/workshops/beispiel.yaml").read_bytes() == before
    assert status_of(project, "en", "workshops/beispiel.yaml", "title") == "current"


def test_translation_of_a_missing_field_is_inserted_in_german_order(project):
    target = project / "content/en/workshops/beispiel.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("    text: Takes part.\n", ""), encoding="utf-8")
    export(project, "en")
    edit_po(project / "po/en/workshops/beispiel.po", "workshops/beispiel.yaml:partners[0].text", "Works with us.")
    edit_po(project / "po/en/workshops/beispiel.po", "workshops/beispiel.yaml:goals[0]", "The first goal.")
    report = do_import(project, "en")
    assert report.updated == 2
    text = target.read_text(encoding="utf-8")
    assert "partners:\n  - name: Partner A\n    text: Works with us.\n  - name: Partner B\n" in text
    assert "goals:\n  - The first goal.\n" in text
    assert status_of(project, "en", "workshops/beispiel.yaml", "partners[0].text") == "current"


def test_translation_of_a_missing_file_creates_it(project):
    target = project / "content/hsb/workshops/beispiel.yaml"
    before = target.read_text(encoding="utf-8")
    original = {f"{s.item}:{s.field}": s.translation.text for s in load(project).by_language["hsb"].status
                if s.item == "workshops/beispiel.yaml" and s.translation is not None}
    target.unlink()
    export(project, "hsb")
    po_file = project / "po/hsb/workshops/beispiel.po"
    po = polib.pofile(str(po_file))
    for entry in po:
        entry.msgstr = original[entry.msgctxt]
    po.save()
    report = do_import(project, "hsb")
    assert report.updated == len(po) == len(original) and report.skipped_empty == report.skipped_fuzzy == 0
    assert "content/hsb/workshops/beispiel.yaml" in report.written
    text = target.read_text(encoding="utf-8")
    assert text.startswith("title: Přikładna dźěłarnja\nsummary: Dźěłarnja, kotraž kóžde polo wužiwa.\n"
                           "goals:\n  - Prěni cil.\n")
    assert "contacts:\n  - role: Nawod\nmembers:\n" in text
    assert "meetings:\n  - title: Zahajenje\n    place: Budyšin/Bautzen\n" in text
    assert yaml.safe_load(text) == yaml.safe_load(before)
    statuses = [s.status for s in load(project).by_language["hsb"].status if s.item == "workshops/beispiel.yaml"]
    assert statuses and set(statuses) == {"current"}


def test_a_new_language_gets_its_files_from_po(project):
    add_dsb(project)
    export(project, "dsb")
    edit_po(project / "po/dsb/faq.po", "faq.yaml:title", "Pšašanja")
    edit_po(project / "po/dsb/faq.po", "faq.yaml:questions[0].question", "Co to jo?")
    report = do_import(project, "dsb")
    assert report.updated == 2 and report.skipped_empty > 0
    assert (project / "content/dsb/faq.yaml").read_text(encoding="utf-8") == (
        "title: Pšašanja\nquestions:\n  - question: Co to jo?\n")
    assert status_of(project, "dsb", "faq.yaml", "title") == "current"
    assert (project / "content/dsb/translated-from.yaml").is_file()


def test_fuzzy_and_empty_entries_are_not_imported(project):
    (project / "content/hsb/workshops/beispiel.yaml").unlink()
    change_german(project, "workshops/beispiel.yaml", "title: Beispielwerkstatt", "title: Die Beispielwerkstatt")
    change_german(project, "workshops/beispiel.yaml", "Erstes Ziel.", "Das erste Ziel.")
    export(project, "en")
    export(project, "hsb")
    edit_po(project / "po/en/workshops/beispiel.po", "workshops/beispiel.yaml:title", "Changed but fuzzy", fuzzy=None)
    before = snapshot(project / "content")
    report = do_import(project, "en")
    assert report.skipped_fuzzy == 2 and report.updated == 0
    assert snapshot(project / "content") == before
    report = do_import(project, "hsb")
    assert report.skipped_empty == len(entries(project / "po/hsb/workshops/beispiel.po"))
    assert snapshot(project / "content") == before


def test_german_changed_since_export_is_written_but_not_recorded(project):
    export(project, "en")
    german = project / "content/de/faq.yaml"
    german.write_text(german.read_text(encoding="utf-8").replace("title: Fragen", "title: Häufige Fragen"),
                      encoding="utf-8")
    edit_po(project / "po/en/faq.po", "faq.yaml:title", "FAQ")
    report = do_import(project, "en")
    assert report.updated == 1 and report.recorded == 0
    assert (project / "content/en/faq.yaml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schema/faq.translation.schema.json\ntitle: FAQ\n")
    assert status_of(project, "en", "faq.yaml", "title") == "outdated"
    line = next(i for i, text in enumerate((project / "po/en/faq.po").read_text().splitlines(), 1)
                if text == 'msgctxt "faq.yaml:title"')
    assert [w.format() for w in report.warnings] == [
        f"po/en/faq.po:{line}: [warning] the German text of 'faq.yaml:title' changed since this file was "
        "exported, so the translation was not recorded as current; export again and check it against the new "
        "German text"]


def test_a_translation_of_an_older_german_text_is_no_longer_current(project):
    export(project, "en")
    german = project / "content/de/faq.yaml"
    german.write_text(german.read_text(encoding="utf-8").replace("title: Fragen", "title: Häufige Fragen"),
                      encoding="utf-8")
    english = project / "content/en/faq.yaml"  # someone translated the new German and marked it current
    english.write_text(english.read_text(encoding="utf-8").replace("title: Questions", "title: Frequent questions"),
                       encoding="utf-8")
    from sitegen.translation.mark_current import mark_current
    mark_current(load(project), "en", ["faq.yaml"], "title", project / "content")
    assert status_of(project, "en", "faq.yaml", "title") == "current"
    edit_po(project / "po/en/faq.po", "faq.yaml:title", "Questions asked")  # made from the old German
    do_import(project, "en")
    assert status_of(project, "en", "faq.yaml", "title") == "outdated"


def test_an_import_that_would_break_a_file_writes_nothing(project):
    (project / "content/hsb/workshops/beispiel.yaml").unlink()
    export(project, "hsb")
    edit_po(project / "po/hsb/faq.po", "faq.yaml:title", "Nowe prašenja")  # fine on its own
    edit_po(project / "po/hsb/workshops/beispiel.po", "workshops/beispiel.yaml:goals[1]", "Druhi cil.")  # no goals[0]
    before = snapshot(project / "content")
    with pytest.raises(ContentError) as error:
        do_import(project, "hsb")
    line = next(i for i, text in enumerate((project / "po/hsb/workshops/beispiel.po").read_text().splitlines(), 1)
                if text == 'msgctxt "workshops/beispiel.yaml:goals[1]"')
    assert [p.format() for p in error.value.problems] == [
        f"po/hsb/workshops/beispiel.po:{line}: 'workshops/beispiel.yaml:goals[1]': entry 1 of 'goals' has no "
        "text, so entry 2 cannot be added after it; translate entry 1 as well"]
    assert snapshot(project / "content") == before


def test_a_text_the_content_rules_reject_writes_nothing(project):
    export(project, "hsb")
    edit_po(project / "po/hsb/faq.po", "faq.yaml:title", "Nowe prašenja")  # fine on its own
    edit_po(project / "po/hsb/faq.po", "faq.yaml:questions[0].answer", "Testowa strona w [Budyšinje]{lang=}.")
    before = snapshot(project / "content")
    with pytest.raises(ContentError) as error:
        do_import(project, "hsb")
    line = next(i for i, text in enumerate((project / "po/hsb/faq.po").read_text().splitlines(), 1)
                if text == 'msgctxt "faq.yaml:questions[0].answer"')
    assert [p.format() for p in error.value.problems] == [
        f"po/hsb/faq.po:{line}: 'faq.yaml:questions[0].answer' would make content/hsb/faq.yaml invalid: "
        "the language markup is not well formed; write the phrase in square brackets followed by its language, "
        "like [Budyšin]{lang=hsb}"]
    assert snapshot(project / "content") == before


def test_content_that_fails_validation_after_the_import_writes_nothing(project, monkeypatch):
    export(project, "en")
    edit_po(project / "po/en/faq.po", "faq.yaml:questions[0].answer", "A new answer.")
    import sitegen.translation.po as po_module

    real_load = po_module.load_content

    def strict_load(content_dir, root):  # a rule the new text breaks, reported where the loader finds it
        content = real_load(content_dir, root)
        answer = content.by_language["en"].faq.questions[0].answer
        if answer == "A new answer.":
            raise ContentError([Problem("content/en/faq.yaml", 5, 13, "the answer is not allowed")])
        return content

    monkeypatch.setattr(po_module, "load_content", strict_load)
    before = snapshot(project / "content")
    with pytest.raises(ContentError) as error:
        import_po(real_load(project / "content", project), "en", project / "po/en", project / "content", project)
    line = next(i for i, text in enumerate((project / "po/en/faq.po").read_text().splitlines(), 1)
                if text == 'msgctxt "faq.yaml:questions[0].answer"')
    assert [p.format() for p in error.value.problems] == [
        f"po/en/faq.po:{line}: 'faq.yaml:questions[0].answer' would make content/en/faq.yaml invalid: "
        "the answer is not allowed"]
    assert snapshot(project / "content") == before


# --- bad PO files ----------------------------------------------------------------------------------------


def problems_of(project: Path, lang: str = "en") -> list[str]:
    with pytest.raises(ContentError) as error:
        do_import(project, lang)
    return [p.format() for p in error.value.problems]


def test_unknown_field_is_an_error_at_its_line(project):
    export(project, "en")
    po_file = project / "po/en/faq.po"
    text = po_file.read_text(encoding="utf-8")
    text = text.replace('msgctxt "faq.yaml:questions[0].answer"', 'msgctxt "faq.yaml:questions[9].answer"')
    po_file.write_text(text, encoding="utf-8")
    line = text.splitlines().index('msgctxt "faq.yaml:questions[9].answer"') + 1
    before = snapshot(project / "content")
    assert problems_of(project) == [
        f"po/en/faq.po:{line}: unknown field 'faq.yaml:questions[9].answer'; export the PO files again"]
    assert snapshot(project / "content") == before


@pytest.mark.parametrize("bad, message", [
    ('msgstr "Questions\n', "the closing double quote is missing"),
    ('msgstr "Questions" extra\n', "text after the closing double quote"),
    ('msgstr "Ques\\qtions"\n', "unknown escape \\q"),
    ("garbage here\n", "cannot read this line"),
    ('msgstr[0] "Questions"\n', "msgstr[n] needs msgid_plural"),
])
def test_malformed_po_file_is_an_error_at_its_line(project, bad, message):
    export(project, "en")
    po_file = project / "po/en/faq.po"
    lines = po_file.read_text(encoding="utf-8").splitlines(keepends=True)
    index = lines.index('msgstr "Questions"\n')
    lines[index] = bad
    po_file.write_text("".join(lines), encoding="utf-8")
    problems = problems_of(project)
    assert len(problems) == 1
    assert problems[0].startswith(f"po/en/faq.po:{index + 1}: this is not a valid PO file: {message}")


def test_missing_msgstr_and_bad_encoding(project):
    export(project, "en")
    po_file = project / "po/en/faq.po"
    text = po_file.read_text(encoding="utf-8")
    po_file.write_text(text.replace('msgstr "Questions"\n', ""), encoding="utf-8")
    line = text.splitlines().index('msgctxt "faq.yaml:title"') + 1
    assert problems_of(project)[0].startswith(f"po/en/faq.po:{line}: this is not a valid PO file: "
                                              "this entry has no msgstr")
    po_file.write_bytes(text.encode("utf-8").replace(b"Questions", b"Fragen \xff"))
    line = text.splitlines().index('msgstr "Questions"') + 1
    assert problems_of(project) == [f"po/en/faq.po:{line}: the file is not valid UTF-8 text; save it with "
                                    "UTF-8 encoding (charset=UTF-8)"]


def test_po_file_of_another_language_or_twice_the_same_field(project):
    export(project, "en")
    export(project, "hsb")
    shutil.copy(project / "po/hsb/faq.po", project / "po/en/faq.po")
    line = (project / "po/en/faq.po").read_text(encoding="utf-8").splitlines().index('"Language: hsb\\n"') + 1
    assert problems_of(project) == [f"po/en/faq.po:{line}: this PO file is for the language 'hsb', not 'en'; "
                                    "import it with the right --lang"]
    export(project, "en")
    shutil.copy(project / "po/en/faq.po", project / "po/en/faq-copy.po")
    problems = problems_of(project)
    assert len(problems) == 4 and all("appears twice (first at po/en/faq-copy.po:" in p for p in problems)


def test_no_po_files(project):
    assert problems_of(project) == ["po/en: no PO files found here; run `sitegen export-po --lang en` first, "
                                    "or name the folder that holds the PO files"]


def test_parser_reads_what_gettext_tools_write():
    po = parse_po(
        '# translator comment\nmsgid ""\nmsgstr ""\n"Language: hsb\\n"\n"Plural-Forms: nplurals=4;\\n"\n\n'
        '#. extracted\n#: a.yaml:1\n#, fuzzy, c-format\n#| msgid "old"\nmsgctxt "a.yaml:x"\nmsgid ""\n'
        '"long "\n"text \\"quoted\\" \\\\ \\t\\n"\nmsgstr "tr"\n\n'
        '#~ msgctxt "gone"\n#~ msgid "old"\n#~ msgstr "alt"\n\n'
        'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "a"\nmsgstr[1] "b"\n')
    header, found = po.header, po.entries
    assert header == {"Language": "hsb", "Plural-Forms": "nplurals=4;"}
    assert (po.header_line("Language"), po.header_line("Plural-Forms"), po.header_line("X-None")) == (4, 5, 1)
    assert po.problems == []
    assert [(e.msgctxt, e.msgid, e.msgstr, e.fuzzy, e.line) for e in found[:1]] == [
        ("a.yaml:x", 'long text "quoted" \\ \t\n', "tr", True, 11)]
    assert found[1].msgid_plural == "many" and found[1].plural_forms == {0: "a", 1: "b"}
