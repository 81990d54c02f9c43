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


def through_line_map(problem: Problem, line_map: tuple[int, list[int]] | None) -> Problem:
    """`problem` with its line put back where it is in the contributor's file, after an
    expansion that added lines. `line_map` is (first body line, origin), where origin[i] is the
    0-based body line that line i of the rewritten body came from."""
    if not line_map or not problem.line:
        return problem
    first, origin = line_map
    i = problem.line - first
    if 0 <= i < len(origin):
        return Problem(problem.path, first + origin[i], problem.message)
    if i >= len(origin) and origin:
        return Problem(problem.path, problem.line - (len(origin) - 1 - origin[-1]), problem.message)
    return problem
