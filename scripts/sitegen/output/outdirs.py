"""Which folders sitegen may replace or delete as a whole: the one rule for the site folder, its staging
folder and `sitegen clean`.

`sitegen site` replaces its site folder as a whole, and `sitegen clean` deletes it, so a folder is only
ever replaced or deleted when nothing but sitegen's own output can be lost with it. Refused are:

- an empty name (an unset variable in a script), the project folder itself and every folder around it;
- MkDocs' own rule for site_dir: not the docs_dir of mkdocs.yml, not a folder holding it, not inside it;
- the project's own folders (content/, docs/, overrides/, schema/, scripts/, tests/, .git …): the folder
  itself, a folder holding one, or a folder inside one; with git, also every folder that holds tracked
  files, and every folder inside one;
- a folder that holds mkdocs.yml, pyproject.toml or .git (a project of its own);
- a symbolic link (sitegen would replace the link, not the folder it leads to), a file, a mount point;
- a new folder whose parent does not exist (a mistyped path is not created);
- an existing folder that sitegen did not build: every site `sitegen site` builds holds a marker file,
  `.sitegen-site`. Inside the project, an empty folder is accepted too, and so is the project's own
  site folder (site/, or mkdocs.yml's site_dir) when it is a MkDocs site without the marker: built by
  `mkdocs build`, or by sitegen before it wrote markers. Outside the project only a new folder or one
  with the marker is accepted.

The staging folder beside the site folder (`.<name>.sitegen/`, see write.replacing) is sitegen's when it
holds nothing but its lock file and its new/ and old/ folders; any other is refused, never emptied.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path, PurePosixPath

import yaml

from sitegen.core.errors import one_line
from sitegen.core.messages import N_, _

SITE_MARKER = ".sitegen-site"  # a dot-file: MkDocs leaves it when it cleans a site_dir, and never copies it
SITE_MARKER_TEXT = (
    "This folder is a website that `sitegen site` built.\n"
    "sitegen replaces it as a whole on its next build, and `make clean` deletes it:\n"
    "keep no files of your own in it.\n"
)
# The project's own folders, whether or not git tracks them.
PROTECTED = ("content", "docs", "overrides", "schema", "scripts", "tests", ".git", ".github", ".venv")
# A folder holding one of these is a project of its own.
PROJECT_FILES = ("mkdocs.yml", "pyproject.toml", ".git")
DEFAULT_SITE = "site"
WORK_SUFFIX = ".sitegen"
WORK_ENTRIES = {"lock": "file", "new": "folder", "old": "folder"}
# TRANSLATORS: an instruction, used as {fix} at the end of the messages about a folder sitegen refuses to
# replace ("the site folder 'x' is a file, not a folder, and sitegen would replace it; {fix}")
FIX = N_("build into a folder of its own, e.g. --site-dir site")
# TRANSLATORS: an instruction, used as {fix} at the end of the messages about the staging folder beside the site
# folder ("… but that folder holds x, which sitegen did not put there; {fix}")
FIX_OTHER = N_("move it elsewhere, or build into another folder (--site-dir)")


class UnsafeOutput(Exception):
    """A folder that sitegen must not replace or delete; the message says why and what to do."""

    def __init__(self, message: str):
        super().__init__(one_line(message))


def work_folder(target: Path) -> Path:
    """Where `target`'s replacement is built: `.<name>.sitegen/` beside it."""
    return target.with_name(f".{target.name}{WORK_SUFFIX}")


def write_site_marker(folder: Path) -> None:
    """Mark `folder` as a site sitegen built, so that the next build may replace it."""
    (folder / SITE_MARKER).write_text(SITE_MARKER_TEXT, encoding="utf-8")


def _site_folder() -> str:
    # TRANSLATORS: a noun phrase, used as {what} in the messages about the folder sitegen builds the site into
    # ("{what} has an empty name …", "… and sitegen replaces {what} as a whole; …")
    return _("the site folder")


