"""Bring sitegen's message catalogs up to date with the code (`make messages`).

Babel extracts every message the code marks (`_()`, `ngettext()`, `N_()`) from scripts/sitegen/; each
catalog in scripts/sitegen/locale/<lang>/LC_MESSAGES/sitegen.po then gets the new messages (empty, to be
translated), loses the ones the code no longer has, and keeps every translation. The English catalog is
the language the messages are written in: each entry says its key as it is (reword the English in the code). Then translate the empty German entries (Poedit, or any editor) and
run `make test`: tests/core/test_messages.py fails while an entry is missing, empty or fuzzy, or has other
placeholders than the English.

    .venv/bin/python scripts/update_messages.py [--merge FILE.json ...]

--merge takes translations as JSON ({"English": "German"}, a plural as ["one", "other"]) for the German
catalog, for entries that are still empty.
"""

from __future__ import annotations

import argparse
import io
import json
import tomllib
from datetime import datetime, timezone
import string
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from sitegen.core.messages import DOMAIN, WRITTEN_IN  # the catalogs the code reads

PACKAGE = Path(__file__).resolve().parent / "sitegen"
LOCALE = PACKAGE / "locale"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
VERSION = tomllib.loads((PACKAGE.parent.parent / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
TRANSLATOR = "sitegen developers (see CONTRIBUTING.md)"


def extract() -> Catalog:
    """Every message the code marks, with where it stands and the translators' comments."""
    template = Catalog(project="sitegen", domain=DOMAIN, charset="utf-8")
    for filename, line, message, comments, context in extract_from_dir(
            PACKAGE, method_map=[("locale/**", "ignore"), ("**.py", "python")], keywords=KEYWORDS,
            comment_tags=("TRANSLATORS:",), strip_comment_tags=True):
        flags = {"python-brace-format"} if _has_brace_fields(message) else set()
        template.add(message, None, [(f"scripts/sitegen/{filename}", line)], auto_comments=comments,
                     context=context, flags=flags)
    return template


def _has_brace_fields(message: str | tuple[str, ...]) -> bool:
    """Whether the message has str.format fields ({name}): a YAML parser's text with a lone brace has none."""
    texts = message if isinstance(message, tuple) else (message,)
    try:
        return any(name is not None for text in texts for _, name, _, _ in string.Formatter().parse(text))
    except ValueError:
        return False


def catalog_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def update(language: str, template: Catalog, merge: dict | None = None) -> Catalog:
    """The catalog of `language`, updated to `template`, its translations kept."""
    path = catalog_path(language)
    if path.is_file():
        with path.open("rb") as stream:
            catalog = read_po(stream, locale=language, domain=DOMAIN)
    else:
        catalog = Catalog(locale=language, domain=DOMAIN, project="sitegen", charset="utf-8")
    catalog.update(template, no_fuzzy_matching=True)
    catalog.fuzzy = False  # a new catalog's header starts fuzzy, and `pybabel compile` skips a fuzzy catalog
    catalog.revision_date = datetime.now(timezone.utc)
    catalog.last_translator = TRANSLATOR
    catalog.language_team = TRANSLATOR
    catalog.version = VERSION
    catalog.msgid_bugs_address = "(an issue in the project's repository)"
    catalog.header_comment = (f"# sitegen's messages in {catalog.locale.english_name}, kept up to date by `make messages`.\n"
                              "# Translate the empty entries; keep every {placeholder}.")
    catalog.obsolete.clear()
    for message in catalog:
        if not message.id:
            continue
        if language == WRITTEN_IN:  # the keys are English: the English catalog says each as it is written
            message.string = message.id
            continue
        empty = not message.string or (isinstance(message.string, tuple) and not any(message.string))
        if not empty:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if merge and key in merge:
            value = merge[key]
            message.string = tuple(value) if isinstance(message.id, tuple) else value
    return catalog


def write(language: str, catalog: Catalog) -> None:
    """Write the catalog, unless only its dates would change (so `make messages` alone changes nothing)."""
    path = catalog_path(language)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_by_file=True, ignore_obsolete=True)
    if path.is_file() and _undated(path.read_bytes()) == _undated(buffer.getvalue()):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def _undated(text: bytes) -> list[bytes]:
    return [line for line in text.splitlines() if not line.startswith((b'"POT-Creation-Date:', b'"PO-Revision-Date:'))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--merge", action="append", default=[], metavar="FILE.json")
    parser.add_argument("--languages", default="de,en")
    args = parser.parse_args(argv)
    merge: dict = {}
    for name in args.merge:
        merge.update(json.loads(Path(name).read_text(encoding="utf-8")))
    template = extract()
    for language in args.languages.split(","):
        catalog = update(language, template, merge)
        write(language, catalog)
        missing = sum(1 for message in catalog if message.id and (not message.string or message.fuzzy))
        print(f"{catalog_path(language).relative_to(PACKAGE.parent.parent)}: {len(catalog)} messages"
              + (f", {missing} to translate" if missing else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
