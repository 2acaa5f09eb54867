"""Load and cross-check the whole content tree: every language, every file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from .errors import ContentError, Problem, display_path
from .languages import LANGUAGES_FILE, load_languages
from .load import Document, load_document
from .model import SLUG_PATTERN, Faq, Language, SiteText, ThemeText, Workshop
from .validate import validate

WORKSHOPS_DIR = "workshops"
# The files every language has, with their model.
SITE_FILES: dict[str, type[BaseModel]] = {"site.yaml": SiteText, "faq.yaml": Faq, "theme.yaml": ThemeText}
# A language folder may also hold a spelling word list: names and terms the dictionary lacks.
WORDLIST = "wordlist.txt"


@dataclass
class LanguageContent:
    """Everything written in one language."""

    language: Language
    site: SiteText
    faq: Faq
    theme: ThemeText
    workshops: dict[str, Workshop]
    sources: dict[str, str] = field(default_factory=dict)  # item key -> file path as shown to editors


@dataclass
class Content:
    """The validated content of the whole site."""

    languages: list[Language]
    by_language: dict[str, LanguageContent]
    warnings: list[Problem] = field(default_factory=list)

    @property
    def source(self) -> LanguageContent:
        return self.by_language[self.languages[0].code]

    @property
    def workshop_slugs(self) -> list[str]:
        """Slugs of all workshops, in the order the source language lists them (by file name)."""
        return sorted(self.source.workshops)

    def count_files(self) -> int:
        return sum(len(c.sources) for c in self.by_language.values())


def load_content(content_dir: Path, root: Path) -> Content:
    """Load every content file; raise ContentError listing every problem in every file."""
    languages = load_languages(content_dir, root)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    shown = lambda path: display_path(path, root)  # noqa: E731

    declared = {language.code for language in languages}
    for child in sorted(content_dir.iterdir()):
        if child.is_dir() and child.name not in declared:
            problems.append(Problem(shown(child), 0, 0, f"'{child.name}' is not a declared language; "
                                    f"add it to {shown(content_dir / LANGUAGES_FILE)} or remove the folder"))

    loaded: dict[str, dict] = {}
    for language in languages:
        folder = content_dir / language.code
        items: dict = {"workshops": {}, "sources": {}}
        if not folder.is_dir():
            problems.append(Problem(shown(folder), 0, 0, f"the folder for language '{language.code}' is "
                                    "missing; create it with site.yaml, faq.yaml and theme.yaml"))
            continue
        problems += _unexpected_files(folder, shown)
        for name, model in SITE_FILES.items():
            path = folder / name
            if not path.exists():
                problems.append(Problem(shown(path), 0, 0, f"this file is missing; copy {name} from "
                                        f"{shown(content_dir / languages[0].code / name)} and translate it"))
                continue
            items[name] = _load(path, model, shown, problems)
            items["sources"][name] = shown(path)
        for path in sorted((folder / WORKSHOPS_DIR).glob("*.yaml")):
            if not SLUG_PATTERN.match(path.stem):
                problems.append(Problem(shown(path), 0, 0, "the file name must be a short name of lowercase "
                                        "letters a-z, digits and hyphens, e.g. innovation-digitalisierung.yaml"))
                continue
            items["workshops"][path.stem] = _load(path, Workshop, shown, problems)
            items["sources"][f"workshops/{path.stem}"] = shown(path)
        loaded[language.code] = items

    source_code = languages[0].code
    source_slugs = set(loaded.get(source_code, {}).get("workshops", {}))
    for language in languages[1:]:
        for slug in sorted(loaded.get(language.code, {}).get("workshops", {})):
            if slug not in source_slugs:
                path = content_dir / language.code / WORKSHOPS_DIR / f"{slug}.yaml"
                problems.append(Problem(shown(path), 0, 0, "this translation has no German source "
                                        f"{shown(content_dir / source_code / WORKSHOPS_DIR / (slug + '.yaml'))}; "
                                        "check the file name, or create the German file first"))
        for slug in sorted(source_slugs - set(loaded.get(language.code, {}).get("workshops", {}))):
            path = content_dir / language.code / WORKSHOPS_DIR / f"{slug}.yaml"
            warnings.append(Problem(shown(path), 0, 0, "the translation is missing; this workshop is not "
                                    f"shown in '{language.code}' until the file exists", level="warning"))

    for language in languages:
        faq_document = loaded.get(language.code, {}).get("faq.yaml")
        if isinstance(faq_document, tuple):
            faq, document = faq_document
            for q_index, entry in enumerate(faq.questions):
                for s_index, slug in enumerate(entry.see_also):
                    if slug not in source_slugs:
                        problems.append(document.problem(
                            ("questions", q_index, "see_also", s_index),
                            f"there is no workshop '{slug}'; use the file name of a workshop without .yaml"))

    if problems:
        raise ContentError(problems)
    by_language = {}
    for language in languages:
        items = loaded[language.code]
        by_language[language.code] = LanguageContent(
            language=language,
            site=items["site.yaml"][0],
            faq=items["faq.yaml"][0],
            theme=items["theme.yaml"][0],
            workshops={slug: value[0] for slug, value in items["workshops"].items()},
            sources=items["sources"],
        )
    return Content(languages=languages, by_language=by_language, warnings=sorted(warnings))


def _load(path: Path, model: type[BaseModel], shown, problems: list[Problem]):
    """Load and validate one file; on failure record its problems and return None."""
    try:
        document: Document = load_document(path, shown(path))
        return validate(document, model), document
    except ContentError as error:
        problems.extend(error.problems)
        return None


def _unexpected_files(folder: Path, shown) -> list[Problem]:
    expected = set(SITE_FILES) | {WORKSHOPS_DIR, WORDLIST}
    problems = []
    for child in sorted(folder.iterdir()):
        if child.name.startswith("."):
            continue
        if child.name not in expected:
            problems.append(Problem(shown(child), 0, 0, "unexpected file; content files are "
                                    f"{', '.join(sorted(SITE_FILES))} and {WORKSHOPS_DIR}/<name>.yaml"))
    workshops = folder / WORKSHOPS_DIR
    if workshops.is_dir():
        for child in sorted(workshops.iterdir()):
            if child.is_file() and child.suffix != ".yaml" and not child.name.startswith("."):
                problems.append(Problem(shown(child), 0, 0, "unexpected file; a workshop file ends in .yaml"))
    return problems
