"""Text fields: the unit of translation. Each text a reader sees is one field of one content file.

A field is named by its item (the file's path inside the language folder, e.g.
`workshops/infrastruktur-mobilitaet.yaml`) and its path inside that file, written like
`focus_areas[1].text`. The same name means the same field in every language, so a
translation is matched to its German source by name, list entries by position.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any, Protocol

from pydantic import BaseModel, Field, StringConstraints, create_model
from pydantic.fields import FieldInfo

# Where a value stands inside a content file: keys and list positions, e.g. ("focus_areas", 1, "text").
FieldPath = tuple[Any, ...]


class LocatedFile(Protocol):
    """A loaded content file that knows where each of its values stands (read.load.Document)."""

    shown_path: str

    def location(self, path: FieldPath) -> tuple[int, int]: ...



# How a model field takes part in translation (set as json_schema_extra={"translate": ...}):
SHARED = "shared"  # not translated: taken from the source file in every language (URLs, dates, slugs)
REQUIRED = "required"  # interface text: every language must translate all of it; no fallback
REVIEW = "review"  # the field in which a translation says whether a person has reviewed it


def translate_kind(info) -> str | None:
    """SHARED, REQUIRED or None (translated, with the source text as fallback) for a model field."""
    extra = info.json_schema_extra
    return extra.get("translate") if isinstance(extra, dict) else None


@dataclass(frozen=True)
class FieldSpec:
    """One field of a content model, as the translation machinery sees it."""

    name: str  # the attribute of the model
    key: str  # the name in content files (the alias, where there is one)
    kind: str | None  # SHARED, REQUIRED or None: see translate_kind
    info: FieldInfo
    inner: type[BaseModel] | None  # the content model inside the field's type (`X`, `X | None`, `list[X]`)

    @property
    def is_review(self) -> bool:
        return self.name == REVIEW

    @property
    def translated(self) -> bool:
        """Whether each language has its own text here: not shared, and not the translation's `review` state."""
        return self.kind != SHARED and not self.is_review

    @property
    def is_list(self) -> bool:
        annotation = self.info.annotation
        return any(typing.get_origin(arg) is list for arg in (annotation, *typing.get_args(annotation)))


@lru_cache(maxsize=None)
def model_fields_of(model: type[BaseModel]) -> tuple[FieldSpec, ...]:
    """The fields of a content model, in its order."""
    return tuple(FieldSpec(name, info.alias or name, translate_kind(info), info, inner_model(info.annotation))
                 for name, info in model.model_fields.items())


@lru_cache(maxsize=None)
def fields_by_key(model: type[BaseModel]) -> dict[str, FieldSpec]:
    """The fields of a content model by their names in content files."""
    return {spec.key: spec for spec in model_fields_of(model)}


def walk(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, FieldSpec, Any]]:
    """Every field that holds a value inside `value` (a validated model, or a list of them), depth first
    in model order: its path, its spec and its value. Shared fields and `review` are not entered (they
    hold no texts of a language)."""
    if isinstance(value, BaseModel):
        for spec in model_fields_of(type(value)):
            child = getattr(value, spec.name)
            if child is not None:
                yield path + (spec.key,), spec, child
                if spec.translated:
                    yield from walk(child, path + (spec.key,))
    elif isinstance(value, (list, tuple)):
        for index, child in enumerate(value):
            yield from walk(child, path + (index,))


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
    return [leaf for field_path, spec, child in walk(value, path) if spec.translated
            for leaf in _texts(child, field_path)]


def shared_texts(value: Any) -> list[tuple[FieldPath, str]]:
    """The texts in fields every language shares (names, phone numbers), with their paths."""
    return [(path, child) for path, spec, child in walk(value) if spec.kind == SHARED and isinstance(child, str)]


def _texts(value: Any, path: FieldPath) -> list[tuple[FieldPath, str]]:
    """The texts a field holds itself: its text, or those of its list; not those of the models in it."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, (list, tuple)):
        return [leaf for index, child in enumerate(value) for leaf in _texts(child, path + (index,))]
    return []  # dates, numbers, models: not texts of this field


def text_fields(lang: str, item: str, model: BaseModel, document: LocatedFile) -> list[TextField]:
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
    for spec in model_fields_of(model):
        name, info = spec.name, spec.info
        if spec.kind == SHARED:
            continue
        if spec.kind == REQUIRED or spec.is_review:
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
    for spec in model_fields_of(model):
        if spec.kind == SHARED:
            names.add(spec.key)
        if spec.inner is not None:
            names |= shared_field_names(spec.inner)
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
