"""The nav in mkdocs.yml, checked once, with its line (issue 23 §5).

A nav mistake used to print 6 to 12 messages from MkDocs, the Spanish build and the link
check, none with a line of mkdocs.yml. `nav_problems` gives ONE message per mistake at
`mkdocs.yml:LINE`: a nav entry naming a file that does not exist (with the page it probably
meant), and a page that is in no nav entry (at the `nav:` line, with the line to add).
`Explained` then lets mildguide.dedupe drop the follow-on messages of those mistakes.
"""
from __future__ import annotations

import difflib
import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import i18n
from .problems import Problem


@dataclass
class Explained:
    """What the nav messages already said: the nav's missing file names and the pages they
    concern (docs-relative, English names)."""
    targets: set = field(default_factory=set)
    pages: set = field(default_factory=set)

    def covers(self, message: str) -> bool:
        """True for a follow-on message of a nav mistake already reported."""
        m = re.match(r"A reference to '([^']+)' is included in the 'nav' configuration, which is not found", message)
        if m:
            return m.group(1) in self.targets
        m = re.match(r'The following pages exist in the docs directory, but are not included in the "nav" '
                     r"configuration:\n(.*)\Z", message, re.S)
        if m:
            listed = [i18n.split(line.strip()[2:].strip())[0] for line in m.group(1).splitlines() if line.strip()]
            return bool(listed) and all(page in self.pages for page in listed)
        m = re.match(r"^(\S+?\.md): (?:page is not in the nav|orphan page)", message)
        if m:
            path = m.group(1)
            return i18n.split(path.split("/", 1)[1] if "/" in path else path)[0] in self.pages
        if "link target does not exist" in message and "→" in message:
            target = message.rsplit("→", 1)[1].strip()
            return posix_name(target) in self.targets
        return False


def posix_name(target: str) -> str:
    return target.split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]


@functools.lru_cache(maxsize=8)
def _compose(text: str):
    """The YAML node tree of a config file's text, kept per text: `make serve` checks the nav
    at every rebuild (the tree is only read)."""
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _nav_node(path: Path, seen: int = 0):
    """(node of `nav:`, the line of `nav:`, the file holding it), following INHERIT."""
    try:
        root = _compose(path.read_text(encoding="utf-8-sig"))
    except (OSError, yaml.YAMLError):
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if key.value == "nav":
            return value, key.start_mark.line + 1, path
    for key, value in root.value:
        if key.value == "INHERIT" and isinstance(value, yaml.ScalarNode) and seen < 5:
            return _nav_node(path.parent / value.value, seen + 1)
    return None


def _entries(node, title=None):
    """(file name, line, title) for every nav entry that names a .md file."""
    if isinstance(node, yaml.ScalarNode):
        value = str(node.value)
        if value.endswith(".md") and "://" not in value:
            yield value.lstrip("/"), node.start_mark.line + 1, title
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _entries(item, title)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _entries(value, key.value)


def nav_problems(config_file: str | Path, pages: list[str], docs_dir: Path,
                 explained: Explained | None = None) -> list[Problem]:
    """`pages`: the docs-relative pages that belong in the nav (not in not_in_nav)."""
    found = _nav_node(Path(config_file))
    if found is None:
        return []
    node, nav_line, holder = found
    label = os.path.relpath(holder, os.path.dirname(os.path.abspath(config_file))).replace(os.sep, "/")
    english = {i18n.split(p)[0] for p in pages}
    entries = list(_entries(node))
    named = {name for name, _, _ in entries}
    unlisted = sorted(english - named)
    problems, meant = [], set()
    for name, line, title in entries:
        if name in english or (docs_dir / name).is_file():
            continue
        guess = difflib.get_close_matches(name, unlisted, n=1, cutoff=0.6)
        if guess:
            meant.add(guess[0])
            fix = f"did you mean '{guess[0]}'?"
        else:
            fix = f"fix the file name, or create docs/{name}"
        problems.append(Problem(label, line, f"the nav names '{name}', which is not a file in docs/: {fix}"))
        if explained is not None:
            explained.targets.add(name)
            explained.pages.update(guess)
    for page in unlisted:
        if page in meant:
            continue
        title = _title(docs_dir / page) or "Its title"
        problems.append(Problem(label, nav_line, f"docs/{page} is not in the nav: add the line "
                                f"`- {title}: {page}` under a section of nav: here (or list the page under "
                                "not_in_nav if only links lead to it)"))
        if explained is not None:
            explained.pages.add(page)
    return problems


def _title(path: Path) -> str | None:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError:
        return None
    m = re.search(r"^title:\s*[\"']?(.+?)[\"']?\s*$", text.split("\n---", 1)[0], re.M)
    return m.group(1) if m else None
