"""Texts in the navigation, table of contents, header and footer, marked with their language: German texts in
a translation, and phrases marked as another language (`[smart regions]{lang=en}`) in titles and headings.

The adapter's own job, not a workaround: the pages themselves were marked when they were rendered;
these texts come from page titles and headings, which the theme puts into `md-ellipsis` elements as
plain text. (It also puts them into `<title>` and `aria-label` attributes, which cannot hold markup.)
"""

from __future__ import annotations

import functools
import html
import re


@functools.lru_cache(maxsize=16)
def _ellipsis_pattern(titles: frozenset[str]) -> re.Pattern:
    """An `md-ellipsis` element that holds exactly one of `titles` (the longest first). Compiled once per set:
    a language's pages all ask for the same one."""
    titles = sorted(titles, key=len, reverse=True)
    return re.compile(r'(<(span|div) class="md-ellipsis">\s*)(' + "|".join(map(re.escape, titles)) + r')(\s*</\2>)')


def mark_fallbacks(output: str, texts: set[str], pages: set[str], source_language: str, mark: str,
                   parts: dict[str, str] | None = None) -> str:
    """In the navigation, table of contents and footer, mark German texts with `lang`, and titles of
    pages that are German copies with the language's "(in German)" mark too; and put back the `lang`
    spans of titles and headings with a phrase in another language. `parts` maps each such text as the
    theme shows it (HTML-escaped plain text) to its HTML with the spans (render.markdown.html_parts).

    These texts come from page titles and headings, which the theme puts into `md-ellipsis`
    elements as they are; the page content itself was marked when it was rendered."""
    parts = parts or {}
    if not texts and not pages and not parts:
        return output

    def replace(match: re.Match) -> str:
        text = match.group(3)
        marked = parts.get(text, text)
        if text in texts or text in pages:
            marked = f'<span lang="{source_language}">{marked}</span>'
        if text in pages:
            marked += f' <small class="sitegen-fallback-mark">{html.escape(mark)}</small>'
        return match.group(1) + marked + match.group(4)

    return _ellipsis_pattern(frozenset(texts | pages | set(parts))).sub(replace, output)
