"""Where content lives in a language folder, and the content tree as read from it: what content.rules check.

Apart from content.tree, so that the rules can use it while content.tree runs them, with no import circle."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from sitegen.content.status import Records
from sitegen.core.errors import Problem, display_path
from sitegen.core.fields import TextField
from sitegen.core.messages import _
from sitegen.core.model import SLUG_PATTERN, Faq, Language, SiteText, TextPage, ThemeText
from sitegen.core.urls import reserved_name_problem
from sitegen.read.load import Document

WORKSHOPS_DIR = "workshops"
# The legally required pages of a German public body (Impressum, privacy notice, accessibility statement).
LEGAL_FILES: dict[str, type[BaseModel]] = {"impressum.yaml": TextPage, "privacy.yaml": TextPage,
                                           "accessibility.yaml": TextPage}
# The files every language has, with their model.
SITE_FILES: dict[str, type[BaseModel]] = {"site.yaml": SiteText, "faq.yaml": Faq, "theme.yaml": ThemeText,
                                          **LEGAL_FILES}
# Files only the source language has: the explanations in Leichte Sprache (BITV 2.0 § 4) are German by nature,
# linked from every page in every language, and never translated.
EASY_LANGUAGE_FILE = "leichte-sprache.yaml"
SOURCE_ONLY_FILES: dict[str, type[BaseModel]] = {EASY_LANGUAGE_FILE: TextPage}
# Files every translation must have: the interface texts have no fallback.
REQUIRED_FILES = ("site.yaml", "theme.yaml")
# A language folder may also hold a spelling word list: names and terms the dictionary lacks.
WORDLIST = "wordlist.txt"


def workshop_item(slug: str) -> str:
    """The item (path inside a language folder) of the workshop `slug`."""
    return f"{WORKSHOPS_DIR}/{slug}.yaml"


def workshop_name_problem(name: str) -> str | None:
    """Why `name` (a file name without .yaml) cannot name a workshop, or None."""
    if not SLUG_PATTERN.match(name):
        return _("the file name must be a short name of lowercase letters a-z, digits and hyphens, "
                 "e.g. innovation-digitalisierung.yaml")
    return reserved_name_problem(name, "workshop")


@dataclass
class LoadedFile:
    """One content file as read: its validated model (a translation model for translations) and document."""

    item: str  # the file's path inside the language folder, e.g. "workshops/innovation-digitalisierung.yaml"
    model: BaseModel
    document: Document


@dataclass
class ContentTree:
    """The content as read and validated file by file, before the rules check it as a whole."""

    content_dir: Path
    root: Path
    languages: list[Language]
    languages_document: Document
    files: dict[str, dict[str, LoadedFile]]  # code -> the files that loaded, by item; only languages with a folder
    own_fields: dict[str, list[TextField]]  # code -> every text that language's files hold
    source_slugs: set[str]  # workshops whose German file has a usable name (whether or not it loaded)
    records: dict[str, tuple[Records, str]]  # translation's code -> its translated-from records and their path
    publisher: LoadedFile | None = None  # the publisher's facts (source folder only), if the file loaded
    checks: object = None  # the measured accessibility results (core.model.AccessibilityChecks), if any
    problems: list[Problem] = field(default_factory=list)  # found while reading single files
    warnings: list[Problem] = field(default_factory=list)

    @property
    def source_code(self) -> str:
        """The code of the language translations are made from."""
        return self.languages[0].code

    def folders(self) -> list[tuple[str, Path]]:
        """(code, folder) of every declared language whose folder exists, the source first."""
        return [(code, self.content_dir / code) for code in self.files]

    def shown(self, path: Path) -> str:
        """The path as editors see it in messages."""
        return display_path(path, self.root)
