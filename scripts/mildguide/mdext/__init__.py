"""Page transforms as Python-Markdown extensions, for every generator that renders with
Python-Markdown (MkDocs, ProperDocs, Zensical).

An extension learns which page it renders from the generator: MkDocs registers its
`relpath` treeprocessor (holding the page's File and the config) on each page's Markdown
instance; Zensical registers a `ContextPreprocessor` holding the page (path, url, meta).
`page_context(md)` reads either. Problems are reported with `report()`: logged as errors
(MkDocs' strict mode aborts the build on them) and, when MILDGUIDE_PROBLEMS names a file,
appended to it (scripts/build.py sets it for Zensical, which only prints Python logging, and
fails the build when the file is not empty). Nothing is kept between pages except pure
memos keyed by file content. Order: mildguide.mdext.priorities. The shape every extension
shares (options, processors, the registry of sources): mildguide.mdext.base.
"""
from __future__ import annotations

import logging
import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from .. import i18n
from ..problems import Problem, through_line_map

log = logging.getLogger("mkdocs.plugins.mildguide.extensions")
PROBLEMS_ENV = "MILDGUIDE_PROBLEMS"


@dataclass
class PageContext:
    src_uri: str            # `faq.md`, docs-relative
    url: str                # `faq/`, site-relative directory URL
    label: str              # `docs/faq.md`: the path a contributor knows
    docs_dir: Path
    meta: dict = field(default_factory=dict)
    use_directory_urls: bool = True
    rewrites_links: bool = False    # Zensical rewrites every relative link in the HTML from the source file
    page: object = None             # the generator's page object (MkDocs Page), when there is one
    title: str = ""
    site_url: str = ""
    site_name: str = ""
    extra: dict = field(default_factory=dict)     # the config's `extra` (clinic profile …)
    nav: frozenset | None = None    # docs-relative pages listed in the config's nav (None: no nav given)
    config_dir: Path | None = None  # the directory of the config file (data files live there)
    # Set by an expansion that adds lines (warning signs): (first body line, origin), where
    # origin[i] is the 0-based line of the file's body that line i of the new text came from.
    line_map: tuple | None = None
    first_line: int | None = None   # body_line's answer, worked out once per page
    # Spanish edition (mildguide.i18n): the language the page is built in (`es` for every
    # page under es/) and the language of the file it is built from (`en` for a Spanish page
    # not yet translated: the English file, shown with a notice).
    lang: str = "en"
    content_lang: str = "en"

    @property
    def norm_src_uri(self) -> str:
        """The English page's name: `recovery.md` for `recovery.es.md`."""
        return i18n.split(self.src_uri)[0]

    @property
    def fallback(self) -> bool:
        """A page of one language built from another language's file (not translated yet)."""
        return self.content_lang != self.lang

    def localized(self, norm_src: str) -> str:
        """The file this page's language reads for `norm_src` (glossary.es.md, else glossary.md)."""
        return i18n.source_for(self.docs_dir, norm_src, self.lang)

    @property
    def canonical_url(self) -> str | None:
        if self.page is not None and getattr(self.page, "canonical_url", None):
            return self.page.canonical_url
        if not self.site_url:
            return None
        from urllib.parse import urljoin
        return urljoin(self.site_url, "" if self.url in (".", "./") else self.url)

    @property
    def project_dir(self) -> Path:
        return self.config_dir if self.config_dir is not None else self.docs_dir.parent

    def original(self, problem: Problem) -> Problem:
        """The problem with its line put back where it is in the contributor's file, after an
        expansion that added lines (mildguide.problems.through_line_map)."""
        if problem.path != self.label:
            return problem
        return through_line_map(problem, self.line_map)

    def label_of(self, src_uri: str) -> str:
        """Another docs file as problems name it (`docs/sources.md`): this page's label with
        its own name swapped for `src_uri`."""
        return self.label[: -len(self.src_uri)] + src_uri if self.label.endswith(self.src_uri) else src_uri

    @property
    def abs_path(self) -> Path:
        return self.docs_dir / self.src_uri

    def raw(self) -> str:
        try:
            return self.abs_path.read_text(encoding="utf-8-sig")
        except OSError:
            return ""

    def url_of(self, src_uri: str) -> str:
        """Site-relative URL of another page of this site (directory URLs), in this page's
        language (`sources.md` from a Spanish page is `es/sources/`)."""
        stem = i18n.split(src_uri)[0][:-3]
        parent, _, name = stem.rpartition("/")
        pre = i18n.prefix(self.lang)
        if name in ("index", "README"):
            return f"{pre}{parent}/" if parent else pre
        return f"{pre}{stem}/" if self.use_directory_urls else f"{pre}{stem}.html"

    def href_to(self, src_uri: str) -> str:
        """A link from this page to another page (by its source) that works in the built HTML.
        MkDocs leaves HTML from a postprocessor alone: give the relative URL. Zensical
        rewrites every relative link as if written in the source file: give the .md path."""
        if self.rewrites_links:
            return posixpath.relpath(src_uri, posixpath.dirname(self.src_uri) or ".")
        return self.relative(self.url_of(src_uri))

    def relative(self, target_url: str) -> str:
        """Relative URL from this page to the site-relative `target_url` (MkDocs' get_relative_url)."""
        other = self.url
        if other != ".":
            head, tail = posixpath.split(other)
            other = head if "." in tail else other
        rel = posixpath.relpath("/" + target_url, "/" + other)
        return rel + "/" if target_url.endswith("/") else rel


