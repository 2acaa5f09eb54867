"""Recording that translations were made from today's German text (`sitegen mark-current`), and the
lock every change of content/ by sitegen is made under (`mark-current`, `import-po`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sitegen.output import write
from sitegen.content.tree import Content, load_content
from sitegen.core.errors import ContentError, Problem
from sitegen.core.messages import _
from sitegen.core.paths import Paths
from sitegen.content.status import RECORD_FILE, Records, dump_records, fingerprint
from sitegen.read.load import MAX_RECORDS_BYTES


@contextmanager
def content_lock(root: Path) -> Iterator[None]:
    """Hold the lock builds take (docs/.sitegen/lock, exclusive) for a read-modify-write of content/.

    Whoever changes content files or translated-from.yaml reads them again inside this block, so
    two such commands never both start from the same old state and one lose what the other wrote.
    Not inside another block that holds the lock (a second lock in one process waits forever)."""
    store = Paths.for_root(root).docs / write.STORE
    store.mkdir(parents=True, exist_ok=True)
    with write._locked(store / write.LOCK):
        yield


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
            # TRANSLATORS: {lang} is a language code, {example} the path of one of its translation files.
            problems.append(Problem(name, 0, 0, _(
                "not a translation file of '{lang}'; name a file like {example}").format(
                lang=lang, example=next(iter(texts.paths.values())))))
        else:
            items.append(item)
    if problems:
        raise ContentError(problems)
    return items


def mark_current(content: Content, lang: str, items: list[str] | None, field: str | None,
                 content_dir: Path, root: Path | None = None) -> tuple[int, bool]:
    """Record every translated field (of `items`, or all) as made from today's German text.

    The content is read again while holding content_lock (`content`, read before, only named the
    items), so fields another command recorded meanwhile stay recorded. `root`: the project
    folder (default: the one content_dir is in). Returns the number of fields recorded and whether
    translated-from.yaml changed."""
    root = content_dir.parent if root is None else root
    with content_lock(root):
        content = load_content(content_dir, root)
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
            raise ContentError([Problem(texts.records_path, 0, 0, _(
                "no translated field '{field}' found; `sitegen status` lists the field names").format(field=field))])
        return count, write_records(content_dir / lang / RECORD_FILE, prune(content, lang, records),
                                    texts.records_path)


def prune(content: Content, lang: str, records: Records) -> Records:
    """Only records of fields that exist in German and have a translation."""
    texts = content.by_language[lang]
    keep: Records = {}
    for status in texts.status:
        value = records.get(status.item, {}).get(status.field)
        if value is not None and status.translation is not None:
            keep.setdefault(status.item, {})[status.field] = value
    return keep


def write_records(path: Path, records: Records, shown: str | None = None) -> bool:
    """Write translated-from.yaml if its text changes; True when written. `shown`: the path in messages."""
    return write.write_if_changed(path, dump_records(records).encode("utf-8"), shown or path.as_posix(),
                                  limit=MAX_RECORDS_BYTES)
