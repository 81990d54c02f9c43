"""Problems in a contributor's Markdown, reported as `docs/file.md:LINE: what is wrong`."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem(Exception):
    path: str           # as the contributor sees it, e.g. "docs/risks.md"
    line: int | None    # 1-based line in that file, None when no line applies
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"
