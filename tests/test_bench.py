"""The benchmark's inputs are what they claim to be: the synthetic project is valid content with N
workshops per language, all translated and current, and the stock configuration builds it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPOSITORY
from sitegen import pipeline
from sitegen.content.status import CURRENT

sys.path.insert(0, str(REPOSITORY / "bench"))
from run import stock_project, timed  # noqa: E402
from synthetic import make_project  # noqa: E402


def test_the_synthetic_project_has_n_current_workshops_per_language(tmp_path):
    project = make_project(tmp_path / "n7", 7)
    content = pipeline.check(pipeline.Paths.for_root(project))
    assert len(content.workshop_slugs) == 7
    for language in content.languages:
        texts = content.by_language[language.code]
        titles = [workshop.title for workshop in texts.workshops.values()]
        assert len(set(titles)) == 7, titles
        if not language.source:
            assert {status.status for status in texts.status} == {CURRENT}
            assert all(f"workshops/{slug}.yaml" in texts.files for slug in content.workshop_slugs)
    assert any("ł" in text or "ž" in text for text in map(str, content.by_language["hsb"].workshops.values()))


def test_the_stock_configuration_builds_the_same_pages_without_the_plugin(tmp_path):
    project = make_project(tmp_path / "n5", 5)
    subprocess.run([str(Path(sys.executable).with_name("sitegen")), "--root", str(project), "build"], check=True,
                   capture_output=True)
    stock = stock_project(project, tmp_path / "stock")
    assert "sitegen:" not in (stock / "mkdocs.yml").read_text(encoding="utf-8")
    elapsed, peak, _ = timed([str(Path(sys.executable).with_name("mkdocs")), "build", "-q"], stock)
    assert elapsed > 0 and peak > 0
    pages = {path.relative_to(stock / "site").as_posix() for path in (stock / "site").rglob("index.html")}
    expected = {"index.html", "workshops/index.html", "faq/index.html"} | {
        f"workshops/{path.stem}/index.html" for path in (project / "content/de/workshops").glob("*.yaml")}
    for prefix in ("", "en/", "hsb/"):
        assert {prefix + page for page in expected} <= pages
