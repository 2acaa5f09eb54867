"""Problems found in content, as values with a location, and the one error type that carries them."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from sitegen.core.messages import _


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a content file, at a 1-based line and column (0 when unknown)."""

    path: str
    line: int
    column: int
    message: str
    level: str = "error"
    kind: str = ""  # which check found it, when that matters (e.g. "spelling": `check --strict`)

    def format(self) -> str:
        """Render as `path:line:col: message`, the format editors and IDEs understand."""
        where = one_line(self.path)
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        if self.level == "error":
            prefix = ""
        elif self.level == "warning":
            # TRANSLATORS: the mark in front of a warning: "content/de/faq.yaml:4:7: [warning] unknown word …"
            prefix = _("[warning]") + " "
        else:
            prefix = f"[{self.level}] "
        # One problem, one line: a line break or control character quoted from the content is shown
        # escaped, so no text can make up a line that looks like a message of its own.
        return f"{where}: {prefix}{one_line(self.message)}"


def one_line(text: str) -> str:
    """`text` with line breaks and other control characters written as escapes (\\n), on one line."""
    if text.isprintable():
        return text
    return "".join(character if character.isprintable() else repr(character)[1:-1] for character in text)


class ContentError(Exception):
    """Raised when content cannot be used; carries every problem that was found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


def display_path(path: Path, root: Path) -> str:
    """The path as an editor knows it: relative to the project root when possible, with `/`."""
    # As written first: a symbolic link is named by where it stands, not by where it leads.
    absolute, base = os.path.abspath(path), _absolute(str(root))
    if absolute.startswith(base + os.sep):
        return absolute[len(base) + 1:].replace(os.sep, "/")
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@functools.lru_cache(maxsize=16)
def _absolute(root: str) -> str:
    return os.path.abspath(root).rstrip(os.sep) or os.sep
