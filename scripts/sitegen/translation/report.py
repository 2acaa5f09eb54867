"""`sitegen status`: what is translated, what is outdated, what is missing, per language."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sitegen.content.tree import Content
from sitegen.content.status import CURRENT, FIELD_STATES, MISSING, OUTDATED, FieldStatus
from sitegen.core.messages import N_, _, ngettext

# How the text and Markdown reports name the state of a field (the JSON report keeps the codes); _() at use.
# TRANSLATORS: the state of a translated field in `sitegen status` (also the headings of its count columns)
STATE_NAMES = {CURRENT: N_("current"), OUTDATED: N_("outdated"), MISSING: N_("missing")}


@dataclass
class ItemSummary:
    item: str
    file: str
    counts: dict[str, int]
    reviewed: bool

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def summaries(content: Content, lang: str) -> list[ItemSummary]:
    texts = content.by_language[lang]
    rows: dict[str, ItemSummary] = {}
    for status in texts.status:
        row = rows.setdefault(status.item, ItemSummary(status.item, status.file, dict.fromkeys(FIELD_STATES, 0),
                                                       status.reviewed))
        row.counts[status.status] += 1
    return list(rows.values())


def coverage(statuses: list[FieldStatus]) -> float:
    """Share of fields whose translation is current, in percent."""
    if not statuses:
        return 100.0
    return 100.0 * sum(1 for s in statuses if s.status == CURRENT) / len(statuses)


def translation_languages(content: Content, only: list[str] | None) -> list[str]:
    codes = [language.code for language in content.languages[1:]]
    return [code for code in codes if not only or code in only]


def as_json(content: Content, langs: list[str]) -> str:
    records = [status.record() for lang in langs for status in content.by_language[lang].status]
    return json.dumps(records, ensure_ascii=False, indent=1)


def _percent(value: float) -> str:
    return f"{value:.0f} %" if value in (0.0, 100.0) else f"{value:.1f} %"


def _headline(content: Content, lang: str) -> str:
    texts = content.by_language[lang]
    statuses = texts.status
    reviewed = sum(1 for s in statuses if s.reviewed)
    # TRANSLATORS: the headline of a language in `sitegen status`; {lang} is its code, {name} its name,
    # {percent} a share like "87.5 %"; the other placeholders are numbers of fields.
    return _("{lang} ({name}): {percent} current – {outdated} outdated, {missing} missing, {reviewed} of {total} "
             "fields reviewed").format(lang=lang, name=texts.language.name, percent=_percent(coverage(statuses)),
                                       outdated=sum(s.status == OUTDATED for s in statuses),
                                       missing=sum(s.status == MISSING for s in statuses),
                                       reviewed=reviewed, total=len(statuses))


def _review(reviewed: bool) -> str:
    """The review column: whether the file's translation is reviewed or a draft."""
    # TRANSLATORS: the state of a translation file in the review column of `sitegen status`
    return _("reviewed") if reviewed else _("draft")


def _todo(status: FieldStatus) -> str:
    state = _(STATE_NAMES[status.status])
    if status.translation is None:
        # TRANSLATORS: a line of the to-do list of `sitegen status`; {state} is "outdated" or "missing".
        return _("{file}: {field}: {state} (German text at {source_file}:{source_line})").format(
            file=status.file, field=status.field, state=state, source_file=status.source.file,
            source_line=status.source.line)
    # TRANSLATORS: a line of the to-do list of `sitegen status`; {state} is "outdated" or "missing".
    return _("{file}:{line}: {field}: {state} (German text at {source_file}:{source_line})").format(
        file=status.file, line=status.translation.line, field=status.field, state=state,
        source_file=status.source.file, source_line=status.source.line)


def as_text(content: Content, langs: list[str]) -> str:
    out = []
    for lang in langs:
        rows = summaries(content, lang)
        # TRANSLATORS: the column headings of the table of `sitegen status` (a column is as wide as its heading)
        labels = [_("file"), _("current"), _("outdated"), _("missing"), _("coverage"), _("review")]
        # A column as wide as its heading, the numbers' at least 7 characters (the values are shorter).
        width = max([len(labels[0])] + [len(row.file) for row in rows])
        current, outdated, missing, share = (max(len(label), 7) for label in labels[1:5])
        out.append(_headline(content, lang))
        out.append(f"  {labels[0]:<{width}}  {labels[1]:>{current}}  {labels[2]:>{outdated}}  {labels[3]:>{missing}}  "
                   f"{labels[4]:>{share}}  {labels[5]}")
        for row in rows:
            statuses = [s for s in content.by_language[lang].status if s.item == row.item]
            out.append(f"  {row.file:<{width}}  {row.counts[CURRENT]:>{current}}  {row.counts[OUTDATED]:>{outdated}}  "
                       f"{row.counts[MISSING]:>{missing}}  {_percent(coverage(statuses)):>{share}}  "
                       f"{_review(row.reviewed)}")
        todo = [s for s in content.by_language[lang].status if s.status != CURRENT]
        if todo:
            # TRANSLATORS: the English text says "these fields" also for one field; FILE stays as it is.
            out.append("  " + ngettext("To do ({count}): translate or update these fields, then run "
                                       "`sitegen mark-current --lang {lang} FILE`:",
                                       "To do ({count}): translate or update these fields, then run "
                                       "`sitegen mark-current --lang {lang} FILE`:", len(todo)).format(
                count=len(todo), lang=lang))
            out += [f"    {_todo(s)}" for s in todo]
        out.append("")
    return "\n".join(out)


def as_markdown(content: Content, langs: list[str]) -> str:
    out = ["# " + _("Translation status"), ""]
    for lang in langs:
        # TRANSLATORS: the column headings of the Markdown table of `sitegen status --format markdown`
        labels = [_("File"), _("Current"), _("Outdated"), _("Missing"), _("Coverage"), _("Review")]
        out += [f"## {_headline(content, lang)}", "",
                "| " + " | ".join(labels) + " |",
                "|---|---:|---:|---:|---:|---|"]
        for row in summaries(content, lang):
            statuses = [s for s in content.by_language[lang].status if s.item == row.item]
            out.append(f"| `{row.file}` | {row.counts[CURRENT]} | {row.counts[OUTDATED]} | {row.counts[MISSING]} | "
                       f"{_percent(coverage(statuses))} | {_review(row.reviewed)} |")
        todo = [s for s in content.by_language[lang].status if s.status != CURRENT]
        if todo:
            # TRANSLATORS: the English text says "fields" also for one field.
            summary = ngettext("{count} fields to translate or update", "{count} fields to translate or update",
                               len(todo)).format(count=len(todo))
            out += ["", f"<details><summary>{summary}</summary>", ""]
            out += [f"- `{_todo(s)}`" for s in todo]
            out += ["", "</details>"]
        out.append("")
    return "\n".join(out)


def incomplete(content: Content, langs: list[str]) -> int:
    return sum(1 for lang in langs for s in content.by_language[lang].status if s.status != CURRENT)
