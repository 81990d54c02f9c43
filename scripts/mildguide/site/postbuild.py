"""One post-build pass over the built site, for every generator.

    python -m mildguide.site.postbuild --config mkdocs.yml --site site [--report FILE]

It walks the built site, parses each built HTML page ONCE (lxml) and hands the parsed pages to
each site step in STEPS, in order: the stylesheet bundle, the embed catalogue, embed pages,
the JSON export, oEmbed files (and their discovery links), the published JSON Schemas, the
changes list and feed, page weight, robots.txt, security headers (`_headers`), the link check.
A step that writes a new HTML page (an embed) registers it with `site.write()`, which parses
that page once too, so the later steps (headers, link check) see it. The HTML texts stay in
memory (`site.texts`; a step that only edits one calls `site.set_text()`), and `write_pages`
writes each changed file once, before the steps that read the folder.

Runs from one thin MkDocs hook (scripts/hooks/postbuild.py, on_post_build) during `mkdocs
build`/`serve`, and as this command after a generator that runs no MkDocs hooks (Zensical).
Problems come out as `docs/page.md:LINE: …`; the hook logs them as warnings (a strict build
fails), the command prints them and exits 1.

Nothing is kept at module level: every run builds a new `Site`, so one `serve` rebuild never
sees another's pages.

To add a site step: write `def my_step(site: Site) -> None` (read `site.pages`,
`site.content_pages()`, `site.trees`, `site.texts`; write with `site.write()`; report with `site.problem()`)
and add it to STEPS below, before `headers` if it writes HTML.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from .. import content as C
from .. import i18n, pagecache
from ..settings import Settings, nav_entries
from .cite_tips import TIPS_SCRIPT, move, restore

# Theme furniture inside <article>, around the page's own content (overrides/main.html and
# Material's partials/content.html): not part of what embeds and the export carry.
FURNITURE = etree.XPath(
    "./aside[contains(concat(' ', normalize-space(@class), ' '), ' omg-clinic ')]"
    " | ./aside[contains(concat(' ', normalize-space(@class), ' '), ' omg-disclaimer ')]"
    " | ./div[contains(concat(' ', normalize-space(@class), ' '), ' omg-trust ')]"
    " | ./p[contains(concat(' ', normalize-space(@class), ' '), ' omg-print-row ')]"
    " | ./p[contains(concat(' ', normalize-space(@class), ' '), ' omg-print-credit ')]"
    " | ./a[contains(concat(' ', normalize-space(@class), ' '), ' md-content__button ')]"
    " | ./aside[contains(concat(' ', normalize-space(@class), ' '), ' md-source-file ')]"
    " | ./form[contains(concat(' ', normalize-space(@class), ' '), ' md-feedback ')]"
    " | ./aside[contains(concat(' ', normalize-space(@class), ' '), ' omg-i18n-notice ')]"
    " | ./aside[contains(concat(' ', normalize-space(@class), ' '), ' omg-translation-draft ')]"
    " | ./div[contains(concat(' ', normalize-space(@class), ' '), ' omg-translation-credit ')]")
ARTICLE = etree.XPath("//article[contains(concat(' ', normalize-space(@class), ' '), ' md-content__inner ')]")


HTML = (".html", ".htm")


def _parser():
    return lxml_html.HTMLParser(encoding="utf-8")


@dataclass
class Page:
    """One Markdown page and its built HTML."""
    src_uri: str
    url: str              # site-relative directory URL: `faq/`, `` for the home page
    dest: str             # site-relative built file: `faq/index.html`
    meta: dict
    title: str
    in_nav: bool
    tree: object = None   # the parsed built page (None when the generator did not write it)
    _content: object = field(default=None, repr=False)
    lang: str = "en"          # the edition it is built in: `es` for every page under es/
    content_lang: str = "en"  # the language of its file: `en` for a Spanish page not translated yet

    _widgets: object = field(default=None, repr=False)

    def widgets(self) -> list:
        """The embeddable widgets this page holds (mildguide.site.embed), found once."""
        if self._widgets is None:
            from . import embed as E
            self._widgets = E.find_widgets(self.slug, self.content(), self.title, self.prefix)
        return self._widgets

    @property
    def norm_src(self) -> str:
        """The English page's name (`recovery.md` for `recovery.es.md`)."""
        return i18n.split(self.src_uri)[0]

    @property
    def slug(self) -> str:
        return C.page_slug(self.norm_src)

    @property
    def prefix(self) -> str:
        return i18n.prefix(self.lang)

    @property
    def fallback(self) -> bool:
        """Built from another language's file (a Spanish page not translated yet)."""
        return self.lang != self.content_lang

    def content(self):
        """The page's own content as a <div> element (shared; callers copy it via C.as_root).
        Theme furniture (edit button, clinic box, disclaimer) is left out."""
        if self._content is None:
            box = C.fragment("")
            articles = ARTICLE(self.tree) if self.tree is not None else []
            if articles:
                import copy
                article = copy.deepcopy(articles[0])
                for el in FURNITURE(article):
                    tail = el.tail
                    el.tail = None
                    prev = el.getprevious()
                    parent = el.getparent()
                    parent.remove(el)
                    if tail and tail.strip():
                        if prev is not None:
                            prev.tail = (prev.tail or "") + tail
                        else:
                            parent.text = (parent.text or "") + tail
                # Template whitespace around the content is not the page's: trim it.
                box.text = (article.text or "").lstrip() or None
                for child in list(article):
                    box.append(child)
                if len(box):
                    box[-1].tail = (box[-1].tail or "").rstrip() or None
            self._content = box
        return self._content


