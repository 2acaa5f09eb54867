"""JSON Schemas of the content files, generated from the models that validate them.

Every content file names its schema in its first line, a modeline:

    # yaml-language-server: $schema=../../schema/site.schema.json

VS Code's YAML extension (and any editor using yaml-language-server) reads it and offers completion,
hover help (the models' German descriptions) and inline errors while an editor types. The schemas
are written into schema/ by `sitegen schema`; `sitegen schema --check` and a test fail when the
committed files no longer match the models. `sitegen check` stays the authority: it also checks
what a schema cannot say (the language of each text, plural forms per language, references).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, TypeAdapter

from sitegen.core.errors import Problem
from sitegen.core.fields import translation_model
from sitegen.core.messages import _
from sitegen.read.load import Document
from sitegen.core.model import (Faq, LanguageList, Publisher, SiteText, TextPage, ThemeText, TranslationRecords,
                                 Workshop)

SCHEMA_DIR = "schema"
MODELINE_PREFIX = "# yaml-language-server: $schema="
# Draft 7: the newest draft yaml-language-server (VS Code's YAML extension) fully supports. What
# pydantic writes fits it; its `$defs` are reached by plain JSON pointers (`#/$defs/...`).
JSON_SCHEMA_DIALECT = "http://json-schema.org/draft-07/schema#"

LANGUAGES = "languages"
RECORDS = "translated-from"
PUBLISHER = "publisher"  # the publisher's facts: source folder only, never translated
TRANSLATION_SUFFIX = ".translation"
# Source models by the kind name used in schema/<kind>.schema.json; translations get "<kind>.translation".
SOURCE_KINDS: dict[str, type[BaseModel]] = {"site": SiteText, "faq": Faq, "theme": ThemeText, "workshop": Workshop,
                                             "impressum": TextPage, "privacy": TextPage, "accessibility": TextPage}
EASY_LANGUAGE = "leichte-sprache"  # source language only, never translated
TRANSLATION_NOTE = ("Übersetzung: Jedes Feld darf fehlen. Fehlt ein Text, sehen die Leserinnen und Leser den "
                    "deutschen Text, als deutsch gekennzeichnet. Felder, die für alle Sprachen gelten (Adressen, "
                    "Daten, Namen), stehen nur in der deutschen Datei.")


@dataclass(frozen=True)
class Kind:
    """One kind of content file and its schema."""

    name: str  # e.g. "workshop.translation"; the schema is schema/<name>.schema.json
    title: str  # German, shown by editors
    target: Any  # a content model, or a type for TypeAdapter
    note: str = ""

    @property
    def file_name(self) -> str:
        return f"{self.name}.schema.json"


def kinds() -> list[Kind]:
    titles = {"site": "Texte der Website", "faq": "Häufige Fragen", "theme": "Oberflächentexte des Themes",
              "workshop": "Werkstatt", "impressum": "Impressum", "privacy": "Datenschutzerklärung",
              "accessibility": "Erklärung zur Barrierefreiheit"}
    found = [Kind(LANGUAGES, "Sprachen der Website", LanguageList)]
    for name, model in SOURCE_KINDS.items():
        found.append(Kind(name, titles[name], model))
        found.append(Kind(name + TRANSLATION_SUFFIX, f"{titles[name]} (Übersetzung)", translation_model(model),
                          TRANSLATION_NOTE))
    found.append(Kind(RECORDS, "Stand der Übersetzung (translated-from.yaml)", TranslationRecords))
    found.append(Kind(PUBLISHER, "Angaben zum Herausgeber (publisher.yaml)", Publisher))
    found.append(Kind(EASY_LANGUAGE, "Leichte Sprache", TextPage))
    return found


def kind_of(path_in_content: str, source_language: str) -> str:
    """The kind of the content file at `path_in_content` (e.g. "hsb/workshops/x.yaml"), by its place."""
    parts = path_in_content.split("/")
    if len(parts) == 1:
        return LANGUAGES
    language, item = parts[0], "/".join(parts[1:])
    if item == f"{RECORDS}.yaml":
        return RECORDS
    if item in (f"{PUBLISHER}.yaml", f"{EASY_LANGUAGE}.yaml"):
        return item.removesuffix(".yaml")
    name = "workshop" if item.startswith("workshops/") else item.removesuffix(".yaml")
    return name if language == source_language else name + TRANSLATION_SUFFIX


def reference(kind: str, path_in_content: str) -> str:
    """The schema's path relative to the file: content/ and schema/ both sit in the project root."""
    depth = path_in_content.count("/") + 1
    return "../" * depth + f"{SCHEMA_DIR}/{kind}.schema.json"


def modeline(kind: str, path_in_content: str) -> str:
    return MODELINE_PREFIX + reference(kind, path_in_content)


def modeline_problem(document: Document, path_in_content: str, source_language: str) -> Problem | None:
    """A missing modeline is a warning (the file still works; editors lose their help); one that
    names the wrong schema is an error: the editor would show wrong help and wrong errors."""
    kind = kind_of(path_in_content, source_language)
    expected = modeline(kind, path_in_content)
    line = document.first_line
    if line.strip() == expected:
        return None
    if not line.startswith(MODELINE_PREFIX):
        return Problem(document.shown_path, 1, 1, _(
            "the first line should name the schema, so that editors get completion and help; insert this line at "
            "the top: {line}").format(line=expected), level="warning")
    # TRANSLATORS: {kind} is the name of the schema, e.g. workshop.translation
    return Problem(document.shown_path, 1, 1, _("the first line names the wrong schema for this file ({kind}); "
                                                "replace it with: {line}").format(kind=kind, line=expected))


# Every generated schema says so; `sitegen schema` removes left-over schemas only if they say it.
GENERATED = ("Generated by `sitegen schema` from sitegen's content models. Do not edit: change the models, "
             "then run `sitegen schema`.")
MAX_SCHEMA_BYTES = 1024 * 1024


def generate(kind: Kind) -> dict:
    """The JSON Schema of one kind: the model's own schema, with German titles and no English ones."""
    if isinstance(kind.target, type) and issubclass(kind.target, BaseModel):
        schema = kind.target.model_json_schema(by_alias=True)
    else:
        schema = TypeAdapter(kind.target).json_schema(by_alias=True)
    _tidy(schema)
    description = schema.pop("description", "")
    description = " ".join(part for part in (description, kind.note) if part)
    return {"$schema": JSON_SCHEMA_DIALECT, "$comment": GENERATED, "title": kind.title, "description": description,
            **schema}


def _tidy(schema: Any) -> None:
    """Remove pydantic's English titles ("Title", "FocusArea") and sitegen's internal markers;
    close maps with pattern keys, as models close theirs (unknown fields are errors)."""
    if isinstance(schema, list):
        for entry in schema:
            _tidy(entry)
        return
    if not isinstance(schema, dict):
        return
    schema.pop("title", None)
    schema.pop("translate", None)
    if "patternProperties" in schema:
        schema.setdefault("additionalProperties", False)
    for key, value in schema.items():
        if key in ("properties", "$defs", "patternProperties"):
            for child in value.values():
                _tidy(child)
        elif key in ("items", "anyOf", "allOf", "oneOf", "additionalProperties"):
            _tidy(value)


def render(kind: Kind) -> str:
    return json.dumps(generate(kind), ensure_ascii=False, indent=2) + "\n"
