"""The JSON Schemas in schema/: generated from the models, current, valid, named by every content file,
and in agreement with `sitegen check` about what is allowed."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft7Validator, FormatChecker

from conftest import FIXTURES, REPOSITORY, write
from sitegen.output import schemas
from sitegen.read import schema
from sitegen.core.errors import ContentError
from sitegen.core.fields import translation_model
from sitegen.review.langguard import language_scores
from sitegen.read.load import load_document, parse_document
from sitegen.core.model import Workshop
from sitegen.read.validate import validate

SCHEMAS = REPOSITORY / schema.SCHEMA_DIR
CONTENT_TREES = [REPOSITORY / "content", FIXTURES / "minimal" / "content"]


def as_json(value):
    """Content data as a YAML editor sees it: dates are text."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def validator(kind: str) -> Draft7Validator:
    return Draft7Validator(json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8")),
                                format_checker=FormatChecker())


def schema_errors(kind: str, text: str) -> list[str]:
    data = as_json(parse_document(text, Path("x.yaml"), "x.yaml").data)
    return [error.message for error in validator(kind).iter_errors(data)]


def test_committed_schemas_match_the_models():
    assert schemas.stale_schemas(SCHEMAS) == [], "the schemas are out of date: run `sitegen schema` and commit"


def test_schema_check_fails_when_stale_and_schema_rewrites(tmp_path, run):
    shutil.copytree(SCHEMAS, tmp_path / "schema")
    code, out, _ = run("--root", str(tmp_path), "schema", "--check")
    assert (code, out) == (0, "OK: the 18 schemas in schema/ match the content models\n")

    workshop = tmp_path / "schema/workshop.schema.json"
    workshop.write_text(workshop.read_text(encoding="utf-8").replace("Ziele der Werkstatt", "Ziele"), encoding="utf-8")
    (tmp_path / "schema/faq.translation.schema.json").unlink()
    # A schema of a kind that no longer exists, as sitegen wrote it; and one written by hand.
    (tmp_path / "schema/old.schema.json").write_text(json.dumps({"$comment": schema.GENERATED}), encoding="utf-8")
    (tmp_path / "schema/mine.schema.json").write_text('{"title": "written by hand"}', encoding="utf-8")
    code, _, err = run("--root", str(tmp_path), "schema", "--check")
    assert code == 1
    assert err == ("sitegen: out of date in schema/: faq.translation.schema.json, workshop.schema.json, "
                   "old.schema.json; run `sitegen schema` and commit the result\n")

    code, out, _ = run("--root", str(tmp_path), "schema")
    assert code == 0
    assert out == ("Removed schema/old.schema.json: no content file has that kind any more\n"
                   "Wrote 2 schemas into schema/ (16 unchanged)\n")
    assert sorted(path.name for path in (tmp_path / "schema").iterdir()) == sorted(
        [path.name for path in SCHEMAS.iterdir()] + ["mine.schema.json"])
    assert (tmp_path / "schema/mine.schema.json").read_text(encoding="utf-8") == '{"title": "written by hand"}'
    assert run("--root", str(tmp_path), "schema", "--check")[0] == 0


@pytest.mark.parametrize("kind", [kind.name for kind in schema.kinds()])
def test_every_schema_is_valid_draft_7_with_german_help(kind):
    document = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    Draft7Validator.check_schema(document)
    assert document["$schema"] == "http://json-schema.org/draft-07/schema#"
    descriptions = []

    def walk(node, where):
        if isinstance(node, dict):
            assert "title" not in node or where == "", f"pydantic's English title left at {where}"
            for name, child in node.get("properties", {}).items():
                # pydantic leaves out a field's description where it equals its type's: the editor
                # then shows the type's description.
                referenced = document["$defs"][child["$ref"].split("/")[-1]] if "$ref" in child else {}
                help_text = child.get("description") or referenced.get("description")
                assert help_text, f"{kind}: the field {where}{name} has no help text"
                descriptions.append(help_text)
                walk(child, f"{where}{name}.")
            for name, child in node.get("$defs", {}).items():
                assert child.get("description"), f"{kind}: {name} has no help text"
                walk(child, f"{name}.")
            for key in ("items", "additionalProperties"):
                walk(node.get(key), where)
            for child in node.get("anyOf", []) + list(node.get("patternProperties", {}).values()):
                walk(child, where)

    walk(document, "")
    assert descriptions or kind == schema.RECORDS
    # The help is German: editors are German-speaking staff.
    scores = language_scores(" ".join([document["description"], *descriptions]))
    assert max(scores, key=scores.get) == "de", scores


def content_files():
    for tree in CONTENT_TREES:
        for path in sorted(tree.rglob("*.yaml")):
            yield pytest.param(tree, path, id=path.relative_to(REPOSITORY).as_posix())


@pytest.mark.parametrize(("tree", "path"), list(content_files()))
def test_every_content_file_names_its_schema_and_matches_it(tree, path):
    in_content = path.relative_to(tree).as_posix()
    kind = schema.kind_of(in_content, "de")
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema={schema.reference(kind, in_content)}"
    # The relative path leads from the file to the schema, as the editor resolves it.
    if tree == REPOSITORY / "content":
        assert (path.parent / schema.reference(kind, in_content)).resolve() == SCHEMAS / f"{kind}.schema.json"
    data = as_json(load_document(path, in_content).data)
    errors = [f"{'/'.join(map(str, error.path))}: {error.message}" for error in validator(kind).iter_errors(data)]
    assert errors == []


