"""Report a problem where a contributor can fix it: a link in page content as
`docs/page.md:LINE` (the Markdown it came from), any other as the built file, once (a theme
link repeated on every page is one problem that says on how many other files it is).
"""
from __future__ import annotations

from .mdsource import MarkdownSources
from .model import Problem, SiteInfo


class Reporter:
    def __init__(self, info: SiteInfo):
        self.info = info
        self.markdown = MarkdownSources(info.docs_dir)
        self.problems: list[Problem] = []
        self.key = ""                  # the resolved target of the URL being checked (repeats)
        self.theme_seen_changed = False
        self._theme_seen: dict[tuple[str, str], list[str]] = {}

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def built(self, file: str, message: str, target: str = "") -> None:
        """A problem with a built file itself (cannot parse it, a sitemap URL off site …)."""
        self.problems.append(Problem(self.info.rel(self.info.site_dir / file), None, message, target))

    def report(self, built: str, in_content: bool, message: str, target: str, raw: str | None = None) -> None:
        src = self.info.pages.get(built)
        key = self.key
        if in_content and src and self.info.docs_dir is not None:
            line = self.markdown.find_line(src, raw or target)
            self.problems.append(Problem(self.info.src_label(src), line, message, target, key))
            return
        label = self.info.rel(self.info.site_dir / built)
        if not in_content and built.endswith(".html"):
            # Theme/template links repeat on every page: report once, say how many pages.
            seen = self._theme_seen.setdefault((message, target), [])
            seen.append(label)
            self.theme_seen_changed = True
            if len(seen) > 1:
                return
        self.problems.append(Problem(label, None, message, target, key))

    def finish(self) -> list[Problem]:
        """The problems, each once: a generated page (an embed) that repeats a page's broken
        link adds nothing (the message on the Markdown page says where to fix it), and a
        theme link broken on many pages says how many."""
        md_labels = {self.info.src_label(src) for src in self.info.pages.values()} if self.info.docs_dir else set()
        in_markdown = {(p.message, p.key) for p in self.problems if p.key and p.file in md_labels}
        problems = [p for p in self.problems
                    if p.file in md_labels or not p.key or (p.message, p.key) not in in_markdown]
        for (message, target), labels in self._theme_seen.items():
            if len(labels) > 1:
                for i, p in enumerate(problems):
                    if p.message == message and p.target == target and p.file == labels[0] and p.line is None:
                        problems[i] = Problem(p.file, None,
                                              f"{message} (outside page content; also on "
                                              f"{len(labels) - 1} other built file(s))", target, p.key)
                        break
        return problems