class Site:
    """A built site and everything the steps share in one run."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.dir = Path(settings.site_dir)
        self.problems: list[str] = []
        self.externals: dict[str, str] = {}
        self.trees: dict[str, object] = {}
        self.parser = _parser()
        self._registry = None
        self._entries = None
        self._registry_key = None        # its repr, for make serve's memo (_page_key)
        self._clinic = None
        self.exports: dict = {}      # what json_export wrote, for the changes step
        # Every HTML file's current text: the steps edit it here, and `write_pages` writes
        # each changed file once (before `headers` and the link check, which read the folder).
        self.texts: dict[str, str] = {}
        self._unwritten: set[str] = set()
        for dirpath, dirnames, filenames in os.walk(self.dir):
            dirnames.sort()
            rel = os.path.relpath(dirpath, self.dir).replace(os.sep, "/")
            for name in sorted(filenames):
                if name.endswith(HTML):
                    file = name if rel == "." else f"{rel}/{name}"
                    try:
                        data = (self.dir / file).read_bytes()
                    except OSError:
                        self.trees[file] = None
                        continue
                    text = data.decode("utf-8", "surrogateescape")
                    # a page this pass already ran over gets its citation titles back (cite_tips)
                    if TIPS_SCRIPT in text:
                        text = restore(text)
                        data = text.encode("utf-8", "surrogateescape")
                    self.texts[file] = text
                    self.trees[file] = self._parse(data)
        self.pages = self._pages()

    # -- parsing and the HTML texts ----------------------------------------------------------
    def _parse(self, data: bytes):
        """The one parse of an HTML file's bytes (None when lxml finds no document)."""
        try:
            return etree.ElementTree(lxml_html.document_fromstring(data, parser=self.parser))
        except (etree.XMLSyntaxError, ValueError):
            return None

    def parse_text(self, text: str):
        return self._parse(text.encode("utf-8", "surrogateescape"))

    def text(self, rel: str) -> str | None:
        """The current text of a site file: an HTML file from memory (as the earlier steps left
        it), any other from the folder; None when there is no such file."""
        if rel in self.texts:
            return self.texts[rel]
        path = self.dir / rel
        return path.read_text(encoding="utf-8") if path.is_file() else None

    def set_text(self, rel: str, text: str) -> None:
        """A new text for an HTML file whose parsed tree stays valid (whitespace, or a change
        the step also made to the tree): written by `write_pages`, not parsed again."""
        if self.texts.get(rel) != text:
            self.texts[rel] = text
            self._unwritten.add(rel)

    def write(self, rel: str, text: str) -> None:
        """Write a file into the site; an HTML file is parsed once for the later steps (and
        written to the folder by `write_pages`)."""
        if rel.endswith(HTML):
            self.texts[rel] = text
            self._unwritten.add(rel)
            self.trees[rel] = self.parse_text(text)
            return
        path = self.dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def flush(self) -> None:
        """Write every HTML file a step changed, once."""
        for rel in sorted(self._unwritten):
            path = self.dir / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(self.texts[rel].encode("utf-8", "surrogateescape"))
        self._unwritten.clear()

    def problem(self, message: str) -> None:
        self.problems.append(message)

    # -- pages -------------------------------------------------------------------------------
    def _pages(self) -> list[Page]:
        """Every page of every language: the English pages, then the same pages under es/
        (each from its .es.md file, or from the English file when it is not translated yet)."""
        s = self.settings
        nav = nav_entries(s.nav) if s.nav else []
        nav_titles = {src: title for title, src in nav}
        files = s.markdown_files()
        english = [f for f in files if not i18n.is_translation(f)]
        for orphan in sorted(set(files) - set(english)):
            norm, lang = i18n.split(orphan)
            if norm not in english and lang in s.languages:
                self.problem(f"docs/{orphan}: a translation of docs/{norm}, which does not exist "
                             "(a Spanish page keeps the English page's file name, plus .es)")
        order = {src: i for i, src in enumerate(sorted(english, key=_file_sort_key))}
        out = []
        for lang in s.languages:
            if lang != i18n.DEFAULT and not (self.dir / i18n.prefix(lang)).is_dir():
                continue        # a generator that did not build this language (Zensical)
            for norm in sorted(english, key=lambda f: order[f]):
                src = norm if lang == i18n.DEFAULT else i18n.source_for(s.docs_dir, norm, lang)
                meta = _front_matter(s.docs_dir / src)
                url = i18n.prefix(lang) + s.page_url(norm)
                dest = url if url.endswith(".html") else f"{url}index.html"
                tree = self.trees.get(dest)
                title = meta.get("title") or (nav_titles.get(norm) if lang == i18n.DEFAULT else None) \
                    or _h1(tree) or C.page_slug(norm)
                out.append(Page(src, url, dest, meta, str(title),
                                norm in nav_titles if s.nav else True, tree,
                                lang=lang, content_lang=i18n.split(src)[1]))
        return out

    def content_pages(self, lang: str | None = None) -> list[Page]:
        """Pages that get embeds and exports: built, in the nav, front matter not `embed: false`;
        in the Spanish edition only translated pages (an untranslated one is the English page,
        whose embed and export are the English ones). `lang`: only that edition's pages."""
        return [p for p in self.pages if p.tree is not None and p.in_nav and p.meta.get("embed") is not False
                and not p.fallback and (lang is None or p.lang == lang)]

    @property
    def entries(self) -> dict:
        """The sources registry with each entry's line (mildguide.page.sources.Source), parsed
        once for every step; {} without docs/sources.md or when its front matter does not
        parse (the citations extension reports that with its line). Its groups are not checked
        here: an entry without one is still an entry a page may leave uncited."""
        if self._entries is None:
            from ..page.sources import read_registry
            path = self.settings.docs_dir / SOURCES_PAGE
            self._entries = read_registry(path.read_text(encoding="utf-8-sig"), self.label(path),
                                          None)[0] if path.is_file() else {}
        return self._entries

    @property
    def registry(self) -> dict:
        """The registry as the embeds and the export read it (mildguide.content.Source)."""
        if self._registry is None:
            self._registry = {ident: C.Source.of_entry(ident, src.title, src.url, src.doi, src.kind, src.details,
                                                       src.group)
                              for ident, src in self.entries.items()}
        return self._registry

    def label(self, path) -> str:
        """How a problem names a project file: its path from the project folder (docs/faq.md)."""
        return os.path.relpath(path, self.settings.project_dir).replace(os.sep, "/")

    def brand(self, lang: str = "en") -> str:
        """The site's title in `lang` for embed, iframe and oEmbed titles: a clinic's
        site_title (site_title_es on Spanish pages, else the English one), else the guide's name."""
        from ..clinic import text_in
        return (text_in(self.clinic, "site_title", lang)[0] if self.clinic else None) or C.GUIDE_NAME

    @property
    def clinic(self) -> dict | None:
        """The clinic profile (validated; None for the neutral guide)."""
        if self._clinic is None:
            profile = self.settings.extra.get("clinic") or {}
            if profile and not self.settings.clinic_validated:
                from .. import clinic as K
                profile = K.validate(profile, str(self.settings.config_file), str(self.settings.docs_dir))
            self._clinic = dict(profile) if profile else {}
        return self._clinic or None


