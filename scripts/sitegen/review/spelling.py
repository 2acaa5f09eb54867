"""Spell-check the texts of one language with aspell and a project word list.

Which dictionary a language uses is data: `spelling:` in content/languages.yaml (de_DE, en_GB,
hsb, ...); a language without it is not checked. Words the dictionary lacks but which are right
(names, terms) are listed in content/<lang>/wordlist.txt, one a line, `#` starts a comment; the
list matches regardless of upper and lower case.

What is checked: the parts of each text in the file's own language. Phrases marked as another
language (`[smart regions]{lang=en}`, see inline.py), web addresses and e-mail addresses are
blanked out first; words without letters (numbers, dates) aspell skips by itself.

How: aspell runs once per call, in its ispell-compatible pipe mode (`aspell -a`), with every line
of every text. Each input line is sent as `^line`, so that no text can be taken as a command, and
aspell answers one result line per word (`*` known, `+`/`-` known as derived or compound form;
`& word n offset: suggestions`, `? word 0 offset: guesses` or `# word offset` unknown) and then
an empty line. Counting the empty lines maps every answer to its text and line; the offset
(characters, counting the `^`) gives the word's place in the text. aspell's home folder is /dev/null,
in which no file can be, so a personal word list or ~/.aspell.conf cannot change the result, and
nothing is made that a stopped check could leave behind.

Where a word stands in the YAML file: a TextField knows where its value starts, but YAML folds
long values over several lines (`>-` blocks, plain multi-line scalars), so the parsed text and
the file differ in line breaks and indentation. The word's place is found again in the file
itself: if the word is the n-th occurrence (as a whole word) of that spelling in the text, it is
the n-th occurrence in the file at or after the value's start, and before the start of the next
checked value of the same file. Folding changes only white space, so words keep their order. When
the word cannot be found that way (a double-quoted value that spells it with `\\u` escapes),
the value's own start is given instead.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from sitegen.content.tree import WORDLIST, Content
from sitegen.core.errors import ContentError, Problem, display_path
from sitegen.core.fields import TextField
from sitegen.core.inline import MARKUP
from sitegen.core.messages import _
from sitegen.read.inputs import read_text
from sitegen.read.load import MAX_FILE_BYTES

ASPELL = "aspell"
NO_HOME = os.devnull  # aspell's home folder: nothing can be read from it or written into it
SUGGESTIONS = 3  # how many of aspell's suggestions a warning names
SUGGESTED_WORDS = 200  # distinct unknown words per run that get suggestions; more is more than anyone reads
MAX_WORDLIST_BYTES = 1024 * 1024  # a word list of names and terms: a few KB; 1 MB is some 80,000 words

# Blanked out before checking, keeping the length so that offsets stay those of the text.
URL = re.compile(r"(?:https?://|mailto:|www\.)\S+", re.IGNORECASE)
# Starting only where a run of address characters starts: tried at every place inside a long run,
# the pattern would scan the rest of the run each time (quadratic in a text without spaces).
EMAIL = re.compile(r"(?<![^\s@<>()\[\]])[^\s@<>()\[\]]+@[^\s@<>()\[\]]+\.[^\s@<>()\[\]]+")


class SpellingUnavailable(ContentError):
    """aspell or the dictionary a language asks for is not installed. Carries one Problem."""


class UnknownWord(NamedTuple):
    """A word the dictionary does not know, where it stands in its YAML file."""

    field: TextField
    word: str
    line: int  # 1-based, in field.file
    column: int  # 1-based
    suggestions: tuple[str, ...] = ()


class WordRate(NamedTuple):
    """How many words were checked and how many of them are unknown."""

    total: int  # every word aspell looked at, repeats counted
    unknown: int  # unknown words, repeats counted
    distinct: int  # unknown words, each spelling (ignoring case) counted once

    @property
    def percent(self) -> float:
        return 100.0 * self.unknown / self.total if self.total else 0.0


@dataclass(frozen=True)
class SpellingReport:
    """The result of one aspell run over the texts of one language."""

    dictionary: str
    total_words: int
    unknown: tuple[UnknownWord, ...]  # every word aspell does not know, word list not applied
    wordlist: frozenset[str]

    @property
    def not_listed(self) -> list[UnknownWord]:
        """Unknown words that are not in the word list: the ones to warn about."""
        listed = _casefolded(self.wordlist)
        return [word for word in self.unknown if word.word.casefold() not in listed]

    def problems(self, skip: set[tuple[str, int, int]] = frozenset()) -> list[Problem]:
        """Warnings for the unknown words, except in the fields located at (file, line, column) in `skip`."""
        return [_warning(word) for word in self.not_listed
                if (word.field.file, word.field.line, word.field.column) not in skip]

    def rate(self, apply_wordlist: bool = True) -> WordRate:
        words = self.not_listed if apply_wordlist else list(self.unknown)
        return WordRate(self.total_words, len(words), len({word.word.casefold() for word in words}))

    def stale_entries(self) -> list[str]:
        """Word-list entries that no checked text needs (the dictionary knows them, or no text has them)."""
        needed = {word.word.casefold() for word in self.unknown}
        return sorted((entry for entry in self.wordlist if entry.casefold() not in needed), key=str.casefold)


def _casefolded(wordlist: Iterable[str]) -> set[str]:
    """The word list as it matches: regardless of upper and lower case."""
    return {entry.casefold() for entry in wordlist}


def load_wordlist(path: Path, root: Path | None = None) -> set[str]:
    """The entries of a word list as written; an absent file is an empty list.

    One word a line; `#` starts a comment (a whole line, or after the word); blank lines are ignored.
    Read like every file from outside (sitegen.inputs); `root`: where its path is shown from.
    """
    text = read_text(path, display_path(path, root) if root else path.as_posix(), MAX_WORDLIST_BYTES,
                     missing_ok=True,
                     # TRANSLATORS: a noun phrase, used as {what} in "… more than the 1 MB {what} may have"
                     what=_("a word list"),
                     # TRANSLATORS: what to do about a word list that is too large, after "…; "
                     fix=_("a word list holds names and terms, one a line"))
    if text is None:
        return set()
    words = set()
    for line in text.splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(word)
    return words


def spelling_report(fields: Iterable[TextField], dictionary: str, wordlist: Iterable[str] = (),
                    root: Path | None = None, suggest: bool = True) -> SpellingReport:
    """Check `fields` with the aspell `dictionary` in one run of aspell.

    `root` is the folder the fields' file paths are relative to (default: the working directory);
    the files are read again to give each word its own line. `suggest=False` skips aspell's
    suggestions, which take most of its time. Raises SpellingUnavailable when aspell or the
    dictionary is missing.
    """
    return PendingReport(fields, dictionary, wordlist, root, suggest).report()


class PendingReport:
    """spelling_report with its aspell started at once and left running while the caller does other work;
    `report()` waits for it. Raises SpellingUnavailable at once when aspell cannot be started."""

    def __init__(self, fields: Iterable[TextField], dictionary: str, wordlist: Iterable[str] = (),
                 root: Path | None = None, suggest: bool = True):
        self.fields, self.dictionary, self.wordlist = list(fields), dictionary, frozenset(wordlist)
        self.root, self.suggest = root, suggest
        self.owners: list[tuple[int, int]] = []  # per line: index of its field, offset of the line in the text
        lines: list[str] = []  # every line of every text, as sent to aspell
        for index, field in enumerate(self.fields):
            offset = 0
            for line in _checkable(field.text).split("\n"):
                lines.append(line.replace("\r", " "))
                self.owners.append((index, offset))
                offset += len(line) + 1
        self.where = self.fields[0] if self.fields else None
        self.run = _Aspell(lines, dictionary, self.where, suggest=False)

    def close(self) -> None:
        """Stop its aspell if the report is not wanted after all (the caller failed meanwhile)."""
        self.run.close()

    def report(self) -> SpellingReport:
        total, answers = self.run.result()
        if self.suggest:
            # listed words are never warned about, so never suggested for
            answers = _with_suggestions(answers, self.dictionary, self.where, skip=_casefolded(self.wordlist))
        locator = _Locator(self.fields, self.root)
        unknown = []
        for line_index, word, offset, suggestions in answers:
            index, line_offset = self.owners[line_index]
            field = self.fields[index]
            position = _position_in_text(field.text, word, line_offset + offset)
            line, column = locator.locate(index, word, position)
            unknown.append(UnknownWord(field, word, line, column, tuple(suggestions[:SUGGESTIONS])))
        return SpellingReport(self.dictionary, total, tuple(unknown), self.wordlist)


def content_reports(content: Content, content_dir: Path, root: Path) -> dict[str, SpellingReport]:
    """A spelling report for every language that names a dictionary (`spelling:` in languages.yaml)."""
    return {code: pending.report() for code, pending in start_content_reports(content, content_dir, root).items()}


def start_content_reports(content: Content, content_dir: Path, root: Path) -> dict[str, PendingReport]:
    """content_reports with every language's aspell started at once, running while the caller does other work."""
    pending: dict[str, PendingReport] = {}
    try:
        for language in content.languages:
            if language.spelling:
                wordlist = load_wordlist(content_dir / language.code / WORDLIST, root)
                fields = content.by_language[language.code].fields  # the language's own texts, no fallbacks
                pending[language.code] = PendingReport(fields, language.spelling, wordlist, root)
    except BaseException:
        for started in pending.values():
            started.close()
        raise
    return pending


