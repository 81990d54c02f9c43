"""The Markdown a built page came from: the line where a link is written (so a problem
names `docs/page.md:LINE`), and the links written in it, with their lines.
"""
from __future__ import annotations

import re
from pathlib import Path

_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"`[^`]*`")
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")
_LINK_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)")


class MarkdownSources:
    def __init__(self, docs_dir: Path | None):
        self.docs_dir = docs_dir
        self._lines: dict[str, list[str]] = {}

    def lines(self, src: str) -> list[str]:
        lines = self._lines.get(src)
        if lines is None:
            try:
                lines = (self.docs_dir / src).read_text(encoding="utf-8").splitlines()
            except OSError:
                lines = []
            self._lines[src] = lines
        return lines

    def links(self, src: str) -> list[tuple[int, str]]:
        """(line, target) of each Markdown link (inline or reference definition) in `src`,
        outside code."""
        out, in_fence = [], False
        for number, line in enumerate(self.lines(src), 1):
            if _FENCE.match(line):
                in_fence = not in_fence
                continue
            if in_fence or "](" not in line and "]:" not in line:
                continue
            line = _CODE_SPAN.sub("", line)
            out += [(number, m.group(1)) for m in _INLINE_LINK.finditer(line)]
            out += [(number, m.group(1)) for m in _LINK_DEF.finditer(line)]
        return out

    def find_line(self, src: str, raw: str) -> int | None:
        """The line of `src` where the link `raw` (as the built page has it) is written: the
        URL itself, else its Markdown form (`page.md#frag`), else its last part."""
        lines = self.lines(src)
        candidates = [raw]
        path, _, frag = raw.partition("#")
        if path:
            stripped = path.rstrip("/")
            tail = stripped.rsplit("/", 1)[-1] if stripped not in ("", ".", "..") else ""
            if tail:
                stem = tail[:-5] if tail.endswith(".html") else tail
                if frag:
                    candidates += [f"{stem}.md#{frag}", f"{stem}/#{frag}"]
                candidates += [f"{stem}.md", tail]
        if frag:
            candidates.append("#" + frag)
        candidates += [c for c in (path.rstrip("/").rsplit("/", 1)[-1],) if c]
        for cand in candidates:
            if not cand or cand in (".", ".."):
                continue
            for number, line in enumerate(lines, 1):
                if cand in line:
                    return number
        return None
