"""Recording that translations were made from today's German text (`sitegen mark-current`)."""

from __future__ import annotations

from pathlib import Path

from .content import Content
from .errors import ContentError, Problem
from .status import RECORD_FILE, Records, fingerprint, write_records


def resolve_items(content: Content, lang: str, names: list[str], root: Path) -> list[str]:
    """Items named on the command line by file path (content/en/faq.yaml) or item (faq.yaml)."""
    texts = content.by_language[lang]
    by_path = {Path(shown).as_posix(): item for item, shown in texts.paths.items()}
    items, problems = [], []
    for name in names:
        candidate = Path(name)
        if candidate.is_absolute():
            try:
                candidate = candidate.resolve().relative_to(root)
            except ValueError:
                pass
        key = candidate.as_posix()
        item = by_path.get(key) or (key if key in texts.paths else None)
        if item is None:
            problems.append(Problem(name, 0, 0, f"not a translation file of '{lang}'; name a file like "
                                    f"{next(iter(texts.paths.values()))}"))
        else:
            items.append(item)
    if problems:
        raise ContentError(problems)
    return items


def mark_current(content: Content, lang: str, items: list[str] | None, field: str | None,
                 content_dir: Path) -> tuple[int, bool]:
    """Record every translated field (of `items`, or all) as made from today's German text.

    Returns the number of fields recorded and whether translated-from.yaml changed."""
    texts = content.by_language[lang]
    records: Records = {item: dict(fields) for item, fields in texts.records.items()}
    count = 0
    for status in texts.status:
        if items is not None and status.item not in items:
            continue
        if field is not None and status.field != field:
            continue
        if status.translation is None:
            continue
        records.setdefault(status.item, {})[status.field] = fingerprint(status.source.text)
        count += 1
    if field is not None and count == 0:
        raise ContentError([Problem(texts.records_path, 0, 0, f"no translated field '{field}' found; "
                                    "`sitegen status` lists the field names")])
    return count, write_records(content_dir / lang / RECORD_FILE, prune(content, lang, records))


def prune(content: Content, lang: str, records: Records) -> Records:
    """Only records of fields that exist in German and have a translation."""
    texts = content.by_language[lang]
    keep: Records = {}
    for status in texts.status:
        value = records.get(status.item, {}).get(status.field)
        if value is not None and status.translation is not None:
            keep.setdefault(status.item, {})[status.field] = value
    return keep
