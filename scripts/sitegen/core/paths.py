"""Where a project's stages read and write: its folders, all inside one project root."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Paths:
    """The project's folders: content/ (the source), docs/ (rendered pages), the theme folder (overrides/)."""

    root: Path
    content: Path
    docs: Path
    theme: Path

    @classmethod
    def for_root(cls, root: Path, content: str = "content", docs: str = "docs", theme: str = "overrides") -> "Paths":
        root = root.resolve()
        return cls(root=root, content=root / content, docs=root / docs, theme=root / theme)
