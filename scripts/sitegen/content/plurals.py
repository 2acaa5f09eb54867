"""Plural forms: texts with a number, in every form the language's grammar has.

Which forms a language has, and which number takes which form, comes from CLDR through Babel:
German and English have `one` and `other`; Upper and Lower Sorbian `one`, `two`, `few` and
`other` (1 wuslědk, 2 wuslědkaj, 3 wuslědki, 5 wuslědkow). A translation has the forms of its own
language, not those of the German text. A form the German lacks is translated from the German
`other` form, the way gettext pairs every plural form with `msgid_plural`.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache

from babel import Locale, UnknownLocaleError

from sitegen.core.errors import Problem
from sitegen.core.fields import TextField
from sitegen.core.messages import _
from sitegen.read.load import Document
from sitegen.core.model import PLURAL_CATEGORIES, PluralText

PLURALS = "plurals"  # the field of theme.yaml that holds PluralText values
ITEM = "theme.yaml"
# One letter per category, for the table of categories the browser reads (see sitegen.js).
LETTERS = {"zero": "z", "one": "o", "two": "t", "few": "f", "many": "m", "other": "x"}
TABLE_SIZE = 1000  # Material writes counts above 999 as "1.2k"


@lru_cache(maxsize=None)
def categories(code: str) -> tuple[str, ...] | None:
    """The plural categories of a language, in CLDR order; None if CLDR does not know the language."""
    try:
        tags = Locale.parse(code).plural_form.tags
    except (UnknownLocaleError, ValueError):
        return None
    return tuple(category for category in PLURAL_CATEGORIES if category in tags or category == "other")


@lru_cache(maxsize=None)
def category_table(code: str) -> str:
    """The category of every number from 0 to 999 as one letter each, e.g. "xotffxxx…" for hsb."""
    rule = Locale.parse(code).plural_form
    return "".join(LETTERS[rule(number)] for number in range(TABLE_SIZE))


def check(code: str, language_name: str, model, document: Document) -> list[Problem]:
    """A theme.yaml's plural texts have exactly the forms of its language, each with '#'."""
    expected = categories(code)
    plurals = getattr(model, PLURALS, None)
    if plurals is None:
        return []
    if expected is None:
        return [document.problem((PLURALS,), _("CLDR has no plural rules for the language '{code}', so its plural "
                                               "forms are unknown; check the language code in "
                                               "content/languages.yaml").format(code=code))]
    problems = []
    for name, info in type(plurals).model_fields.items():
        value: PluralText = getattr(plurals, name)
        key = info.alias or name
        present = [category for category in PLURAL_CATEGORIES if getattr(value, category) is not None]
        missing = [category for category in expected if category not in present]
        extra = [category for category in present if category not in expected]
        forms = ", ".join(expected)
        if missing:
            # TRANSLATORS: {language} is the language's own name ("English"); {forms} and {missing} are lists
            # of plural categories, which are field names ("one, two, few, other")
            problems.append(document.problem((PLURALS, key), _("{language} has the plural forms {forms} (CLDR); "
                                                               "add {missing}").format(
                language=language_name, forms=forms, missing=", ".join(missing))))
        for category in extra:
            # TRANSLATORS: {language} is the language's own name ("English"); {category} and {forms} are plural
            # categories, which are field names ("two"; "one, other")
            problems.append(document.problem((PLURALS, key, category), _("{language} has no plural form "
                                                                         "'{category}' (CLDR: {forms}); delete this "
                                                                         "line").format(
                language=language_name, category=category, forms=forms)))
        for category in present:
            if category in expected and "#" not in getattr(value, category):
                problems.append(document.problem((PLURALS, key, category), _("write '#' where the number goes, "
                                                                             "e.g. '# Suchergebnisse'")))
    return problems


def expand_sources(source_fields: list[TextField], code: str) -> list[TextField]:
    """The German fields a translation into `code` is matched with: plural texts get one source
    per form of the target language (the German form of that name, else the German `other`)."""
    expected = categories(code) or ("other",)
    out: list[TextField] = []
    groups: dict[tuple, dict[str, TextField]] = {}
    for source in source_fields:
        if source.item == ITEM and len(source.path) == 3 and source.path[0] == PLURALS:
            group = groups.setdefault(source.path[:2], {})
            if not group:
                out.append(source)  # placeholder for the group, replaced below
            group[source.path[2]] = source
        else:
            out.append(source)
    expanded: list[TextField] = []
    for source in out:
        group = groups.get(source.path[:2]) if source.item == ITEM and source.path[:1] == (PLURALS,) else None
        if group is None:
            expanded.append(source)
            continue
        for category in expected:
            german = group.get(category) or group.get("other") or next(iter(group.values()))
            expanded.append(dataclasses.replace(german, path=source.path[:2] + (category,)))
    return expanded
