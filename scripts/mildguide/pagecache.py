"""`make serve` only: each page's Markdown result kept in memory between rebuilds (issue 27).

A rebuild converts again only the pages whose inputs changed. A page's key is the hash of
its Markdown (after the hooks' on_page_markdown), its own file and its other-language file,
where it is built, today's date (review-due notices), and one fingerprint of everything the
extensions read that is not an ordinary page: the config file, the data files next to it
(warning-signs.yml, terminology.yml, key-figures.yml …), includes/, every non-page file in
docs/ with the data pages (glossary, sources, FAQ in each language) and the list of pages.
An edit to one of those converts every page again.

A hit restores what Page.render leaves on the page (content, toc, title, anchors, links to
other pages' anchors, JSON-LD blocks) and logs again, through the same loggers, every record
the conversion logged, so each rebuild's log and the serve banner still list every problem.
`mkdocs build` never uses it (scripts/serve.py calls `install()`).
"""
from __future__ import annotations

import copy
import datetime
import hashlib
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from . import i18n

# What Page.render and the extensions set on the page (mildguide.mdext.faq: jsonld).
_RESULT = ("content", "toc", "_title_from_render", "present_anchor_ids", "jsonld")
DATA_SUFFIXES = (".yml", ".yaml")


@dataclass
class Entry:
    attrs: dict
    links: dict | None          # {linked src_uri: {anchor: link}}: Files differ per build
    records: list


class _Capture(logging.Handler):
    """What the conversion logs; not the server's request log from its other threads."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []
        self.thread = threading.get_ident()

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.records.append(record)


def _digest(*parts) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b"<missing>"


def data_pages(config) -> set[str]:
    """The pages the extensions read as data (`sources_page: sources.md` …), in every language."""
    names = {str(v) for opts in (config.get("mdx_configs") or {}).values() if isinstance(opts, dict)
             for v in opts.values() if isinstance(v, str) and v.endswith(".md")}
    return names | {i18n.localized(n, lang) for n in names for lang in ("es",)} if names else set()


def fingerprint(config) -> str:
    """Everything shared by every page's conversion (see the module's docstring)."""
    docs = Path(config["docs_dir"])
    project = Path(config.config_file_path or "mkdocs.yml").resolve().parent
    data = data_pages(config)
    parts = [_read(Path(config.config_file_path or "mkdocs.yml"))]
    for path in sorted(project.iterdir()):
        if path.suffix in DATA_SUFFIXES and path.is_file():
            parts += [path.name, _read(path)]
    for root in (project / "includes", docs):
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            rel = path.relative_to(root).as_posix()
            page = root == docs and path.suffix == ".md" and rel not in data
            parts += [root.name, rel, b"" if page else _read(path)]
    return _digest(*parts)


class PageCache:
    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.used: set[str] = set()          # keys the current build asked for
        self.hits = self.misses = 0
        self._shared: tuple[int, str] | None = None

    def shared(self, config, files) -> str:
        """The fingerprint, computed once per build (a build has one Files object)."""
        if self._shared is None or self._shared[0] != id(files):
            self._shared = (id(files), fingerprint(config))
        return self._shared[1]

    def key(self, page, config, files) -> str:
        f = page.file
        docs = Path(config["docs_dir"])
        norm = i18n.split(f.src_uri)[0]
        own = [_read(docs / f.src_uri), _read(docs / norm), _read(docs / i18n.localized(norm, "es"))]
        return _digest(self.shared(config, files), f.src_uri, f.dest_uri, getattr(f, "locale", ""),
                       datetime.date.today().isoformat(), page.markdown or "", *own)

    def new_build(self) -> None:
        """Forget what the last build did not use (an edited page's old versions), so a long
        serve session keeps one entry per page, and reset the counts."""
        if self.used:
            self.entries = {k: v for k, v in self.entries.items() if k in self.used}
        self.used = set()
        self.hits = self.misses = 0

    def render(self, original, page, config, files) -> None:
        key = self.key(page, config, files)
        self.used.add(key)
        entry = self.entries.get(key)
        if entry is None:
            self.misses += 1
            before = dict(vars(page))
            capture = _Capture()
            logger = logging.getLogger("mkdocs")
            logger.addHandler(capture)
            try:
                original(page, config, files)
            finally:
                logger.removeHandler(capture)
            attrs = {a: copy.deepcopy(getattr(page, a)) for a in _RESULT
                     if hasattr(page, a) and (a not in before or before[a] is not getattr(page, a))}
            links = getattr(page, "links_to_anchors", None)
            links = None if links is None else {to.src_uri: dict(v) for to, v in links.items()}
            self.entries[key] = Entry(attrs, links, capture.records)
            return
        self.hits += 1
        for name, value in entry.attrs.items():
            setattr(page, name, copy.deepcopy(value))
        if entry.links is not None:
            found = {src: files.get_file_from_path(src) for src in entry.links}
            page.links_to_anchors = {found[src]: dict(v) for src, v in entry.links.items() if found[src]}
        for record in entry.records:
            logging.getLogger(record.name).handle(record)


def install(cache: PageCache | None = None) -> PageCache:
    """Route MkDocs' Page.render through a cache (for this process: `make serve`)."""
    from mkdocs.structure.pages import Page
    cache = cache or PageCache()
    original = getattr(Page.render, "__wrapped__", Page.render)

    def render(page, config, files):
        cache.render(original, page, config, files)

    render.__wrapped__ = original
    Page.render = render
    return cache


def uninstall() -> None:
    from mkdocs.structure.pages import Page
    Page.render = getattr(Page.render, "__wrapped__", Page.render)
