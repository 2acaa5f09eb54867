"""Search result counts in every plural form of the language, not only "one" and "other".

Works around: Material for MkDocs 9.8.2 — it knows only "one" (exactly 1) and "other" for counts;
Upper Sorbian has four forms (one, two, few, other), and CLDR assigns every number to one of them.
Material gets the form of 1 with the number in place, and a bare "#" for the rest; its browser-side
twin, docs/assets/javascripts/upstream/material_search_result_plurals.js, turns the bare number into
the form CLDR gives for it, from the data made here (in `<script id="__sitegen">`, overrides/main.html).
Upstream: not reported.
Delete when: Material picks count strings by CLDR plural category; then delete this module, its JS twin
(and its entry in publish/mkdocs/browser_script.py), and give Material each form in theme_strings.py.
Test: tests/publish/upstream/test_upstream_canaries.py::test_material_still_knows_only_one_and_other
fails once upstream has fixed it.
"""

from __future__ import annotations

from sitegen.content import plurals
from sitegen.render.markdown import plain_line


def count_strings(code: str, texts) -> tuple[dict[str, str], dict]:
    """Material's count strings for the language `code`, and the data the JS twin needs (`plural`:
    the category of each number from 0 to 999, `forms`: every form of each count)."""
    table = plurals.category_table(code)
    category_of_one = {letter: name for name, letter in plurals.LETTERS.items()}[table[1]]
    strings, forms = {}, {}
    for key, plural in (("search.result", texts.search_result), ("search.result.more", texts.search_result_more)):
        present = {name: plain_line(getattr(plural, name)) for name in type(plural).model_fields
                   if getattr(plural, name) is not None}
        forms[key] = present
        strings[f"{key}.one"] = present.get(category_of_one, present.get("other", "#")).replace("#", "1")
        strings[f"{key}.other"] = "#"
    return strings, {"plural": table, "forms": forms}
