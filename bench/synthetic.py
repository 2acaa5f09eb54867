"""Synthetic content for benchmarks: N workshops in every language, made from the real ones.

The real site has five workshops, each in German, English and Upper Sorbian. A synthetic project
copies the real project (as a clean clone has it) and replaces them with N workshops: workshop i
is real workshop i mod 5 under a new short name, with its number in the title in every language,
so every title is unique and every text is real prose with Sorbian diacritics. The translations
are then recorded as current (`sitegen mark-current`), so they render as translated pages.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPOSITORY / "tests"))
from conftest import copy_site_project  # noqa: E402 - the tests' copy of a clean clone's project

from sitegen import pipeline  # noqa: E402
from sitegen.translation import mark_current as translate  # noqa: E402
from sitegen.content.tree import WORKSHOPS_DIR  # noqa: E402
from sitegen.read.languages import load_languages  # noqa: E402

TITLE = re.compile(r"^title: (.*)$", re.MULTILINE)


def make_project(target: Path, workshops: int) -> Path:
    """A copy of the project in `target` whose content has `workshops` workshops per language (at least 5)."""
    target.mkdir(parents=True, exist_ok=True)
    copy_site_project(target)
    content_dir = target / "content"
    languages = load_languages(content_dir, target)
    originals = {language.code: sorted((content_dir / language.code / WORKSHOPS_DIR).glob("*.yaml"))
                 for language in languages}
    texts = {code: [path.read_text(encoding="utf-8") for path in paths] for code, paths in originals.items()}
    slugs = [path.stem for path in originals[languages[0].code]]
    for paths in originals.values():
        for path in paths:
            path.unlink()
    for index in range(workshops):
        base = index % len(slugs)
        slug = f"{slugs[base]}-{index + 1:04d}"
        for language in languages:
            folder = content_dir / language.code / WORKSHOPS_DIR
            for original, text in zip(originals[language.code], texts[language.code]):
                if original.stem == slugs[base]:
                    (folder / f"{slug}.yaml").write_text(_numbered(text, index + 1), encoding="utf-8")
    for name in ("faq.yaml",):  # FAQ answers point at the real workshops by name: point them at the copies
        for language in languages:
            path = content_dir / language.code / name
            text = path.read_text(encoding="utf-8")
            for base, slug in enumerate(slugs):  # the first copy of each real workshop
                text = re.sub(rf"(- ){re.escape(slug)}$", rf"\g<1>{slug}-{base + 1:04d}", text, flags=re.MULTILINE)
            path.write_text(text, encoding="utf-8")
    paths = pipeline.Paths.for_root(target)
    content = pipeline.check(paths)
    for language in languages[1:]:
        translate.mark_current(content, language.code, None, None, paths.content)
    return target


def _numbered(text: str, number: int) -> str:
    """The file with its title numbered; a title that is quoted or folded keeps its form."""
    def number_title(match: re.Match) -> str:
        value = match.group(1)
        if value.endswith('"') and value.startswith('"'):
            return f'title: {value[:-1]} {number}"'
        if value in (">-", "|", ">"):
            raise ValueError("a folded title cannot be numbered here")
        return f"title: {value} {number}"
    return TITLE.sub(number_title, text, count=1)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("-n", "--workshops", type=int, default=100)
    arguments = parser.parse_args()
    make_project(arguments.folder, arguments.workshops)
    print(f"{arguments.folder}: {arguments.workshops} workshops per language")