def _file_sort_key(src: str):
    """MkDocs' file order: in each folder, index/README first, then by name."""
    return tuple((not part.startswith(("index.", "README.")), part) for part in src.split("/"))


def _front_matter(path: Path) -> dict:
    import re

    import yaml
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError:
        return {}
    match = re.match(r"^-{3}[ \t]*\n(.*?\n)(?:-{3}|\.{3})[ \t]*(\n|$)", text, re.S)
    if not match:
        return {}
    try:
        data = C.load_yaml(match.group(1))
    except (yaml.YAMLError, ValueError):      # ValueError: no such date (2026-02-30), reported by mdext
        return {}
    return data if isinstance(data, dict) else {}


def _h1(tree) -> str | None:
    if tree is None:
        return None
    found = tree.xpath("//article//h1[1]")
    return C.text_of(found[0]).rstrip("¶").strip() if found else None


# --------------------------------------------------------------------------- the steps

def stylesheet_bundle(site: Site) -> None:
    """Our stylesheets joined into one (mildguide.site.stylesheets), when extra_css lists the bundle."""
    from . import stylesheets as S
    if S.BUNDLE in site.settings.extra_css:
        files = S.sources(site.settings.extra)
        missing = [f for f in files if not (site.settings.docs_dir / f).is_file()]
        for f in missing:
            site.problem(f"{site.settings.config_file.name}: extra.stylesheets lists {f}, which is not in docs/")
        site.write(S.BUNDLE, S.bundle_css(site.settings.docs_dir, [f for f in files if f not in missing]))