def check_output_folder(folder: str | os.PathLike, root: Path, marker: str = SITE_MARKER,
                        what: str | None = None) -> Path:
    """Raise UnsafeOutput unless sitegen may replace `folder` (relative to the project folder `root`, or
    absolute) as a whole with what it builds; return the folder to replace, its parent's symbolic links
    resolved. `marker`: the file that every folder sitegen built holds; `what`: the folder in messages,
    already translated (default: "the site folder")."""
    what = _site_folder() if what is None else what
    fix = _(FIX)
    given = os.fspath(folder)
    if not given.strip():
        raise UnsafeOutput(_("{what} has an empty name ('{given}'), which means the project folder itself; {fix} "
                             "(in a script, an unset variable gives an empty name)").format(
                                 what=what, given=given, fix=fix))
    # TRANSLATORS: the folder the messages below are about: {what} is "the site folder", {given} its name as given
    label = _("{what} '{given}'").format(what=what, given=given)
    root = Path(os.path.realpath(root))
    path = root / given
    real = Path(os.path.realpath(path))
    place = real if path.name in ("", ".", "..") else Path(os.path.realpath(path.parent)) / path.name

    if real == root:
        raise UnsafeOutput(_("{label} is the project folder itself, and sitegen replaces {what} as a whole, "
                             "so the whole project would be deleted; {fix}").format(label=label, what=what, fix=fix))
    if root.is_relative_to(real):
        raise UnsafeOutput(_("{label} ({path}) holds the project folder, and sitegen replaces {what} as a whole, "
                             "so the whole project would be deleted; {fix}").format(
                                 label=label, path=real, what=what, fix=fix))
    docs = Path(os.path.realpath(root / _mkdocs_dirs(root)[0]))
    if docs.is_relative_to(real):
        raise UnsafeOutput(_("{label} is or holds the docs_dir of mkdocs.yml ({docs}/), which MkDocs "
                             "refuses as a site_dir: the pages would be overwritten or deleted; {fix}").format(
                                 label=label, docs=_shown(docs, root), fix=fix))
    if real.is_relative_to(docs):
        raise UnsafeOutput(_("{label} lies inside the docs_dir of mkdocs.yml ({docs}/), which MkDocs "
                             "refuses for a site_dir: the site would be copied into itself; {fix}").format(
                                 label=label, docs=_shown(docs, root), fix=fix))
    for name in PROTECTED:
        own = Path(os.path.realpath(root / name))
        if real == own:
            message = _("{label} is {folder}/, which holds the project's own files, and sitegen replaces {what} "
                        "as a whole; {fix}")
        elif own.is_relative_to(real):
            message = _("{label} holds {folder}/, which holds the project's own files, and sitegen replaces "
                        "{what} as a whole; {fix}")
        elif real.is_relative_to(own):
            message = _("{label} lies inside {folder}/, which holds the project's own files, and sitegen "
                        "replaces {what} as a whole; {fix}")
        else:
            continue
        raise UnsafeOutput(message.format(label=label, folder=_shown(own, root), what=what, fix=fix))
    if os.path.islink(place):
        raise UnsafeOutput(_("{label} is a symbolic link (to {target}), and sitegen would replace the "
                             "link, not the folder it leads to; give the folder itself, or remove the link").format(
                                 label=label, target=os.readlink(place)))
    if os.path.lexists(place) and not place.is_dir():
        raise UnsafeOutput(_("{label} is a file, not a folder, and sitegen would replace it; {fix}").format(
            label=label, fix=fix))
    if real.is_relative_to(root):
        tracked = _tracked_by_git(real.relative_to(root), root)
        if tracked is not None:
            file, holder = tracked
            if holder is None:
                message = _("{label} holds files that git tracks ({file}), and sitegen replaces {what} as a whole; "
                            "{fix}")
            else:
                message = _("{label} lies inside {holder}/, which holds files that git tracks ({file}), and sitegen "
                            "replaces {what} as a whole; {fix}")
            raise UnsafeOutput(message.format(label=label, file=file, holder=holder, what=what, fix=fix))
    if real.is_dir():
        for name in PROJECT_FILES:
            if os.path.lexists(real / name):
                raise UnsafeOutput(_("{label} holds {name}, so it is a project of its own, and sitegen replaces "
                                     "{what} as a whole; {fix}").format(label=label, name=name, what=what, fix=fix))
    if not place.parent.is_dir():
        raise UnsafeOutput(_("{label} cannot be made: the folder that would hold it, {parent}, does not exist; "
                             "create it first, or check the path").format(label=label, parent=place.parent))
    if place.is_dir():
        if os.path.ismount(place):
            raise UnsafeOutput(_("{label} is a mount point, which sitegen cannot replace; {fix}").format(
                label=label, fix=fix))
        inside = place.is_relative_to(root)
        first = next(iter(sorted(os.listdir(place))), None)
        if not own_folder(place, root, marker) and not (inside and first is None):
            if not inside:
                raise UnsafeOutput(_("{label} is a folder outside the project that sitegen did not build (it holds "
                                     "no {marker} file); outside the project sitegen builds only into a new folder "
                                     "or one it built before: name a folder that does not exist yet").format(
                                         label=label, marker=marker))
            raise UnsafeOutput(_("{label} holds files that sitegen did not write, such as '{first}' (a folder "
                                 "sitegen built holds a {marker} file), and sitegen replaces {what} as a whole, so "
                                 "they would be lost; move them elsewhere, or build into another folder "
                                 "(--site-dir)").format(label=label, first=first, marker=marker, what=what))
    check_work_folder(work_folder(place), root, what)
    return place


