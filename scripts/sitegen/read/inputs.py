"""The one way sitegen reads a file that comes from outside: content, word lists, PO files, languages.yaml.

Every such file may be something other than a text file: a folder, a FIFO (which would block the
reader forever), a device, a symbolic link, a file far too large, or text in another encoding. Each
of these becomes a ContentError naming the file, what is wrong and the fix, never an internal error
and never a hang: the file is checked before it is opened, opened without blocking and without
following links, checked again on the open descriptor, and read only up to its limit.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from pathlib import Path

from sitegen.core.errors import ContentError, Problem
from sitegen.core.messages import N_, _

LINK_MESSAGE = N_("this is a symbolic link; sitegen reads only real files: replace it with the file itself")
_BOMS = {codecs.BOM_UTF32_LE: "UTF-32", codecs.BOM_UTF32_BE: "UTF-32",
         codecs.BOM_UTF16_LE: "UTF-16", codecs.BOM_UTF16_BE: "UTF-16"}


def size_text(count: int) -> str:
    """A file size as an editor reads it: `1.5 MB`, `236 KB`."""
    return f"{count / 1024 / 1024:.1f} MB" if count >= 1024 * 1024 else f"{count // 1024} KB"


def read_bytes(path: Path, shown: str, limit: int, *, missing_ok: bool = False, what: str | None = None,
               fix: str | None = None) -> bytes | None:
    """The bytes of the regular file `path`, at most `limit` of them; None if it is missing and `missing_ok`.

    Raises ContentError (located at `shown`) for anything that is not a readable regular file of at most
    `limit` bytes. `what` names the kind of file and `fix` what to do about one that is too large, both in
    the language of the messages (`_("a PO file")`); without them, they are said in general words."""
    if what is None:
        # TRANSLATORS: a noun phrase, used as {what} in "the file is 300 KB, more than the 256 KB {what} may have"
        what = _("such a file")
    if fix is None:
        # TRANSLATORS: the advice at the end of "the file is 300 KB, more than the 256 KB such a file may have; {fix}"
        fix = _("split it up, or remove what does not belong in it")

    def refuse(message: str) -> ContentError:
        return ContentError([Problem(shown, 0, 0, message)])

    try:
        info = os.lstat(path)
    except FileNotFoundError:
        if missing_ok:
            return None
        raise refuse(_("the file does not exist; create it, or check the name")) from None
    except OSError as error:
        raise refuse(_("cannot read the file: {reason}").format(reason=error.strerror)) from None
    _check_kind(info.st_mode, refuse)
    if info.st_size > limit:
        raise refuse(_("the file is {size}, more than the {limit} {what} may have; {fix}").format(
            size=size_text(info.st_size), limit=size_text(limit), what=what, fix=fix))
    try:
        # O_NONBLOCK: a FIFO put in place of the file after the check above cannot block the open.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise refuse(_(LINK_MESSAGE)) from None
        raise refuse(_("cannot read the file: {reason}").format(reason=error.strerror)) from None
    with os.fdopen(descriptor, "rb", buffering=0) as stream:
        _check_kind(os.fstat(descriptor).st_mode, refuse)
        chunks, total = [], 0
        while True:
            try:
                chunk = stream.read(min(1 << 20, limit + 1 - total))
            except OSError as error:
                raise refuse(_("cannot read the file: {reason}").format(reason=error.strerror)) from None
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise refuse(_("the file is more than the {limit} {what} may have; {fix}").format(
                    limit=size_text(limit), what=what, fix=fix))
    return b"".join(chunks)


def _check_kind(mode: int, refuse) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISLNK(mode):
        raise refuse(_(LINK_MESSAGE))
    if stat.S_ISDIR(mode):
        raise refuse(_("this is a folder, not a file; a file of this name is expected here: rename or remove the "
                       "folder"))
    if stat.S_ISFIFO(mode):
        raise refuse(_("this is a named pipe (FIFO), not a file; replace it with a regular text file"))
    if stat.S_ISSOCK(mode):
        raise refuse(_("this is a socket, not a file; replace it with a regular text file"))
    raise refuse(_("this is a device, not a file; replace it with a regular text file"))


def decode_text(raw: bytes, shown: str, *, charset_hint: str = "") -> str:
    """`raw` as UTF-8 text without a leading byte-order mark; ContentError at the line where it is not
    UTF-8, or for UTF-16/32, or for old Mac line endings (CR alone), which YAML, PO tools and sitegen's
    line numbers would read differently."""
    for bom, encoding in _BOMS.items():
        if raw.startswith(bom):
            # TRANSLATORS: {encoding} is UTF-16 or UTF-32; {charset} is empty, or " (charset=UTF-8)" for a PO file
            raise ContentError([Problem(shown, 1, 0, _("the file is saved as {encoding} text; save it with UTF-8 "
                                                       "encoding{charset}").format(encoding=encoding,
                                                                                   charset=charset_hint))])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        # TRANSLATORS: {charset} is empty, or " (charset=UTF-8)" for a PO file
        raise ContentError([Problem(shown, line, 0, _("the file is not valid UTF-8 text; save it with UTF-8 "
                                                      "encoding{charset}").format(charset=charset_hint))]) from None
    text = text.removeprefix("\ufeff")
    lone = _lone_carriage_return(text)
    if lone is not None:
        line = text.count("\n", 0, lone) + text.count("\r", 0, lone) - text.count("\r\n", 0, lone) + 1
        raise ContentError([Problem(shown, line, 0, _("the file ends its lines with a carriage return alone (old Mac "
                                                      "line endings); save it with LF (Unix) or CRLF (Windows) line "
                                                      "endings"))])
    return text


def _lone_carriage_return(text: str) -> int | None:
    """The offset of the first CR that is not followed by LF, or None (one pass)."""
    start = 0
    while True:
        index = text.find("\r", start)
        if index < 0:
            return None
        if text[index + 1: index + 2] != "\n":
            return index
        start = index + 2


def read_text(path: Path, shown: str, limit: int, *, missing_ok: bool = False, what: str | None = None,
              fix: str | None = None, charset_hint: str = "") -> str | None:
    """`read_bytes` and `decode_text` in one: the UTF-8 text of a file from outside, checked."""
    raw = read_bytes(path, shown, limit, missing_ok=missing_ok, what=what, fix=fix)
    return None if raw is None else decode_text(raw, shown, charset_hint=charset_hint)