GOOD_WORKSHOP = "title: A\nsummary: B\ngoals:\n  - C\n"

# Documents both the schema and `sitegen check` reject: (kind, YAML text).
REJECTED = {
    "unknown field": ("workshop", GOOD_WORKSHOP + "titel: A\n"),
    "unknown nested field": ("workshop", GOOD_WORKSHOP + "partners:\n  - name: P\n    webseite: x\n"),
    "missing required": ("workshop", "title: A\nsummary: B\n"),
    "empty list of goals": ("workshop", "title: A\nsummary: B\ngoals: []\n"),
    "empty text": ("workshop", 'title: ""\nsummary: B\ngoals:\n  - C\n'),
    "list for text": ("workshop", "title:\n  - A\nsummary: B\ngoals:\n  - C\n"),
    "number for text": ("workshop", "title: 12\nsummary: B\ngoals:\n  - C\n"),
    "bad date": ("workshop", GOOD_WORKSHOP + "meetings:\n  - date: 15.03.2027\n    title: T\n"),
    "bad url": ("workshop", GOOD_WORKSHOP + "links:\n  - title: T\n    url: www.example.org\n"),
    "bad e-mail": ("workshop", GOOD_WORKSHOP + "contacts:\n  - name: N\n    email: n-at-example.org\n"),
    "bad review state": ("workshop.translation", "title: A\nreview: fertig\n"),
    "shared field in a translation": ("workshop.translation", "links:\n  - title: T\n    url: https://example.org/\n"),
    "empty translated text": ("workshop.translation", 'summary: ""\n'),
    "bad slug in see_also": ("faq", "title: F\nquestions:\n  - question: Q\n    answer: A\n    see_also: [Innovation]\n"),
    "unknown theme string": ("theme.translation", "strings:\n  search.platzhalter: x\n"),
    "language code": ("languages", "languages:\n  - code: EN\n    name: English\n"),
    "unknown language field": ("languages", "languages:\n  - code: en\n    name: English\n    flag: gb\n"),
    "bad fingerprint": (schema.RECORDS, "faq.yaml:\n  title: \"123\"\n"),
    "unknown record item": (schema.RECORDS, "notes.yaml:\n  title: \"0123456789abcdef\"\n"),
}


def model_of(kind: str):
    return next(entry.target for entry in schema.kinds() if entry.name == kind)


@pytest.mark.parametrize("case", list(REJECTED))
def test_schema_and_models_reject_the_same_mistakes(case):
    kind, text = REJECTED[case]
    assert schema_errors(kind, text), f"the schema accepts: {case}"
    if kind == schema.RECORDS:
        from sitegen.content.status import load_records
        loader = lambda document: load_records(document)  # noqa: E731
    else:
        loader = lambda document: validate(document, model_of(kind))  # noqa: E731
    with pytest.raises(ContentError):
        loader(parse_document(text, Path("x.yaml"), "x.yaml"))


def test_schema_and_models_accept_a_full_workshop():
    text = (GOOD_WORKSHOP + "focus_areas:\n  - title: F\n    text: T\n    items: [I]\ntopics: [T]\n"
            "partners:\n  - name: P\n    text: T\ncontacts:\n  - name: N\n    role: R\n    email: n@example.org\n"
            "    phone: \"+49 355 1234\"\nmembers: [M]\nmeetings:\n  - date: 2027-03-15\n    title: T\n    place: P\n"
            "links:\n  - title: T\n    url: https://example.org/\n")
    assert schema_errors("workshop", text) == []
    validate(parse_document(text, Path("x.yaml"), "x.yaml"), Workshop)
    translation = "title: A\nmeetings:\n  - title: T\ncontacts:\n  - role: R\n"
    assert schema_errors("workshop.translation", translation) == []
    validate(parse_document(translation, Path("x.yaml"), "x.yaml"), translation_model(Workshop))


def test_check_warns_without_modeline_and_rejects_a_wrong_one(project, run):
    path = project / "content/en/workshops/beispiel.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.split("\n", 1)[1], encoding="utf-8")
    code, out, err = run("--root", str(project), "check")
    assert code == 0 and out.endswith("no errors, 1 warning\n")
    assert err == ("content/en/workshops/beispiel.yaml:1:1: [warning] the first line should name the schema, so that "
                   "editors get completion and help; insert this line at the top: "
                   "# yaml-language-server: $schema=../../../schema/workshop.translation.schema.json\n")
    # A translation copied from the German file keeps the German file's schema: wrong help, wrong errors.
    write(project, "content/en/workshops/beispiel.yaml",
          text.replace("workshop.translation.schema.json", "workshop.schema.json"))
    code, _, err = run("--root", str(project), "check")
    assert code == 1
    assert err.splitlines()[0] == (
        "content/en/workshops/beispiel.yaml:1:1: the first line names the wrong schema for this file "
        "(workshop.translation); replace it with: "
        "# yaml-language-server: $schema=../../../schema/workshop.translation.schema.json")


def test_translated_from_is_written_with_its_modeline(project, run):
    records = project / "content/en/translated-from.yaml"
    records.unlink()
    assert run("--root", str(project), "mark-current", "--lang", "en")[0] == 0
    assert records.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schema/translated-from.schema.json\n# Aus welchem deutschen Text")
