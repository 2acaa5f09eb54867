"""The language of what sitegen says: every message comes from a gettext catalog, German or English.

Write a message as `_("the field {field!r} is missing").format(field=name)` (a plural with
`ngettext(singular, plural, n)`): the English text is the key, `scripts/sitegen/locale/<lang>/LC_MESSAGES/
sitegen.po` holds it in each language. `make messages` extracts new messages with Babel and adds them to
the catalogs; `make setup` compiles them (`.mo`, never committed). Without a compiled catalog, the
`.po` file is read instead, so a checkout that skipped set-up still speaks the right language.

Which language, in this order (`choose`):
1. `SITEGEN_MESSAGES` (`de` or `en`; anything else is an error that names the variable);
2. the usual `LANGUAGE` (a list like `de:en`), `LC_ALL`, `LC_MESSAGES`, `LANG`, the first that names a
   language sitegen has messages in (`C`, `POSIX` and other languages count as not set);
3. the project's default, `messages:` in content/languages.yaml (German for this project);
4. English, the language the messages are written in.
"""

from __future__ import annotations

import gettext as _gettext
import io
import os
import re
import stat
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "sitegen"
WRITTEN_IN = "en"  # the language of the keys, used when nothing else is chosen
VARIABLE = "SITEGEN_MESSAGES"
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
MAX_CONFIG_BYTES = 1024 * 1024  # content/languages.yaml is a few hundred bytes
# `messages: de` at the start of a line (a top-level field): found even when the rest of the file is broken YAML.
# The key may be quoted and followed by spaces; the line may end in CR LF (a Windows checkout).
_CONFIG_LINE = re.compile(r"^([\"']?)messages\1[ \t]*:[ \t]*([\"']?)([a-z]{2,3})\2[ \t]*(?:#[^\r\n]*)?\r?$",
                          re.MULTILINE)
MAX_SHOWN = 40  # characters of a wrong SITEGEN_MESSAGES shown in the message about it


class UnknownMessageLanguage(ValueError):
    """SITEGEN_MESSAGES names a language that sitegen has no messages in."""


class Catalogs:
    """The catalogs on disk, loaded when first used, and the one in use. sitegen says everything in one
    language per process, so the entry points (the command line, the MkDocs plugin) choose it once, and
    every message asks this object."""

    def __init__(self, folder: Path = LOCALE_DIR) -> None:
        self.folder = folder
        self.language = WRITTEN_IN
        self._loaded: dict[str, _gettext.NullTranslations] = {}
        self._active: _gettext.NullTranslations = _gettext.NullTranslations()

    def languages(self) -> tuple[str, ...]:
        """The languages with a catalog, the one the messages are written in included."""
        found = {entry.name for entry in self.folder.iterdir()
                 if (entry / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()} if self.folder.is_dir() else set()
        return tuple(sorted(found | {WRITTEN_IN}))

    def use(self, language: str) -> None:
        if language not in self.languages():
            raise UnknownMessageLanguage(language)
        if language not in self._loaded:
            self._loaded[language] = self._load(language)
        self.language, self._active = language, self._loaded[language]

    def _load(self, language: str) -> _gettext.NullTranslations:
        folder = self.folder / language / "LC_MESSAGES"
        source, compiled = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
        if not source.is_file():
            return _gettext.NullTranslations()
        if compiled.is_file() and compiled.stat().st_mtime >= source.stat().st_mtime:
            with compiled.open("rb") as stream:
                return _gettext.GNUTranslations(stream)
        # Not compiled yet, or older than the catalog: compile it in memory (as `pybabel compile` would).
        from babel.messages.mofile import write_mo  # only here: imported at every start, they cost 15 ms
        from babel.messages.pofile import read_po

        with source.open("rb") as stream:
            catalog = read_po(stream, locale=language, domain=DOMAIN)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        return _gettext.GNUTranslations(buffer)

    def gettext(self, message: str) -> str:
        return self._active.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self._active.ngettext(singular, plural, count)

    def choose(self, content_dir: Path | None = None, environ: os._Environ | dict | None = None) -> str:
        """Choose the language of the messages (see the module) and use it; return its code.

        An unknown SITEGEN_MESSAGES raises UnknownMessageLanguage after the rest of the order has
        chosen, so the message about it is in a language the user reads."""
        environ = os.environ if environ is None else environ
        wanted = environ.get(VARIABLE, "").strip()
        languages = self.languages()
        self.use(_from_locale(environ, languages) or _project_default(content_dir, languages) or WRITTEN_IN)
        if wanted and wanted not in languages:
            raise UnknownMessageLanguage(
                self.gettext("{variable}={value!r} is not a language sitegen has messages in; set it to one of "
                             "{languages}, or remove it").format(variable=VARIABLE, value=_shortened(wanted),
                                                                 languages=", ".join(languages)))
        if wanted:
            self.use(wanted)
        return self.language


def _shortened(value: str) -> str:
    """A value from the environment, not longer than MAX_SHOWN characters (the message shows it with !r,
    which writes a line break or control character as an escape)."""
    return value if len(value) <= MAX_SHOWN else value[:MAX_SHOWN] + "…"


def _from_locale(environ, languages: tuple[str, ...]) -> str | None:
    """The language of the usual locale variables, if one of them names a language sitegen speaks."""
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "")
        for entry in value.split(":") if variable == "LANGUAGE" else [value]:
            code = re.split(r"[_.@-]", entry.strip(), maxsplit=1)[0].lower()
            if code in languages:
                return code
    return None


def _project_default(content_dir: Path | None, languages: tuple[str, ...]) -> str | None:
    """`messages:` in content/languages.yaml, if it names a language sitegen speaks."""
    if content_dir is None:
        return None
    # Without blocking, and only a regular file: a FIFO, a folder or a device there is named by the content
    # checks, in the language chosen without it. (Not read/inputs.read_text: core/ comes before read/, and
    # that reader's messages need the language this chooses.)
    try:
        descriptor = os.open(Path(content_dir) / "languages.yaml", os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        text = os.read(descriptor, MAX_CONFIG_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return None
    finally:
        os.close(descriptor)
    # Read as a line, not as YAML: the messages about a broken file must be in the right language too,
    # and the file is checked as content (read/) anyway.
    match = _CONFIG_LINE.search(text)
    return match.group(3) if match and match.group(3) in languages else None


CATALOGS = Catalogs()


def _(message: str) -> str:
    """`message` (English, a key of the catalogs) in the chosen language."""
    return CATALOGS.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural of a message, as the chosen language forms it for `count`."""
    return CATALOGS.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark `message` for the catalogs without translating it: for tables made when a module is imported,
    before the language is chosen. Translate it with `_()` where it is used."""
    return message


def choose(content_dir: Path | None = None) -> str:
    """Choose the language of the messages for this process; see Catalogs.choose."""
    return CATALOGS.choose(content_dir)