def check_work_folder(work: Path, root: Path | None = None, what: str | None = None) -> None:
    """Raise UnsafeOutput unless `work` is missing or holds nothing but what write.replacing puts there:
    its lock file and its new/ and old/ folders (none of them a symbolic link). `what`: the folder it is
    beside, in messages, already translated (default: "the site folder")."""
    if not os.path.lexists(work):
        return
    what = _site_folder() if what is None else what
    shown = _shown(work, root) if root is not None else str(work)
    if work.is_symlink() or not work.is_dir():
        raise UnsafeOutput(_("sitegen builds {what} in '{work}' beside it, but that is not a folder of its own (a "
                             "file or a symbolic link); {fix}").format(what=what, work=shown, fix=_(FIX_OTHER)))
    for name in sorted(os.listdir(work)):
        kind = WORK_ENTRIES.get(name)
        entry = work / name
        if kind is None or entry.is_symlink() or (entry.is_file() if kind == "file" else entry.is_dir()) is False:
            raise UnsafeOutput(_("sitegen builds {what} in '{work}' beside it, but that folder holds {name}, which "
                                 "sitegen did not put there; {fix}").format(what=what, work=shown, name=name,
                                                                           fix=_(FIX_OTHER)))


def own_folder(folder: Path, root: Path, marker: str = SITE_MARKER) -> bool:
    """Whether `folder` (as check_output_folder returns it) is one that sitegen built: it holds the marker,
    or it is the project's own site folder and a MkDocs site (see the module's description)."""
    if (folder / marker).is_file() and not (folder / marker).is_symlink():
        return True
    root = Path(os.path.realpath(root))
    return folder in {root / DEFAULT_SITE, root / _mkdocs_dirs(root)[1]} and _mkdocs_site(folder)


def _mkdocs_site(folder: Path) -> bool:
    """What every MkDocs build with this project's mkdocs.yml writes: a 404 page, a sitemap, a search index."""
    return all((folder / name).is_file() for name in ("404.html", "sitemap.xml", "search/search_index.json"))


def _shown(path: Path, root: Path | None) -> str:
    if root is not None and path.is_relative_to(root):
        return path.relative_to(root).as_posix()
    return str(path)


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as plain data: a tag (!ENV, !!python/…) is read as nothing, never run."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _mkdocs_dirs(root: Path) -> tuple[str, str]:
    """docs_dir and site_dir of the project's mkdocs.yml (MkDocs' defaults if it has none, or cannot be read)."""
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        config = None
    config = config if isinstance(config, dict) else {}
    docs, site = config.get("docs_dir"), config.get("site_dir")
    return (docs if isinstance(docs, str) and docs.strip() else "docs",
            site if isinstance(site, str) and site.strip() else DEFAULT_SITE)


def _tracked_by_git(relative: Path, root: Path) -> tuple[str, PurePosixPath | None] | None:
    """How the folder `relative` (inside `root`) stands to the files git tracks there: (a tracked file it
    holds, None), or (a tracked file, the folder holding it that `relative` lies inside); None if neither,
    without git, or outside a repository."""
    folder = PurePosixPath(relative.as_posix())
    for name in _tracked_files(root):
        file = PurePosixPath(name)
        if file.is_relative_to(folder):
            return name, None
        holder = next((parent for parent in reversed(file.parents)
                       if parent != PurePosixPath(".") and folder.is_relative_to(parent)), None)
        if holder is not None:
            return name, holder
    return None


def _tracked_files(root: Path) -> list[str]:
    try:
        # The repository is found from `root`, whatever a git hook has set (GIT_DIR, GIT_INDEX_FILE …).
        environment = {name: value for name, value in os.environ.items() if not name.startswith("GIT_")}
        result = subprocess.run(["git", "ls-files", "-z"], cwd=root, capture_output=True, timeout=30,
                                stdin=subprocess.DEVNULL, env=environment)
    except (OSError, subprocess.SubprocessError):
        return []
    if result.returncode != 0:
        return []
    return [name for name in os.fsdecode(result.stdout).split("\0") if name]
