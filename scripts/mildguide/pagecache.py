"""`make serve` only: each page's Markdown result kept in memory between rebuilds (issue 27).

A rebuild converts again only the pages whose inputs changed. A page's key is the hash of
its Markdown (after the hooks' on_page_markdown), its own file and its other-language file,
where it is built, today's date (review-due notices), the config file and the names of the
files in docs/, includes/ and next to the config. On top of the key, each entry holds what
its conversion read, recorded rather than guessed:

- every file it opened or looked at (`open`, `os.stat`: `Path.read_text`, `is_file` …) in
  the project, except ordinary pages (their words reach other pages only through checks
  that declare it, below): the data files next to the config (warning-signs.yml …),
  includes/, the data pages (glossary, sources, FAQ), every other file in docs/. A page is
  converted again when one of them differs; a data file edit converts only the pages that
  read it.
- value dependencies (`depends(name, fn)`), for a check that reads a file every page reads
  but uses only part of it: the glossary's tooltips depend on the terms' names and the
  meanings of the terms the page shows, not on the rest of the glossary. Its reads are made
  inside `exempt()`, and `fn()` is evaluated again at each rebuild: the page converts again
  when the value differs.

A hit restores what Page.render leaves on the page (content, toc, title, anchors, links to
other pages' anchors, JSON-LD blocks) and logs again, through the same loggers, every record
the conversion logged, so each rebuild's log and the serve banner still list every problem.
`mkdocs build` never uses it (scripts/serve.py calls `install()`).
"""
from __future__ import annotations

import builtins
import contextlib
import copy
import datetime
import hashlib
import io
import logging
import os
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from . import i18n, rendercache

# What Page.render and the extensions set on the page (mildguide.mdext.faq: jsonld).
_RESULT = ("content", "toc", "_title_from_render", "present_anchor_ids", "jsonld")
DATA_SUFFIXES = (".yml", ".yaml")


@dataclass
class Entry:
    attrs: dict
    links: dict | None          # {linked src_uri: {anchor: link}}: Files differ per build
    records: list
    files: dict = field(default_factory=dict)      # path -> digest of what the conversion read
    values: list = field(default_factory=list)     # (name, fn, digest of fn()) from depends()


_local = threading.local()      # .reads: the Reads of the page this thread converts; .exempt


class Reads:
    """What one conversion read: files (recorded by the hooks below) and declared values."""

    def __init__(self, keep, digest) -> None:
        self.keep = keep                 # path -> bool: a file that counts
        self.digest = digest             # path -> digest of its content (memoised per build)
        self.files: dict[str, str] = {}
        self.values: list = []


def _note(file, content: bool = True) -> None:
    """A read of `file`: its content (open, stat: sizes and times), or only whether it exists."""
    reads = getattr(_local, "reads", None)
    if reads is None or getattr(_local, "exempt", 0) or not isinstance(file, (str, bytes, os.PathLike)):
        return
    path = os.path.abspath(os.fsdecode(file))
    known = reads.files.get(path)
    if (known is None or (content and known.startswith("<"))) and reads.keep(path):
        with exempt():                   # before the read: an edit during it shows next time
            reads.files[path] = reads.digest(path) if content else kind(path)


def kind(path: str) -> str:
    return "<folder>" if os.path.isdir(path) else "<file>" if os.path.isfile(path) else "<missing>"


def _hooked(real, content: bool = True):
    def call(file, *args, **kwargs):
        _note(file, content)
        if content:
            return real(file, *args, **kwargs)
        with exempt():                   # its own stat() says only this much
            return real(file, *args, **kwargs)
    call.__wrapped__ = real
    return call


# (owner, attribute, the content or only the existence): `is_file()` does not depend on the
# file's content, so a page that only checks one exists is not converted again when it changes.
_HOOKS = ((builtins, "open", True), (io, "open", True), (os, "stat", True),
          (os.path, "isfile", False), (os.path, "isdir", False), (os.path, "exists", False),
          (Path, "is_file", False), (Path, "is_dir", False), (Path, "exists", False))


