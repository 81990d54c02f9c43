"""The link checker's two passes over the built site, and the site-level checks (nav,
orphans, Markdown links written as built addresses). Collects (collect), resolves (resolve)
and reports (report) through the other modules.
"""
from __future__ import annotations

import json
import os
import posixpath
from collections import deque
from urllib.parse import unquote

from lxml import etree

from ... import i18n, pagecache
from .collect import JSON_IDENTIFIER_KEYS, scan_page, scan_tree
from .model import Problem, SiteInfo
from .registry import REGISTRY_FILE, URL_VALUE, external_problems
from .report import Reporter
from .resolve import HAS_SCHEME, Resolver

PARALLEL_FROM = 200          # pages; below this, worker start-up costs more than it saves


class _Checker:
    def __init__(self, info: SiteInfo, trees: dict | None = None):
        self.info = info
        self.trees = trees or {}       # site-relative file -> parsed tree, parsed by the caller
        self.site = info.site_dir
        self.resolve = Resolver(info.site_dir, info.site_url, self.trees)
        self.reporter = Reporter(info)
        self.externals: dict[str, str] = {}      # url -> first place seen (for the online check)
        self.edges: dict[str, set[str]] = {}     # html file -> html files it links to
        self._good: dict[tuple[str, str, bool], str] = {}

    def check_url(self, url: str, built: str, base_dir: str, in_content: bool, html_edge: bool = True) -> None:
        # Memo of links already found good: "../../x/" from a/b/ is "x/" from the root, so the
        # nav, which repeats on every page, is resolved once per depth, not once per page.
        rbase, rurl = base_dir, url
        while rurl.startswith("../") and rbase:
            rbase = rbase.rpartition("/")[0]
            rurl = rurl[3:]
        memo_key = (rbase, rurl, html_edge)
        if not rurl.startswith("#"):
            hit = self._good.get(memo_key)
            if hit is not None:
                if hit and html_edge:
                    self.edges.setdefault(built, set()).add(hit)
                return
        before = len(self.reporter.problems)
        self._check_url(url, built, base_dir, in_content, html_edge)
        if len(self.reporter.problems) == before and not rurl.startswith("#") and not self.reporter.theme_seen_changed:
            kind, path, _ = self.resolve.classify(url, base_dir) if html_edge else ("", None, None)
            target = self.resolve.target_file(path) if kind == "internal" and path is not None else None
            self._good[memo_key] = target if target and target.endswith(".html") else ""
        self.reporter.theme_seen_changed = False

    def _check_url(self, url: str, built: str, base_dir: str, in_content: bool, html_edge: bool = True) -> None:
        kind, path, frag = self.resolve.classify(url, base_dir)
        self.reporter.key = (url if kind != "internal" else
                     f"{built if path is None else path}#{frag or ''}")
        if kind == "skip":
            return
        if kind == "bad":
            if path.startswith("`javascript:"):
                self.reporter.report(built, in_content, "javascript: URL (scripts are not allowed)", url)
            else:
                self.reporter.report(built, in_content, f"unsupported link: {path}", url)
            return
        if kind == "external":
            for what in external_problems(url):
                self.reporter.report(built, in_content, what, url)
            if self.info.registry.note_for(url) is None:
                self.reporter.report(built, in_content,
                            f"external URL is not in the links registry ({REGISTRY_FILE} or docs/sources.md)", url)
            self.externals.setdefault(url, built)
            return
        target = built if path is None else self.resolve.target(path)
        if target is None:
            self.reporter.report(built, in_content, "link target does not exist in the built site", url)
            return
        if html_edge and target.endswith(".html"):
            self.edges.setdefault(built, set()).add(target)
        if frag and not frag.startswith(":~:") and frag != "top":
            ids = self.resolve.ids_of(target)
            if ids is not None and unquote(frag) not in ids:
                where = "this page" if target == built else self.info.pages.get(target, target)
                self.reporter.report(built, in_content, f"anchor #{unquote(frag)} does not exist in {where}", url)

    # -- file kinds ---------------------------------------------------------
    def scan_html(self, file: str, scanned=None):
        """Pass 1: record one page's ids; return what pass 2 needs to check."""
        if scanned is None:
            scanned = scan_page(str(self.site / file))
        if not scanned:
            self.reporter.built(file, "cannot parse HTML")
            self.resolve.ids[file] = set()
            return None
        ids, content_urls, all_urls, extra, json_data, unsafe, bad_json = scanned
        self.resolve.ids[file] = set(ids)
        for message, target in unsafe:
            self.reporter.report(file, True, message, target)
        if bad_json:
            self.reporter.built(file, "invalid JSON-LD")
        return content_urls, all_urls, extra, json_data

    def check_html(self, file: str, scanned) -> None:
        """Pass 2: check the links of one page (every page's ids are known by now)."""
        if scanned is None:
            return
        content_urls, all_urls, extra, json_data = scanned
        base_dir = posixpath.dirname(file)
        content = set(content_urls)
        for url in dict.fromkeys(content_urls):
            self.check_url(url, file, base_dir, True)
        for url in dict.fromkeys(all_urls):
            if url not in content:
                self.check_url(url, file, base_dir, False)
        for url in extra:
            self.check_url(url, file, base_dir, False, html_edge=False)
        for data in json_data:
            self._check_json_value(data, file, base_dir)

    def check_sitemap(self, file: str) -> None:
        try:
            root = etree.parse(str(self.site / file)).getroot()
        except etree.XMLSyntaxError as err:
            self.reporter.built(file, f"invalid XML: {err}")
            return
        for loc in root.iter("{*}loc"):
            url = (loc.text or "").strip()
            if self.resolve.site_url and not url.startswith(self.resolve.site_url):
                self.reporter.built(file, "sitemap URL is not under site_url", url)
                continue
            self.check_url(url, file, "", False, html_edge=False)

    def check_json(self, file: str) -> None:
        text = (self.site / file).read_text(encoding="utf-8")
        # make serve: the addresses of a JSON file whose text did not change are not looked for again
        error, urls = pagecache.memo("link check json", lambda: (file, text), lambda: _json_urls(file, text))
        if error:
            self.reporter.built(file, f"invalid JSON: {error}")
        for url in urls:
            self.check_url(url, file, "", False, html_edge=False)

    def _check_json_value(self, data, file: str, base_dir: str) -> None:
        for url in _urls_in(data):
            self.check_url(url, file, base_dir, False, html_edge=False)

    # -- site-level ---------------------------------------------------------
    def check_pages(self) -> None:
        info = self.info
        if info.docs_dir is None:
            return
        for dest, src in sorted(info.pages.items(), key=lambda kv: kv[1]):
            # a translation (`page.es.md`) is in the nav where its English page is
            src_of_nav = i18n.split(src)[0]
            if info.nav_pages is not None and src_of_nav not in info.nav_pages and src_of_nav not in info.not_in_nav:
                self.reporter.add(Problem(info.src_label(src), None,
                                             "page is not in the nav and not listed in mkdocs.yml not_in_nav",
                                             src))
        if not info.check_reachability:
            return
        start = "index.html"
        if start not in self.resolve.files:
            return
        reached = {start}
        queue = deque([start])
        # Walk only through pages made from Markdown: a generated page (an embed of every
        # page, say) linking to a page does not make it reachable for a reader of the guide.
        while queue:
            for nxt in self.edges.get(queue.popleft(), ()):
                if nxt not in reached and nxt in info.pages:
                    reached.add(nxt)
                    queue.append(nxt)
        for dest, src in sorted(info.pages.items(), key=lambda kv: kv[1]):
            if dest in self.resolve.files and dest not in reached:
                self.reporter.add(Problem(info.src_label(src), None,
                                             "orphan page: no chain of links from the home page through "
                                             "the guide's pages leads to it",
                                             dest))

    def check_markdown_links(self) -> None:
        """A Markdown link written as a built page's address (`../before/`) works in the built
        HTML, but MkDocs only warns without a line ("unrecognized relative link") and other
        generators may rewrite it: name the line, and the `.md` link to write instead."""
        info = self.info
        if info.docs_dir is None:
            return
        seen = set()
        for dest, src in sorted(info.pages.items(), key=lambda kv: kv[1]):
            base_dir = posixpath.dirname(dest)
            for line, url in self.reporter.markdown.links(src):
                if (src, line, url) in seen or HAS_SCHEME.match(url) or url[0] in "/#":
                    continue
                path_part = url.split("#", 1)[0].split("?", 1)[0]
                if path_part.endswith(".md"):
                    continue
                kind, path, frag = self.resolve.classify(url, base_dir)
                target = self.resolve.target(path) if kind == "internal" and path is not None else None
                if target not in info.pages:
                    continue
                seen.add((src, line, url))
                md = posixpath.relpath(i18n.split(info.pages[target])[0], posixpath.dirname(src) or ".")
                md += f"#{frag}" if frag else ""
                self.reporter.add(Problem(info.src_label(src), line,
                                          "link written as a built page's address: link to the Markdown "
                                          f"file instead: {md}", url))

    def run(self) -> list[Problem]:
        pages = sorted(f for f in self.resolve.files if f.endswith((".html", ".htm")))
        workers = min(os.cpu_count() or 1, 8)
        if self.trees:
            scanned = {file: self.scan_html(file, scan_tree(self.trees[file]) if file in self.trees else None)
                       for file in pages}
        elif len(pages) >= PARALLEL_FROM and workers > 1:
            from concurrent.futures import ProcessPoolExecutor
            with ProcessPoolExecutor(max_workers=workers) as pool:
                results = pool.map(scan_page, [str(self.site / f) for f in pages], chunksize=16)
                scanned = {file: self.scan_html(file, result if result is not None else False)
                           for file, result in zip(pages, results)}
        else:
            scanned = {file: self.scan_html(file) for file in pages}
        for file in pages:
            self.check_html(file, scanned.pop(file))
        for file in sorted(self.resolve.files):
            if file.endswith("sitemap.xml"):
                self.check_sitemap(file)
            elif file.endswith(".json"):
                self.check_json(file)
        self.check_pages()
        self.check_markdown_links()
        return self.info.registry.problems + self.reporter.finish()


