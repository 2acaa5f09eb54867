"""The editors' guides quote real output: every message line in CONTRIBUTING.md (German messages, what editors
get by default) and CONTRIBUTING.en.md (English, SITEGEN_MESSAGES=en) is produced, exactly, by the mistakes and
commands the guides describe, run on a copy of the content."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import REPOSITORY
from sitegen.cli import main
from sitegen.core.messages import CATALOGS

# Each guide, and the language of the messages it quotes.
GUIDES = {REPOSITORY / "CONTRIBUTING.md": "de", REPOSITORY / "CONTRIBUTING.en.md": "en"}
# Lines of the guides' examples that are program output (indented code), by how they start.
OUTPUT = re.compile(r"^ {4,}((content/|sitegen: |en \(English\)|To do \(|Zu tun \(|Created the workshop|"
                    r"Die Werkstatt '|Next steps:|Nächste Schritte:|\d\. (Fill in|Check the|Preview|Füllen Sie|Sehen Sie|"
                    r"Prüfen Sie|Vorschau)|Recorded |\d+ übersetzte|ERROR   -  )(?:.*\S)?)$")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def outputs(request, tmp_path_factory) -> set[str]:
    """Everything the guides' examples show in one language of the messages (the parameter), made the way the
    guides say it happens."""
    return produce(request.param, tmp_path_factory.mktemp(f"docs-{request.param}"))


def produce(language: str, root: Path, lines: list[str] | None = None) -> set[str]:
    """The guides' examples, run with SITEGEN_MESSAGES=`language`; their lines also go into `lines`."""
    before = CATALOGS.language
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SITEGEN_MESSAGES", language)
            return _produce(root, [] if lines is None else lines)
    finally:
        CATALOGS.use(before)  # the rest of this test process speaks as it did


def _produce(root: Path, lines: list[str]) -> set[str]:
    import contextlib
    import io

    def cli(project: Path, *args: str) -> None:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main(["--root", str(project), *args])
        lines.extend((out.getvalue() + err.getvalue()).splitlines())

    def project(name: str) -> Path:
        folder = root / name
        shutil.copytree(REPOSITORY / "content", folder / "content")
        return folder

    content = lambda folder, path: folder / "content" / path  # noqa: E731

    # Structure mistakes: a misspelt field, a translation that kept the German file's schema line,
    # a field that only the German file may have.
    first = project("structure")
    edit(content(first, "de/workshops/kunst-kultur-tourismus-marketing.yaml"), "title:", "titel:")
    edit(content(first, "hsb/workshops/infrastruktur-mobilitaet.yaml"), "title:", "titel:")
    edit(content(first, "en/workshops/kunst-kultur-tourismus-marketing.yaml"),
         "workshop.translation.schema.json", "workshop.schema.json")
    edit(content(first, "en/faq.yaml"), "  - question: Which workshops are there?",
         "    see_also:\n      - innovation-digitalisierung\n  - question: Which workshops are there?")
    cli(first, "check")

    # Language and spelling: the old site's "ENG –" page, German in the Sorbian FAQ, a typo, a file
    # without its schema line, a missing translation.
    second = project("language")
    edit(content(second, "en/workshops/infrastruktur-mobilitaet.yaml"),
         "The workshop supports projects for transport, energy and digital infrastructure.",
         "ENG – Die Werkstatt begleitet Projekte für die Verkehrs-, Energie- und digitale Infrastruktur.")
    edit(content(second, "hsb/faq.yaml"), "title: Husto stajene prašenja",
         "title: Häufig gestellte Fragen zu den Werkstätten in der Lausitz")
    edit(content(second, "en/workshops/innovation-digitalisierung.yaml"), "The workshop", "The workshap")
    no_modeline = content(second, "hsb/workshops/innovation-digitalisierung.yaml")
    no_modeline.write_text(no_modeline.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    content(second, "hsb/workshops/infrastruktur-mobilitaet.yaml").unlink()
    cli(second, "check")

    # A copy of the German text instead of a translation.
    third = project("copy")
    edit(content(third, "en/workshops/infrastruktur-mobilitaet.yaml"),
         "The workshop supports projects for transport, energy and digital infrastructure.",
         "Die Werkstatt begleitet Projekte für die Verkehrs-, Energie- und digitale Infrastruktur.")
    cli(third, "check")

    # A German goal changed after translation: the status, and recording the update.
    fourth = project("status")
    edit(content(fourth, "de/workshops/infrastruktur-mobilitaet.yaml"),
         "  - Die Verkehrsverhältnisse in und zwischen den Gemeinden verbessern.",
         "  - Die Verkehrsverhältnisse in und zwischen den Gemeinden spürbar verbessern.")
    cli(fourth, "status", "--lang", "en")
    cli(fourth, "mark-current", "--lang", "en", "content/en/workshops/infrastruktur-mobilitaet.yaml")

    # A new workshop, a name that cannot be one, and the same workshop again.
    fifth = project("new")
    cli(fifth, "new", "workshop", "Energie & Wärme")
    cli(fifth, "new", "workshop", "energie-waerme", "--title", "Energie und Wärme")
    cli(fifth, "new", "workshop", "energie-waerme", "--title", "Energie und Wärme")

    # Careless input, one mistake at a time: a quote that is not closed, a word YAML reads as "false",
    # HTML, an invisible character.
    sixth = project("careless")
    careless = content(sixth, "de/workshops/infrastruktur-mobilitaet.yaml")
    original = careless.read_text(encoding="utf-8")
    for old, new in (("title: Infrastruktur und Mobilität", 'title: "Infrastruktur und Mobilität'),
                     ("  - Radwegenetz", "  - no"),
                     ("  - Lausitz-Takt", "  - <b>Lausitz-Takt</b>"),
                     ("  - Barrierefreiheit", "  - Barriere\u200bfreiheit")):
        careless.write_text(original, encoding="utf-8")
        edit(careless, old, new)
        cli(sixth, "check")
    return {line.strip() for line in lines}


def documented(guide: Path) -> list[str]:
    return [match.group(1).strip() for line in guide.read_text(encoding="utf-8").splitlines()
            if (match := OUTPUT.match(line))]


def test_the_guides_quote_output():
    for guide in GUIDES:
        assert len(documented(guide)) >= 15, f"{guide.name}: the example outputs were not found"


@pytest.mark.parametrize("guide,outputs", list(GUIDES.items()), ids=[path.name for path in GUIDES],
                         indirect=["outputs"])
def test_every_quoted_message_is_real(outputs, guide):
    # The lines of `mkdocs serve` around a message are its log's; tests/site/test_serve.py checks them there.
    missing = [line for line in documented(guide) if line not in outputs and not line.startswith("ERROR   -  ")]
    assert missing == [], "quoted in the guide but not what sitegen prints:\n" + "\n".join(missing)