@contextlib.contextmanager
def _recording(reads: Reads):
    """Record this thread's file reads into `reads` (other threads: the server's, pass through)."""
    real = [getattr(owner, name) for owner, name, _ in _HOOKS]
    for (owner, name, content), fn in zip(_HOOKS, real):
        setattr(owner, name, _hooked(fn, content))
    _local.reads = reads
    try:
        yield reads
    finally:
        _local.reads = None
        for (owner, name, _), fn in zip(_HOOKS, real):
            setattr(owner, name, fn)


@contextlib.contextmanager
def exempt():
    """Reads that a `depends()` declaration covers: not recorded as files."""
    _local.exempt = getattr(_local, "exempt", 0) + 1
    try:
        yield
    finally:
        _local.exempt -= 1


_UNSET = object()


def depends(name: str, fn, value=_UNSET) -> None:
    """The page being converted used what `fn()` gives (`fn` is called again at each rebuild:
    a different value converts the page again; it reads inside `exempt()`). `value` is `fn()`'s
    value now, when the caller has it already; it must be what `fn()` returns, not another
    form of it. Nothing when not recording (`mkdocs build`: `fn` is not called)."""
    reads = getattr(_local, "reads", None)
    if reads is not None:
        reads.values.append((name, fn, _value_digest(fn) if value is _UNSET else _digest(repr(value))))


def _value_digest(fn) -> str:
    with exempt():
        return _digest(repr(fn()))


