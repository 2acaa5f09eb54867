"""Output safety: sitegen replaces or deletes a folder only when nothing but its own output can be lost.

`sitegen site --site-dir X` replaces X as a whole. Every X whose loss would lose anything else is refused
before anything runs (exit 2, a message, and not one byte changed anywhere): the project and every folder
around it, the project's own folders, MkDocs' docs_dir and what it refuses as site_dir, links, files,
folders that hold a project, and folders that sitegen did not build (every site it builds holds
.sitegen-site). `make clean` (`sitegen clean`) and the generation store in docs/.sitegen/ follow the same
rule. Everything runs the real command in a process of its own; refused cases never reach MkDocs, so only
three tests build a real site.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPOSITORY, copy_site_project, write
from sitegen.output.outdirs import UnsafeOutput
from sitegen.output.write import replacing

SITEGEN = str(Path(sys.executable).with_name("sitegen"))  # the installed command
ENVIRONMENT = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
MARKER = ".sitegen-site"
FIX = "build into a folder of its own, e.g. --site-dir site"
REPLACED = "and sitegen replaces the site folder as a whole"


def sitegen(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([SITEGEN, *args], cwd=cwd, capture_output=True, text=True, env=ENVIRONMENT)


def snapshot(top: Path) -> dict[str, str]:
    """Every entry below `top`, links not followed: what it is, and for a file a hash of its bytes."""
    entries = {}
    for folder, dirs, names in os.walk(top):
        for name in dirs + names:
            path = Path(folder, name)
            key = path.relative_to(top).as_posix()
            if path.is_symlink():
                entries[key] = "link to " + os.readlink(path)
            elif path.is_dir():
                entries[key] = "folder"
            else:
                entries[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return entries


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> Path:
    """A folder holding a copy of the project (project/, with a git repository, a tracked folder of its own
    and a few folders and files of a user's) and folders outside it (outside/)."""
    world = tmp_path_factory.mktemp("world").resolve()
    (world / "project").mkdir()
    project = copy_site_project(world / "project")
    write(project, "notes/todo.md", "Meine Notizen.\n")
    write(project, "afile", "Eine Datei.\n")
    write(project, "guides/intro.md", "Eine Anleitung, die git verfolgt.\n")
    write(project, "subproject/pyproject.toml", "[project]\nname = 'other'\n")
    write(project, "othersite/mkdocs.yml", "site_name: Other\n")
    write(project, ".staged.sitegen/mine.txt", "Kein Ordner von sitegen.\n")  # beside --site-dir staged
    (project / "emptydir").mkdir()
    os.symlink(".", project / "selflink")
    os.symlink("..", project / "uplink")
    os.symlink("../outside/foreign", project / "foreignlink")
    os.symlink("notes", project / ".linked.sitegen")  # the staging folder of --site-dir linked: a link
    write(world, "outside/foreign/data.txt", "Daten außerhalb des Projekts.\n")
    (world / "outside/empty").mkdir()
    git = shutil.which("git")
    if git is not None:
        subprocess.run([git, "init", "-q"], cwd=project, check=True)
        subprocess.run([git, "add", "guides/intro.md"], cwd=project, check=True)
    return world


def refused(world: Path, site_dir: str) -> str:
    """Run `sitegen site --site-dir site_dir` in the project; it must exit 2 and change nothing. Its message."""
    before = snapshot(world)
    result = sitegen(world / "project", "site", "--site-dir", site_dir)
    assert (result.returncode, result.stdout) == (2, ""), result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(world) == before, "a refused build changed files"
    return result.stderr


# Everything that is refused, with its message. {world} and {project} are the folders' absolute paths.
REFUSED = {
    "": "the site folder has an empty name (''), which means the project folder itself; " + FIX
        + " (in a script, an unset variable gives an empty name)",
    " ": "the site folder has an empty name (' '), which means the project folder itself; " + FIX
         + " (in a script, an unset variable gives an empty name)",
    ".": f"the site folder '.' is the project folder itself, {REPLACED}, so the whole project would be deleted; {FIX}",
    "./": f"the site folder './' is the project folder itself, {REPLACED}, so the whole project would be deleted; "
          + FIX,
    "{project}": f"the site folder '{{project}}' is the project folder itself, {REPLACED}, so the whole project "
                 f"would be deleted; {FIX}",
    "content/..": f"the site folder 'content/..' is the project folder itself, {REPLACED}, so the whole project "
                  f"would be deleted; {FIX}",
    "selflink": f"the site folder 'selflink' is the project folder itself, {REPLACED}, so the whole project would "
                f"be deleted; {FIX}",
    "..": f"the site folder '..' ({{world}}) holds the project folder, {REPLACED}, so the whole project would be "
          f"deleted; {FIX}",
    "uplink": f"the site folder 'uplink' ({{world}}) holds the project folder, {REPLACED}, so the whole project "
              f"would be deleted; {FIX}",
    "{world}": f"the site folder '{{world}}' ({{world}}) holds the project folder, {REPLACED}, so the whole project "
               f"would be deleted; {FIX}",
    "/": f"the site folder '/' (/) holds the project folder, {REPLACED}, so the whole project would be deleted; "
         + FIX,
    "docs": "the site folder 'docs' is or holds the docs_dir of mkdocs.yml (docs/), which MkDocs refuses as a "
            f"site_dir: the pages would be overwritten or deleted; {FIX}",
    "docs/de": "the site folder 'docs/de' lies inside the docs_dir of mkdocs.yml (docs/), which MkDocs refuses for "
               f"a site_dir: the site would be copied into itself; {FIX}",
    "docs/new-site": "the site folder 'docs/new-site' lies inside the docs_dir of mkdocs.yml (docs/), which MkDocs "
                     f"refuses for a site_dir: the site would be copied into itself; {FIX}",
    "content": f"the site folder 'content' is content/, which holds the project's own files, {REPLACED}; {FIX}",
    "content/de": f"the site folder 'content/de' lies inside content/, which holds the project's own files, "
                  f"{REPLACED}; {FIX}",
    "overrides": f"the site folder 'overrides' is overrides/, which holds the project's own files, {REPLACED}; "
                 + FIX,
    "overrides/partials": f"the site folder 'overrides/partials' lies inside overrides/, which holds the project's "
                          f"own files, {REPLACED}; {FIX}",
    ".git": f"the site folder '.git' is .git/, which holds the project's own files, {REPLACED}; {FIX}",
    "scripts": f"the site folder 'scripts' is scripts/, which holds the project's own files, {REPLACED}; {FIX}",
    "tests/site": f"the site folder 'tests/site' lies inside tests/, which holds the project's own files, "
                  f"{REPLACED}; {FIX}",
    "guides": f"the site folder 'guides' holds files that git tracks (guides/intro.md), {REPLACED}; {FIX}",
    "guides/site": "the site folder 'guides/site' lies inside guides/, which holds files that git tracks "
                   f"(guides/intro.md), {REPLACED}; {FIX}",
    "subproject": "the site folder 'subproject' holds pyproject.toml, so it is a project of its own, "
                  f"{REPLACED}; {FIX}",
    "othersite": f"the site folder 'othersite' holds mkdocs.yml, so it is a project of its own, {REPLACED}; {FIX}",
    "afile": f"the site folder 'afile' is a file, not a folder, and sitegen would replace it; {FIX}",
    "foreignlink": "the site folder 'foreignlink' is a symbolic link (to ../outside/foreign), and sitegen would "
                   "replace the link, not the folder it leads to; give the folder itself, or remove the link",
    "notes": "the site folder 'notes' holds files that sitegen did not write, such as 'todo.md' (a folder sitegen "
             f"built holds a .sitegen-site file), {REPLACED}, so they would be lost; move them elsewhere, or build "
             "into another folder (--site-dir)",
    "../outside/foreign": "the site folder '../outside/foreign' is a folder outside the project that sitegen did "
                          "not build (it holds no .sitegen-site file); outside the project sitegen builds only into "
                          "a new folder or one it built before: name a folder that does not exist yet",
    "{world}/outside/empty": "the site folder '{world}/outside/empty' is a folder outside the project that sitegen "
                             "did not build (it holds no .sitegen-site file); outside the project sitegen builds "
                             "only into a new folder or one it built before: name a folder that does not exist yet",
    "missing/site": "the site folder 'missing/site' cannot be made: the folder that would hold it, "
                    "{project}/missing, does not exist; create it first, or check the path",
    "staged": "sitegen builds the site folder in '.staged.sitegen' beside it, but that folder holds mine.txt, "
              "which sitegen did not put there; move it elsewhere, or build into another folder (--site-dir)",
    "linked": "sitegen builds the site folder in '.linked.sitegen' beside it, but that is not a folder of its own "
              "(a file or a symbolic link); move it elsewhere, or build into another folder (--site-dir)",
}


@pytest.mark.parametrize("site_dir", list(REFUSED))
def test_a_folder_whose_loss_would_lose_anything_is_refused(world, site_dir):
    if site_dir.startswith("guides") and shutil.which("git") is None:
        pytest.skip("needs git")
    places = {"world": str(world), "project": str(world / "project")}
    message = REFUSED[site_dir].format(**places)
    assert refused(world, site_dir.format(**places)) == f"sitegen: {message}\n"


@pytest.mark.parametrize(("docs_dir", "site_dir", "relation"), [
    ("pages", "pages", "is or holds"),
    ("pages/de", "pages", "is or holds"),
    ("pages", "pages/out", "lies inside"),
    (".", "out", "lies inside"),
])
def test_mkdocs_site_dir_rules_follow_the_docs_dir_of_mkdocs_yml(tmp_path, docs_dir, site_dir, relation):
    write(tmp_path, "mkdocs.yml", (REPOSITORY / "mkdocs.yml").read_text(encoding="utf-8")
          .replace("docs_dir: docs\n", f"docs_dir: {docs_dir}\n"))
    (tmp_path / docs_dir).mkdir(parents=True, exist_ok=True)
    before = snapshot(tmp_path)
    result = sitegen(tmp_path, "site", "--site-dir", site_dir)
    assert result.returncode == 2
    why = ("which MkDocs refuses as a site_dir: the pages would be overwritten or deleted" if relation == "is or holds"
           else "which MkDocs refuses for a site_dir: the site would be copied into itself")
    assert result.stderr == (f"sitegen: the site folder '{site_dir}' {relation} the docs_dir of mkdocs.yml "
                             f"({docs_dir}/), {why}; {FIX}\n")
    assert snapshot(tmp_path) == before


@pytest.fixture
def bare(tmp_path) -> Path:
    """A project folder without content: a build that passes the folder check stops at the missing
    content/languages.yaml, before anything is written."""
    project = tmp_path / "bare"
    project.mkdir()
    return project


def site_files(folder: Path, marked: bool, mkdocs_site: bool = False) -> None:
    write(folder, "index.html", "<p>Alt</p>\n")
    if marked:
        write(folder, MARKER, "This folder is a website that `sitegen site` built.\n")
    if mkdocs_site:
        for name in ("404.html", "sitemap.xml", "search/search_index.json"):
            write(folder, name, "{}\n")


@pytest.mark.parametrize("case", ["new folder", "empty folder", "marked site", "old site without marker",
                                  "new folder outside", "marked site outside"])
def test_a_folder_sitegen_may_replace_passes_the_check(bare, case):
    outside = bare.parent / "outside"
    site_dir = {"new folder": "public", "empty folder": "public", "marked site": "public",
                "old site without marker": "site", "new folder outside": str(outside / "public"),
                "marked site outside": str(outside / "public")}[case]
    target = bare / site_dir
    target.parent.mkdir(exist_ok=True)
    if case == "empty folder":
        target.mkdir()
    if case.startswith("marked site"):
        site_files(target, marked=True)
    if case == "old site without marker":
        site_files(target, marked=False, mkdocs_site=True)
    before = snapshot(bare.parent)
    result = sitegen(bare, "site", "--site-dir", site_dir)
    # Past the folder check, the build stops at the missing content, before it writes anything.
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("content/languages.yaml: "), result.stderr
    assert snapshot(bare.parent) == before


@pytest.mark.parametrize(("case", "site_dir", "first"), [
    ("site/ without marker that is no MkDocs site", "site", "index.html"),
    ("a MkDocs site without marker, not the project's site folder", "public", "404.html"),
    ("a marker that is a link", "site", MARKER),
])
def test_only_a_marker_or_the_project_s_own_mkdocs_site_makes_a_folder_replaceable(bare, case, site_dir, first):
    site_files(bare / site_dir, marked=False, mkdocs_site=site_dir == "public")
    if case == "a marker that is a link":
        os.symlink("index.html", bare / "site" / MARKER)
    before = snapshot(bare)
    result = sitegen(bare, "site", "--site-dir", site_dir)
    assert result.returncode == 2
    assert result.stderr == (f"sitegen: the site folder '{site_dir}' holds files that sitegen did not write, such as "
                             f"'{first}' (a folder sitegen built holds a .sitegen-site file), {REPLACED}, so they "
                             "would be lost; move them elsewhere, or build into another folder (--site-dir)\n")
    assert snapshot(bare) == before


# Real builds


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A copy of the project built into a new folder outside it, and that folder."""
    world = tmp_path_factory.mktemp("built")
    project = world / "project"
    project.mkdir()
    copy_site_project(project)
    result = sitegen(project, "site", "--site-dir", "../public")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Built the site into ../public/\n"
    return world


def test_every_site_holds_the_marker(built):
    marker = built / "public" / MARKER
    assert marker.read_text(encoding="utf-8") == (
        "This folder is a website that `sitegen site` built.\n"
        "sitegen replaces it as a whole on its next build, and `make clean` deletes it:\n"
        "keep no files of your own in it.\n")
    assert (built / "public/index.html").is_file()
    assert os.listdir(built / ".public.sitegen") == ["lock"]


def test_a_site_sitegen_built_is_built_again(built):
    write(built, "public/stale.html", "<p>Alt</p>\n")  # as if a page had been removed since
    result = sitegen(built / "project", "site", "--site-dir", str(built / "public"), "--jobs", "1")
    assert result.returncode == 0, result.stderr
    assert not (built / "public/stale.html").exists()
    assert (built / "public" / MARKER).is_file() and (built / "public/index.html").is_file()


def test_a_site_from_before_markers_is_replaced(built):
    """After an upgrade, site/ has no marker yet: `make site` must go on working."""
    project = built / "project"
    shutil.copytree(built / "public", project / "site", ignore=shutil.ignore_patterns(MARKER))
    write(project, "site/stale.html", "<p>Alt</p>\n")
    result = sitegen(project, "site")
    assert result.returncode == 0, result.stderr
    assert (project / "site" / MARKER).is_file()
    assert not (project / "site/stale.html").exists()


# make clean, and the generation store in docs/.sitegen/


def make_clean(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", "-f", str(REPOSITORY / "Makefile"), "clean"],
                          cwd=project, capture_output=True, text=True)


def generated_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(REPOSITORY / "tests/fixtures/minimal/content", project / "content")
    assert sitegen(project, "build").returncode == 0
    write(project, "docs/assets/site.css", "body {}\n")
    return project


def test_make_clean_leaves_a_site_folder_sitegen_did_not_build(tmp_path):
    project = generated_project(tmp_path)
    write(project, "site/notes.txt", "Meine Notizen.\n")
    result = make_clean(project)
    assert result.returncode != 0
    assert ("sitegen: left site/ as it is: the site folder 'site' holds files that sitegen did not write, such as "
            f"'notes.txt' (a folder sitegen built holds a .sitegen-site file), {REPLACED}, so they would be lost; "
            "move them elsewhere, or build into another folder (--site-dir)\n") in result.stderr
    assert (project / "site/notes.txt").read_text(encoding="utf-8") == "Meine Notizen.\n"
    # Everything else that sitegen generated is removed all the same.
    assert sorted(os.listdir(project / "docs")) == ["assets"]
    assert not os.path.lexists(project / "overrides/partials/languages")


@pytest.mark.parametrize("marked", [True, False])
def test_make_clean_removes_what_sitegen_made(tmp_path, marked):
    project = generated_project(tmp_path)
    site_files(project / "site", marked=marked, mkdocs_site=not marked)
    write(project, ".site.sitegen/lock", "")
    result = make_clean(project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("Removed site/, .site.sitegen/, docs/de, docs/en, docs/hsb, "
                                  "overrides/partials/languages, docs/.sitegen/\n")
    assert sorted(os.listdir(project)) == ["content", "docs", "overrides"]
    assert sorted(os.listdir(project / "docs")) == ["assets"]
    assert (project / "docs/assets/site.css").read_text(encoding="utf-8") == "body {}\n"


def test_make_clean_and_builds_never_reach_through_a_linked_store(tmp_path):
    project = generated_project(tmp_path)
    shutil.rmtree(project / "docs/.sitegen")
    write(tmp_path, "elsewhere/generation-1/page.md", "Fremd.\n")
    write(tmp_path, "elsewhere/notes.txt", "Fremd.\n")
    os.symlink("../../elsewhere", project / "docs/.sitegen")
    before = snapshot(tmp_path / "elsewhere")
    result = sitegen(project, "build")
    assert result.returncode == 1
    assert result.stderr.startswith("docs/.sitegen: sitegen keeps its generations of the pages in this folder, but it "
                                    "is a symbolic link, not a folder of its own; remove it (sitegen makes it again)\n")
    result = make_clean(project)
    assert result.returncode != 0
    assert "sitegen: docs/.sitegen: sitegen keeps its generations" in result.stderr
    assert snapshot(tmp_path / "elsewhere") == before
    assert (project / "docs/.sitegen").is_symlink()


def test_builds_and_make_clean_leave_files_in_the_store_that_sitegen_did_not_write(tmp_path):
    project = generated_project(tmp_path)
    write(project, "docs/.sitegen/notes.txt", "Meine Notizen.\n")
    write(project, "docs/.sitegen/generation-7/docs/de/index.md", "left by a killed build\n")
    os.symlink("somewhere", project / "docs/.de.sitegen-new")  # a link that sitegen did not make
    os.symlink(".sitegen/current/docs/en", project / "docs/.en.sitegen-new")  # one that a killed build left
    result = sitegen(project, "build")
    assert result.returncode == 0, result.stderr
    assert sorted(os.listdir(project / "docs/.sitegen")) == ["current", "generation-1", "lock", "notes.txt"]
    assert os.readlink(project / "docs/.de.sitegen-new") == "somewhere"
    assert not os.path.lexists(project / "docs/.en.sitegen-new")
    result = make_clean(project)
    assert result.returncode != 0
    assert ("sitegen: docs/.sitegen/notes.txt: sitegen did not write this, so it was left as it is; move it "
            "elsewhere if it is yours, or delete it\n") in result.stderr
    assert sorted(os.listdir(project / "docs/.sitegen")) == ["notes.txt"]
    assert sorted(os.listdir(project / "docs")) == [".de.sitegen-new", ".sitegen", "assets"]


@pytest.mark.parametrize("staging", ["a folder with a file of a user's", "a link to a folder"])
def test_replacing_never_empties_a_staging_folder_it_did_not_make(tmp_path, staging):
    """write.replacing, whoever calls it: a `.<name>.sitegen` beside the target that is not sitegen's own is
    refused, and neither it, nor what it leads to, nor the target changes."""
    write(tmp_path, "site/index.html", "A")
    write(tmp_path, "elsewhere/new/index.html", "fremd")
    if staging == "a link to a folder":
        os.symlink("elsewhere", tmp_path / ".site.sitegen")
    else:
        write(tmp_path, ".site.sitegen/new/index.html", "B")
        write(tmp_path, ".site.sitegen/mine.txt", "Meine Datei.\n")
    before = snapshot(tmp_path)
    with pytest.raises(UnsafeOutput, match=r"^sitegen builds the site folder in '.*/\.site\.sitegen' beside it, but "):
        with replacing(tmp_path / "site") as folder:
            (folder.folder / "index.html").write_text("C")
    assert snapshot(tmp_path) == before
