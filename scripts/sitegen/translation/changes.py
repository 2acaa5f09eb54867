"""`sitegen changes`: what a change to the content does to the site, for the summary of a pull request.

Computed from the content of both versions, never from built HTML: the pages come from the render stage
(the Markdown each page is made of, in memory), the translation states from the content's fingerprints.
- pages that are new, changed or gone, per language, with their addresses;
- translated fields that the change makes `outdated` or `missing`, and those it brings up to date;
- the problems `sitegen check` finds in the new version.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from posixpath import dirname

from sitegen.content.status import CURRENT, MISSING, OUTDATED
from sitegen.content.tree import Content
from sitegen.core.errors import Problem
from sitegen.core.messages import N_, _, ngettext
from sitegen.core.urls import EASY_LANGUAGE, page_address, page_source
from sitegen.render.facts import NavEntry, SiteFacts
from sitegen.render.markdown import plain_line
from sitegen.render.pages import TEXT_PAGE_ITEMS, render_pages

ADDED, CHANGED, REMOVED = "added", "changed", "removed"
PAGE_CHANGES = {ADDED: N_("new"), CHANGED: N_("changed"), REMOVED: N_("removed")}
STATES = {CURRENT: N_("current"), OUTDATED: N_("outdated"), MISSING: N_("missing"), None: N_("not there")}


@dataclass(frozen=True)
class PageChange:
    language: str  # the language's name
    title: str
    address: str
    change: str  # ADDED | CHANGED | REMOVED


@dataclass(frozen=True)
class TranslationChange:
    language: str
    file: str
    field: str
    before: str | None  # None: the field had no translation state (a new German field or file)
    after: str


@dataclass
class Changes:
    pages: list[PageChange] = field(default_factory=list)
    translations: list[TranslationChange] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    base_readable: bool = True
    head_readable: bool = True


def compare(base: Content | None, head: Content | None, problems: list[Problem],
            site_url: str | None = None) -> Changes:
    """What changes from `base` to `head` (None: that version's content has errors)."""
    changes = Changes(problems=sorted(problems), base_readable=base is not None, head_readable=head is not None)
    if head is None:
        return changes
    changes.pages = _page_changes(base, head, site_url)
    changes.translations = _translation_changes(base, head)
    return changes


def _pages(content: Content | None) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """The Markdown of each page by its path in docs/, and each path's language name and title."""
    if content is None:
        return {}, {}
    facts = SiteFacts.of(content)
    titles: dict[str, tuple[str, str]] = {}

    def walk(entries: tuple[NavEntry, ...], language: str) -> None:
        for entry in entries:
            titles[entry.source] = (language, entry.title)
            walk(entry.children, language)

    for language in facts.languages:
        walk(language.nav, language.language.name)
    # The pages reached from the footer, not from the navigation.
    for language in content.languages:
        texts = content.by_language[language.code]
        footer = [(kind, texts.legal[item].title) for kind, item in TEXT_PAGE_ITEMS]
        if language.source and content.easy_language is not None:
            footer.append((EASY_LANGUAGE, content.easy_language.title))
        for kind, title in footer:
            titles[page_source(language, kind)] = (language.name, title)
    return render_pages(content), titles


def _page_changes(base: Content | None, head: Content, site_url: str | None) -> list[PageChange]:
    before, before_titles = _pages(base)
    after, after_titles = _pages(head)
    order = {language.code: index for index, language in enumerate(head.languages)}
    source = head.languages[0].code
    changes = []
    for path in sorted(before.keys() | after.keys(), key=lambda p: (order.get(p.split("/")[0], len(order)), p)):
        if before.get(path) == after.get(path):
            continue
        change = ADDED if path not in before else REMOVED if path not in after else CHANGED
        language, title = after_titles.get(path) or before_titles.get(path) or (path.split("/")[0], path)
        changes.append(PageChange(language, title, page_address(site_url, _url(path, source)), change))
    return changes


def _url(path: str, source: str) -> str:
    """The site-relative address of the page made from docs/`path` (`en/workshops/x.md` → `en/workshops/x/`)."""
    language, _, rest = path.partition("/")
    folder = dirname(rest) if rest.endswith("index.md") and "/" in rest else ("" if rest == "index.md" else
                                                                              rest.removesuffix(".md"))
    prefix = "" if language == source else f"{language}/"
    return prefix + (f"{folder}/" if folder else "")


def _translation_changes(base: Content | None, head: Content) -> list[TranslationChange]:
    before = _states(base)
    changes = []
    for language in head.languages[1:]:
        for status in head.by_language[language.code].status:
            was = before.get((language.code, status.item, status.field))
            if was == status.status or (was is None and status.status == CURRENT):
                continue
            changes.append(TranslationChange(language.name, status.file, status.field, was, status.status))
    return changes


def _states(content: Content | None) -> dict[tuple[str, str, str], str]:
    if content is None:
        return {}
    return {(language.code, status.item, status.field): status.status
            for language in content.languages[1:] for status in content.by_language[language.code].status}


def as_markdown(changes: Changes) -> str:
    """The summary as Markdown for GitHub's job summary, in the language of the messages."""
    out = ["## " + _("What this change does to the site"), ""]
    out += ["### " + _("Pages"), ""]
    if not changes.head_readable:
        out.append(_("The changed content has errors (see below), so its pages cannot be compared yet."))
    else:
        if not changes.base_readable:
            out += [_("The content of the base branch has errors; every page of the change is listed as new."), ""]
        if changes.pages:
            out += [_row(_("Language"), _("Page"), _("Address"), _("Change")), "|---|---|---|---|"]
            out += [_row(_cell(page.language), _cell(page.title), _link(page.address), _(PAGE_CHANGES[page.change]))
                    for page in changes.pages]
        else:
            out.append(_("No page changes."))
    out += ["", "### " + _("Translations"), ""]
    if changes.head_readable:
        worse = [change for change in changes.translations if change.after != CURRENT]
        better = [change for change in changes.translations if change.after == CURRENT]
        if worse:
            out += [ngettext("This change leaves {count} translated field outdated or missing:",
                             "This change leaves {count} translated fields outdated or missing:",
                             len(worse)).format(count=len(worse)), ""]
            out += _translation_table(worse)
        else:
            out.append(_("No translation becomes outdated or missing."))
        if better:
            out += ["", ngettext("{count} translated field is current now:", "{count} translated fields are current now:",
                                 len(better)).format(count=len(better)), ""]
            out += _translation_table(better)
    else:
        out.append(_("The translations are compared once the errors are fixed."))
    out += ["", "### " + _("Problems"), ""]
    errors = sum(1 for problem in changes.problems if problem.level == "error")
    if changes.problems:
        warnings = len(changes.problems) - errors
        out += [_("`sitegen check` finds {errors} and {warnings}:").format(
            errors=ngettext("{count} error", "{count} errors", errors).format(count=errors),
            warnings=ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings)), ""]
        out += [f"- {_cell(problem.format())}" for problem in changes.problems]
    else:
        out.append(_("`sitegen check` finds no problem."))
    out.append("")
    return "\n".join(out)


def _translation_table(changes: list[TranslationChange]) -> list[str]:
    rows = [_row(_("Language"), _("File"), _("Field"), _("Before"), _("Now")), "|---|---|---|---|---|"]
    rows += [_row(_cell(change.language), _cell(change.file), _cell(change.field), _(STATES[change.before]),
                  _(STATES[change.after])) for change in changes]
    return rows


def _row(*cells: str) -> str:
    """A row of a Markdown table; the cells are already escaped."""
    return "| " + " | ".join(cells) + " |"


# GitHub renders the summary as Markdown with HTML: a text from the content is shown as text, never as markup.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def _cell(text: str) -> str:
    return _MARKDOWN.sub(r"\\\1", html.escape(plain_line(text), quote=False))


def _link(address: str) -> str:
    return f'<a href="{html.escape(address, quote=True)}">{html.escape(address)}</a>'