def file_digest(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except IsADirectoryError:
        return "<folder>"
    except OSError:
        return "<missing>"


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
    """What every page's key shares: the config file and the names of the files (a new or
    deleted file changes links and lists). The files' contents are each page's recorded reads."""
    docs = Path(config["docs_dir"])
    project = Path(config.config_file_path or "mkdocs.yml").resolve().parent
    parts = [_read(Path(config.config_file_path or "mkdocs.yml"))]
    for path in sorted(project.iterdir()):
        if path.suffix in DATA_SUFFIXES and path.is_file():
            parts += [path.name]
    for root in (project / "includes", docs):
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            parts += [root.name, path.relative_to(root).as_posix()]
    return _digest(*parts)


def watched(config):
    """path -> whether a read of it is recorded: a file of the project (docs/ included), not
    an ordinary page, not the virtual environments, git or a site folder."""
    docs = os.path.abspath(config["docs_dir"])
    project = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
    data = {os.path.join(docs, *p.split("/")) for p in data_pages(config)}
    site = os.path.abspath(config["site_dir"])
    skip = tuple(os.path.join(project, d) + os.sep for d in (".git", ".venv", ".cache", "node_modules"))

    def keep(path: str) -> bool:
        if not (path.startswith(project + os.sep) or path.startswith(docs + os.sep)):
            return False
        if path.startswith(skip) or path.startswith(site + os.sep) \
                or path.startswith(os.path.join(project, ".venv")):
            return False
        if path.startswith(docs + os.sep) and path.endswith(".md") and path not in data:
            return False                 # an ordinary page: its own key, or a declared value
        return True
    return keep


class PageCache:
    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.used: set[str] = set()          # keys the current build asked for
        self.hits = self.misses = 0
        self._shared: tuple[int, str] | None = None
        self._digests: dict[str, str] = {}     # this build's file digests
        self._keep = None
        self.memo: dict = {}                     # memo(): post-build work, search entries, renders
        self.memo_used: set[str] = set()
        self.renders = rendercache.Renders(self)  # templates rendered again / reused this build

    def shared(self, config, files) -> str:
        """The fingerprint, computed once per build (a build has one Files object)."""
        if self._shared is None or self._shared[0] != id(files):
            self._shared = (id(files), fingerprint(config))
            self._digests = {}
            self._keep = watched(config)
        return self._shared[1]

    def shared_now(self) -> str:
        """This build's fingerprint (set by the first page's key; "" before)."""
        return self._shared[1] if self._shared else ""

    def _digest_of(self, path: str) -> str:
        if path not in self._digests:
            self._digests[path] = file_digest(path)
        return self._digests[path]

    def valid(self, entry: Entry) -> bool:
        """Every file the conversion read is as it was, and every declared value too."""
        return (all((kind(p) if d.startswith("<") and d != "<missing>" else self._digest_of(p)) == d
                    for p, d in entry.files.items())
                and all(_value_digest(fn) == d for _, fn, d in entry.values))

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
        if self.memo_used:
            self.memo = {k: v for k, v in self.memo.items() if k in self.memo_used}
        self.used, self.memo_used = set(), set()
        self.hits = self.misses = 0
        self.renders.rendered = self.renders.reused = 0

    def render(self, original, page, config, files) -> None:
        key = self.key(page, config, files)
        self.used.add(key)
        entry = self.entries.get(key)
        if entry is not None and not self.valid(entry):
            entry = None
        if entry is None:
            self.misses += 1
            before = dict(vars(page))
            capture = _Capture()
            logger = logging.getLogger("mkdocs")
            logger.addHandler(capture)
            reads = Reads(self._keep, self._digest_of)
            try:
                with _recording(reads):
                    original(page, config, files)
            finally:
                logger.removeHandler(capture)
            attrs = {a: copy.deepcopy(getattr(page, a)) for a in _RESULT
                     if hasattr(page, a) and (a not in before or before[a] is not getattr(page, a))}
            links = getattr(page, "links_to_anchors", None)
            links = None if links is None else {to.src_uri: dict(v) for to, v in links.items()}
            self.entries[key] = Entry(attrs, links, capture.records, reads.files, reads.values)
            return
        self.hits += 1
        for name, value in entry.attrs.items():
            setattr(page, name, copy.deepcopy(value))
        if entry.links is not None:
            found = {src: files.get_file_from_path(src) for src in entry.links}
            page.links_to_anchors = {found[src]: dict(v) for src, v in entry.links.items() if found[src]}
        for record in entry.records:
            logging.getLogger(record.name).handle(record)


_installed: PageCache | None = None    # set by install(): `make serve` only


def memo(name: str, key, fn):
    """`fn()`, kept between `make serve` rebuilds under `key()`, which must hold every input
    of `fn` (texts and bytes hashed as they are, the rest by repr): a post-build step's work for a page whose HTML did not
    change is not done again. A plain call in `mkdocs build` (`key` is not called). A copy is
    returned each time."""
    cache = _installed
    if cache is None:
        return fn()
    k = _key_digest(name, key())
    cache.memo_used.add(k)
    if k not in cache.memo:
        cache.memo[k] = fn()
    return copy.deepcopy(cache.memo[k])


def digest(data) -> str:
    """A short stand-in for a long text or bytes in a memo key."""
    return _digest(data)


def _key_digest(name: str, key) -> str:
    """A memo key's digest: the parts of a tuple one by one (a long text or bytes hashed as it
    is, not through its repr), tagged with their type."""
    parts = key if isinstance(key, tuple) else (key,)
    return _digest(name, *(x for part in parts for x in
                           ((b"b", part) if isinstance(part, bytes) else ("s", part) if isinstance(part, str)
                            else ("r", repr(part)))))


def memo_each(name: str, items: list, key, compute) -> dict:
    """`compute(items)` ({item: value}) as `memo` keeps it, per item (`key(item)`): only the
    items not kept are computed, in one call (one git process for all of them)."""
    cache = _installed
    if cache is None:
        return compute(items)
    keys = {item: _key_digest(name, key(item)) for item in items}
    cache.memo_used.update(keys.values())
    missing = [item for item in items if keys[item] not in cache.memo]
    if missing:
        for item, value in compute(missing).items():
            cache.memo[keys[item]] = value
    return {item: copy.deepcopy(cache.memo[keys[item]]) for item in items}


def _toc_ids(items) -> list:
    return [(i.id, i.url, i.title, _toc_ids(i.children)) for i in items or ()]


def _search_entries_once(cache: PageCache) -> None:
    """Material's search plugin parses every page's HTML into sections and looks each one up in
    the page's table of contents, at every build; during `make serve` a page whose HTML, table
    of contents, address, title and search metadata are as before gets the same index entries
    again (copies)."""
    from material.plugins.search import plugin as search
    index_class = search.SearchIndex
    original = getattr(index_class.add_entry_from_context, "__wrapped__", index_class.add_entry_from_context)

    def add_entry_from_context(index, page):
        meta = page.meta or {}
        key = _key_digest("search entries", (page.content or "", page.url, str(meta.get("title", page.title)),
                                             repr(_toc_ids(page.toc)), repr(meta.get("search")),
                                             repr(meta.get("tags"))))
        cache.memo_used.add(key)
        if key not in cache.memo:
            before = len(index.entries)
            original(index, page)
            cache.memo[key] = copy.deepcopy(index.entries[before:])
        else:
            index.entries.extend(copy.deepcopy(cache.memo[key]))

    add_entry_from_context.__wrapped__ = original
    index_class.add_entry_from_context = add_entry_from_context


def _search_translations_once(cache: PageCache) -> None:
    """Material's search plugin looks up its language settings (`search.config.separator` …)
    at every build, each time making a new Jinja environment and compiling the theme's
    language templates (0.03 s a rebuild). During `make serve` a lookup is kept while the
    theme language, the theme folders and every file of the folders outside the venv
    (overrides/, which may hold language templates) are the same."""
    from material.plugins.search import plugin as search
    plugin_class = search.SearchPlugin
    original = getattr(plugin_class._translate, "__wrapped__", plugin_class._translate)

    def _translate(plugin, config, value):
        theme = config.theme
        ours = [(str(p), digest(p.read_bytes())) for d in theme.dirs
                if not d.startswith(os.path.join(sys.prefix, "")) for p in sorted(Path(d).rglob("*")) if p.is_file()]
        key = _key_digest("search translation", (value, str(theme["language"]), tuple(theme.dirs), repr(ours)))
        cache.memo_used.add(key)
        if key not in cache.memo:
            cache.memo[key] = original(plugin, config, value)
        return cache.memo[key]

    _translate.__wrapped__ = original
    plugin_class._translate = _translate


def install(cache: PageCache | None = None) -> PageCache:
    """Route MkDocs' Page.render through a cache (for this process: `make serve`), and
    Material's search entries, the post-build pass's per-page work (`memo`), the pages' template
    renders (mildguide.rendercache) and MkDocs' listing of the theme's files too."""
    global _installed
    from mkdocs.structure.pages import Page
    cache = cache or PageCache()
    original = getattr(Page.render, "__wrapped__", Page.render)

    def render(page, config, files):
        cache.render(original, page, config, files)

    render.__wrapped__ = original
    Page.render = render
    _search_entries_once(cache)
    _search_translations_once(cache)
    _list_theme_once()
    rendercache.install(cache.renders)
    _installed = cache
    return cache


class _Listed:
    """The one thing Files.add_files_from_theme asks of the Jinja environment, answered from
    `listed` when the theme's folders are as before."""

    def __init__(self, env, key: tuple, listed: dict):
        self.env, self.key, self.listed = env, key, listed

    def list_templates(self, filter_func=None):
        if self.key not in self.listed:
            self.listed[self.key] = self.env.list_templates(filter_func=filter_func)
        return self.listed[self.key]


def _list_theme_once() -> None:
    """Material's templates folder holds ~10,000 icon files, and MkDocs walks and filters them
    at every build (twice: once per language) to find the theme's static files: ~0.3 s of
    each rebuild. The folders inside the venv do not change while `make serve` runs; the
    others (overrides/) are listed again at each build and are part of the key."""
    import sys
    from mkdocs.structure.files import Files
    original = getattr(Files.add_files_from_theme, "__wrapped__", Files.add_files_from_theme)
    listed: dict = {}

    def add_files_from_theme(files, env, config):
        ours = tuple((d, tuple(sorted(str(p.relative_to(d)) for p in Path(d).rglob("*"))))
                     for d in config.theme.dirs if not d.startswith(os.path.join(sys.prefix, "")))
        key = (tuple(config.theme.dirs), tuple(config.theme.static_templates), ours)
        original(files, _Listed(env, key, listed), config)

    add_files_from_theme.__wrapped__ = original
    Files.add_files_from_theme = add_files_from_theme


def uninstall() -> None:
    global _installed
    from mkdocs.structure.pages import Page
    from material.plugins.search import plugin as search
    from mkdocs.structure.files import Files
    Page.render = getattr(Page.render, "__wrapped__", Page.render)
    index = search.SearchIndex
    index.add_entry_from_context = getattr(index.add_entry_from_context, "__wrapped__", index.add_entry_from_context)
    plugin = search.SearchPlugin
    plugin._translate = getattr(plugin._translate, "__wrapped__", plugin._translate)
    Files.add_files_from_theme = getattr(Files.add_files_from_theme, "__wrapped__", Files.add_files_from_theme)
    rendercache.uninstall()
    _installed = None
