"""Writing generated files so that a reader sees all of the old output or all of the new, never a mix.

Generated pages and theme strings live in generations, in a store (docs/.sitegen/), and the project
sees the current one through relative symlinks that all pass through one pointer:

    docs/de                        -> .sitegen/current/docs/de
    overrides/partials/languages   -> ../../docs/.sitegen/current/theme/partials/languages
    docs/.sitegen/current          -> generation-7

A build that changes anything writes a complete new generation beside the current one, hard-linking
every file whose text is unchanged (same inode, so its mtime stays and `mkdocs serve` sees no change),
and then points `current` at it with one atomic rename. Stopped at any moment, even killed, it leaves
the old generation in use; the next build removes what it left half-written. A build that changes
nothing writes nothing. Builds are serialised by a lock in the store.

`replacing` does the same for a whole folder that another program writes (site/, by MkDocs): it is
built beside the old one and swapped in, in one step, only when it is complete.

`write_if_changed` does it for one file outside the generations (a schema, a PO file, a content file
import-po edits, translated-from.yaml). `write_beside` is its first half, for a caller that puts the
file in place itself: `sitegen new` links it, so that it never replaces a file.

Everything here deletes only what it wrote itself: in the store, the generation-<N> folders, the
`current` pointer, the lock and its own pending symlinks (an unknown entry is left alone, and a store
that is a symbolic link or a file is refused); beside the project's files, only symlinks that point
exactly where sitegen points them; beside a replaced folder, only a staging folder that holds nothing
but what `replacing` puts there (sitegen.outdirs decides which folders may be replaced at all).

Nothing here calls fsync: generated output is made again from content/ by the next build, which
rewrites any file whose bytes are not what they should be; a single file is renamed into place only
once it is complete.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import re
import secrets
import shutil
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from sitegen.core.errors import ContentError, Problem, display_path
from sitegen.core.messages import _
from sitegen.output.outdirs import check_work_folder, work_folder
from sitegen.read.inputs import read_bytes

STORE = ".sitegen"  # inside docs/: MkDocs leaves dot-folders out of the site
CURRENT = "current"
LOCK = "lock"
GENERATION = "generation-"
NEW = ".sitegen-new"  # suffix of a symlink about to replace another one
_GENERATION_NAME = re.compile(r"generation-[0-9]+")


@dataclass(frozen=True)
class Output:
    """One part of what sitegen generates, and where the project shows it."""

    name: str  # its folder in every generation, e.g. "docs"
    folder: Path  # the project folder its files belong in, e.g. docs/
    files: dict[str, str]  # path inside `folder` -> text
    links: tuple[str, ...]  # paths inside `folder` that are symlinks into the current generation;
    # every file lies below exactly one of them, and everything below them is generated


@dataclass
class WriteReport:
    """What a build did to one output."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def publish(store: Path, outputs: list[Output], root: Path) -> list[WriteReport]:
    """Make the project show exactly `outputs`, switching all of them at once; one report per output.

    Raises ContentError, before anything is written, when a folder that is to become a symlink holds
    files sitegen did not write (`root` is where their paths are shown from)."""
    for output in outputs:
        _check_links(output)
    _check_store(store, root)
    _check_link_places(outputs, root)
    store.mkdir(parents=True, exist_ok=True)
    with _locked(store / LOCK):
        _remove_leftovers(store, outputs)
        current = _current_generation(store)
        existing = _read_generation(current)
        wanted = {f"{output.name}/{path}": text.encode("utf-8")
                  for output in outputs for path, text in output.files.items()}
        reports = [_compare(output, wanted, existing) for output in outputs]
        if wanted != existing:
            generation = _write_generation(store, current, wanted, existing)
            try:
                _add_missing_links(store, outputs)
            except BaseException:
                shutil.rmtree(generation, ignore_errors=True)
                raise
            _point(store / CURRENT, generation.name)
            if current is not None:
                shutil.rmtree(current)
        _place_links(store, outputs)
        _remove_stale_links(store, outputs)
    return reports


def _check_links(output: Output) -> None:
    links = [PurePosixPath(link) for link in output.links]
    for link in links:
        if any(other != link and link.is_relative_to(other) for other in links):
            raise ValueError(f"{output.name}: link {link} lies inside another link")
    for path in output.files:
        if not any(PurePosixPath(path).is_relative_to(link) for link in links):
            raise ValueError(f"{output.name}: {path} lies below none of its links")


