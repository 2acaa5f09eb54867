"""`sitegen new workshop`: the files an editor starts a workshop with, checked by the real checks.

The new files must pass `sitegen check` (language guard and aspell included) without a single new
warning, with the optional examples commented out and uncommented; the translations must count as
missing in `sitegen status`; and a real `mkdocs build --strict` must publish the new pages.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, copy_site_project
from htmlpage import read_page
from sitegen import cli
from sitegen import pipeline
from sitegen.translation import scaffold
from sitegen.read import schema
from sitegen.core.fields import inner_model
from sitegen.core.model import Workshop

SLUG = "energie-waerme"
TITLE = "Energie und Wärme"
DSB_ENTRY = """  - code: dsb
    name: Dolnoserbšćina
    dir: ltr
"""
# A commented-out example line: "# " in front of `name:`, `name: value` or `- value`.
EXAMPLE_LINE = re.compile(r"^# (?=\s*(?:- |[a-z_]+:(?: |$)))", re.MULTILINE)
OPTIONAL_FIELDS = {name for name, info in Workshop.model_fields.items() if not info.is_required() and name != "review"}


def files_of(project: Path) -> dict[str, bytes]:
    """Every file and folder under content/, with its bytes (folders: b"")."""
    return {path.relative_to(project).as_posix(): b"" if path.is_dir() else path.read_bytes()
            for path in sorted((project / "content").rglob("*"))}


def warnings_of(err: str) -> list[str]:
    return [line for line in err.splitlines() if "[warning]" in line]


def check(run, project: Path) -> list[str]:
    """Run the full `sitegen check`; assert it passes; return its warnings."""
    code, out, err = run("--root", str(project), "check")
    assert code == 0, err
    assert "no errors" in out
    return warnings_of(err)


def new(run, project: Path, *args: str) -> tuple[int, str, str]:
    return run("--root", str(project), "new", "workshop", *args)


def uncomment_examples(text: str) -> str:
    return EXAMPLE_LINE.sub("", text)


@pytest.fixture
def site_project(tmp_path: Path) -> Path:
    return copy_site_project(tmp_path)


# --- creating a workshop -----------------------------------------------------------------------


def test_creates_the_german_file_and_a_translation_per_language(site_project, run):
    before = check(run, site_project)
    code, out, err = new(run, site_project, SLUG, "--title", TITLE)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"Created the workshop '{SLUG}':",
        f"  content/de/workshops/{SLUG}.yaml   German: fill in the texts; the comments explain each field",
        f"  content/en/workshops/{SLUG}.yaml   English: empty translation (draft); its page shows the German "
        "text until translated",
        f"  content/hsb/workshops/{SLUG}.yaml  Upper Sorbian: empty translation (draft); its page shows the German "
        "text until translated",
        "Next steps:",
        f"  1. Fill in content/de/workshops/{SLUG}.yaml: replace the placeholder texts, and remove the \"# \" in "
        "front of the optional fields you need.",
        "  2. Check the content: make check",
        f"  3. Preview: make serve, then open http://127.0.0.1:8000/workshops/{SLUG}/",
    ]
    for lang in ("de", "en", "hsb"):
        in_content = f"{lang}/workshops/{SLUG}.yaml"
        first_line = (site_project / "content" / in_content).read_text(encoding="utf-8").split("\n", 1)[0]
        assert first_line == schema.modeline(schema.kind_of(in_content, "de"), in_content)

    german = (site_project / f"content/de/workshops/{SLUG}.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(german) == {"title": TITLE, "summary": scaffold.EXAMPLES["summary"],
                                      "goals": [scaffold.EXAMPLES["goals"]]}
    # The help comes from the model: every field and its description, required or optional.
    assert "# title – Pflichtfeld. Name der Werkstatt, eine Zeile." in german
    assert "# goals – Pflichtfeld, mindestens ein Eintrag. Ziele der Werkstatt, je ein Satz." in german
    assert "# focus_areas – optional. Schwerpunkte mit eigener Überschrift und Text." in german
    assert "#   items – optional. Aufzählung, die zum Schwerpunkt gehört." in german
    assert "#   url – Pflichtfeld. Adresse, beginnend mit https://. Gilt für alle Sprachen." in german
    for name, info in Workshop.model_fields.items():
        if name != "review":
            assert f"# {name} – " in german and info.description in german, name
    assert "review" not in german
    for word in ("TODO", "TBD", "Lorem", "xxx"):
        assert word not in german

    stub = (site_project / f"content/hsb/workshops/{SLUG}.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(stub) == {"review": "draft"}
    comments = " ".join(line.lstrip("# ") for line in stub.splitlines()[1:] if line.startswith("#"))
    for expected in (f"„{TITLE}“ (content/de/workshops/{SLUG}.yaml)", "Obersorbisch (hsb)",
                     "als Deutsch gekennzeichnet", "in demselben Aufbau",
                     "name, email, phone unter contacts; date unter meetings; url unter links",
                     f".venv/bin/sitegen mark-current --lang hsb content/hsb/workshops/{SLUG}.yaml",
                     "review: draft bleibt stehen, bis eine Muttersprachlerin"):
        assert expected in comments, expected
    assert "--lang en content/en/workshops" in (site_project / f"content/en/workshops/{SLUG}.yaml").read_text()

    assert check(run, site_project) == before, "the new files add no warning, not even an unknown word"


def test_status_reports_every_field_of_the_new_workshop_as_missing(project, run):
    assert new(run, project, SLUG)[0] == 0
    code, out, err = run("--root", str(project), "status", "--format", "json")
    assert code == 0, err
    records = [record for record in json.loads(out) if record["file"].endswith(f"workshops/{SLUG}.yaml")]
    for lang in ("en", "hsb"):
        mine = [record for record in records if record["lang"] == lang]
        assert {record["field"] for record in mine} == {"title", "summary", "goals[0]"}
        assert {(record["status"], record["reviewed"]) for record in mine} == {("missing", False)}
        assert {record["file"] for record in mine} == {f"content/{lang}/workshops/{SLUG}.yaml"}


def test_the_optional_examples_pass_the_check_once_uncommented(site_project, run):
    before = check(run, site_project)
    assert new(run, site_project, SLUG)[0] == 0
    path = site_project / f"content/de/workshops/{SLUG}.yaml"
    text = uncomment_examples(path.read_text(encoding="utf-8"))
    data = yaml.safe_load(text)
    assert set(data) == set(Workshop.model_fields) - {"review"}, "every optional field has an example"
    assert set(data) - {"title", "summary", "goals"} == OPTIONAL_FIELDS
    path.write_text(text, encoding="utf-8")
    assert check(run, site_project) == before
    code, out, _ = run("--root", str(site_project), "status", "--lang", "hsb", "--format", "json")
    fields = {record["field"] for record in json.loads(out) if record["file"].endswith(f"/{SLUG}.yaml")}
    assert {"focus_areas[0].items[0]", "meetings[0].place", "links[0].title"} <= fields
    assert not {"links[0].url", "meetings[0].date", "contacts[0].email"} & fields, "shared fields are not translated"


def test_every_field_of_the_model_has_an_example():
    def paths(model, prefix=""):
        for name, info in model.model_fields.items():
            if name == "review":
                continue
            inner = inner_model(info.annotation)
            yield from paths(inner, f"{prefix}{name}.") if inner else [f"{prefix}{name}"]

    assert set(scaffold.EXAMPLES) == set(paths(Workshop))


@pytest.mark.parametrize("title", ['Energie: "Wärme" & Kälte', "[Big Data]{lang=en}: Daten # keine Kommentare",
                                   "  Zwei   Leerzeichen  "])
def test_the_title_is_written_as_given(project, run, title):
    assert new(run, project, SLUG, "--title", title)[0] == 0
    content = pipeline.check(pipeline.Paths.for_root(project))
    assert content.source.workshops[SLUG].title == " ".join(title.split())


def test_a_workshop_in_a_language_added_as_data(site_project, run):
    languages = site_project / "content/languages.yaml"
    languages.write_text(languages.read_text(encoding="utf-8") + DSB_ENTRY, encoding="utf-8")
    (site_project / "content/dsb").mkdir()
    for name in ("site.yaml", "theme.yaml"):
        shutil.copy(FIXTURES / "dsb" / name, site_project / "content/dsb" / name)
    before = check(run, site_project)
    code, out, _ = new(run, site_project, SLUG)
    assert code == 0
    assert f"content/dsb/workshops/{SLUG}.yaml  Lower Sorbian: empty translation" in out
    created = sorted(path.relative_to(site_project / "content").as_posix()
                     for path in (site_project / "content").glob(f"*/workshops/{SLUG}.yaml"))
    assert created == [f"{lang}/workshops/{SLUG}.yaml" for lang in ("de", "dsb", "en", "hsb")]
    stub = (site_project / "content" / created[1]).read_text(encoding="utf-8")
    assert stub.startswith("# yaml-language-server: $schema=../../../schema/workshop.translation.schema.json\n")
    assert "Niedersorbisch (dsb)" in stub and "--lang dsb" in stub
    assert f"content/dsb/workshops/{SLUG}.yaml (Niedersorbisch)" in (site_project / "content" / created[0]).read_text()
    assert check(run, site_project) == before


# --- what is refused ---------------------------------------------------------------------------


def test_an_existing_workshop_is_not_overwritten(project, run):
    assert new(run, project, SLUG)[0] == 0
    german = project / f"content/de/workshops/{SLUG}.yaml"
    german.write_text(german.read_text(encoding="utf-8").replace("Hier steht der Name", "Mein Name"), encoding="utf-8")
    (project / f"content/en/workshops/{SLUG}.yaml").unlink()
    before = files_of(project)
    code, out, err = new(run, project, SLUG, "--title", TITLE)
    assert (code, out) == (2, "")
    assert err == (f"sitegen: the workshop '{SLUG}' exists already: content/de/workshops/{SLUG}.yaml; nothing was "
                   f"written. To change it, edit that file (its translations: content/hsb/workshops/{SLUG}.yaml); "
                   "for a new workshop, choose another short name\n")
    assert files_of(project) == before


def test_an_existing_translation_is_not_overwritten(project, run):
    orphan = project / f"content/hsb/workshops/{SLUG}.yaml"
    orphan.write_text("title: Energija a ćopłota\n", encoding="utf-8")
    before = files_of(project)
    code, _, err = new(run, project, SLUG)
    assert code == 2
    assert err.startswith(f"sitegen: content/hsb/workshops/{SLUG}.yaml exists already, but there is no German file "
                          f"content/de/workshops/{SLUG}.yaml; nothing was written.")
    assert files_of(project) == before


@pytest.mark.parametrize(("slug", "expected"), [
    ("Energie & Wärme", "it has capital letters, spaces and the characters '&' and 'ä'. The short name becomes "
                        "the file name content/<lang>/workshops/<name>.yaml and the web address /workshops/<name>/, "
                        "so it may contain only lowercase letters a-z, digits and single hyphens between them, at "
                        'most 80 characters; use: sitegen new workshop energie-waerme --title "Energie & Wärme"'),
    ("Łužica", "use: sitegen new workshop luzica --title \"Łužica\""),
    ("a--b", "it has hyphens in a row. The short name"),
    ("a--b", "; use: sitegen new workshop a-b\n"),
    ("-x", "it has a hyphen at the start. The short name"),
    ("-x", "; use: sitegen new workshop x\n"),
    ("werkstatt-" * 9, "it has a hyphen at the end and 90 characters. The short name"),
    ("werkstatt-" * 9, "; use: sitegen new workshop " + "werkstatt-" * 7 + "werkstatt\n"),
    ("index", "'index' cannot be the short name of a workshop: /workshops/index/ is the overview page of all "
              "workshops, and a workshop of that name would overwrite it; choose a short name"),
])
def test_an_invalid_short_name_is_refused_with_a_suggestion(project, run, slug, expected):
    before = files_of(project)
    code, out, err = new(run, project, "--", slug)
    assert (code, out) == (2, "")
    assert err.startswith("sitegen: ") and err.count("\n") == 1 and "Traceback" not in err
    assert expected in err
    assert files_of(project) == before


def test_index_suggests_a_name_from_the_title(project, run):
    code, _, err = new(run, project, "index", "--title", TITLE)
    assert code == 2
    assert err.endswith('; use: sitegen new workshop energie-und-waerme --title "Energie und Wärme"\n')


@pytest.mark.parametrize(("text", "slug"), [
    ("Energie & Wärme", "energie-waerme"), ("Łužica", "luzica"), ("Straße der Ölmühle", "strasse-der-oelmuehle"),
    ("ÜBER Café", "ueber-cafe"), ("Budyšin / Bautzen", "budysin-bautzen"), ("  --a__b--  ", "a-b"), ("&&", ""),
])
def test_suggest_slug(text, slug):
    assert scaffold.suggest_slug(text) == slug


def test_an_unknown_kind_is_a_usage_error(run, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["new", "faq", "x"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'faq' (choose from 'workshop')" in capsys.readouterr().err


def test_a_failed_write_leaves_nothing_behind(project, run, monkeypatch):
    shutil.rmtree(project / "content/hsb/workshops")  # so that a folder is created too, and must go again
    before = files_of(project)
    links, real_link = [], os.link

    def link_twice_then_fail(source, target):
        if len(links) == 2:
            raise OSError(28, "No space left on device", str(target))
        links.append(target)
        real_link(source, target)

    monkeypatch.setattr(scaffold.os, "link", link_twice_then_fail)
    code, out, err = new(run, project, SLUG)
    assert code == 1 and out == ""
    assert err == f"sitegen: {project / 'content/hsb/workshops' / (SLUG + '.yaml')}: No space left on device\n"
    assert len(links) == 2
    assert files_of(project) == before


# --- the published site ------------------------------------------------------------------------


def test_the_new_workshop_is_published_in_every_language(site_project, run):
    assert new(run, site_project, SLUG, "--title", TITLE)[0] == 0
    mkdocs = Path(sys.executable).with_name("mkdocs")
    result = subprocess.run([str(mkdocs), "build", "--strict"], cwd=site_project, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    site = site_project / "site"
    german = read_page(site / f"workshops/{SLUG}/index.html", f"workshops/{SLUG}/")
    assert german.html_lang == "de" and TITLE in german.text_in("de")
    assert scaffold.EXAMPLES["summary"] in german.text_in("de")
    for lang in ("en", "hsb"):
        url = f"{lang}/workshops/{SLUG}/"
        html = (site / url / "index.html").read_text(encoding="utf-8")
        page = read_page(site / url / "index.html", url)
        assert page.html_lang == lang
        assert 'data-md-component="main" data-translation-status="missing"' in html
        assert TITLE in page.text_in("de") and TITLE not in page.text_in(lang), "German text, marked as German"
        assert scaffold.EXAMPLES["goals"] in page.text_in("de")
