"""Translation status, derived from the content itself.

Each translation folder holds `translated-from.yaml`: for every translated field, a fingerprint of
the German text it was translated from. Comparing it with the fingerprint of today's German text
gives the field's status:

- current:  the German text is still the one the translation was made from;
- outdated: the German changed since (or the translation was never recorded as made from it);
- missing:  the translation has no text for the field; readers see the German text, marked as such.

`sitegen mark-current` and `sitegen import-po` write the fingerprints; nobody edits them by hand.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass

from sitegen.read import schema
from sitegen.core.errors import ContentError, Problem
from sitegen.core.fields import TextField
from sitegen.core.inline import plain_text
from sitegen.core.messages import _
from sitegen.read.load import Document
from sitegen.read.validate import double_quoted
from sitegen.core.model import FINGERPRINT_PATTERN, RECORD_ITEM_PATTERN

RECORD_FILE = "translated-from.yaml"
RECORD_HEADER = (
    "# Aus welchem deutschen Text jedes Feld übersetzt wurde: ein Fingerabdruck je Feld.\n"
    "# Ändert sich der deutsche Text, gilt die Übersetzung als veraltet (outdated).\n"
    "# Diese Datei schreibt sitegen (mark-current, import-po). Bitte nicht von Hand ändern.\n"
)
_FINGERPRINT = re.compile(FINGERPRINT_PATTERN)
_RECORD_ITEM = re.compile(RECORD_ITEM_PATTERN)
# translated-from.yaml always lies at content/<lang>/: its schema is two folders up.
RECORD_MODELINE = schema.modeline(schema.RECORDS, f"lang/{RECORD_FILE}")
_WHITESPACE = re.compile(r"\s+")

CURRENT, DRAFT, OUTDATED, MISSING = "current", "draft", "outdated", "missing"
# From best to worst: a page shows the worst state of all the texts on it.
PAGE_STATES = (CURRENT, DRAFT, OUTDATED, MISSING)
FIELD_STATES = (CURRENT, OUTDATED, MISSING)


def worst(states) -> str:
    return max(states, key=PAGE_STATES.index, default=CURRENT)


@functools.lru_cache(maxsize=1 << 16)  # each German text is fingerprinted once per translation language
def fingerprint(text: str) -> str:
    """A short fingerprint of a text as readers see it: insensitive to line wrapping, Unicode
    normalisation and language-of-parts markup (marking a name as Sorbian changes no meaning)."""
    normal = _WHITESPACE.sub(" ", unicodedata.normalize("NFC", plain_text(text))).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


Records = dict[str, dict[str, str]]  # item -> field name -> fingerprint of the German text


def load_records(document: Document) -> Records:
    """Read a translated-from.yaml document; raise ContentError if it is not what sitegen writes."""
    data = document.data
    if data is None:
        return {}
    problems: list[Problem] = []
    records: Records = {}
    if not isinstance(data, dict):
        problems.append(document.problem((), _("this file must map file names to fields; "
                                               "delete it and run `sitegen mark-current` to write it again")))
    else:
        for item, fields in data.items():
            if not isinstance(item, str) or not _RECORD_ITEM.match(item) or not isinstance(fields, dict):
                problems.append(document.problem((item,), _("expected a content file name (site.yaml, faq.yaml, "
                                                            "theme.yaml or workshops/<name>.yaml) with its fields; "
                                                            "delete this entry and run `sitegen mark-current` to "
                                                            "write it again")))
                continue
            records[item] = {}
            for name, value in fields.items():
                if not isinstance(name, str) or not isinstance(value, str) or not _FINGERPRINT.match(value):
                    problems.append(document.problem((item, name), _("expected a fingerprint of 16 hexadecimal "
                                                                     "digits; run `sitegen mark-current` to write "
                                                                     "it again")))
                    continue
                records[item][name] = value
    if problems:
        raise ContentError(problems)
    return records


def dump_records(records: Records) -> str:
    """The text of translated-from.yaml: sorted, one field per line, so diffs stay small."""
    lines = [RECORD_MODELINE, RECORD_HEADER.rstrip("\n")]
    for item in sorted(records):
        if not records[item]:
            continue
        lines.append(f"{item}:")
        for name in sorted(records[item]):
            lines.append(f'  {_yaml_key(name)}: "{records[item][name]}"')
    return "\n".join(lines) + "\n"


def _yaml_key(name: str) -> str:
    """Field names contain [ ] and . — plain YAML keys only when safe, else double-quoted."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.\[\]-]*", name) and "[" not in name:
        return name
    return double_quoted(name)


@dataclass(frozen=True)
class FieldStatus:
    """The state of one translatable field in one translation."""

    lang: str
    source: TextField  # the German text
    translation: TextField | None  # None when missing
    status: str  # current | outdated | missing
    reviewed: bool
    file: str  # the translation file as shown to editors (it may not exist yet)

    @property
    def item(self) -> str:
        return self.source.item

    @property
    def field(self) -> str:
        return self.source.field

    def record(self) -> dict:
        return {"lang": self.lang, "file": self.file, "field": self.field, "status": self.status,
                "reviewed": self.reviewed}


def field_status(source: TextField, translation: TextField | None, recorded: str | None) -> str:
    if translation is None:
        return MISSING
    if recorded == fingerprint(source.text):
        return CURRENT
    return OUTDATED
