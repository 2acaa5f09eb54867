"""Atomic output: `sitegen build` switches all of docs/ and the theme strings at once, `sitegen site` all of site/.

A failing build leaves the previous output as it was, byte for byte and mtime for mtime; a build killed at
any moment leaves exactly the old output or exactly the new one; a build with nothing new writes nothing,
and one edit rewrites only the pages that show it.
"""

from __future__ import annotations

import errno
import fcntl
import os
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from processes import children, running, subreaper  # noqa: F401 - subreaper is a fixture used below
from conftest import FIXTURES, REPOSITORY, copy_site_project, sitegen, write
from sitegen.cli import main
from sitegen.output.write import replacing

STORE = Path("docs/.sitegen")
PARTIALS = Path("overrides/partials/languages")
# mkdocs_static_i18n's sitemap dates follow the build date: fixed, so two builds of one site are identical.
ENVIRONMENT = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}


def build(project: Path) -> None:
    """`sitegen build`, in this process (faster than a new one); it must succeed."""
    assert main(["--root", str(project), "build"]) == 0


def shown(project: Path, top: str = "docs") -> dict[str, Path]:
    """Every file below `top` as MkDocs and the theme see it: through the symlinks, the store left out."""
    files = {}
    for folder, dirs, names in os.walk(project / top, followlinks=True):
        dirs[:] = sorted(name for name in dirs if name != ".sitegen")
        for name in names:
            path = Path(folder, name)
            if path.exists():  # a link that points nowhere shows nothing
                files[path.relative_to(project).as_posix()] = path
    return files


def contents(project: Path, *tops: str) -> dict[str, bytes]:
    return {name: path.read_bytes() for top in tops for name, path in shown(project, top).items()}


def generated(project: Path) -> dict[str, bytes]:
    """What sitegen build shows: the pages in docs/ and the theme's strings."""
    return contents(project, "docs", "overrides")


def identities(project: Path, *tops: str) -> dict[str, tuple[int, int]]:
    """Inode and mtime of every file: a rewritten file gets a new inode, a hard-linked one keeps both."""
    return {name: (path.stat().st_ino, path.stat().st_mtime_ns)
            for top in tops for name, path in shown(project, top).items()}


def store_entries(project: Path) -> list[str]:
    return sorted(os.listdir(project / STORE))


def current_generation(project: Path) -> str:
    return os.readlink(project / STORE / "current")


def leftovers(project: Path) -> list[str]:
    """What a stopped build left behind: anything in the store but the lock and the current generation,
    and symlinks it had not put in place yet."""
    store = project / STORE
    kept = {"lock", "current", current_generation(project)} if (store / "current").is_symlink() else {"lock"}
    left = [name for name in os.listdir(store) if name not in kept] if store.is_dir() else []
    return left + [path.name for folder in (project / "docs", project / PARTIALS.parent)
                   for path in folder.glob(".*.sitegen-new")]


@pytest.fixture
def built(project) -> Path:
    build(project)
    return project


# A failing build


def test_failed_build_leaves_every_file_and_mtime_as_it_was(built, run):
    before, stats, entries = generated(built), identities(built, "docs", "overrides"), store_entries(built)
    write(built, "content/de/site.yaml", "site_name: [unclosed\n")
    code, _, err = run("--root", str(built), "build")
    assert code == 1
    assert "nothing was written" in err
    assert generated(built) == before
    assert identities(built, "docs", "overrides") == stats
    assert store_entries(built) == entries


# Writing only what changed


def test_unchanged_rerender_writes_nothing(built, run):
    stats, generation = identities(built, "docs", "overrides"), current_generation(built)
    pointer = (built / STORE / "current").lstat().st_mtime_ns
    code, out, _ = run("--root", str(built), "build")
    assert code == 0 and "(0 written, 22 unchanged, 0 removed)" in out
    assert identities(built, "docs", "overrides") == stats
    assert current_generation(built) == generation
    assert (built / STORE / "current").lstat().st_mtime_ns == pointer
    assert store_entries(built) == ["current", generation, "lock"]


def test_one_edit_rewrites_only_the_pages_that_show_it(built, run):
    before, stats = generated(built), identities(built, "docs", "overrides")
    translation = built / "content/en/workshops/beispiel.yaml"
    translation.write_text(translation.read_text(encoding="utf-8").replace(
        "summary: A workshop that uses every field.", "summary: A workshop that shows every field."),
        encoding="utf-8")
    code, out, _ = run("--root", str(built), "build")
    assert code == 0
    after, new_stats = generated(built), identities(built, "docs", "overrides")
    assert after.keys() == before.keys()
    changed = {name for name in after if after[name] != before[name]}
    assert "docs/en/workshops/beispiel.md" in changed
    assert all(name.startswith("docs/en/") for name in changed), changed
    assert f"({len(changed)} written, {22 - len(changed)} unchanged, 0 removed)" in out
    assert {name for name in after if new_stats[name] != stats[name]} == changed
    assert len(store_entries(built)) == 3, "the previous generation is removed"


