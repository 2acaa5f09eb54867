"""The publisher's facts (content/<source>/publisher.yaml): what the legally required pages need, and which of
those facts nobody has given yet.

No fact is ever invented: every field may be empty. `sitegen check` warns once for each required fact that is
missing, at its line; `sitegen check --release` (the deploy workflow) makes those warnings errors, so an
incomplete site never goes live.
"""

from __future__ import annotations

from dataclasses import replace

from pydantic import BaseModel

from pydantic import ValidationError

from sitegen.core.errors import ContentError, Problem
from sitegen.core.messages import N_, _
from sitegen.core.model import AccessibilityChecks, Publisher
from sitegen.read.inputs import read_text
from sitegen.read.load import Document

PUBLISHER_FILE = "publisher.yaml"
KIND = "publisher-fact"  # Problem.kind of a missing fact: `check --release` makes it an error

# The facts the Impressum (§ 5 DDG, § 18 MStV), the privacy notice (Art. 13 GDPR) and the accessibility statement
# (BITV 2.0 § 7) cannot do without, by their path in the file. Translated where they are used.
REQUIRED: tuple[tuple[tuple[str, ...], str], ...] = (
    (("name",), N_("the publisher's name")),
    (("legal_form",), N_("the publisher's legal form")),
    (("address", "street"), N_("the street of the publisher's address")),
    (("address", "postal_code"), N_("the postal code of the publisher's address")),
    (("address", "city"), N_("the city of the publisher's address")),
    (("representative",), N_("who represents the publisher")),
    (("email",), N_("the publisher's e-mail address")),
    (("phone",), N_("the publisher's phone number")),
    (("content_responsible", "name"), N_("who is responsible for the content (§ 18 MStV)")),
    (("data_protection_officer", "name"), N_("the data protection officer")),
    (("data_protection_officer", "email"), N_("the data protection officer's e-mail address")),
    (("accessibility_contact", "email"), N_("the e-mail address for feedback on accessibility")),
    (("enforcement_body", "name"), N_("the enforcement body for accessibility in the publisher's federal state")),
    (("enforcement_body", "url"), N_("the web address of the enforcement body")),
)


def value_at(model: BaseModel | None, path: tuple[str, ...]) -> object:
    """The value at `path` in the facts, None where any part of the path is empty."""
    value: object = model
    for name in path:
        value = getattr(value, name, None) if value is not None else None
    return value


def missing(model: BaseModel | None) -> list[tuple[tuple[str, ...], str]]:
    """The required facts that are empty: (path, label in English, for _())."""
    return [(path, label) for path, label in REQUIRED if value_at(model, path) is None]


def missing_facts(model: BaseModel | None, document: Document | None, shown_path: str) -> list[Problem]:
    """A warning for each required fact that is missing, at its line (or the line of what holds it)."""
    if document is None:
        return [Problem(shown_path, 0, 0, _("the file with the publisher's facts is missing; create it, with every "
                                            "field its schema lists (schema/publisher.schema.json), and fill in "
                                            "the facts the publisher has given"), level="warning", kind=KIND)]
    # TRANSLATORS: {fact} names a fact ("the publisher's name"); the editor fills it in at this line
    message = N_("{fact} is missing; fill it in here once the publisher has given it (until then the site "
                 "cannot be published: `sitegen check --release` fails)")
    return [replace(document.problem(path, _(message).format(fact=_(label)), level="warning"), kind=KIND)
            for path, label in missing(model)]


CHECKS_FILE = "accessibility-checks.json"  # in content/, beside languages.yaml
MAX_CHECKS_BYTES = 1024 * 1024


def load_checks(content_dir, shown):
    """The measured accessibility results (core.model.AccessibilityChecks), None if there are none yet; a
    ContentError names a file that is not what `make accessibility-checks` writes."""
    path = content_dir / CHECKS_FILE
    text = read_text(path, shown(path), MAX_CHECKS_BYTES, missing_ok=True)
    if text is None:
        return None
    try:
        return AccessibilityChecks.model_validate_json(text)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ContentError([Problem(shown(path), 0, 0, _(
            "this file holds what the accessibility checks measured ({where}: {error}); write it again with "
            "`make accessibility-checks`, never by hand").format(where=where, error=first["msg"]))]) from None


# Which facts each part of a page shows (TextSection.insert), by the first part of their path.
GROUPS = {"content_responsible", "data_protection_officer", "accessibility_contact", "enforcement_body"}


def shown_missing(model: Publisher | None, inserts: set[str]) -> list[tuple[str, ...]]:
    """The required facts that are missing and that the parts `inserts` of a page would show."""
    return [path for path, _label in missing(model)
            if (path[0] if path[0] in GROUPS else "publisher") in inserts]


def complete(model: Publisher | None) -> Publisher:
    """The facts with every group present (empty where nobody has given it), for the templates."""
    model = model or Publisher()
    filled = {name: getattr(model, name) or info.annotation.__args__[0]()
              for name, info in Publisher.model_fields.items()
              if isinstance(getattr(info.annotation, "__args__", (None,))[0], type)
              and issubclass(info.annotation.__args__[0], BaseModel)}
    return model.model_copy(update=filled)