def wordlist_path_for(field: TextField) -> str:
    """content/<lang>/wordlist.txt, written like the field's file (e.g. content/hsb/wordlist.txt)."""
    parts = PurePosixPath(field.file).parts
    folders = [index for index, part in enumerate(parts[:-1]) if part == field.lang]
    folder = PurePosixPath(*parts[: folders[-1] + 1]) if folders else PurePosixPath(field.file).parent
    return (folder / WORDLIST).as_posix()


def _warning(word: UnknownWord) -> Problem:
    if word.suggestions:
        # TRANSLATORS: {lang} is a language code ("hsb"), {wordlist} a file (content/hsb/wordlist.txt),
        # {suggestions} a list of words in quotes ("'Wort', 'Worte'").
        message = _("unknown word '{word}' ({lang}); fix the spelling, or add it to {wordlist} if it is a name "
                    "or term; aspell suggests {suggestions}").format(
            word=word.word, lang=word.field.lang, wordlist=wordlist_path_for(word.field),
            suggestions=", ".join(f"'{suggestion}'" for suggestion in word.suggestions))
    else:
        # TRANSLATORS: {lang} is a language code ("hsb"), {wordlist} a file (content/hsb/wordlist.txt).
        message = _("unknown word '{word}' ({lang}); fix the spelling, or add it to {wordlist} if it is a name "
                    "or term").format(word=word.word, lang=word.field.lang, wordlist=wordlist_path_for(word.field))
    return Problem(word.field.file, word.line, word.column, message, level="warning", kind="spelling")


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))


