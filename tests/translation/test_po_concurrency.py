"""import-po and mark-current change content/ under the lock builds take (docs/.sitegen/lock), and read
the content again inside it: two of them at the same time both end up recorded.

The interleaving is made deterministic: the test holds the lock, starts two real `sitegen` processes,
waits until the kernel lists both as waiting for the lock (/proc/locks), and only then lets them go.
A command that did not take the lock would finish while the test holds it; one that read the
content before taking it would, once let go, write records made from the same old file as the
other, and one record would be lost.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitegen.output import write
from test_po import edit_po, export, load, status_of

SITEGEN = Path(sys.executable).with_name("sitegen")
RECORDS = "content/en/translated-from.yaml"
pytestmark = pytest.mark.skipif(not Path("/proc/locks").exists(), reason="needs Linux /proc/locks")


def forget(project: Path, item: str, field: str) -> None:
    """Remove the record of one field, so that it is outdated and an import records it again."""
    path = project / RECORDS
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"{item}:\n")
    index = next(i for i in range(start + 1, len(lines)) if lines[i].startswith(f"  {field}: "))
    del lines[index]
    path.write_text("".join(lines), encoding="utf-8")
    assert status_of(project, "en", item, field) == "outdated"


def prepare(project: Path) -> None:
    forget(project, "faq.yaml", "title")
    forget(project, "workshops/beispiel.yaml", "title")
    forget(project, "workshops/beispiel.yaml", "summary")
    export(project, "en")
    (project / "po/en").rename(project / "po/first")
    export(project, "en")
    (project / "po/en").rename(project / "po/second")
    edit_po(project / "po/first/faq.po", "faq.yaml:title", "Frequent questions")
    edit_po(project / "po/second/workshops/beispiel.po", "workshops/beispiel.yaml:title", "A workshop as example")


def waiting_for(lock: Path) -> set[int]:
    """The processes the kernel lists as waiting for the lock on `lock`."""
    inode = f":{os.stat(lock).st_ino} "
    return {int(line.split()[5]) for line in Path("/proc/locks").read_text().splitlines()
            if "->" in line and inode in line}


def run_held(project: Path, *commands: list[str]) -> list[subprocess.CompletedProcess]:
    """Run the commands at the same time while the test holds the build lock; let them go only once
    each of them waits for it."""
    store = project / "docs" / write.STORE
    store.mkdir(parents=True, exist_ok=True)
    lock = store / write.LOCK
    with write._locked(lock):
        processes = [subprocess.Popen([str(SITEGEN), *command], cwd=project, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True) for command in commands]
        deadline = time.monotonic() + 120
        while waiting_for(lock) != {process.pid for process in processes}:
            finished = [(process.args, process.stderr.read()) for process in processes if process.poll() is not None]
            assert not finished, f"finished while the build lock was held: {finished}"
            assert time.monotonic() < deadline, "the commands never waited for the build lock"
            time.sleep(0.05)
    results = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return results


def test_two_imports_at_the_same_time_both_write_and_record_their_fields(project):
    prepare(project)
    results = run_held(project, ["import-po", "--lang", "en", "po/first"],
                       ["import-po", "--lang", "en", "po/second"])
    for result in results:
        assert result.returncode == 0, result.stderr
        assert "1 texts written, 1 fields recorded as current" in result.stdout
    assert "title: Frequent questions\n" in (project / "content/en/faq.yaml").read_text(encoding="utf-8")
    assert "title: A workshop as example\n" in (project / "content/en/workshops/beispiel.yaml").read_text("utf-8")
    assert status_of(project, "en", "faq.yaml", "title") == "current"
    assert status_of(project, "en", "workshops/beispiel.yaml", "title") == "current"
    assert status_of(project, "en", "workshops/beispiel.yaml", "summary") == "outdated"


def test_an_import_and_mark_current_at_the_same_time_both_record(project):
    prepare(project)
    results = run_held(project, ["import-po", "--lang", "en", "po/first"],
                       ["mark-current", "--lang", "en", "content/en/workshops/beispiel.yaml", "--field", "summary"])
    assert [result.returncode for result in results] == [0, 0], [result.stderr for result in results]
    assert status_of(project, "en", "faq.yaml", "title") == "current"
    assert status_of(project, "en", "workshops/beispiel.yaml", "summary") == "current"
    assert status_of(project, "en", "workshops/beispiel.yaml", "title") == "outdated"
    assert load(project).by_language["en"].faq.title == "Frequent questions"