def embed_catalogue(site: Site) -> None:
    """The page holding `<!-- embed-widgets -->` (docs/embedding.md, and its Spanish page) gets
    the widget catalogue: its own language's widgets first, then the other language's (so the
    English page lists the Spanish widgets too). Runs after `embeds`: a widget's fixed height
    for the no-script snippet may be estimated from its embed page."""
    from . import embed as E
    hosts = [p for p in site.pages if p.tree is not None and E.SNIPPET_PLACEHOLDER in site.texts.get(p.dest, "")]
    if not hosts:
        return
    for host in hosts:
        pages = site.content_pages(host.lang)
        widgets = _all_widgets(pages)
        others = [w for lang in site.settings.languages if lang != host.lang
                  for w in _all_widgets(site.content_pages(lang))]
        text = site.texts[host.dest]
        html = E.catalogue_html(widgets, [(p.slug, p.title) for p in pages], host.url,
                                site.settings.site_url, host.prefix, _embed_html(site),
                                brand=site.brand(host.lang), other_widgets=others)
        text = text.replace(E.ATTRIBUTION_PLACEHOLDER, E.attribution_html(site.settings.site_url, host.lang))
        site.write(host.dest, text.replace(E.SNIPPET_PLACEHOLDER, html))
        host.tree, host._content, host._widgets = site.trees[host.dest], None, None


def _page_key(site: Site, page: Page) -> tuple:
    """What a page's embeds and export are made from, for `make serve`'s memo
    (mildguide.pagecache.memo): its content, its metadata and the sources registry. Worked out
    once per page content (three steps ask; embed_catalogue gives its host a new content)."""
    content = page.content()
    known = page.__dict__.get("_memo_key")
    if known is None or known[0] is not content:
        if site._registry_key is None:
            site._registry_key = pagecache.digest(repr(sorted(site.registry.items())))
        known = (content, (page.src_uri, page.url, page.lang, page.title, page.meta, page.prefix,
                           pagecache.digest(etree.tostring(content)), site._registry_key))
        page.__dict__["_memo_key"] = known
    return known[1]


def _embed_html(site: Site):
    """embed path -> its built HTML ('' if missing), read on demand."""
    def read(path: str) -> str:
        return site.text(path + "index.html") or ""
    return read


def embeds(site: Site) -> None:
    """Chrome-less embed pages: `embed/<page>/` and `embed/<page>/<widget>/` (`es/embed/…` for
    the Spanish edition)."""
    from . import embed as E
    from .stylesheets import embed_css
    clinic = site.clinic
    extra_css = embed_css(site.settings.extra, site.settings.extra_css)
    for page in site.content_pages():
        def build(page=page) -> list[tuple[str, str]]:
            content = page.content()
            url = E.page_embed_url(page.slug, page.prefix)
            out = []
            # A one-topic FAQ page is its own widget, at the page's embed address: the widget's
            # embed is the one written there, so the page's is not made only to be replaced.
            if all(w.url != url for w in page.widgets()):
                body = C.as_root(content)
                C.strip_chrome(body)
                for h1 in body.xpath("./h1")[:1]:
                    h1.drop_tree()
                page_sources = C.split_page_sources(body)
                out.append((url + "index.html", E.build_embed(
                    title=page.title, body=body, page_url=page.url, embed_url=url, meta=page.meta,
                    page_title=page.title, registry=site.registry, clinic=clinic, extra_css=extra_css,
                    page_sources=page_sources, lang=page.lang, brand=site.brand(page.lang))))
            for w in page.widgets():
                body = E.widget_fragment(w, content)
                out.append((w.url + "index.html", E.build_embed(
                    title=w.title, body=body, page_url=page.url, embed_url=w.url, meta=page.meta,
                    page_title=page.title, registry=site.registry, clinic=clinic, extra_css=extra_css,
                    lang=page.lang, brand=site.brand(page.lang))))
            return out
        for rel, text in pagecache.memo("embeds", lambda page=page: (_page_key(site, page), clinic, extra_css), build):
            site.write(rel, text)


SUMMARY = ("slug", "lang", "title", "description", "reviewed", "next_review", "modified", "content_hash",
           "url", "embed_url")     # what export.index_record and the changes step read of a page record