def page_context(md) -> PageContext | None:
    """The page `md` is rendering, from MkDocs/ProperDocs or Zensical; None outside a build.
    Worked out once per Markdown instance (generators make one per page)."""
    cached = getattr(md, "omg_page_context", None)
    if cached is not None:
        return cached
    ctx = _page_context(md)
    if ctx is not None:
        md.omg_page_context = ctx
    return ctx


def scan_context(md) -> PageContext | None:
    """page_context for a check that only reports problems: None outside a build, and None
    for a page built from another language's file (an untranslated Spanish page), whose file
    the English build has already checked. Such a check would run again only for report()
    to drop what it found."""
    ctx = page_context(md)
    return None if ctx is None or ctx.fallback else ctx


def _page_context(md) -> PageContext | None:
    tree = md.treeprocessors
    if "relpath" in tree and hasattr(tree["relpath"], "file"):          # MkDocs, ProperDocs
        proc = tree["relpath"]
        file, config = proc.file, proc.config
        base = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
        if file.abs_src_path:
            label = os.path.relpath(file.abs_src_path, base).replace(os.sep, "/")
        else:
            label = f"{os.path.basename(config.docs_dir)}/{file.src_uri}"
        page = getattr(file, "page", None)
        meta = page.meta if page is not None else {}
        # mkdocs-static-i18n sets these on each File: the language being built, the file's own.
        lang = getattr(file, "locale_alternate_of", None) or i18n.split(file.src_uri)[1]
        content_lang = getattr(file, "locale", None) or i18n.split(file.src_uri)[1]
        return PageContext(file.src_uri, file.url, label, Path(config.docs_dir), meta,
                           bool(config.use_directory_urls), page=page, lang=lang, content_lang=content_lang,
                           title=(page.title or "") if page is not None else "",
                           site_url=config.site_url or "", extra=dict(config.extra or {}),
                           site_name=config.site_name or "", nav=_config_nav_pages(config),
                           config_dir=Path(base))
    for proc in md.preprocessors:                                       # Zensical
        if type(proc).__name__ == "ContextPreprocessor" and hasattr(proc, "page"):
            page, config = proc.page, getattr(proc, "config", {}) or {}
            docs_dir = Path(config.get("docs_dir") or "docs").resolve()
            label = os.path.relpath(docs_dir / page.path, os.getcwd()).replace(os.sep, "/")
            site_url = str(config.get("site_url") or "")
            if site_url and not site_url.endswith("/"):
                site_url += "/"
            return PageContext(page.path, page.url, label, docs_dir, page.meta,
                               bool(config.get("use_directory_urls", True)), rewrites_links=True,
                               title=page.title or "", site_url=site_url,
                               extra=dict(config.get("extra") or {}),
                               site_name=str(config.get("site_name") or ""),
                               nav=_nav_pages(config.get("nav")), config_dir=docs_dir.parent)
    return None


