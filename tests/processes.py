"""Watching processes in tests: a process's children, whether it still runs, and a subreaper fixture."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pytest


def children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1][0] not in "ZX"
    except OSError:
        return False


def runs_mkdocs(pid: int) -> bool:
    """Whether the process is a worker of a parallel build: it runs MkDocs' command line through
    sitegen.publish.mkdocs.command (sitegen's other children, such as `git ls-files`, are not)."""
    try:
        return b"sitegen.publish.mkdocs.command" in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False


PR_SET_CHILD_SUBREAPER = 36


@pytest.fixture
def subreaper():
    """Make this process the one that orphans below it are handed to, so it can see how they ended."""
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    assert prctl(PR_SET_CHILD_SUBREAPER, 1) == 0
    yield
    prctl(PR_SET_CHILD_SUBREAPER, 0)
