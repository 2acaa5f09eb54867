"""sitegen's messages: every one in German and English, the language chosen as documented, and the catalogs
as the code needs them. The whole commands' German output is tested in tests/test_messages_e2e.py."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import string
import subprocess

import pytest
from babel.messages.pofile import read_po

from conftest import REPOSITORY
from sitegen.core.messages import Catalogs, UnknownMessageLanguage

SCRIPT = REPOSITORY / "scripts" / "update_messages.py"
_spec = importlib.util.spec_from_file_location("update_messages", SCRIPT)
update_messages = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(update_messages)

LANGUAGES = ("de", "en")


@pytest.fixture(scope="module")
def extracted():
    return {message.id for message in update_messages.extract() if message.id}


def catalog(language: str):
    with update_messages.catalog_path(language).open("rb") as stream:
        return read_po(stream, locale=language)


def forms(value) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,)


def placeholders(text: str, brace_format: bool = True) -> set[tuple]:
    """The str.format fields ({name}, {name!r}) and %-style ones (%(name)s, %s) of a message."""
    found = {("%", match) for match in re.findall(r"%\(\w+\)[sdr]|%[sdr]", text)}
    if not brace_format:  # a message used as it is, never formatted (a YAML parser's text with a lone "}")
        return found
    try:
        found |= {(name, conversion, spec) for _, name, spec, conversion in string.Formatter().parse(text)
                  if name is not None}
    except ValueError as error:
        raise AssertionError(f"not a valid format string: {text!r} ({error})") from None
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_of_the_code_is_in_the_catalog_and_nothing_else(language, extracted):
    held = {message.id for message in catalog(language) if message.id}
    assert sorted(map(str, extracted - held)) == [], "new messages: run `make messages` and translate them"
    assert sorted(map(str, held - extracted)) == [], "messages the code no longer has: run `make messages`"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_with_the_same_placeholders(language):
    problems = []
    for message in catalog(language):
        if not message.id:
            continue
        if message.fuzzy or not all(forms(message.string)):
            problems.append(f"not translated: {message.id!r}")
            continue
        braces = "python-brace-format" in message.flags
        expected = set().union(*(placeholders(text, braces) for text in forms(message.id)))
        for text in forms(message.string):
            found = placeholders(text, braces)
            # A singular may leave out the number ("one error"), no form may invent a placeholder.
            if not found <= expected or (len(forms(message.string)) == 1 and found != expected):
                problems.append(f"{message.id!r}: {text!r} has {found}, the English {expected}")
    assert problems == []


def test_the_german_catalog_has_germans_plural_forms():
    assert catalog("de").plural_forms == "nplurals=2; plural=(n != 1);"


@pytest.mark.parametrize("language", LANGUAGES)
def test_gnu_msgfmt_accepts_the_catalog_with_its_format_checks(language, tmp_path):
    result = subprocess.run(["msgfmt", "--check", "-o", str(tmp_path / "out.mo"),
                             str(update_messages.catalog_path(language))], capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "")


def test_a_missing_message_is_found(tmp_path, monkeypatch):
    """The completeness test can fail: a message the code has and the catalog lacks is named."""
    package = tmp_path / "sitegen"
    package.mkdir()
    (package / "new.py").write_text('from sitegen.core.messages import _\n_("a brand-new message")\n')
    monkeypatch.setattr(update_messages, "PACKAGE", package)
    assert "a brand-new message" in {message.id for message in update_messages.extract()}


# --- Which language -----------------------------------------------------------------------------------------

@pytest.fixture
def content(tmp_path):
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "languages.yaml").write_text("messages: de\nlanguages:\n  - code: de\n    name: Deutsch\n")
    return folder


CHOICES = [
    ({}, "de"),  # the project's default
    ({"LANG": "C.UTF-8"}, "de"),  # C and POSIX name no language
    ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LC_MESSAGES": "en_US", "LANG": "de_DE.UTF-8"}, "en"),
    ({"LC_ALL": "de_AT.UTF-8", "LC_MESSAGES": "en_US"}, "de"),
    ({"LANGUAGE": "fr:en:de", "LANG": "de_DE.UTF-8"}, "en"),  # a list: the first one sitegen speaks
    ({"LANGUAGE": "fr", "LANG": "fr_FR.UTF-8"}, "de"),  # nothing it speaks: the project's default
    ({"SITEGEN_MESSAGES": "en", "LANGUAGE": "de", "LC_ALL": "de_DE.UTF-8"}, "en"),
    ({"SITEGEN_MESSAGES": "de", "LANGUAGE": "en", "LANG": "en_GB.UTF-8"}, "de"),
    ({"SITEGEN_MESSAGES": " de "}, "de"),
]


@pytest.mark.parametrize("environ,expected", CHOICES)
def test_the_language_is_chosen_in_the_documented_order(content, environ, expected):
    catalogs = Catalogs()
    assert catalogs.choose(content, environ) == expected
    assert catalogs.gettext("Error in the content") == {"de": "Fehler im Inhalt", "en": "Error in the content"}[expected]


def test_without_a_project_default_the_messages_are_english(tmp_path):
    assert Catalogs().choose(tmp_path, {}) == "en"
    assert Catalogs().choose(None, {"LANG": "C"}) == "en"


def test_the_default_is_found_in_a_broken_languages_file(content):
    (content / "languages.yaml").write_text('messages: de\nlanguages: [ "unclosed\n')
    assert Catalogs().choose(content, {}) == "de"


@pytest.mark.parametrize("text", [
    "messages: de\r\nlanguages:\r\n  - code: de\r\n",  # a Windows checkout
    "messages : de\n", '"messages": "de"\n', "'messages': de  # the editors' language\n",
])
def test_the_default_is_found_however_the_line_is_written(content, text):
    (content / "languages.yaml").write_text(text, newline="")
    assert Catalogs().choose(content, {}) == "de"


@pytest.mark.parametrize("kind", ["folder", "fifo", "link to a folder"])
def test_a_languages_file_that_is_no_file_is_not_read(content, kind):
    """Not read, and never waited for: the content checks name it, in English here (no default is found)."""
    target = content / "languages.yaml"
    target.unlink()
    if kind == "folder":
        target.mkdir()
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        (content / "elsewhere").mkdir()
        target.symlink_to(content / "elsewhere")
    assert Catalogs().choose(content, {}) == "en"


def test_a_default_in_a_language_without_messages_counts_as_none(content):
    (content / "languages.yaml").write_text("messages: fr\n")
    assert Catalogs().choose(content, {}) == "en"


@pytest.mark.parametrize("value", ["fr", "DE", "de_DE.UTF-8", "en\n::add-mask::x", "x" * 10_000])
def test_an_unknown_sitegen_messages_is_refused_in_the_language_chosen_otherwise(content, value):
    catalogs = Catalogs()
    with pytest.raises(UnknownMessageLanguage) as raised:
        catalogs.choose(content, {"SITEGEN_MESSAGES": value})
    message = str(raised.value)
    assert message.startswith("SITEGEN_MESSAGES=")
    assert "\n" not in message and "de, en" in message
    assert len(message) < 250  # a long value is shortened
    assert catalogs.language == "de"  # the message itself is in the project's default


def test_a_catalog_that_is_not_compiled_is_read_from_its_po_file(tmp_path):
    locale = tmp_path / "locale"
    shutil.copytree(update_messages.LOCALE, locale, ignore=shutil.ignore_patterns("*.mo"))
    catalogs = Catalogs(locale)
    catalogs.use("de")
    assert catalogs.gettext("Error in the content") == "Fehler im Inhalt"
    assert catalogs.ngettext("{count} error", "{count} errors", 2).format(count=2) == "2 Fehler"


def test_a_compiled_catalog_older_than_its_po_file_is_not_used(tmp_path):
    locale = tmp_path / "locale"
    shutil.copytree(update_messages.LOCALE, locale, ignore=shutil.ignore_patterns("*.mo"))
    folder = locale / "de" / "LC_MESSAGES"
    (folder / "sitegen.mo").write_bytes(b"not a catalog")  # older: the .po file is touched after it
    stamp = (folder / "sitegen.po").stat().st_mtime
    os.utime(folder / "sitegen.mo", (stamp - 10, stamp - 10))
    catalogs = Catalogs(locale)
    catalogs.use("de")
    assert catalogs.gettext("Error in the content") == "Fehler im Inhalt"


# --- What Babel can and cannot see ---------------------------------------------------------------------------

def test_no_message_is_asked_for_inside_an_f_string():
    """On Python 3.11 an f-string is one token to Babel: a `_("…")` inside it never reaches the catalogs and stays
    English. Put the call outside: `"## " + _("Pages")`."""
    import ast

    hidden = []
    for path in sorted(update_messages.PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                for call in ast.walk(node):
                    if isinstance(call, ast.Call) and getattr(call.func, "id", None) in update_messages.KEYWORDS:
                        hidden.append(f"{path.relative_to(REPOSITORY)}:{call.lineno}")
    assert hidden == []


def test_argparse_still_has_every_text_sitegen_translates_for_it():
    """core/argparse_texts.py lists argparse's texts as this Python's argparse.py writes them; a Python whose
    argparse words one differently fails here, instead of printing that text in English."""
    import argparse

    from babel.messages.extract import extract_python

    from sitegen.core import argparse_texts

    with open(argparse.__file__, "rb") as stream:
        own = {message for _, _, message, _ in extract_python(stream, {"_": None, "ngettext": (1, 2)}, [], {})}
    plurals = {message[:2] for message in own if isinstance(message, tuple)}
    assert set(argparse_texts.TEXTS) - own == set()
    assert ("expected %s argument", "expected %s arguments") in plurals
