"""Spell-checking: every word a reader sees is known to its language's aspell dictionary or listed
in content/<lang>/wordlist.txt, and a warning points at the very line and column of a misspelling."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import sitegen.review.spelling as spelling
from sitegen.content.tree import WORDLIST, load_content
from sitegen.core.errors import ContentError
from sitegen.core.fields import TextField
from sitegen.read.languages import load_languages
from sitegen.read.load import load_document
from sitegen.review.spelling import (
    SpellingUnavailable,
    content_reports,
    load_wordlist,
    spelling_report,
)

REPOSITORY = Path(__file__).parents[2]
CONTENT = REPOSITORY / "content"
# Every language that names a dictionary in content/languages.yaml; a new one is tested without code changes.
CHECKED = [language for language in load_languages(CONTENT, REPOSITORY) if language.spelling]


def fixture_fields(root: Path, yaml_text: str, lang: str = "de", item: str = "faq.yaml") -> list[TextField]:
    """Write a YAML file into a small project and return its texts as TextFields, located like real ones."""
    path = root / "content" / lang / item
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml_text, encoding="utf-8")
    document = load_document(path, f"content/{lang}/{item}")
    fields = []

    def walk(value, at):
        if isinstance(value, str):
            fields.append(TextField(lang, item, at, value, document.shown_path, *document.location(at)))
        elif isinstance(value, dict):
            for key, child in value.items():
                walk(child, at + (key,))
        elif isinstance(value, list):
            for index, child in enumerate(value):
                walk(child, at + (index,))

    walk(document.data, ())
    return fields


def where(problems) -> list[tuple[str, int, int, str]]:
    return [(p.path, p.line, p.column, p.message.split("'")[1]) for p in problems]


# --- where a misspelling is reported ---------------------------------------------------------------

def test_a_misspelling_is_reported_at_its_line_and_column(tmp_path):
    fields = fixture_fields(tmp_path, "title: Die Werkstat arbeitet\n")
    problems = spelling_report(fields, "de_DE", set(), root=tmp_path).problems()
    assert where(problems) == [("content/de/faq.yaml", 1, 12, "Werkstat")]
    problem = problems[0]
    assert problem.level == "warning"
    assert problem.message.startswith("unknown word 'Werkstat' (de); fix the spelling, or add it to "
                                      "content/de/wordlist.txt if it is a name or term")
    assert "'Werkstatt'" in problem.message  # aspell's suggestions are named
    assert problem.format().startswith("content/de/faq.yaml:1:12: [warning] unknown word 'Werkstat'")


def test_a_misspelling_on_a_later_line_of_a_folded_block_is_reported_on_that_line(tmp_path):
    fields = fixture_fields(tmp_path, (
        "title: Fragen\n"
        "answer: >-\n"
        "  Die Werkstatt stärkt die Region und\n"
        "  bringt die Mennschen zusammen.\n"
        "plain: Ein einfacher Text, der über\n"
        "  zwei Zeilen gehht.\n"
    ))
    problems = spelling_report(fields, "de_DE", set(), root=tmp_path).problems()
    assert where(problems) == [("content/de/faq.yaml", 4, 14, "Mennschen"),
                               ("content/de/faq.yaml", 6, 15, "gehht")]


def test_each_repetition_of_a_misspelling_is_reported_where_it_stands(tmp_path):
    # The first "Werkstat" is marked as another language and not checked; the others are found
    # in order, each on its own line, even though the same word stands earlier in the file.
    fields = fixture_fields(tmp_path, (
        "title: Werkstat\n"
        "answer: >-\n"
        "  Das Wort [Werkstat]{lang=en} ist hier englisch, aber hier\n"
        "  ist Werkstat falsch und\n"
        "  hier auch: Werkstat.\n"
        "items:\n"
        "  - Werkstat\n"
    ))
    problems = spelling_report(fields, "de_DE", set(), root=tmp_path).problems()
    assert where(problems) == [("content/de/faq.yaml", 1, 8, "Werkstat"),
                               ("content/de/faq.yaml", 4, 7, "Werkstat"),
                               ("content/de/faq.yaml", 5, 14, "Werkstat"),
                               ("content/de/faq.yaml", 7, 5, "Werkstat")]


def test_a_word_that_cannot_be_found_in_the_file_is_reported_at_the_start_of_its_text(tmp_path):
    # Written with an escape, the word is not in the file as such; the text's own start is given.
    fields = fixture_fields(tmp_path, 'title: "Die Werkst\\u00e4t arbeitet"\n')
    problems = spelling_report(fields, "de_DE", set(), root=tmp_path).problems()
    assert where(problems) == [("content/de/faq.yaml", 1, 8, "Werkstät")]


# --- what is checked -------------------------------------------------------------------------------

def test_phrases_marked_as_another_language_are_not_checked(tmp_path):
    marked = fixture_fields(tmp_path, "title: Die Werkstatt befasst sich mit [smart regions]{lang=en}.\n")
    assert spelling_report(marked, "de_DE", set(), root=tmp_path).problems() == []
    unmarked = fixture_fields(tmp_path, "title: Die Werkstatt befasst sich mit smart regions.\n")
    problems = spelling_report(unmarked, "de_DE", set(), root=tmp_path).problems()
    assert where(problems) == [("content/de/faq.yaml", 1, 45, "regions")]


def test_addresses_and_numbers_are_not_checked(tmp_path):
    fields = fixture_fields(tmp_path, (
        "title: Schreiben Sie an kontakt@werkstaetten-lausitz.de oder lesen Sie\n"
        "  https://www.werkstaetten-lausitz.de/termine?jahr=2027 und www.lausitz-info.de/plaene.\n"
        "text: Treffen am 15.03.2027 um 10:30 Uhr, 2027-03-15, Raum 12, 10.000 Teilnehmer.\n"
    ))
    report = spelling_report(fields, "de_DE", set(), root=tmp_path)
    assert where(report.problems()) == []
    assert report.total_words == 13  # only words with letters: not numbers, dates or addresses


def test_the_word_list_matches_regardless_of_case(tmp_path):
    fields = fixture_fields(tmp_path, "title: Die Werkstat und die WERKSTAT arbeiten\n")
    assert len(spelling_report(fields, "de_DE", set(), root=tmp_path).problems()) == 2
    assert spelling_report(fields, "de_DE", {"werkStat"}, root=tmp_path).problems() == []
    assert spelling_report(fields, "de_DE", {"Werkstat"}, root=tmp_path).not_listed == []


def test_the_word_list_format(tmp_path):
    path = tmp_path / "wordlist.txt"
    path.write_text("# Namen\nLusatia\n\n  Sorbs  \nLEADER  # EU programme\n#Serbja\n", encoding="utf-8")
    assert load_wordlist(path) == {"Lusatia", "Sorbs", "LEADER"}
    assert load_wordlist(tmp_path / "missing.txt") == set()  # a language may have no word list


def test_word_list_entries_no_text_needs_are_stale(tmp_path):
    fields = fixture_fields(tmp_path, "title: Die Werkstat arbeitet\n")
    # "Haus" the dictionary knows, "Quatschwort" no text has; both can go.
    report = spelling_report(fields, "de_DE", {"WERKSTAT", "Haus", "Quatschwort"}, suggest=False)
    assert report.stale_entries() == ["Haus", "Quatschwort"]


def test_the_rate_counts_every_word_and_every_unknown_one(tmp_path):
    fields = fixture_fields(tmp_path, "title: Die Werkstat und die Werkstat und die Mennschen\n")
    assert spelling_report(fields, "de_DE", set(), suggest=False).rate() == (8, 3, 2)
    assert spelling_report(fields, "de_DE", {"werkstat"}, suggest=False).rate() == (8, 1, 1)


def test_aspell_runs_once_for_all_texts_and_once_for_suggestions(tmp_path, monkeypatch):
    fields = fixture_fields(tmp_path, (
        "title: Die Werkstat\n"
        "answer: |\n"
        "  Erste Zeile\n"
        "  zweite Zeiel\n"
        "items:\n"
        "  - eins\n"
        "  - zweii\n"
        "more: Werkstat Werkstat\n"
    ))
    calls = []
    real_popen = subprocess.Popen

    def counting_popen(command, **kwargs):
        calls.append((command, kwargs["stdin"].read().decode("utf-8")))
        kwargs["stdin"].seek(0)
        return real_popen(command, **kwargs)

    monkeypatch.setattr(spelling.subprocess, "Popen", counting_popen)
    problems = spelling_report(fields, "de_DE", set(), root=tmp_path).problems()
    # Once for every word of every text, once for suggestions: each distinct unknown word asked once.
    assert len(calls) == 2
    assert "--dont-suggest" in calls[0][0] and "--dont-suggest" not in calls[1][0]
    assert [line.removeprefix("^") for line in calls[1][1].splitlines()] == ["Werkstat", "Zeiel", "zweii"]
    assert where(problems) == [("content/de/faq.yaml", 1, 12, "Werkstat"), ("content/de/faq.yaml", 4, 10, "Zeiel"),
                               ("content/de/faq.yaml", 7, 5, "zweii"), ("content/de/faq.yaml", 8, 7, "Werkstat"),
                               ("content/de/faq.yaml", 8, 16, "Werkstat")]
    assert all("aspell suggests 'Werkstatt'" in problem.message for problem in problems
               if "'Werkstat'" in problem.message)


def test_text_cannot_give_aspell_commands(tmp_path):
    # In aspell's pipe mode a line starting with * adds a word, with # saves, with ! changes mode.
    fields = fixture_fields(tmp_path, "items:\n  - '*Werkstat'\n  - '!'\n  - '# Werkstat'\n  - '-'\n  - Werkstat\n")
    problems = spelling_report(fields, "de_DE", set(), root=tmp_path).problems()
    assert [p.line for p in problems] == [2, 4, 6]


def test_a_personal_aspell_word_list_does_not_change_the_result(tmp_path, monkeypatch):
    # What is right is decided by the dictionary and the project's word list, not by anyone's home folder.
    home = tmp_path / "home"
    home.mkdir()
    (home / ".aspell.de.pws").write_text("personal_ws-1.1 de 1 utf-8\nWerkstat\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    fields = fixture_fields(tmp_path, "title: Die Werkstat arbeitet\n")
    problems = spelling_report(fields, "de_DE", set(), root=tmp_path).problems()
    assert where(problems) == [("content/de/faq.yaml", 1, 12, "Werkstat")]


# --- when aspell or a dictionary is missing --------------------------------------------------------

def test_a_missing_dictionary_is_a_clear_content_error(tmp_path):
    fields = fixture_fields(tmp_path, "title: Text\n", lang="dsb")
    with pytest.raises(SpellingUnavailable) as raised:
        spelling_report(fields, "xx_XX", set(), root=tmp_path).problems()
    assert isinstance(raised.value, ContentError)
    [problem] = raised.value.problems
    assert problem.path == "content/dsb"
    assert "the aspell dictionary 'xx_XX' is not available" in problem.message
    assert "run `make setup`" in problem.message and "aspell-xx" in problem.message


def test_missing_aspell_is_a_clear_content_error(tmp_path, monkeypatch):
    fields = fixture_fields(tmp_path, "title: Text\n")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(SpellingUnavailable) as raised:
        spelling_report(fields, "de_DE", set(), root=tmp_path).problems()
    [problem] = raised.value.problems
    assert problem.format().startswith("content/de: cannot check the spelling: aspell is not installed; "
                                       "run `make setup`")
    assert "aspell-de" in problem.message


# --- languages are data ------------------------------------------------------------------------

def test_a_new_language_is_checked_without_code_changes(project):
    # A fourth language, here with the Upper Sorbian dictionary standing in for one Debian lacks;
    # English names no dictionary and is not checked.
    content_dir = project / "content"
    shutil.copytree(content_dir / "hsb", content_dir / "dsb")
    (content_dir / "languages.yaml").write_text(
        "languages:\n"
        "  - {code: de, name: Deutsch, source: true, spelling: de_DE}\n"
        "  - {code: en, name: English}\n"
        "  - {code: hsb, name: Hornjoserbšćina, spelling: hsb}\n"
        "  - {code: dsb, name: Dolnoserbšćina, spelling: hsb}\n", encoding="utf-8")
    site = content_dir / "dsb" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("Mała websydło", "Mała websydłoo"), encoding="utf-8")
    (content_dir / "dsb" / WORDLIST).write_text("# mjenja\nwebsydło\n", encoding="utf-8")

    reports = content_reports(load_content(content_dir, project), content_dir, project)

    assert sorted(reports) == ["de", "dsb", "hsb"]
    assert reports["dsb"].wordlist == {"websydło"}
    problems = reports["dsb"].problems()
    [problem] = [problem for problem in problems if "'websydł" in problem.message]  # the listed word is accepted
    assert (problem.path, problem.line, problem.column) == ("content/dsb/site.yaml", 3, 24)
    assert "unknown word 'websydłoo' (dsb)" in problem.message and "content/dsb/wordlist.txt" in problem.message


# --- the real content ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def content():
    return load_content(CONTENT, REPOSITORY)


@pytest.fixture(scope="module")
def reports(content):
    try:
        return content_reports(content, CONTENT, REPOSITORY)
    except ContentError as error:  # e.g. a dictionary that is not installed: say so, no traceback
        pytest.fail(str(error), pytrace=False)


def test_the_dictionary_is_really_used():
    # A misspelt word must be reported, or the tests below prove nothing.
    text = "Dźěłarnja wuwiwa zhromadne zrozumjenje\nDźěłarnja wuwiwaa"
    fields = [TextField("hsb", "faq.yaml", ("answer",), text, "content/hsb/faq.yaml", 1, 9)]
    assert [word.word for word in spelling_report(fields, "hsb", set()).not_listed] == ["wuwiwaa"]


@pytest.mark.parametrize("language", CHECKED, ids=lambda language: language.code)
def test_each_language_is_checked_with_a_dictionary_of_that_language(content, reports, language):
    # Its own dictionary knows most words of a language's texts; a dictionary of another language few.
    own = reports[language.code].rate(apply_wordlist=False)
    assert own.total > 100 and own.percent < 20, own
    for other in {other.spelling for other in CHECKED} - {language.spelling}:
        foreign = spelling_report(content.by_language[language.code].fields, other, set(), suggest=False).rate()
        assert foreign.percent > 50, (other, foreign)


@pytest.mark.parametrize("language", CHECKED, ids=lambda language: language.code)
def test_every_word_is_known_or_listed(reports, language):
    problems = reports[language.code].problems()
    listing = "\n".join(problem.format() for problem in problems)
    assert problems == [], (f"unknown words; fix them, or add names and terms to "
                            f"content/{language.code}/{WORDLIST}:\n{listing}")


@pytest.mark.parametrize("language", CHECKED, ids=lambda language: language.code)
def test_the_word_list_holds_no_stale_entries(reports, language):
    assert reports[language.code].stale_entries() == [], f"delete these from content/{language.code}/{WORDLIST}"


def test_the_real_word_lists_are_read(reports):
    for language in CHECKED:
        path = CONTENT / language.code / WORDLIST
        assert reports[language.code].wordlist == frozenset(load_wordlist(path))
