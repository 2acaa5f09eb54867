"""Problems found in content, as values with a location, and the one error type that carries them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        prefix = "" if self.level == "error" else f"[{self.level}] "
        return f"{where}: {prefix}{self.message}"


class ContentError(Exception):
    """Raised when content cannot be used; carries every problem that was found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


def display_path(path: Path, root: Path) -> str:
    """The path as an editor knows it: relative to the project root when possible, with `/`."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
