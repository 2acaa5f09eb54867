"""Valid HTML (WCAG 2.1 SC 4.1.1) where Material writes markup that the W3C Nu HTML Checker rejects.

Works around: Material for MkDocs 9.8.2 — two kinds of invalid markup, on every page and the 404 pages:
1. base.html gives its drawer and search checkboxes `autocomplete="off"`, which HTML allows only on
   text-like inputs. It is there so that a browser going back to a page does not restore a checkbox
   (the drawer or the search open again, while Material's script thinks them closed). HTML's own way
   gives them the same: no `autocomplete` on the checkboxes, and a form owner that says "off", an
   empty hidden `<form autocomplete="off">` just before them, named by their `form` attribute. They
   stay where they are, so Material's `~` style rules and its script find them as before. Browsers
   take a control's `autocomplete` from its form owner when it has none of its own (HTML; Firefox's
   state keys do the same); Chromium 156, checked: a checkbox without either is restored on going
   back, one owned by such a form is not, like one with `autocomplete="off"`.
2. partials/toc.html writes the table of contents' title as `<label for="__toc">` on every page with
   headings, but the checkbox `__toc` comes from partials/nav-item.html, only on a page that is an
   entry of the navigation; on the others (a section's index page under `navigation.indexes`, pages
   outside the navigation) the label names no control. There its `for` goes: it worked nothing, and
   Material's one style for such titles (`[for=__toc]`, a snap point) applies only inside the
   drawer's navigation, where these pages have no table of contents.
Upstream: not reported.
Delete when: the theme writes valid markup; each part on its own: the toggles when base.html has them
without `autocomplete` (TOGGLES), the title when toc.html writes no `for` that may name nothing (TOC_TITLE).
With both gone, delete this module and its call in plugin.py (`finish_page`).
Test: tests/publish/upstream/test_upstream_canaries.py::test_material_toggles_still_have_autocomplete
(and ::test_material_toc_title_still_names_a_checkbox_only_the_navigation_writes) fails once upstream has
changed; tests/site/test_html_valid.py runs the checker over every page of the built site.
"""

from __future__ import annotations

from sitegen.core.messages import _

# Material's two checkboxes, once per page each (material/templates/base.html).
TOGGLES = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
           '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">')
# The form that owns them, written just before the first: no fields, no action, never submitted; only
# its `autocomplete` counts.
TOGGLES_FORM = "__sitegen_toggles"
# The title of the table of contents (material/templates/partials/toc.html), and the checkbox it names,
# written only for a page that is an entry of the navigation (material/templates/partials/nav-item.html).
TOC_TITLE = '<label class="md-nav__title" for="__toc">'
TOC_CHECKBOX = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'


def valid_html(html: str) -> str:
    """The page with Material's invalid markup made valid (see the module); ValueError when the theme
    does not write each of its two checkboxes as in TOGGLES, once."""
    if any(html.count(toggle) != 1 for toggle in TOGGLES):
        raise ValueError(_("the theme's drawer and search checkboxes were not found; update TOGGLES in "
                           "sitegen/publish/mkdocs/upstream/material_html_validity.py for this theme version"))
    for number, toggle in enumerate(TOGGLES):
        owned = toggle.replace(' autocomplete="off">', f' form="{TOGGLES_FORM}">')
        if number == 0:
            owned = f'<form id="{TOGGLES_FORM}" autocomplete="off" hidden></form>' + owned
        html = html.replace(toggle, owned)
    if TOC_CHECKBOX not in html:
        html = html.replace(TOC_TITLE, TOC_TITLE.replace(' for="__toc"', ""))
    return html