def json_export(site: Site) -> None:
    """`api/pages/<page>.json` for every content page and `api/index.json`; the Spanish
    edition's under `es/api/`, each record with its `lang` (and a Spanish page's translation
    state: mildguide.translation), each page and widget with its `modified` and
    `content_hash` (mildguide.site.versions)."""
    from . import embed as E
    from . import export as X
    from .. import translation as T
    from . import versions as V
    s = site.settings
    git = V.git_dates(s.docs_dir)
    exported = {"pages": [], "widgets": [], "widget_versions": {}}
    for lang in s.languages:
        if lang != i18n.DEFAULT and not any(p.lang == lang for p in site.pages):
            continue
        records = []
        pages = site.content_pages(lang)
        widget_versions = {}
        for page in pages:
            translation = None
            if lang != i18n.DEFAULT:
                st = T.state(s.docs_dir, page.norm_src, lang, s.project_dir)
                tr = page.meta.get("translation") if isinstance(page.meta.get("translation"), dict) else {}
                review = tr.get("medical_translator_review")
                translation = {
                    "of": X._url(s.site_url, s.page_url(page.norm_src), f"{page.prefix}{X.API_DIR}pages/"),
                    "state": st.state if st.state != "missing" else "unstamped",
                    "since": st.since.isoformat() if st.since else None,
                    "translated_by": str(tr["translated_by"]) if tr.get("translated_by") else None,
                    "medical_translator_review": (str(review.get("by")) if isinstance(review, dict)
                                                  and review.get("by") else None),
                }
            modified = V.modified(C.iso_date(page.meta.get("reviewed")), git.get(page.src_uri))

            def export(page=page, lang=lang, translation=translation, modified=modified):
                record = X.page_record(slug=page.slug, title=page.title,
                                       description=page.meta.get("description", ""), meta=page.meta,
                                       page_url=page.url, content_html=page.content(),
                                       site_url=s.site_url, registry=site.registry,
                                       lang=lang, translation=translation, modified=modified,
                                       clinic=site.clinic)
                # the file's text, and the fields the index and the changes feed read
                return ({k: record[k] for k in SUMMARY if k in record}, _json(record),
                        [(w.url, X.widget_hash(E.widget_fragment(w, page.content()))) for w in page.widgets()])
            record, text, hashes = pagecache.memo("export", lambda: (_page_key(site, page), s.site_url, lang,
                                                                     translation, modified, site.clinic), export)
            site.write(X.page_json_url(page.slug, i18n.prefix(lang)), text)
            records.append(record)
            for url, digest in hashes:
                widget_versions[url] = (record["modified"], digest)
        if lang != i18n.DEFAULT and not records:
            continue
        widgets = _all_widgets(pages)
        exported["pages"] += records
        exported["widgets"] += widgets
        exported["widget_versions"].update(widget_versions)
        site.write(i18n.prefix(lang) + X.API_DIR + "index.json", _json(X.index_record(
            site_name=s.site_name_in(lang), site_url=s.site_url, pages=records, widgets=widgets,
            widget_versions=widget_versions, clinic=site.clinic, lang=lang)))
    exported["git"] = git
    site.exports = exported




def oembed(site: Site) -> None:
    """`oembed/<page>.json` for each page's embed, and its discovery <link> in the page's <head>."""
    from . import embed as E
    from . import export as X
    from . import oembed as O
    from ..attribution import GUIDE_URL
    s = site.settings
    clinic = site.clinic
    provider = (clinic or {}).get("name") or s.site_name or C.GUIDE_NAME
    provider_url = X._url(s.site_url, "", "")
    for page in site.content_pages():
        embed_path = E.page_embed_url(page.slug, page.prefix)
        record = O.oembed_record(title=page.title, embed_path=embed_path,
                                 embed_html=site.text(embed_path + "index.html"),
                                 site_url=s.site_url, provider_name=provider,
                                 provider_url=provider_url or "./",
                                 author_name=C.GUIDE_NAME, author_url=GUIDE_URL, brand=site.brand(page.lang))
        site.write(page.prefix + O.oembed_url(page.slug), _json(record))
        href = X._url(s.site_url, page.prefix + O.oembed_url(page.slug), page.url)
        site.set_text(page.dest, O.add_discovery(site.texts[page.dest],
                                                 O.discovery_link(href, page.title, site.brand(page.lang))))
        # the same <link> into the parsed page, so later steps see it without a second parse
        heads = page.tree.xpath("/html/head")
        if heads and not heads[0].xpath(f"link[@type='{O.TYPE}']"):
            etree.SubElement(heads[0], "link", {"rel": O.REL, "type": O.TYPE, "href": href})


def embed_redirects(site: Site) -> None:
    """A redirect page at each old embed address listed in `extra.embed_redirects`."""
    from . import embed_redirects as R
    redirects = site.settings.extra.get("embed_redirects") or {}
    problems = R.check(redirects, site.settings.config_file.name)
    for problem in problems:
        site.problem(problem)
    if problems:
        return
    for old, new in sorted(redirects.items()):
        if site.text(old + "index.html") is not None:
            site.problem(f"{site.settings.config_file.name}: extra.embed_redirects: {old} still exists; "
                         f"a redirect would replace it")
        elif site.text(new + "index.html") is None:
            site.problem(f"{site.settings.config_file.name}: extra.embed_redirects: {old} points to {new}, "
                         f"which the build did not write")
        else:
            site.write(old + "index.html", R.redirect_page(old, new, site.settings.site_name or C.GUIDE_NAME))


def published_schemas(site: Site) -> None:
    """The JSON Schemas of the exports (schemas/ in the repository) at `schemas/<name>` in the
    site, each `$id` rewritten to the address it is published at (site_url + schemas/<name>)."""
    from . import export as X
    s = site.settings
    folder = s.project_dir / "schemas"
    for path in sorted(folder.glob("*.schema.json")) if folder.is_dir() else []:
        try:
            schema = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as error:
            site.problem(f"schemas/{path.name}: invalid JSON: {error}")
            continue
        schema["$id"] = X.schema_url(s.site_url, path.name, "") if s.site_url else path.name
        site.write(X.SCHEMA_DIR + path.name, _json(schema))


