"""What a reader of one language sees: the source structure, filled with that language's texts.

The German file decides the structure (which goals, which focus areas, in which order); a
translation supplies texts field by field. Where it has none, the German text stands in, and it
knows that it is German, so the page can mark it with `lang="de"` and tell the reader.
"""

from __future__ import annotations

from typing import Any, Callable

from pydantic import BaseModel

from sitegen.core.fields import model_fields_of
from sitegen.read.load import FieldPath


class Phrase(str):
    """A text with the language it is written in and its translation state."""

    lang: str
    state: str  # current | outdated | missing (see status.FIELD_STATES)
    reviewed: bool  # a person has reviewed the translation (always True for source texts)

    def __new__(cls, text: str, lang: str, state: str, reviewed: bool = True):
        phrase = super().__new__(cls, text)
        phrase.lang = lang
        phrase.state = state
        phrase.reviewed = reviewed
        return phrase


def merge(source: Any, translation: Any, state_of: Callable[[FieldPath], str], reviewed: bool,
          lang: str, source_lang: str, path: FieldPath = ()) -> Any:
    """The source value with every translatable text replaced by a Phrase in `lang` when the
    translation has it, else by the source text as a Phrase in `source_lang` (state missing).

    `state_of(path)` gives a present text's state (current or outdated)."""
    if isinstance(source, str):
        if isinstance(translation, str):
            return Phrase(translation, lang, state_of(path), reviewed)
        return Phrase(source, source_lang, "missing")
    if isinstance(source, BaseModel) and getattr(type(source), "plural_forms", False) and translation is not None:
        # Plural forms follow the translation's language, not the German (see plurals.py).
        return type(source).model_construct(**{
            spec.name: None if getattr(translation, spec.name) is None
            else Phrase(getattr(translation, spec.name), lang, state_of(path + (spec.key,)), reviewed)
            for spec in model_fields_of(type(source))})
    if isinstance(source, BaseModel):
        values = {}
        for spec in model_fields_of(type(source)):
            value = getattr(source, spec.name)
            other = getattr(translation, spec.name, None) if translation is not None else None
            if spec.is_review:
                values[spec.name] = other
            elif not spec.translated or value is None:
                values[spec.name] = value
            else:
                values[spec.name] = merge(value, other, state_of, reviewed, lang, source_lang, path + (spec.key,))
        return type(source).model_construct(**values)
    if isinstance(source, (list, tuple)):
        others = translation if isinstance(translation, (list, tuple)) else []
        return [
            merge(value, others[index] if index < len(others) else None, state_of, reviewed, lang,
                  source_lang, path + (index,))
            for index, value in enumerate(source)
        ]
    return source