def _config_nav_pages(config) -> frozenset | None:
    """_nav_pages of a MkDocs config, worked out once per build: kept on the config object,
    which each build (and each `serve` rebuild) loads afresh. Per page, it cost O(nav), so
    O(pages²) a build (0.6 s on 1,000 pages)."""
    store = getattr(config, "__dict__", None)
    if store is None:
        return _nav_pages(config.nav)
    cached = store.get("_omg_nav_pages")
    if cached is not None and cached[0] is config.nav:
        return cached[1]
    pages = _nav_pages(config.nav)
    store["_omg_nav_pages"] = (config.nav, pages)
    return pages


def _nav_pages(nav) -> frozenset | None:
    """Every `.md` page named in a config's nav (None when the config gives no nav)."""
    if not nav:
        return None
    out = set()

    def walk(item):
        if isinstance(item, str):
            if item.endswith(".md"):
                out.add(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, (list, tuple)):
            for value in item:
                walk(value)
    walk(nav)
    return frozenset(out)


def body_line(ctx: PageContext, text: str) -> int:
    """1-based line of the source file where `text` (the body the generator passed) starts.
    After an expansion that added lines, the body's first line as the expansion recorded it
    (report() then maps each problem's line back through ctx.line_map)."""
    if ctx.line_map:
        return ctx.line_map[0]
    if ctx.first_line is None:      # our preprocessors before the first expansion keep line counts
        ctx.first_line = _body_line(ctx, text)
    return ctx.first_line


def _body_line(ctx: PageContext, text: str) -> int:
    raw = ctx.raw()
    for candidate in (text, text.rstrip("\n")):
        stripped = raw.rstrip("\n") if candidate is not text else raw
        if candidate and stripped.endswith(candidate):
            return raw.count("\n", 0, len(stripped) - len(candidate)) + 1
    from .. import frontmatter
    try:
        return frontmatter.parse(raw, "").body_line
    except Problem:
        return 1


class _WholePage:
    """A last treeprocessor that marks the Markdown instance: from now on, postprocessors see
    the whole page. (Python-Markdown's toc also runs every postprocessor on each heading's
    text, earlier, during the treeprocessors.)"""

    def __init__(self, md):
        self.md = md

    def run(self, root):
        self.md.omg_whole_page = True
        return None


def whole_page(md) -> bool:
    """True when a postprocessor is called on the whole page, not on a heading for the toc."""
    if "mildguide_whole_page" not in md.treeprocessors:
        from markdown.treeprocessors import Treeprocessor

        class Marker(_WholePage, Treeprocessor):
            pass
        md.treeprocessors.register(Marker(md), "mildguide_whole_page", -1000)
    return bool(getattr(md, "omg_whole_page", False))


def track_whole_page(md) -> None:
    """Call in extendMarkdown of an extension whose postprocessor uses whole_page()."""
    whole_page(md)
    md.omg_whole_page = False
    if "mildguide_page_start" not in md.preprocessors:
        from markdown.preprocessors import Preprocessor

        class Start(Preprocessor):       # a reused Markdown instance starts each page afresh
            def run(self, lines):
                self.md.omg_whole_page = False
                self.md.omg_page_context = None
                return lines
        md.preprocessors.register(Start(md), "mildguide_page_start", 1000)


def report(problems, ctx: PageContext | None = None, warning: bool = False, *,
           of: PageContext | None = None) -> int:
    """Log each problem (file:line: message); also append it to $MILDGUIDE_PROBLEMS.
    With the page's `ctx`, lines are mapped back through an expansion that added lines.
    `warning=True` logs a WARNING (MkDocs' strict mode still fails the build on it).
    `of=ctx`: the page reporting (without mapping lines): nothing is reported for a page built
    from another language's file (an untranslated Spanish page: the English build reports it).
    A check that only reports starts from scan_context() instead, which skips such a page."""
    if of is not None and of.fallback:
        return 0
    problems = list(problems)
    if not problems:
        return 0
    if ctx is not None:
        if ctx.fallback:        # an untranslated page's file: the English build reports it
            return 0
        problems = [ctx.original(p) for p in problems]
    out = os.environ.get(PROBLEMS_ENV)
    for problem in problems:
        (log.warning if warning else log.error)(str(problem))
    if out:
        with open(out, "a", encoding="utf-8") as handle:
            handle.write("".join(f"{p}\n" for p in problems))
    return len(problems)
