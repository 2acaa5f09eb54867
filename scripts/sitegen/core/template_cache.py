"""Compiled Jinja templates, kept for the process and on disk for the next one.

Compiling a template costs more than rendering it: a build of the real site compiles about sixty
templates (Material's and sitegen's own) for a quarter of a second, and every new process compiled
them again. Here each compiled template is kept in memory for the life of its owner, and on disk in
Jinja's own cache folder (jinja2.FileSystemBytecodeCache: a folder in the system's temporary folder
that only this user may read and write, checked by Jinja), so the next process loads it instead.

Jinja keys each template by its name and file and checks the checksum of its source when it loads
one: a changed template is compiled anew, never served stale. The disk is a convenience only: a
folder that cannot be made, a full disk or a broken file means compiling as before, and never fails
a build.
"""

from __future__ import annotations

import jinja2

# The files' names in Jinja's cache folder: sitegen's own, beside other programs' (`__jinja2_*`).
PATTERN = "sitegen-%s.cache"


class TemplateCache(jinja2.BytecodeCache):
    """Compiled templates in memory, for as long as its owner lives, backed by Jinja's cache folder."""

    def __init__(self, disk: bool = True) -> None:
        self.compiled: dict[str, bytes] = {}
        self.disk: jinja2.FileSystemBytecodeCache | None = None
        if disk:
            try:
                self.disk = jinja2.FileSystemBytecodeCache(pattern=PATTERN)
            except (OSError, RuntimeError):  # no temporary folder, or one Jinja finds unsafe
                self.disk = None

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])
            return
        if self.disk is not None:
            try:
                self.disk.load_bytecode(bucket)  # checks Jinja's version and the source's checksum
            except Exception:  # noqa: BLE001 - a broken file in the cache: compile instead
                bucket.reset()
            if bucket.code is not None:
                self.compiled[bucket.key] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()
        if self.disk is not None:
            try:
                self.disk.dump_bytecode(bucket)  # a new file, renamed into place: readers never see half
            except OSError:  # a full disk or a folder gone: the next process compiles again
                pass
