"""The page's translation state on Material's main element, for the style sheet and the browser suites.

Works around: Material for MkDocs 9.8.2 — base.html writes the main element as it is, with no block
or variable for attributes of its own, so the state ("current", "outdated", "draft", …) is added to
the finished page.
Upstream: not reported (a theme without such a hook; an override of base.html would copy all of it).
Delete when: Material offers a block or an `extra` setting for attributes of the main element; then
set the attribute there (overrides/main.html) and delete this module and its call in plugin.py.
Test: tests/publish/upstream/test_upstream_canaries.py::test_material_main_element_is_written_as_it_is
fails once the theme writes it differently (then MAIN_ELEMENT must follow, or the workaround go).
"""

from __future__ import annotations

from sitegen.core.messages import _

# Material's main element, once per page (material/templates/base.html).
MAIN_ELEMENT = '<main class="md-main" data-md-component="main">'


def with_translation_status(html: str, status: str) -> str:
    """The page with `data-translation-status` on its main element; ValueError when the theme has
    no such element, or more than one."""
    if html.count(MAIN_ELEMENT) != 1:
        raise ValueError(_("the theme's main element was not found; update MAIN_ELEMENT in "
                           "sitegen/publish/mkdocs/upstream/material_main_element.py for this theme version"))
    return html.replace(MAIN_ELEMENT, MAIN_ELEMENT[:-1] + f' data-translation-status="{status}">')
