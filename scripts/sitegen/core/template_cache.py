"""Compiled Jinja templates, kept for the process and on disk for the next one.

Compiling a template costs more than rendering it: a build of the real site compiles about sixty
templates (Material's and sitegen's own) for a quarter of a second, and every new process compiled
them again. Here each compiled template is kept in memory for the life of its owner, and on disk in
Jinja's own cache folder (jinja2.FileSystemBytecodeCache: a folder in the system's temporary folder
that only this user may read and write, checked by Jinja), so the next process loads it instead.

Jinja keys each template by its name and file and checks the checksum of its source when it loads
one: a changed template is compiled anew. What Jinja does not check is how it was compiled: its own
version and the environment's settings (autoescape, trim_blocks, delimiters, extensions …), which
change the compiled code of the same source. Both are part of the key here, so an upgrade of Jinja,
MkDocs or Material, or a changed setting, compiles anew instead of serving stale code. Files nobody
has written for PRUNE_AFTER are removed, so the folder does not grow without end (the tests alone make
dozens of projects a day). The disk is a convenience only: a folder that cannot be made, a full disk
or a broken file means compiling as before, and never fails a build.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time

import jinja2

# The files' names in Jinja's cache folder: sitegen's own, beside other programs' (`__jinja2_*`).
PATTERN = "sitegen-%s.cache"
PRUNE_AFTER = 7 * 24 * 3600  # seconds: a cache file not written for a week is removed
# The environment's settings that change the compiled code of a template.
_COMPILE_SETTINGS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
                     "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
                     "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
                     "is_async")


def fingerprint(environment: jinja2.Environment) -> str:
    """What, besides a template's name, file and source, decides its compiled code: Jinja's version and the
    environment's compile settings, extensions, autoescape and finalize."""
    autoescape = environment.autoescape
    parts = [jinja2.__version__, *(repr(getattr(environment, name, None)) for name in _COMPILE_SETTINGS),
             *sorted(environment.extensions),
             repr(autoescape) if isinstance(autoescape, bool) else f"{autoescape.__module__}.{autoescape.__qualname__}",
             repr(environment.finalize is not None)]
    return hashlib.sha1("\0".join(parts).encode("utf-8")).hexdigest()[:16]


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
            else:
                _prune(self.disk.directory)

    def get_bucket(self, environment, name, filename, source) -> jinja2.bccache.Bucket:
        """Jinja's bucket, keyed by the environment's fingerprint too (see the module's docstring)."""
        key = f"{self.get_cache_key(name, filename)}-{fingerprint(environment)}"
        bucket = jinja2.bccache.Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])
            return
        if self.disk is not None:
            try:
                # Only a regular file: anything else in its place (a FIFO would block the build) is compiled anew.
                if stat.S_ISREG(os.lstat(os.path.join(self.disk.directory, PATTERN % bucket.key)).st_mode):
                    self.disk.load_bytecode(bucket)  # checks Jinja's version and the source's checksum
            except Exception:  # noqa: BLE001 - no file, or a broken one in the cache: compile instead
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


def _prune(folder: str) -> None:
    """Remove sitegen's cache files in `folder` that were not written for PRUNE_AFTER seconds."""
    oldest = time.time() - PRUNE_AFTER
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("sitegen-") and entry.name.endswith(".cache") and entry.is_file(
                        follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < oldest:
                    os.unlink(entry.path)
    except OSError:  # another build pruned it first, or the folder went away: nothing to do
        pass