def _check_store(store: Path, root: Path) -> None:
    """ContentError if the store is there but is not a real folder: sitegen removes entries in it, and
    must never do so in a folder that a symbolic link leads to."""
    if os.path.lexists(store) and (store.is_symlink() or not store.is_dir()):
        message = (_("sitegen keeps its generations of the pages in this folder, but it is a symbolic link, not a "
                     "folder of its own; remove it (sitegen makes it again)") if store.is_symlink() else
                   _("sitegen keeps its generations of the pages in this folder, but it is a file, not a folder of "
                     "its own; remove it (sitegen makes it again)"))
        raise ContentError([Problem(display_path(store, root), 0, 0, message)])


@contextmanager
def _locked(path: Path, shared: bool = False) -> Iterator[int]:
    """Hold a lock on `path` (created if missing; never through a symbolic link) for the block,
    exclusive unless `shared`; yields its descriptor."""
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        yield descriptor
    finally:
        os.close(descriptor)  # releases the lock, as does the end of the process


@contextmanager
def holding(store: Path) -> Iterator[None]:
    """Keep the current generation in `store` for the block: other processes may read it too, and
    builds that would publish a new one wait until the block ends. Not while publishing here."""
    _check_store(store, store.parent.parent)
    store.mkdir(parents=True, exist_ok=True)
    with _locked(store / LOCK, shared=True):
        yield


def _current_generation(store: Path) -> Path | None:
    """The generation `current` points to: a real folder generation-<N> in the store, or None."""
    current = store / CURRENT
    if not current.is_symlink():
        return None
    target = store / os.readlink(current)
    if target.parent != store or not _is_generation(target) or target.is_symlink() or not target.is_dir():
        return None
    return target


def _is_generation(entry: Path) -> bool:
    return _GENERATION_NAME.fullmatch(entry.name) is not None


def _remove_leftovers(store: Path, outputs: list[Output]) -> None:
    """Remove what a stopped build left: generations not in use, and symlinks it had not put in place.
    Anything else in the store, and any other symlink, is left as it is."""
    current = _current_generation(store)
    for entry in store.iterdir():
        if _is_generation(entry) and (current is None or entry.name != current.name):
            _remove(entry)  # a symbolic link is unlinked, never followed
        elif entry.name == f".{CURRENT}{NEW}" and entry.is_symlink():
            entry.unlink()
    for output in outputs:
        for folder in {(output.folder / link).parent for link in output.links}:
            for entry in folder.glob(f".*{NEW}") if folder.is_dir() else ():
                if _is_pending_link(entry, store, output):
                    entry.unlink()


def _is_pending_link(entry: Path, store: Path, output: Output) -> bool:
    """Whether `entry` is a symlink that _point made to replace another one, and left there: named
    `.<name>.sitegen-new` and pointing exactly where sitegen points `<name>`."""
    name = entry.name.removeprefix(".").removesuffix(NEW)
    if not entry.is_symlink() or f".{name}{NEW}" != entry.name or not name:
        return False
    path = (entry.parent / name).relative_to(output.folder).as_posix()
    return os.readlink(entry) == _link_target(store, output, path)


def _read_generation(generation: Path | None) -> dict[str, bytes]:
    if generation is None:
        return {}
    files = {}
    for folder, _folders, names in os.walk(generation):
        for name in names:
            path = Path(folder, name)
            files[path.relative_to(generation).as_posix()] = path.read_bytes()
    return files


def _compare(output: Output, wanted: dict[str, bytes], existing: dict[str, bytes]) -> WriteReport:
    report = WriteReport()
    prefix = f"{output.name}/"
    for path in sorted(output.files):
        key = prefix + path
        (report.unchanged if existing.get(key) == wanted[key] else report.written).append(path)
    report.removed = sorted(key[len(prefix):] for key in existing if key.startswith(prefix) and key not in wanted)
    return report


def _write_generation(store: Path, current: Path | None, wanted: dict[str, bytes],
                      existing: dict[str, bytes]) -> Path:
    """A complete new generation beside the current one; unchanged files are hard links to the current ones."""
    number = 1
    if current is not None and current.name.removeprefix(GENERATION).isdigit():
        number = int(current.name.removeprefix(GENERATION)) + 1
    while (store / f"{GENERATION}{number}").exists():
        number += 1
    generation = store / f"{GENERATION}{number}"
    generation.mkdir()
    try:
        for path, data in sorted(wanted.items()):
            target = generation / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if current is not None and existing.get(path) == data:
                _link_or_copy(current / path, target)
            else:
                _write_new(target, data)
    except BaseException:
        shutil.rmtree(generation, ignore_errors=True)
        raise
    return generation


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.EMLINK, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        shutil.copy2(source, target)  # a file system without hard links: the copy keeps the mtime


