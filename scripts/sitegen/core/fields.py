"""Text fields: the unit of translation. Each text a reader sees is one field of one content file.

A field is named by its item (the file's path inside the language folder, e.g.
`workshops/infrastruktur-mobilitaet.yaml`) and its path inside that file, written like
`focus_areas[1].text`. The same name means the same field in every language, so a
translation is matched to its German source by name, list entries by position.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any

from pydantic import BaseModel, Field, StringConstraints, create_model

from sitegen.read.load import Document, FieldPath

# How a model field takes part in translation (set as json_schema_extra={"translate": ...}):
SHARED = "shared"  # not translated: taken from the source file in every language (URLs, dates, slugs)
REQUIRED = "required"  # interface text: every language must translate all of it; no fallback


def translate_kind(info) -> str | None:
    extra = info.json_schema_extra
    return extra.get("translate") if isinstance(extra, dict) else None


def format_path(path: FieldPath) -> str:
    """("focus_areas", 1, "text") -> "focus_areas[1].text"."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass(frozen=True)
class TextField:
    """One text in one language, with where it stands."""

    lang: str
    item: str  # the file's path inside the language folder, e.g. "faq.yaml"
    path: FieldPath
    text: str
    file: str  # the file as shown to editors, e.g. "content/en/faq.yaml"
    line: int
    column: int

    @property
    def field(self) -> str:
        return format_path(self.path)

    @property
    def key(self) -> tuple[str, FieldPath]:
        return (self.item, self.path)


def text_leaves(value: Any, path: FieldPath = ()) -> list[tuple[FieldPath, str]]:
    """Every translatable text in a validated model, with its path; shared fields are left out."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, BaseModel):
        leaves = []
        for name, info in type(value).model_fields.items():
            if translate_kind(info) == SHARED or name == "review":
                continue
            child = getattr(value, name)
            if child is not None:
                leaves += text_leaves(child, path + (info.alias or name,))
        return leaves
    if isinstance(value, (list, tuple)):
        leaves = []
        for index, child in enumerate(value):
            leaves += text_leaves(child, path + (index,))
        return leaves
    return []  # dates, numbers: not text


def text_fields(lang: str, item: str, model: BaseModel, document: Document) -> list[TextField]:
    """The translatable texts of one loaded file, located in it."""
    fields = []
    for path, text in text_leaves(model):
        line, column = document.location(path)
        fields.append(TextField(lang, item, path, text, document.shown_path, line, column))
    return fields


@lru_cache(maxsize=None)
def translation_model(model: type[BaseModel]) -> type[BaseModel]:
    """The model of a translation of `model`: the same shape, but every text may be missing
    (it then falls back to the source text), lists may be shorter, and shared fields are absent.
    Interface texts marked REQUIRED keep their full model."""
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        kind = translate_kind(info)
        if kind == SHARED:
            continue
        if kind == REQUIRED or name == "review":
            fields[name] = (info.annotation, info)
            continue
        # Text constraints (not empty, no surrounding space) hold for translated texts too;
        # constraints on lists (at least one goal) do not: a translation may leave entries out.
        text_rules = [rule for rule in info.metadata if isinstance(rule, StringConstraints)]
        annotation = Annotated[_partial(info.annotation), *text_rules] if text_rules else _partial(info.annotation)
        fields[name] = (annotation | None, Field(None, alias=info.alias, description=info.description))
    translated = create_model(f"{model.__name__}Translation", __base__=model.__base__, **fields)
    translated.__doc__ = model.__doc__
    return translated


def _partial(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return translation_model(annotation)
    origin = typing.get_origin(annotation)
    if origin is list:
        return list[_partial(typing.get_args(annotation)[0])]
    if origin in (typing.Union, getattr(__import__("types"), "UnionType")):
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(args) == 1:
            return _partial(args[0])
    return annotation


def shared_field_names(model: type[BaseModel]) -> set[str]:
    """Names of fields that translations must leave out, anywhere inside `model`."""
    names = set()
    for name, info in model.model_fields.items():
        if translate_kind(info) == SHARED:
            names.add(info.alias or name)
        inner = _inner_models(info.annotation)
        for sub in inner:
            names |= shared_field_names(sub)
    return names


def inner_model(annotation: Any) -> type[BaseModel] | None:
    """The content model inside a field's type (`X`, `X | None`, `list[X]`), or None."""
    found = _inner_models(annotation)
    return found[0] if found else None


def _inner_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found = []
    for arg in typing.get_args(annotation):
        found += _inner_models(arg)
    return found