def _json_urls(file: str, text: str) -> tuple[str | None, list[str]]:
    """(the parse error or None, the addresses to check, in order) of one built JSON file."""
    try:
        data = json.loads(text)
    except ValueError as err:
        return str(err), []
    if file.endswith("search/search_index.json") and isinstance(data, dict):
        locations = (doc.get("location") if isinstance(doc, dict) else None for doc in data.get("docs", []))
        return None, [loc or "./" for loc in dict.fromkeys(loc for loc in locations if isinstance(loc, str))]
    return None, list(_urls_in(data))


def _urls_in(data):
    """Every string value of `data` that looks like an address (not an identifier's)."""
    stack = [(None, data)]
    while stack:
        key, value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.items())
        elif isinstance(value, list):
            stack.extend((key, v) for v in value)
        elif isinstance(value, str) and key not in JSON_IDENTIFIER_KEYS and URL_VALUE.match(value):
            yield value


def check_site(info: SiteInfo, trees: dict | None = None) -> list[Problem]:
    """Check the built site described by `info`; return the problems found (empty = pass).
    `trees`: site-relative HTML file -> its parsed tree, when the caller has parsed them."""
    return _Checker(info, trees).run()


def check_site_collect(info: SiteInfo, trees: dict | None = None) -> tuple[list[Problem], dict[str, str]]:
    """Like check_site, and also return every external URL seen -> built file it was seen in."""
    checker = _Checker(info, trees)
    return checker.run(), checker.externals
