"""write_if_changed: the one way sitegen gives a single file new bytes (schemas, PO files, content files,
translated-from.yaml)."""

from __future__ import annotations

import os

import pytest

from sitegen.core.errors import ContentError
from sitegen.output.write import write_beside, write_if_changed
from sitegen.read.inputs import LINK_MESSAGE


def test_the_same_bytes_leave_the_file_as_it_was(tmp_path):
    path = tmp_path / "faq.po"
    path.write_bytes(b"msgid \"\"\n")
    before = path.stat()
    assert write_if_changed(path, b"msgid \"\"\n", "po/faq.po", limit=100) is False
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_new_bytes_replace_the_file_and_keep_its_permissions(tmp_path):
    path = tmp_path / "faq.po"
    path.write_bytes(b"old\n")
    os.chmod(path, 0o640)
    inode = path.stat().st_ino
    assert write_if_changed(path, b"new\n", "po/faq.po", limit=100) is True
    assert path.read_bytes() == b"new\n"
    assert path.stat().st_ino != inode, "a new file renamed over the old one, never the old one rewritten"
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(os.listdir(tmp_path)) == ["faq.po"]


def test_a_missing_file_and_its_folder_are_made(tmp_path):
    path = tmp_path / "workshops" / "neu.po"
    assert write_if_changed(path, b"new\n", "po/workshops/neu.po", limit=100) is True
    assert path.read_bytes() == b"new\n"


def test_a_symbolic_link_at_the_target_is_refused_and_not_followed(tmp_path):
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_bytes(b"keep\n")
    link = tmp_path / "faq.po"
    link.symlink_to(elsewhere)
    with pytest.raises(ContentError) as error:
        write_if_changed(link, b"new\n", "po/faq.po", limit=100)
    assert [problem.format() for problem in error.value.problems] == [f"po/faq.po: {LINK_MESSAGE}"]
    assert link.is_symlink() and elsewhere.read_bytes() == b"keep\n"
    assert sorted(os.listdir(tmp_path)) == ["elsewhere.txt", "faq.po"]


def test_a_file_over_the_limit_is_refused(tmp_path):
    path = tmp_path / "faq.po"
    path.write_bytes(b"x" * 101)
    with pytest.raises(ContentError):
        write_if_changed(path, b"new\n", "po/faq.po", limit=100)
    assert path.read_bytes() == b"x" * 101


def test_write_beside_never_follows_a_link_planted_under_a_fresh_name(tmp_path, monkeypatch):
    target = tmp_path / "victim.txt"
    target.write_bytes(b"keep\n")
    names = iter(["aaaaaaaa", "bbbbbbbb"])
    monkeypatch.setattr("sitegen.output.write.secrets.token_hex", lambda size: next(names))
    (tmp_path / ".faq.po.aaaaaaaa.tmp").symlink_to(target)
    temporary = write_beside(tmp_path / "faq.po", b"new\n")
    assert temporary == tmp_path / ".faq.po.bbbbbbbb.tmp"
    assert temporary.read_bytes() == b"new\n" and target.read_bytes() == b"keep\n"