def _checkable(text: str) -> str:
    """The text with other-language phrases, web and e-mail addresses blanked out, same length."""
    text = MARKUP.sub(_blank, text)
    text = URL.sub(_blank, text)
    return EMAIL.sub(_blank, text)


def _package(dictionary: str) -> str:
    """The Debian package that usually holds an aspell dictionary: de_DE -> aspell-de."""
    return "aspell-" + re.split(r"[_-]", dictionary, maxsplit=1)[0].lower()


def _unavailable(where: TextField | None, dictionary: str, what: str) -> SpellingUnavailable:
    path = str(PurePosixPath(wordlist_path_for(where)).parent) if where else "aspell"
    # TRANSLATORS: {what} is one of the reasons below ("aspell is not installed", ...); {package} a Debian
    # package (aspell-de), {dictionary} an aspell dictionary (de_DE).
    message = _("cannot check the spelling: {what}; run `make setup`, or install the Debian packages aspell and "
                "{package}, or remove `spelling: {dictionary}` from content/languages.yaml").format(
        what=what, package=_package(dictionary), dictionary=dictionary)
    return SpellingUnavailable([Problem(path, 0, 0, message)])


def _run_aspell(lines: list[str], dictionary: str, where: TextField | None, suggest: bool):
    """Send `lines` to aspell; return (number of words checked, [(line index, word, offset, suggestions)])."""
    return _Aspell(lines, dictionary, where, suggest).result()