def changes(site: Site) -> None:
    """`changes.json` and the Atom feed `changes.xml`: every page and widget with its
    `modified` and `content_hash`, newest first, so a clinic sees when to re-check its copy."""
    from . import embed as E
    from . import export as X
    from . import versions as V
    exported = site.exports
    if not exported:
        return
    s = site.settings

    def url(path: str) -> str:
        return X._url(s.site_url, path, "")

    items = []
    sections = {}                                 # (lang, slug) -> changed sections of its file
    head: list[str | None] = []                   # make serve's memo key: the commit checked out

    def key_of(src: str):
        if not head:
            head.append(V.head(s.docs_dir))
        return head[0], str(s.docs_dir), src, (s.docs_dir / src).read_bytes()

    pages = {(r["lang"], r["slug"]): next(p for p in site.pages if p.slug == r["slug"] and p.lang == r["lang"])
             for r in exported["pages"]}
    # A file git has no commit for (a copy outside git, a new page) has no last change: no
    # git process for it (json_export's one `git log` listed the files).
    in_git = [p.src_uri for p in pages.values() if p.src_uri in exported["git"]]
    found = pagecache.memo_each("changed sections", in_git, key_of,
                                lambda srcs: V.changed_sections_of(s.docs_dir, srcs))
    for r in exported["pages"]:
        prefix = i18n.prefix(r["lang"])
        page = pages[(r["lang"], r["slug"])]
        sections[(r["lang"], r["slug"])] = found.get(page.src_uri)
        page_url = r["url"] if s.site_url else url(page.url)
        items.append({"type": "page", "id": prefix + r["slug"], "lang": r["lang"], "title": r["title"],
                      "url": page_url, "embed_url": url(E.page_embed_url(r["slug"], prefix)),
                      "json": url(X.page_json_url(r["slug"], prefix)), "reviewed": r["reviewed"],
                      "modified": r["modified"], "content_hash": r["content_hash"],
                      "what_changed": V.what_changed(sections[(r["lang"], r["slug"])], r["lang"], r["reviewed"])})
    page_ids = {i["id"] for i in items}
    for w in exported["widgets"]:
        modified, digest = exported["widget_versions"].get(w.url, (None, None))
        lang = i18n.lang_of_url(w.url)
        wid = f"{i18n.prefix(lang)}{w.page_slug}/{w.id}"
        if wid in page_ids:     # a one-topic FAQ page is its own widget: one item, the page's
            continue
        items.append({"type": "widget", "id": wid, "lang": lang,
                      "title": w.title,
                      "url": None, "embed_url": url(w.url), "json": None, "reviewed": None,
                      "modified": modified, "content_hash": digest,
                      "what_changed": V.what_changed(sections.get((lang, w.page_slug)), lang, None, w.title)})
    record = V.changes_record(site_name=s.site_name, site_url=s.site_url, items=items,
                              feed_url=url(V.CHANGES_FEED))
    record = {"$schema": X.schema_url(s.site_url, "changes.schema.json", ""), **record}
    site.write(V.CHANGES_JSON, _json(record))
    author = (site.clinic or {}).get("name") or s.site_name or C.GUIDE_NAME
    site.write(V.CHANGES_FEED, V.atom_feed(record, title=f"{s.site_name}: what changed",
                                           self_url=url(V.CHANGES_FEED), site_link=url("") or "./",
                                           author=author))


def _all_widgets(pages) -> list:
    """Every widget of `pages` in catalogue order (as mildguide.site.embed.all_widgets)."""
    from . import embed as E
    return sorted((w for p in pages for w in p.widgets()), key=lambda w: E.KINDS.index(w.kind))


def _json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


PREVIEW = "MILDGUIDE_PREVIEW"      # set by scripts/serve.py: a contributor's preview, not a published build
OWN_CSS = ("extra.css", "content.css", "checklist.css", "machinery.css", "reader.css",
           "embed.css", "clinic.css", "clinics.css", "decision.css")


def page_weight(site: Site) -> None:
    """A lighter first load: trimmed search index, minified own stylesheets (mildguide.site.page_weight),
    Material's stylesheets cut to the rules the site can use (mildguide.site.css_purge), every
    HTML file without the templates' indentation (mildguide.site.html_space) and without the
    citation titles its sources list repeats (mildguide.site.cite_tips). The parsed trees the
    later steps read stay as they are."""
    from .page_weight import minify_css, trim_search_index
    index = site.dir / "search" / "search_index.json"
    if index.exists():
        data = trim_search_index(json.loads(index.read_text(encoding="utf-8")))
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    for name in OWN_CSS:
        css = site.dir / "assets" / "stylesheets" / name
        if css.exists():
            css.write_text(minify_css(css.read_text(encoding="utf-8")), encoding="utf-8")
    if os.environ.get(PREVIEW) == "1":
        return
    _cut_theme_css(site)
    from .html_space import collapse
    for rel, text in site.texts.items():
        # only where tooltips-on-hover.js puts the titles back (not in embeds: no such script)
        site.set_text(rel, collapse(move(text) if TIPS_SCRIPT in text else text))