def test_clean_rerender_is_byte_identical(built):
    before = generated(built)
    (built / "docs/assets").mkdir()
    hand_written = write(built, "docs/assets/site.css", "body {}\n")
    result = subprocess.run(["make", "--no-print-directory", "-f", str(REPOSITORY / "Makefile"), "clean"],
                            cwd=built, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert sorted(os.listdir(built / "docs")) == ["assets"]
    assert not os.path.lexists(built / PARTIALS)
    build(built)
    after = generated(built)
    assert after.pop("docs/assets/site.css") == hand_written.read_bytes() == b"body {}\n"
    assert after == before


# Builds one after another


def test_a_second_build_waits_for_the_first(built):
    write(built, "content/en/workshops/beispiel.yaml",
          (built / "content/en/workshops/beispiel.yaml").read_text(encoding="utf-8").replace("Kick-off", "Start"))
    generation = current_generation(built)
    with open(built / STORE / "lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # as a running build holds it
        waiting = subprocess.Popen([sys.executable, "-m", "sitegen", "--root", str(built), "build"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(1.5)  # a build of this content takes a fraction of that
        assert waiting.poll() is None
        assert current_generation(built) == generation and leftovers(built) == []
    out, err = waiting.communicate(timeout=30)
    assert waiting.returncode == 0, err
    assert "(1 written, 21 unchanged, 0 removed)" in out
    assert current_generation(built) != generation


# Killed builds


def big_project(tmp_path: Path, workshops: int) -> Path:
    """The minimal fixture with `workshops` more workshops: copies of its valid one under new names, each
    title with its number (titles must differ)."""
    project = tmp_path / "big"
    shutil.copytree(FIXTURES / "minimal" / "content", project / "content")
    for language in ("de", "en", "hsb"):
        text = (project / f"content/{language}/workshops/beispiel.yaml").read_text(encoding="utf-8")
        title = next(line for line in text.splitlines(keepends=True) if line.startswith("title: "))
        for number in range(workshops):
            write(project, f"content/{language}/workshops/kopie-{number:03}.yaml",
                  text.replace(title, f"{title.rstrip()} {number:03}\n", 1))
    return project


def set_version(project: Path, version: str) -> None:
    """Version A or B of every copied workshop: its title names the version, in every language."""
    for path in (project / "content").glob("*/workshops/kopie-*.yaml"):
        text = path.read_text(encoding="utf-8")
        title = next(line for line in text.splitlines(keepends=True) if line.startswith("title: "))
        path.write_text(text.replace(title, f"{title.rsplit(' ', 1)[0]} {path.stem[-3:]}{version}\n", 1),
                        encoding="utf-8")


ROUNDS = 12


def test_killed_build_leaves_the_old_or_the_new_pages(tmp_path):
    project = big_project(tmp_path, 120)
    snapshots = {}
    for version in ("A", "B"):
        set_version(project, version)
        build(project)
        snapshots[version] = generated(project)
    changed = sum(snapshots["A"][name] != snapshots["B"][name] for name in snapshots["A"])
    assert changed >= 360, "version B changes most pages, so a build writes for a while"
    shows, version = "B", "A"
    random.seed(6)
    landed, outcomes = 0, {"old": 0, "new": 0}
    for round_ in range(ROUNDS):
        set_version(project, version)
        generation = current_generation(project)
        process = subprocess.Popen([sys.executable, "-m", "sitegen", "--root", str(project), "build"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if round_ % 4 == 3:
            time.sleep(random.uniform(0, 1.0))  # anywhere: starting, validating, writing, done
        else:
            # Into the write phase: from the moment the new generation's folder appears.
            while process.poll() is None and len(os.listdir(project / STORE)) <= 3:
                time.sleep(0.0005)
            time.sleep(random.uniform(0, 0.05))
        process.kill()
        process.wait()
        now = generated(project)
        outcome = next((name for name, snapshot in snapshots.items() if now == snapshot), None)
        assert outcome is not None, f"round {round_}: docs/ shows neither version A nor B"
        assert outcome in (shows, version)
        outcomes["old" if outcome == shows else "new"] += 1
        landed += outcome == shows and bool(leftovers(project))  # killed while writing the new generation
        build(project)
        assert generated(project) == snapshots[version]
        assert leftovers(project) == [] and len(store_entries(project)) == 3
        assert current_generation(project) != generation
        shows, version = version, shows
    print(f"killed {ROUNDS} builds, {landed} in the write phase; docs/ showed the old version {outcomes['old']} "
          f"times, the new one {outcomes['new']} times")
    assert landed >= 4, "too few kills landed while the new generation was being written"


# sitegen site


@pytest.fixture(scope="module")
def site_project(tmp_path_factory) -> Path:
    project = copy_site_project(tmp_path_factory.mktemp("site"))
    result = sitegen(project, "site")
    assert result.returncode == 0, result.stderr
    return project


def test_site_builds_into_site(site_project):
    assert (site_project / "site/index.html").is_file()
    assert (site_project / "site/hsb/workshops/infrastruktur-mobilitaet/index.html").is_file()
    assert os.listdir(site_project / ".site.sitegen") == ["lock"]


@pytest.mark.parametrize("breakage", ["strict-mode warning", "broken theme override"])
def test_failed_site_build_leaves_site_and_docs_as_they_were(site_project, breakage):
    file = site_project / ("mkdocs.yml" if breakage == "strict-mode warning" else "overrides/main.html")
    original = file.read_text(encoding="utf-8")
    before = {top: contents(site_project, top) for top in ("site", "docs", "overrides")}
    stats = identities(site_project, "site", "docs", "overrides")
    stats.pop(file.relative_to(site_project).as_posix(), None)
    try:
        file.write_text(original + ("unknown_option: 1\n" if file.name == "mkdocs.yml" else "{% endblock %}\n"),
                        encoding="utf-8")
        result = sitegen(site_project, "site")
    finally:
        file.write_text(original, encoding="utf-8")
    assert result.returncode == 1
    # One mkdocs build, or the first of the languages' builds that failed (sitegen site builds them in parallel).
    assert re.search(r"\nsitegen: mkdocs build failed (for '[a-z]+' )?\(exit code 1\); site/ was left as it was\n\Z",
                     result.stderr), result.stderr
    if breakage == "broken theme override":  # said at the template's line, in one line, not as a traceback
        assert re.search(r"^overrides/main\.html:\d+: MkDocs stopped: TemplateSyntaxError: Encountered unknown tag "
                         r"'endblock'\.$", result.stderr, re.MULTILINE), result.stderr
        assert "Traceback" not in result.stderr
    assert {top: contents(site_project, top) for top in before} == before
    after = identities(site_project, "site", "docs", "overrides")
    after.pop(file.relative_to(site_project).as_posix(), None)
    assert after == stats
    assert os.listdir(site_project / ".site.sitegen") == ["lock"]


def identity(path: Path) -> int | None:
    try:
        return path.stat().st_ino
    except FileNotFoundError:
        return None


def test_killed_site_build_leaves_the_old_or_the_new_site(site_project, subreaper):
    site_texts = site_project / "content/de/site.yaml"
    original = site_texts.read_text(encoding="utf-8")
    versions = {"A": original, "B": original.replace("site_name: ", "site_name: Neue ", 1)}
    assert versions["B"] != original
    snapshots = {}
    try:
        for version in ("A", "B"):
            site_texts.write_text(versions[version], encoding="utf-8")
            started = time.monotonic()
            assert sitegen(site_project, "site").returncode == 0
            duration = time.monotonic() - started
            snapshots[version] = contents(site_project, "site")
        shows, version = "B", "A"
        random.seed(3)
        in_mkdocs = in_swap = 0
        for round_ in range(8):
            site_texts.write_text(versions[version], encoding="utf-8")
            process = subprocess.Popen([sys.executable, "-m", "sitegen", "--root", str(site_project), "site"],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENVIRONMENT)
            if round_ % 2:
                # Right after the new site was swapped in, while the old one is removed. (MkDocs runs as
                # one build or as several, one per language and merged: the swap is the same.)
                old_site = (site_project / "site").stat().st_ino
                while process.poll() is None and identity(site_project / "site") == old_site:
                    time.sleep(0.0002)
                time.sleep(random.uniform(0, 0.002))
            else:
                time.sleep(random.uniform(0.2, duration))  # mostly while MkDocs runs
            # This site is built by one MkDocs in sitegen's own process (below PARALLEL_FROM_PAGES); that the
            # workers of a parallel build die with sitegen is tests/site/test_parallel.py's
            # test_killed_parallel_build_kills_its_workers. A child here (`git ls-files`) ends on its own.
            spawned = [pid for pid in children(process.pid) if running(pid)]
            process.kill()
            process.wait()
            for pid in spawned:
                os.waitpid(pid, 0)  # this process is its parent now: let none stay a zombie
            now = contents(site_project, "site")
            assert now in (snapshots[shows], snapshots[version]), f"round {round_}: site/ is neither A nor B"
            left = os.listdir(site_project / ".site.sitegen") != ["lock"]
            # MkDocs runs in sitegen's process (one build) or in its children (one per language of a large site).
            in_mkdocs += left and now == snapshots[shows]  # the new site half written, the old one in place
            in_swap += left and now == snapshots[version]  # the new site swapped in, the old one being removed
            result = sitegen(site_project, "site")
            assert result.returncode == 0, result.stderr
            assert contents(site_project, "site") == snapshots[version]
            assert os.listdir(site_project / ".site.sitegen") == ["lock"]
            shows, version = version, shows
        print(f"killed 8 site builds: {in_mkdocs} while MkDocs was writing the new site, "
              f"{in_swap} while the old one was being removed")
        assert in_mkdocs >= 2 and in_swap >= 1
    finally:
        site_texts.write_text(original, encoding="utf-8")


def test_swap_without_an_atomic_exchange(tmp_path, monkeypatch):
    def no_exchange(first, second):
        raise OSError(errno.ENOSYS, "renameat2 is not available")

    monkeypatch.setattr("sitegen.output.write._exchange", no_exchange)
    site = tmp_path / "site"
    write(tmp_path, "site/index.html", "A")
    with replacing(site) as staging:
        (staging.folder / "index.html").write_text("B")
    assert (site / "index.html").read_text() == "B"
    assert os.listdir(tmp_path / ".site.sitegen") == ["lock"]


def test_a_swap_stopped_between_its_two_renames_is_undone(tmp_path):
    site = tmp_path / "site"
    write(tmp_path, ".site.sitegen/old/index.html", "A")  # site/ moved away, the new one not yet in place
    write(tmp_path, ".site.sitegen/new/index.html", "B")
    with pytest.raises(RuntimeError):
        with replacing(site):
            assert (site / "index.html").read_text() == "A"
            raise RuntimeError("MkDocs failed")
    assert (site / "index.html").read_text() == "A"
    assert os.listdir(tmp_path / ".site.sitegen") == ["lock"]


# A folder where a symlink goes


@pytest.mark.parametrize("stranger", ["docs/de/notizen.md", "overrides/partials/languages/fr.html"])
def test_build_refuses_to_remove_files_it_did_not_write(built, run, stranger):
    folder = stranger.rsplit("/", 1)[0]
    (built / folder).unlink()  # a real folder where sitegen puts its symlink
    write(built, stranger, "Von Hand geschrieben.\n")
    before = generated(built), identities(built, "docs", "overrides"), current_generation(built)
    code, out, err = run("--root", str(built), "build")
    assert code == 1
    assert err == (f"{stranger}: sitegen generates {folder}/ but did not write this file; move it elsewhere "
                   "(pages are made from content/)\n"
                   "1 error found; nothing was written. Fix the lines above and run the command again.\n")
    assert (generated(built), identities(built, "docs", "overrides"), current_generation(built)) == before
    assert store_entries(built) == ["current", before[2], "lock"]


def test_an_empty_folder_where_a_symlink_goes_is_replaced_by_it(built):
    expected = generated(built)
    (built / "docs/de").unlink()
    (built / "docs/de/workshops").mkdir(parents=True)
    build(built)
    assert os.readlink(built / "docs/de") == ".sitegen/current/docs/de"
    assert generated(built) == expected


# Languages are data


def test_adding_and_removing_a_language_adds_and_removes_its_links(built):
    languages = built / "content/languages.yaml"
    three = languages.read_text(encoding="utf-8")
    languages.write_text(three + "  - code: dsb\n    name: Dolnoserbšćina\n    dir: ltr\n", encoding="utf-8")
    for name in ("site.yaml", "theme.yaml"):
        write(built, f"content/dsb/{name}", (FIXTURES / "dsb" / name).read_text(encoding="utf-8"))
    build(built)
    assert os.readlink(built / "docs/dsb") == ".sitegen/current/docs/dsb"
    assert (built / "docs/dsb/workshops/beispiel.md").is_file()
    assert (built / PARTIALS / "dsb.html").is_file()

    languages.write_text(three, encoding="utf-8")
    shutil.rmtree(built / "content/dsb")
    build(built)
    assert not os.path.lexists(built / "docs/dsb")
    assert not (built / PARTIALS / "dsb.html").exists()
    assert sorted(os.listdir(built / "docs")) == [".sitegen", "de", "en", "hsb"]
    assert leftovers(built) == []