class _Aspell:
    """One run of aspell over `lines`, started at once; `result()` waits for it and reads its answers.

    The lines go in through a temporary file, not a pipe: aspell reads at its own pace while this
    process does other work, and only its answers come through a pipe, read in `result()`."""

    def __init__(self, lines: list[str], dictionary: str, where: TextField | None, suggest: bool):
        self.lines, self.dictionary, self.where = len(lines), dictionary, where
        program = shutil.which(ASPELL)
        if program is None:
            # TRANSLATORS: used as {what} in "cannot check the spelling: {what}; run `make setup`, …"
            raise _unavailable(where, dictionary, _("aspell is not installed"))
        environment = {key: value for key, value in os.environ.items() if key != "ASPELL_CONF"}
        command = [program, "-a", f"--master={dictionary}", "--encoding=utf-8",
                   "--mode=none", f"--home-dir={NO_HOME}"] + ([] if suggest else ["--dont-suggest"])
        try:
            with tempfile.TemporaryFile() as text:
                text.write("".join(f"^{line}\n" for line in lines).encode("utf-8"))
                text.seek(0)
                self.process = subprocess.Popen(command, stdin=text, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                                env=environment)
        except OSError as error:
            # TRANSLATORS: used as {what} in "cannot check the spelling: {what}; …"; {reason} is the system's
            # message (in English)
            raise _unavailable(where, dictionary, _("aspell cannot be started ({reason})").format(
                reason=error.strerror)) from None

    def close(self) -> None:
        """Stop aspell if it still runs (its result is not wanted)."""
        if self.process.poll() is None:
            self.process.kill()
        for pipe in (self.process.stdout, self.process.stderr):  # its answers are not wanted: close, don't read
            pipe.close()  # (a process aspell started could hold them open long after aspell itself)
        self.process.wait()

    def result(self):
        stdout, stderr = self.process.communicate()
        stdout, stderr = stdout.decode("utf-8", "replace"), stderr.decode("utf-8", "replace")
        dictionary, where = self.dictionary, self.where
        if self.process.returncode != 0 or not stdout.startswith("@(#)"):
            # TRANSLATORS: used as {detail} in "the aspell dictionary '{dictionary}' is not available ({detail})"
            detail = " ".join(stderr.split()) or _("aspell exited with status {status}").format(
                status=self.process.returncode)
            # TRANSLATORS: used as {what} in "cannot check the spelling: {what}; …"; {detail} is aspell's own
            # message (in English), or "aspell exited with status 1"
            raise _unavailable(where, dictionary, _("the aspell dictionary '{dictionary}' is not available "
                                                    "({detail})").format(dictionary=dictionary, detail=detail))

        total = 0
        answers = []
        line_index = 0
        for answer in stdout.splitlines()[1:]:
            if not answer:
                line_index += 1
                continue
            total += 1
            if answer[0] in "&?#":  # unknown: with suggestions, with affix guesses only, with nothing
                head, _separator, tail = answer.partition(": ")
                parts = head.split(" ")
                word, offset = parts[1], int(parts[-1])
                suggestions = [s.strip() for s in tail.split(", ") if s.strip()] if answer[0] == "&" else []
                answers.append((line_index, word, offset - 1, suggestions))  # offsets count the leading ^
        if line_index != self.lines:
            # TRANSLATORS: used as {what} in "cannot check the spelling: {what}; …"; {answered} and {lines} are
            # numbers
            raise _unavailable(where, dictionary, _("aspell answered {answered} lines for {lines}; its output "
                                                    "could not be read").format(answered=line_index, lines=self.lines))
        return total, answers


def _with_suggestions(answers, dictionary: str, where: TextField | None, skip: set[str] = frozenset()):
    """`answers` with aspell's suggestions for the first SUGGESTED_WORDS distinct words, except the
    words in `skip` (casefolded): the word list's entries, which no warning names.

    aspell takes about a millisecond to suggest for one word, and does it again for every repeat of it:
    asked once for each distinct word, and for a bounded number of them, a file that repeats an unknown
    word 60,000 times, or holds 30,000 different ones, is checked in seconds, not minutes."""
    distinct = list(dict.fromkeys(answer[1] for answer in answers if answer[1].casefold() not in skip))[:SUGGESTED_WORDS]
    if not distinct:
        return answers
    suggested = _run_aspell(distinct, dictionary, where, suggest=True)[1]
    by_word = {distinct[answer[0]]: answer[3] for answer in suggested}
    return [(line_index, word, offset, by_word.get(word, [])) for line_index, word, offset, _unused in answers]


