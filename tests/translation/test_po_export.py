"""export-po writes only into a folder of PO files, and replaces only PO files that sitegen wrote.

Refused, with nothing written: the project folder itself, content/, docs/ and the theme folder, a
folder of the project that holds other files (tests/, scripts/ …), a symbolic link on the way, and
an existing file of the same name that `sitegen export-po` did not write. A PO file a translation
tool has changed since (it writes its own X-Generator, but keeps Project-Id-Version) is still sitegen's.
"""

from __future__ import annotations

import polib
import pytest

from sitegen.core.errors import ContentError
from sitegen.translation.po import OutFolderError, export_po
from test_po import export, load, snapshot

FIX = "export into a folder of its own, e.g. po/hsb"


def tree(project):
    return {path.relative_to(project).as_posix(): (path.read_bytes() if path.is_file() and not path.is_symlink()
                                                   else None)
            for path in sorted(project.rglob("*"))}


def refused(project, out) -> list[str]:
    before = tree(project)
    with pytest.raises(OutFolderError) as error:
        export_po(load(project), "hsb", out, project)
    assert tree(project) == before
    assert isinstance(error.value, ContentError)  # located like a content problem; the command line exits 2
    return [problem.format() for problem in error.value.problems]


def test_the_project_folder_content_docs_and_the_theme_are_refused(project):
    (project / "docs").mkdir()
    assert refused(project, project) == [f"{project}: this is the project folder; {FIX}"]
    for folder, inside in [("content", "content"), ("content/hsb", "content"), ("docs/po", "docs"),
                           ("overrides/po", "overrides")]:
        assert refused(project, project / folder) == [
            f"{folder}: this is inside {inside}/, which holds the site's own files; {FIX}"]


def test_a_folder_of_the_project_with_other_files_is_refused(project):
    (project / "tests").mkdir()
    (project / "tests/test_x.py").write_text("", encoding="utf-8")
    assert refused(project, project / "tests/po") == [
        f"tests/po: tests/ holds other files than PO files (tests/test_x.py), so sitegen writes nothing into it; {FIX}"]


def test_a_symbolic_link_on_the_way_is_refused(project, tmp_path):
    (project / "po/hsb").mkdir(parents=True)
    (project / "po/hsb/workshops").symlink_to(project / "content/hsb/workshops")
    assert refused(project, project / "po/hsb") == [
        f"po/hsb: po/ holds other files than PO files (po/hsb/workshops), so sitegen writes nothing into it; {FIX}"]
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    (outside / "hsb").mkdir(parents=True)
    (outside / "hsb/workshops").symlink_to(project / "content/hsb/workshops")
    assert refused(project, outside / "hsb")[0].endswith(
        "/hsb/workshops: this folder is, or lies in, a symbolic link; sitegen writes PO files only into real "
        f"folders: remove the link, or {FIX}")
    (outside / "link").symlink_to(project / "content", target_is_directory=True)
    assert refused(project, outside / "link/hsb") == [
        f"{outside}/link/hsb: this is inside content/, which holds the site's own files; {FIX}"]


def test_a_file_sitegen_did_not_write_is_never_replaced(project, tmp_path):
    folder = tmp_path.parent / f"{tmp_path.name}-translations"  # outside the project: any folder will do
    folder.mkdir()
    (folder / "faq.po").write_text('msgid ""\nmsgstr "Project-Id-Version: other\\n"\n\nmsgid "a"\nmsgstr "b"\n',
                                   encoding="utf-8")
    (folder / "site.po").write_text("not a PO file at all\n", encoding="utf-8")
    (folder / "theme.po").symlink_to(project / "content/hsb/theme.yaml")
    before = {path.name: path.read_bytes() for path in folder.iterdir()}
    problems = refused(project, folder)
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == before
    assert [problem.replace(str(folder), "DIR") for problem in problems] == [
        "DIR/faq.po: this file was not written by `sitegen export-po` (its header has neither X-Generator: "
        "sitegen export-po nor Project-Id-Version: werkstaetten-content), so it is not replaced; move it "
        f"elsewhere, or {FIX}",
        "DIR/site.po: this file was not written by `sitegen export-po` (its header has neither X-Generator: "
        "sitegen export-po nor Project-Id-Version: werkstaetten-content), so it is not replaced; move it "
        f"elsewhere, or {FIX}",
        "DIR/theme.po: this is not a regular file (a symbolic link, a folder or another kind), so sitegen does "
        f"not replace it; move it elsewhere, or {FIX}"]


def test_its_own_files_are_replaced_also_after_a_translation_tool_saved_them(project, tmp_path):
    paths = export(project, "hsb")
    po = polib.pofile(str(paths[1]))
    po.metadata["X-Generator"] = "Poedit 3.4.2"
    po.save()
    before = snapshot(project / "content")
    assert export(project, "hsb") == paths
    assert "X-Generator: sitegen export-po" in paths[1].read_text(encoding="utf-8")
    assert snapshot(project / "content") == before
    outside = tmp_path.parent / f"{tmp_path.name}-translations"
    written = export_po(load(project), "hsb", outside / "hsb", project)
    assert [path.read_bytes() for path in written] == [path.read_bytes() for path in paths]


def test_the_command_refuses_such_a_folder_as_a_usage_error(project, run):
    before = tree(project)
    code, out, err = run("--root", str(project), "export-po", "--lang", "hsb", "--out", str(project / "content/hsb"))
    assert (code, out) == (2, "")
    assert err == f"sitegen: content/hsb: this is inside content/, which holds the site's own files; {FIX}\n"
    assert tree(project) == before
