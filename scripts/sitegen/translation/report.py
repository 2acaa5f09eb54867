"""`sitegen status`: what is translated, what is outdated, what is missing, per language."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sitegen.content.tree import Content
from sitegen.content.status import CURRENT, FIELD_STATES, MISSING, OUTDATED, FieldStatus


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
    return (f"{lang} ({texts.language.name}): {_percent(coverage(statuses))} current – "
            f"{sum(s.status == OUTDATED for s in statuses)} outdated, {sum(s.status == MISSING for s in statuses)} "
            f"missing, {reviewed} of {len(statuses)} fields reviewed")


def _todo(status: FieldStatus) -> str:
    german = f"German text at {status.source.file}:{status.source.line}"
    if status.translation is None:
        return f"{status.file}: {status.field}: {status.status} ({german})"
    return f"{status.file}:{status.translation.line}: {status.field}: {status.status} ({german})"


def as_text(content: Content, langs: list[str]) -> str:
    out = []
    for lang in langs:
        rows = summaries(content, lang)
        width = max(len(row.file) for row in rows)
        out.append(_headline(content, lang))
        out.append(f"  {'file':<{width}}  {'current':>7}  {'outdated':>8}  {'missing':>7}  {'coverage':>8}  review")
        for row in rows:
            statuses = [s for s in content.by_language[lang].status if s.item == row.item]
            out.append(f"  {row.file:<{width}}  {row.counts[CURRENT]:>7}  {row.counts[OUTDATED]:>8}  "
                       f"{row.counts[MISSING]:>7}  {_percent(coverage(statuses)):>8}  "
                       f"{'reviewed' if row.reviewed else 'draft'}")
        todo = [s for s in content.by_language[lang].status if s.status != CURRENT]
        if todo:
            out.append(f"  To do ({len(todo)}): translate or update these fields, then run "
                       f"`sitegen mark-current --lang {lang} FILE`:")
            out += [f"    {_todo(s)}" for s in todo]
        out.append("")
    return "\n".join(out)


def as_markdown(content: Content, langs: list[str]) -> str:
    out = ["# Translation status", ""]
    for lang in langs:
        out += [f"## {_headline(content, lang)}", "",
                "| File | Current | Outdated | Missing | Coverage | Review |",
                "|---|---:|---:|---:|---:|---|"]
        for row in summaries(content, lang):
            statuses = [s for s in content.by_language[lang].status if s.item == row.item]
            out.append(f"| `{row.file}` | {row.counts[CURRENT]} | {row.counts[OUTDATED]} | {row.counts[MISSING]} | "
                       f"{_percent(coverage(statuses))} | {'reviewed' if row.reviewed else 'draft'} |")
        todo = [s for s in content.by_language[lang].status if s.status != CURRENT]
        if todo:
            out += ["", f"<details><summary>{len(todo)} fields to translate or update</summary>", ""]
            out += [f"- `{_todo(s)}`" for s in todo]
            out += ["", "</details>"]
        out.append("")
    return "\n".join(out)


def incomplete(content: Content, langs: list[str]) -> int:
    return sum(1 for lang in langs for s in content.by_language[lang].status if s.status != CURRENT)
