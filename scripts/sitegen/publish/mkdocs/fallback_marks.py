"""German texts in a translation's navigation, table of contents and footer, marked as German.

The adapter's own job, not a workaround: the pages themselves were marked when they were rendered;
these texts come from page titles and headings, which the theme puts into `md-ellipsis` elements.
"""

from __future__ import annotations

import html
import re


def mark_fallbacks(output: str, texts: set[str], pages: set[str], source_language: str, mark: str) -> str:
    """In the navigation, table of contents and footer, mark German texts with `lang`, and titles of
    pages that are German copies with the language's "(in German)" mark too.

    These texts come from page titles and headings, which the theme puts into `md-ellipsis`
    elements as they are; the page content itself was marked when it was rendered."""
    if not texts and not pages:
        return output
    titles = sorted(texts | pages, key=len, reverse=True)
    pattern = re.compile(r'(<(span|div) class="md-ellipsis">\s*)(' + "|".join(map(re.escape, titles))
                         + r')(\s*</\2>)')

    def replace(match: re.Match) -> str:
        text = match.group(3)
        marked = f'<span lang="{source_language}">{text}</span>'
        if text in pages:
            marked += f' <small class="sitegen-fallback-mark">{html.escape(mark)}</small>'
        return match.group(1) + marked + match.group(4)

    return pattern.sub(replace, output)