def _cut_theme_css(site: Site) -> None:
    from .css_purge import cut_theme_css
    renamed = cut_theme_css(site.dir, site.texts.values(),
                            sorted(site.dir.rglob("*.js")), sorted(site.dir.rglob("*.css")))
    if not renamed:
        return
    for rel, text in site.texts.items():
        new = text
        for old, name in renamed.items():
            new = new.replace(old, name)
        if new == text:
            continue
        site.set_text(rel, new)
        tree = site.trees.get(rel)
        for link in (tree.iter("link") if tree is not None else ()):
            href = link.get("href") or ""
            for old, name in renamed.items():
                if href.endswith(old):
                    link.set("href", href[: -len(old)] + name)


_HREFLANG = re.compile(r'(<link rel=" ?alternate" href=")([^"]*)(" hreflang="[^"]+")')


def hreflang(site: Site) -> None:
    """The language alternates in each page's head get full addresses (search engines ignore
    relative ones there), from site_url; without a site_url they stay relative."""
    from urllib.parse import urljoin
    base = site.settings.site_url
    if not base:
        return
    base = base if base.endswith("/") else base + "/"
    for page in site.pages:
        text = site.texts.get(page.dest)
        if page.tree is None or text is None:
            continue
        here = urljoin(base, page.url)
        new = _HREFLANG.sub(lambda m: m.group(1) + urljoin(here, m.group(2)) + m.group(3), text)
        if new != text:
            site.set_text(page.dest, new)
            for link in page.tree.xpath("/html/head/link[@hreflang][@href]"):
                link.set("href", urljoin(here, link.get("href")))


def sitemap(site: Site) -> None:
    """`extra.clinic.embed_page: false`: the Embed page (both languages) leaves sitemap.xml
    (and its .gz), as it left the nav (scripts/hooks/clinic.py)."""
    import gzip
    if (site.clinic or {}).get("embed_page") is not False or not (site.dir / "sitemap.xml").is_file():
        return
    text = (site.dir / "sitemap.xml").read_text(encoding="utf-8")
    kept = re.sub(r"\s*<url>(?:(?!</url>).)*?<loc>[^<]*/embedding/</loc>.*?</url>", "", text, flags=re.S)
    site.write("sitemap.xml", kept)
    (site.dir / "sitemap.xml.gz").write_bytes(gzip.compress(kept.encode("utf-8"), mtime=0))


def write_pages(site: Site) -> None:
    """Every HTML file the steps above changed, written once: `headers` and the link check
    read the folder."""
    site.flush()


def robots(site: Site) -> None:
    from .robots import robots_txt
    site.write("robots.txt", robots_txt(site.settings.site_url or None))


def headers(site: Site) -> None:
    """`_headers` (Netlify / Cloudflare Pages): CSP with the inline-script hashes of every page."""
    from .headers import build_headers, inline_script_hashes_of_trees
    hashes = inline_script_hashes_of_trees(t for _, t in sorted(site.trees.items()) if t is not None)
    try:
        text = build_headers(site.dir, hashes=hashes, site_url=site.settings.site_url)
    except ValueError as error:         # a site_url path no host could match
        site.problem(f"{site.settings.config_file.name}: {error}")
        return
    site.write("_headers", text)


def link_check(site: Site) -> None:
    """Every link, image and #anchor in every file the build wrote (mildguide.site.linkcheck)."""
    from .linkcheck import SiteInfo, check_site_collect, load_registry, nav_sources
    s = site.settings
    hidden = (site.clinic or {}).get("embed_page") is False
    info = SiteInfo(
        site_dir=site.dir, project_dir=s.project_dir, site_url=s.site_url, docs_dir=s.docs_dir,
        # `embed_page: false` hides the Embed page from readers on purpose: not an orphan.
        pages={p.dest: p.src_uri for p in site.pages
               if not (hidden and p.norm_src == "embedding.md")},
        # A translation (recovery.es.md) is in the nav where its English page is.
        nav_pages=({n for n in nav_sources(s.nav)} | {i18n.localized(n, lang) for n in nav_sources(s.nav)
                                                     for lang in s.languages}) if s.nav else None,
        not_in_nav={p.src_uri for p in site.pages if s.not_in_nav_match(p.norm_src)},
        registry=load_registry(s.project_dir, s.docs_dir, s.raw),
    )
    problems, site.externals = check_site_collect(info, trees=site.trees)
    for problem in problems:
        site.problem(str(problem))


SOURCES_PAGE = "sources.md"
SOURCE_HREF = etree.XPath("//a[contains(@href, '#source-')]/@href")


