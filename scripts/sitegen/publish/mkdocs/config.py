"""mkdocs.yml's view of the content: the `languages` option of mkdocs-static-i18n, made from content/.

mkdocs.yml calls `i18n_languages` with a YAML tag while it is being read, so languages are declared
only once, in content/, and the i18n plugin validates the result as if it had been written by hand.
"""

from __future__ import annotations

import logging
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import ConfigurationError

from sitegen import pipeline
from sitegen.content.tree import Content
from sitegen.core import annotations
from sitegen.core.errors import ContentError
from sitegen.core.messages import UnknownMessageLanguage, _, choose
from sitegen.read.inputs import read_text
from sitegen.render import markdown
from sitegen.render.facts import NavEntry, SiteFacts
from sitegen.publish.mkdocs.engine import ENGINE
from sitegen.publish.mkdocs.upstream.static_i18n_three_letter_locales import allow_three_letter_locales
from sitegen.publish.mkdocs.worker import this_worker

MAX_FACTS_BYTES = 64 * 1024 * 1024  # written by the parent of a parallel build: about 1 KB per workshop


class ReadForConfig:
    """The content read while mkdocs.yml was loaded, handed to the sitegen plugin's `on_config` of the
    build that follows in the same process, moments later: the pages are rendered from the version the
    navigation was made of, and content/ is read once. Each reading is taken once."""

    def __init__(self) -> None:
        self._content: dict[tuple[Path, Path], Content] = {}

    def keep(self, root: Path, content_dir: Path, content: Content) -> None:
        self._content[(root.resolve(), content_dir.resolve())] = content

    def take(self, root: Path, content_dir: Path) -> Content | None:
        return self._content.pop((root.resolve(), content_dir.resolve()), None)


# Where mkdocs.yml's tag (a function MkDocs calls, with no plugin to hand) leaves content for the plugin.
READ_FOR_CONFIG = ReadForConfig()


def i18n_languages(content_dir: str = "content") -> list[dict]:
    """The `languages` option of mkdocs-static-i18n, made from content/languages.yaml and each site.yaml."""
    allow_three_letter_locales()
    root = Path.cwd()
    speak(root / content_dir, ConfigurationError)
    if this_worker() is not None:
        return i18n_options(worker_facts())
    try:
        content = pipeline.check(pipeline.Paths.for_root(root, content=content_dir), ENGINE)
    except ContentError as error:
        annotations.emit(error.problems)
        # TRANSLATORS: {errors} is the list of problems, one a line, each with its file:line:column
        raise ConfigurationError(annotations.for_output(_("the content has errors:\n{errors}").format(
            errors=error))) from None
    READ_FOR_CONFIG.keep(root, root / content_dir, content)
    return i18n_options(SiteFacts.of(content))


def speak(content_dir: Path, failure: type[Exception]) -> None:
    """Say everything in the language of the messages (core/messages.py: SITEGEN_MESSAGES, the locale, the
    project's default in `content_dir`), and, under GitHub Actions, let nothing MkDocs logs be read as a
    workflow command (core/annotations.py). An unknown SITEGEN_MESSAGES raises `failure`."""
    try:
        choose(content_dir)
    except UnknownMessageLanguage as error:
        raise failure(annotations.for_output(str(error))) from None
    annotations.guard_logging(logging.getLogger("mkdocs"))



def worker_facts() -> SiteFacts:
    """The facts the parent of this worker of a parallel build wrote for it."""
    worker = this_worker()
    if worker is None:
        raise RuntimeError("not a worker of a parallel build: there are no facts from a parent")
    path = worker.facts
    return SiteFacts.loads(read_text(Path(path), path, MAX_FACTS_BYTES) or "")


def i18n_options(facts: SiteFacts) -> list[dict]:
    """The `languages` option of mkdocs-static-i18n for these facts: one entry per language."""
    return [{
        "locale": language.language.code,
        "name": language.language.name,  # escaped by overrides/partials/alternate.html, its only reader
        "default": language.language.source,
        "build": True,
        "site_name": theme_text(language.site_name),
        "site_description": theme_text(language.site_description),
        "nav": [_nav_item(entry) for entry in language.nav],
    } for language in facts.languages]


def _nav_item(entry: NavEntry) -> dict:
    if entry.children:
        return {theme_text(entry.title): [entry.source] + [_nav_item(child) for child in entry.children]}
    return {theme_text(entry.title): entry.source}


def theme_text(text: str) -> Markup:
    """A text the theme puts into HTML: the site's name and description, navigation titles.

    Material prints these without escaping, into text and into attributes, and in a few places
    with `| e`. As Markup (HTML-escaped text that says so) they come out escaped exactly once in
    either case. Escaped like the pages' front matter titles, which mark_fallbacks finds among them."""
    return Markup(markdown.html_text(text))