_LETTERS = re.compile(r"[^\W\d_]+")


class _WholeWords:
    """Where each word stands as a whole word (no letter right before or after it) in text[start:end].

    Built in one pass over the text: every occurrence of a word that begins and ends with a letter
    starts at the start of a run of letters and spans as many runs as the word has, so the runs,
    grouped by that number, index every such word at once. Each word then costs one look-up,
    however often it occurs: the work is linear in the text, not in text times words."""

    def __init__(self, text: str, start: int = 0, end: int | None = None):
        self.text, self.start, self.end = text, start, len(text) if end is None else end
        self.runs = [(match.start(), match.end()) for match in _LETTERS.finditer(self.text, self.start, self.end)]
        self.by_runs: dict[int, dict[str, list[int]]] = {}
        self.other: dict[str, list[int]] = {}

    def positions(self, word: str) -> list[int]:
        """The start offsets of `word`'s whole-word occurrences, in order."""
        runs = len(_LETTERS.findall(word))
        if not runs or not _LETTERS.fullmatch(word[0]) or not _LETTERS.fullmatch(word[-1]):
            if word not in self.other:  # a word aspell took with a non-letter at an end: rare, found once
                pattern = re.compile(r"(?<![^\W\d_])" + re.escape(word) + r"(?![^\W\d_])")
                self.other[word] = [m.start() for m in pattern.finditer(self.text, self.start, self.end)]
            return self.other[word]
        if runs not in self.by_runs:
            index: dict[str, list[int]] = {}
            for first in range(len(self.runs) - runs + 1):
                begin, finish = self.runs[first][0], self.runs[first + runs - 1][1]
                index.setdefault(self.text[begin:finish], []).append(begin)
            self.by_runs[runs] = index
        return self.by_runs[runs].get(word, [])


def _position_in_text(text: str, word: str, offset: int) -> int:
    """Where aspell's word starts in the text; aspell's offset is trusted only if the word is there."""
    if text[offset:offset + len(word)] == word:
        return offset
    found = text.find(word, max(offset - len(word), 0))
    return found if found >= 0 else max(min(offset, len(text)), 0)


class _Locator:
    """Finds the line and column of a word of a field in the field's YAML file."""

    def __init__(self, fields: list[TextField], root: Path | None):
        self.fields = fields
        self.root = root or Path(".")
        self.sources: dict[str, tuple[str, list[int]] | None] = {}
        self.starts: dict[str, list[int]] = {}  # per file: sorted start offsets of the checked values
        self.in_text: dict[int, _WholeWords] = {}  # per field: its words in its text
        self.in_file: dict[int, _WholeWords] = {}  # per field: its words in its part of the file

    def _source(self, file: str):
        if file not in self.sources:
            try:  # the file was loaded a moment ago; one that changed since is located at its value
                text = read_text(self.root / file, file, MAX_FILE_BYTES)
            except ContentError:
                self.sources[file] = None
            else:
                line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
                self.sources[file] = (text, line_starts)
                self.starts[file] = sorted({self._offset(line_starts, f.line, f.column)
                                            for f in self.fields if f.file == file})
        return self.sources[file]

    @staticmethod
    def _offset(line_starts: list[int], line: int, column: int) -> int:
        line = min(max(line, 1), len(line_starts))
        return line_starts[line - 1] + max(column - 1, 0)

    def locate(self, index: int, word: str, position: int) -> tuple[int, int]:
        field = self.fields[index]
        source = self._source(field.file)
        if source is None:
            return field.line, field.column
        text, line_starts = source
        start = self._offset(line_starts, field.line, field.column)
        starts = self.starts[field.file]
        following = bisect_right(starts, start)
        end = starts[following] if following < len(starts) else len(text)
        # The word is the n-th whole-word occurrence of its spelling in the text, so in the file too.
        if index not in self.in_text:
            self.in_text[index] = _WholeWords(field.text)
            self.in_file[index] = _WholeWords(text, start, end)
        nth = bisect_left(self.in_text[index].positions(word), position)
        found = self.in_file[index].positions(word)
        if nth < len(found):
            line = bisect_right(line_starts, found[nth])
            return line, found[nth] - line_starts[line - 1] + 1
        return field.line, field.column