def _write_new(target: Path, data: bytes, mode: int = 0o644) -> None:
    """Create the file `target` holding `data`; FileExistsError if anything has that name, a link too."""
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, mode)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def _point(link: Path, target: str) -> None:
    """Make `link` a symlink to `target` in one step: readers see the old link or the new one."""
    if link.is_symlink() and os.readlink(link) == target:
        return
    new = link.with_name(f".{link.name}{NEW}")
    if new.is_symlink():
        new.unlink()  # what a stopped build left
    elif os.path.lexists(new):
        raise FileExistsError(errno.EEXIST, _("sitegen puts a symbolic link of this name here for a moment, but "
                                              "something else has the name; move it elsewhere"), str(new))
    os.symlink(target, new)
    os.replace(new, link)


def _link_target(store: Path, output: Output, path: str) -> str:
    """What the symlink at `path` (inside the output's folder) points to: relative, through `current`."""
    link = output.folder / path
    return os.path.relpath(store / CURRENT / output.name / path, link.parent)


def _add_missing_links(store: Path, outputs: list[Output]) -> None:
    """Before the switch: the symlinks of new outputs (a language added). Until the switch they point at
    nothing, so no reader ever sees a new folder with old files, or an old one with new files."""
    for output in outputs:
        for path in output.links:
            link = output.folder / path
            if not os.path.lexists(link):
                link.parent.mkdir(parents=True, exist_ok=True)
                _point(link, _link_target(store, output, path))


def _place_links(store: Path, outputs: list[Output]) -> None:
    """After the switch: every symlink where it belongs, in place of the old layout's emptied folders too."""
    for output in outputs:
        for path in output.links:
            link = output.folder / path
            if os.path.lexists(link) and not link.is_symlink():
                _remove_empty_tree(link)  # _check_link_places made sure that it holds no file
            link.parent.mkdir(parents=True, exist_ok=True)
            _point(link, _link_target(store, output, path))


def _remove_stale_links(store: Path, outputs: list[Output]) -> None:
    """Remove the symlinks of outputs no longer generated (a language that was removed): only links
    that point exactly where sitegen would point them."""
    for output in outputs:
        for folder in {(output.folder / link).parent for link in output.links}:
            for entry in folder.iterdir():
                path = entry.relative_to(output.folder).as_posix()
                if (entry.is_symlink() and path not in output.links
                        and os.readlink(entry) == _link_target(store, output, path)):
                    entry.unlink()


def _check_link_places(outputs: list[Output], root: Path) -> None:
    """ContentError if a place where a symlink goes holds files: sitegen did not write them (its own
    files are in the generations), and putting the link in would remove them."""
    problems = []
    for output in outputs:
        for path in output.links:
            place = output.folder / path
            if place.is_symlink() or not place.exists():
                continue
            problems += [Problem(display_path(file, root), 0, 0,
                                 _("sitegen generates {folder}/ but did not write this file; "
                                   "move it elsewhere (pages are made from content/)").format(
                                       folder=display_path(place, root))) for file in _files_below(place)]
    if problems:
        raise ContentError(problems)


def _files_below(place: Path) -> list[Path]:
    if not place.is_dir():
        return [place]
    found = []
    for folder, dirs, names in os.walk(place):
        found += [Path(folder, name) for name in names]
        found += [Path(folder, name) for name in dirs if Path(folder, name).is_symlink()]  # not entered by walk
    return sorted(found)


def _remove_empty_tree(folder: Path) -> None:
    """Remove a folder that holds nothing but empty folders; fail, removing no file, if it holds more."""
    for directory, _folders, _names in os.walk(folder, topdown=False):
        os.rmdir(directory)


def unpublish(store: Path, folders: list[Path], root: Path) -> tuple[list[str], list[str]]:
    """Remove what `publish` made: in `folders`, the symlinks that lead into the store's current generation
    (and those about to replace them); in the store, the generations, `current`, its pending symlink and
    the lock, then the store itself if nothing else is left in it. Returns (removed, left): the paths
    removed, and one message for each thing left because sitegen did not make it."""
    removed, left = [], []
    into = store / CURRENT
    for folder in folders:
        for entry in sorted(folder.iterdir()) if folder.is_dir() else ():
            if entry.is_symlink() and Path(os.path.normpath(entry.parent / os.readlink(entry))).is_relative_to(into):
                entry.unlink()
                removed.append(display_path(entry, root))
    if not os.path.lexists(store):
        return removed, left
    try:
        _check_store(store, root)
    except ContentError as error:
        return removed, left + [problem.format() for problem in error.problems]
    with _locked(store / LOCK):  # once no build is at work in it
        for entry in sorted(store.iterdir()):
            if _is_generation(entry):
                _remove(entry)
            elif entry.name in (CURRENT, f".{CURRENT}{NEW}") and entry.is_symlink():
                entry.unlink()
            elif entry.name == LOCK and entry.is_file() and not entry.is_symlink():
                entry.unlink()
            else:
                left.append(_("{path}: sitegen did not write this, so it was left as it is; "
                              "move it elsewhere if it is yours, or delete it").format(path=display_path(entry, root)))
    if not left:
        store.rmdir()
        removed.append(display_path(store, root) + "/")
    return removed, left


