"""What the link checker's parts share: a problem, the links registry, and the build checked."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ...staging import SITE_LABEL


@dataclass(frozen=True, order=True)
class Problem:
    file: str                 # project-relative: docs/x.md, links.yml, or the built file
    line: int | None
    message: str
    target: str = ""
    key: str = field(default="", compare=False, repr=False)   # resolved target, to spot repeats

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}" + (f" → {self.target}" if self.target else "")


@dataclass
class Registry:
    """External URLs the project knows about, each with a note of what it is."""
    exact: dict[str, str] = field(default_factory=dict)
    prefixes: list[tuple[str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def note_for(self, url: str) -> str | None:
        key = url.split("#", 1)[0]
        if key in self.exact:
            return self.exact[key]
        for prefix, note in self.prefixes:
            if key.startswith(prefix):
                return note
        return None


@dataclass
class SiteInfo:
    """What the checker needs to know about a build."""
    site_dir: Path
    project_dir: Path
    site_url: str = ""
    docs_dir: Path | None = None
    pages: dict[str, str] = field(default_factory=dict)      # dest_uri -> src_uri (Markdown pages)
    nav_pages: set[str] | None = None                          # src_uris in nav (None: auto nav)
    not_in_nav: set[str] = field(default_factory=set)          # src_uris matched by not_in_nav
    registry: Registry = field(default_factory=Registry)
    check_reachability: bool = True

    def rel(self, path: Path) -> str:
        label = os.environ.get(SITE_LABEL)    # a staged build is named as the site it will become
        if label:
            try:
                return f"{label}/{path.resolve().relative_to(self.site_dir.resolve()).as_posix()}"
            except ValueError:
                pass
        try:
            return path.resolve().relative_to(self.project_dir.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def src_label(self, src_uri: str) -> str:
        assert self.docs_dir is not None
        return self.rel(self.docs_dir / src_uri)