def faq_hub(site: Site) -> None:
    """Every question of a one-topic FAQ page is listed on the FAQ hub, in each language."""
    from . import faq_hub as F
    for hub in site.pages:
        if hub.norm_src != "faq.md" or hub.tree is None or hub.fallback:
            continue
        topics = [(p.url, p.norm_src, p.content()) for p in site.pages
                  if p.lang == hub.lang and p.tree is not None and F.topic_of(p.norm_src)]
        path = site.settings.docs_dir / hub.src_uri
        label = site.label(path)
        for message in F.unlisted(hub.content(), hub.url, topics, path.read_text(encoding="utf-8-sig"), label):
            site.problem(message)


def source_hub(site: Site) -> None:
    """Every registry entry is on its group's page and in the hub's lists, in each language
    (mildguide.site.source_hub)."""
    from ..page.sources import group_of, group_page, source_groups
    from . import source_hub as H
    s = site.settings
    groups = source_groups(s.docs_dir, SOURCES_PAGE)
    # an entry without a known group is reported by the citations extension, at its line
    registry = {ident: src for ident, src in site.entries.items() if src.group in groups}
    if not registry:
        return
    label = site.label(s.docs_dir / SOURCES_PAGE)
    for hub in site.pages:
        if hub.norm_src != SOURCES_PAGE or hub.tree is None:
            continue
        pages = {group: (p.url, p.content()) for p in site.pages
                 if p.lang == hub.lang and p.tree is not None and (group := group_of(p.norm_src, SOURCES_PAGE))}
        hub_label = site.label(s.docs_dir / hub.src_uri)
        for message in H.missing(registry, hub.content(), hub.url, pages, label, hub_label,
                                 lambda g: f"{os.path.dirname(label)}/{group_page(SOURCES_PAGE, g)}"):
            site.problem(message)


def unused_sources(site: Site) -> None:
    """A source in the registry that no page cites: a warning at its entry (fails strict).
    Read from the built pages, so citations that an expansion adds (warning signs, icon
    arrays) count too."""
    from ..page.sources import group_of
    from ..problems import Problem
    registry = site.entries
    if not registry:
        return
    label = site.label(site.settings.docs_dir / SOURCES_PAGE)
    cited = set()
    for page in site.pages:          # not the lists themselves (the hub, a group's page), in any language
        if page.norm_src != SOURCES_PAGE and not group_of(page.norm_src, SOURCES_PAGE) and page.tree is not None:
            cited.update(href.rsplit("#source-", 1)[1] for href in SOURCE_HREF(page.tree))
    for ident, source in registry.items():
        if ident not in cited:
            site.problem(str(Problem(label, source.line, f"source '{ident}' is cited by no page: cite it "
                                     "[@" + ident + "] where it supports a fact, or remove its entry")))


def valid_html(site: Site) -> None:
    """Drop the attribute Material's base.html writes invalidly (mildguide.site.valid_html)."""
    from .valid_html import drop_toggle_autocomplete
    for rel, text in site.texts.items():
        site.set_text(rel, drop_toggle_autocomplete(text))


def english_on_spanish_pages(site: Site) -> None:
    """No English machinery text on a built Spanish page or embed (mildguide.site.english_check)."""
    from . import english_check
    english_check.check(site)


# The order is the contract: steps that write or edit HTML come before `write_pages`, which
# writes each changed page once, and so before `headers` and `link_check`, which read the folder.
STEPS = (valid_html, stylesheet_bundle, embeds, embed_catalogue, embed_redirects, json_export, oembed,
         published_schemas, changes, hreflang, english_on_spanish_pages,
         page_weight, write_pages, sitemap, robots, headers, link_check, faq_hub, source_hub, unused_sources)


def run(settings: Settings, steps=STEPS) -> Site:
    """Run every step over the site built into settings.site_dir; return the Site (problems…)."""
    site = Site(settings)
    for step in steps:
        step(site)
    site.flush()                # what a shorter list of steps changed
    from ..dedupe import unique
    site.problems = unique(site.problems)       # one message per mistake (mildguide.dedupe)
    out = os.environ.get("MILDGUIDE_POSTBUILD_REPORT")
    if out:                     # scripts/linkcheck.py reads what this build found
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(json.dumps({"problems": site.problems, "externals": site.externals}),
                             encoding="utf-8")
    return site


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", default="mkdocs.yml")
    parser.add_argument("--site", default=None, help="the built site (default: the config's site_dir)")
    args = parser.parse_args(argv)
    settings = Settings.from_file(args.config, args.site)
    if not (settings.site_dir / "index.html").is_file():
        print(f"{settings.site_dir}: no built site here; build first", file=sys.stderr)
        return 1
    try:
        site = run(settings)
    except Exception as error:      # a clinic profile error names its file and field
        if type(error).__name__ == "ClinicError":
            print(f"ERROR   -  {error}", file=sys.stderr)
            return 1
        raise
    for message in site.problems:
        print(f"WARNING -  {message}", file=sys.stderr)
    print(f"post-build pass: {len(site.trees)} HTML files, {len(site.problems)} problem(s)", file=sys.stderr)
    return 1 if site.problems else 0


if __name__ == "__main__":
    sys.exit(main())