# One file, replaced in one step.

def write_if_changed(path: Path, data: bytes, shown: str, *, limit: int) -> bool:
    """Give the file `path` the bytes `data` unless it holds them already; True when written.

    The file as it is is read like any file from outside (sitegen.read.inputs: a regular file of at most
    `limit` bytes, never through a symbolic link; ContentError at `shown` otherwise). The new one is
    written beside it and renamed over it, so a reader sees the old file or the new one, never a part."""
    if read_bytes(path, shown, limit, missing_ok=True) == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = write_beside(path, data)
    try:
        try:
            os.chmod(temporary, stat.S_IMODE(os.lstat(path).st_mode))  # the file keeps its permissions
        except FileNotFoundError:
            pass
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return True


def write_beside(path: Path, data: bytes) -> Path:
    """A new file holding `data` in the folder of `path`, under a fresh hidden name `.<name>.<random>.tmp`,
    for the caller to rename or link to `path`; a link or file planted under that name is never followed."""
    while True:
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            _write_new(temporary, data, 0o666)  # the umask decides, as for any file an editor makes
        except FileExistsError:
            continue
        return temporary


# A whole folder written by another program, swapped in when complete.

@dataclass(frozen=True)
class Staging:
    """A fresh folder to build a replacement in, and the lock that keeps other builds out meanwhile."""

    folder: Path
    lock: int  # a descriptor; a child process that writes into `folder` should hold it too (pass_fds)


@contextmanager
def replacing(target: Path) -> Iterator[Staging]:
    """An empty folder beside `target` to build its replacement in: swapped in for `target` in one step
    when the block ends normally, removed when it raises. `target` is never missing or half-written.

    The work happens in `.<name>.sitegen/` beside `target`; what a killed build left there is cleaned
    up (or, if it stopped between the two renames of the fallback, put back) by the next one. A folder
    of that name that holds anything else is refused (outdirs.UnsafeOutput), never emptied. Whether
    `target` itself may be replaced is for the caller to decide (outdirs.check_output_folder)."""
    work = work_folder(target)
    check_work_folder(work)
    work.mkdir(exist_ok=True)
    with _locked(work / LOCK) as lock:
        check_work_folder(work)  # as it is now that no other build is at work in it
        new, old = work / "new", work / "old"
        if old.exists():
            if not os.path.lexists(target):
                os.rename(old, target)
            else:
                _remove(old)
        if os.path.lexists(new):
            _remove(new)
        new.mkdir()
        try:
            yield Staging(new, lock)
        except BaseException:
            shutil.rmtree(new, ignore_errors=True)
            raise
        if not os.path.lexists(target):
            os.rename(new, target)
            return
        try:
            _exchange(new, target)
        except OSError as error:
            if error.errno not in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
                raise
            # No atomic exchange here: two renames. Stopped between them, the next build puts `old` back.
            os.rename(target, old)
            os.rename(new, target)
            _remove(old)
        else:
            _remove(new)  # now the previous folder


def remove_replaced(target: Path) -> list[Path]:
    """Delete `target`, a folder `replacing` made (the caller has made sure of that: see
    outdirs.check_output_folder), and its staging folder, once no build is at work in them; a staging
    folder that holds anything else is refused (outdirs.UnsafeOutput). Returns the folders removed."""
    work = work_folder(target)
    check_work_folder(work)
    removed = []
    if os.path.lexists(work):
        with _locked(work / LOCK):
            check_work_folder(work)
            for path in (target, work / "new", work / "old"):
                if os.path.lexists(path):
                    _remove(path)
                    removed += [path] if path == target else []
            (work / LOCK).unlink()
        work.rmdir()
        removed.append(work)
    elif os.path.lexists(target):
        _remove(target)
        removed.append(target)
    return removed


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(first: Path, second: Path) -> None:
    """Swap two paths atomically: Linux renameat2(2) with RENAME_EXCHANGE (glibc 2.28 and later)."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        raise OSError(errno.ENOSYS, "renameat2 is not available")
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(first), None, str(second))
