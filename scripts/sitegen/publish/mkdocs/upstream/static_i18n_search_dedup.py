"""mkdocs-static-i18n's removal of duplicate search entries, for the merge of a parallel build, in linear time.

Works around: mkdocs-static-i18n 1.3.1 — after its sequential build it removes the translated search
entries that repeat a German one (`reconfigure_search_duplicates`), in quadratic time and only within
that one process; the workers of a parallel build (parallel.py) never reach it, so the merge does the
same here, entry for entry.
Upstream: not reported.
Delete when: the parallel build is given up, or the plugin's deduplication can be called on the merged
entries in reasonable time; then call it from parallel.py (`_merged_search`) and delete this module.
Test: tests/publish/upstream/test_upstream_canaries.py::test_static_i18n_still_deduplicates_search_entries_as_mirrored
fails once upstream has changed what it removes (then this copy must follow, or go).
"""

from __future__ import annotations


def without_search_duplicates(entries: list[dict], codes: list[str]) -> list[dict]:
    """The entries without those mkdocs-static-i18n 1.3.1 removes as duplicates after its sequential
    build (`reconfigure_search_duplicates`): the same result, in linear instead of quadratic time.

    There, for each entry of the source language (in order), every entry of another language
    (a location starting with `<code>/`) with the same title and text whose location ends with the
    source entry's location is removed, scanning that list while removing from it: the entry after
    a removed one is skipped. `list.remove` removes the first equal entry. Both effects are kept
    here, so that the entries and their order are exactly the same (tests/site/test_parallel.py checks
    this against the plugin's own method)."""
    prefixes = tuple(f"{code}/" for code in codes)
    targets = [index for index, entry in enumerate(entries) if entry["location"].startswith(prefixes)]
    if not targets:
        return list(entries)
    # The list of other languages' entries, as a doubly linked list over positions in `targets`.
    following = list(range(1, len(targets) + 1))
    preceding = list(range(-1, len(targets) - 1))
    alive = [True] * len(targets)
    by_text: dict[tuple, list[int]] = {}
    by_value: dict[object, list[int]] = {}
    for position, index in enumerate(targets):
        entry = entries[index]
        by_text.setdefault((_frozen(entry.get("title")), _frozen(entry.get("text"))), []).append(position)
        by_value.setdefault(_frozen(entry), []).append(position)

    def remove(position: int) -> None:
        alive[position] = False
        before, after = preceding[position], following[position]
        if before >= 0:
            following[before] = after
        if after < len(targets):
            preceding[after] = before

    for entry in entries:
        location = entry["location"]
        if location.startswith(prefixes):
            continue
        key = (_frozen(entry.get("title")), _frozen(entry.get("text")))
        candidates = [position for position in by_text.get(key, ())
                      if alive[position] and entries[targets[position]]["location"].endswith(location)]
        skipped = None
        for position in candidates:
            if not alive[position]:
                continue
            if position == skipped:  # right after the one just removed: the scan steps over it
                skipped = None
                continue
            skipped = following[position]
            equal = by_value[_frozen(entries[targets[position]])]
            while not alive[equal[0]]:
                equal.pop(0)
            remove(equal.pop(0))  # list.remove: the first equal entry, not necessarily this one
    removed = {index for position, index in enumerate(targets) if not alive[position]}
    return [entry for index, entry in enumerate(entries) if index not in removed]


def _frozen(value) -> object:
    """A hashable stand-in for a JSON value that is equal exactly when the values are (== as in list.remove)."""
    if isinstance(value, dict):
        return ("dict", frozenset((key, _frozen(item)) for key, item in value.items()))
    if isinstance(value, list):
        return ("list", tuple(_frozen(item) for item in value))
    return value
