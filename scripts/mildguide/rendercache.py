"""`make serve` only: a page's theme template is rendered again only when something it can see
changed (issue 27). Installed with the page cache (mildguide.pagecache, scripts/serve.py).

MkDocs renders every page's template at every rebuild (Material's nav alone is most of it):
after a one-page edit, 59 of 60 renders give the bytes they gave before. The key of a render
is everything the template can read: the template's name and every template file of the theme
folders outside the venv (overrides/; the venv's do not change while serve runs), the page
(content, table of contents, title, metadata, addresses, JSON-LD, its files in each language),
the whole nav (every item's title, address and metadata, in order: previous/next pages and
sections too), the config's plain values as they are at that page (mkdocs-static-i18n rewrites
`extra.alternate` per page, the Spanish build its own names), the config file and the names of
the project's files, and every value a hook or plugin added to the context. A value whose repr
names a memory address cannot be compared: that page is rendered. `build_date_utc` is in the
key only when a template names it. Plugins' `on_page_context` and `on_post_page` still run for
every page (the search index reads the first). A hit logs nothing: a render logs nothing.
"""
from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

# What MkDocs' get_context puts in every page's context; the rest came from hooks and plugins.
_STANDARD = ("nav", "pages", "base_url", "extra_css", "extra_javascript", "mkdocs_version",
             "build_date_utc", "config", "page")
_ADDRESS = " at 0x"          # a default repr: an object whose state the key cannot see
_NAMESPACE = "template output"


def _toc(items) -> list:
    return [(i.title, i.url, i.level, getattr(i, "typeset", None), _toc(i.children)) for i in items or ()]


def _nav(items) -> list:
    return [(type(i).__name__, i.title, getattr(i, "url", None), repr(getattr(i, "meta", None)),
             getattr(i, "typeset", None), _nav(getattr(i, "children", None))) for i in items or ()]


def _page(page) -> tuple:
    f = page.file
    near = [(getattr(p, "url", None), p.title) if p is not None else None
            for p in (page.previous_page, page.next_page, page.parent)]
    return (f.src_uri, f.dest_uri, f.url, getattr(f, "locale", None), getattr(f, "locale_alternate_of", None),
            sorted((lang, alt.url) for lang, alt in (getattr(f, "alternates", None) or {}).items()),
            page.url, page.canonical_url, page.abs_url, page.edit_url, page.title, page.is_homepage,
            repr(page.meta), page.content, _toc(page.toc), repr(getattr(page, "jsonld", None)), near)


def _config(config) -> list:
    out = []
    for name in sorted(config):
        if name in ("plugins", "hooks", "site_dir"):   # objects (which ones: the config file's
            continue                                  # bytes); the fresh folder each build writes to
        value = config[name]
        out.append((name, repr(sorted(value.items()) if name == "theme" else value)))
    return out


class Renders:
    """The rendered output of each page, between rebuilds, in the page cache's memo
    (pagecache.PageCache: `memo`, `memo_used`, and `shared()`, this build's fingerprint)."""

    def __init__(self, cache) -> None:
        self.cache = cache
        self.rendered = self.reused = 0
        self._nav: tuple | None = None       # (nav, its digest, theme parts): one nav per language per build
        self._theme: dict = {}               # venv theme folders -> whether a template names build_date_utc

    def _per_build(self, nav, config) -> tuple[str, list]:
        """The nav's digest and the theme's templates, once per language build (one nav each)."""
        if self._nav is None or self._nav[0] is not nav:
            pages = [(p.url, p.title) for p in nav.pages]
            homepage = nav.homepage.url if nav.homepage else None
            self._nav = (nav, _digest(repr((_nav(nav.items), pages, homepage))), self._theme_parts(config))
        return self._nav[1], self._nav[2]

    def _theme_parts(self, config) -> list:
        """Every template file outside the venv (its name and bytes), and whether any template
        names `build_date_utc` (the venv's folders are read once)."""
        parts, dated = [], False
        for d in config.theme.dirs:
            if d.startswith(os.path.join(sys.prefix, "")):
                if d not in self._theme:
                    self._theme[d] = any("build_date_utc" in p.read_text(encoding="utf-8", errors="replace")
                                         for p in Path(d).rglob("*.html"))
                dated = dated or self._theme[d]
                continue
            for p in sorted(Path(d).rglob("*")):
                if p.is_file():
                    data = p.read_bytes()
                    dated = dated or b"build_date_utc" in data
                    parts.append((str(p), hashlib.sha256(data).hexdigest()))
        return [parts, dated]

    def key(self, name: str, context) -> str | None:
        page, config = context["page"], context["config"]
        nav, theme = self._per_build(context["nav"], config)
        extra = [(k, repr(context[k])) for k in sorted(context) if k not in _STANDARD]
        parts = [name, self.cache.shared_now(), theme, nav, _page(page), _config(config),
                 context["base_url"], context["extra_css"], context["extra_javascript"],
                 context["mkdocs_version"], extra, context["build_date_utc"] if theme[1] else None]
        text = repr(parts)
        return None if _ADDRESS in text else _digest(_NAMESPACE, text)

    def render(self, template, name: str, context) -> str:
        key = self.key(name, context) if context.get("page") is not None else None
        memo = self.cache.memo
        if key is not None:
            self.cache.memo_used.add(key)
            if key in memo:
                self.reused += 1
                return memo[key]
        self.rendered += 1
        output = template.render(context)
        if key is not None:
            memo[key] = output
        return output


class _Template:
    def __init__(self, template, name: str, renders: Renders) -> None:
        self.template, self.name, self.renders = template, name, renders

    def render(self, context) -> str:
        return self.renders.render(self.template, self.name, context)


class _Env:
    """The one thing MkDocs' _build_page asks of the Jinja environment: get_template."""

    def __init__(self, env, renders: Renders) -> None:
        self.env, self.renders = env, renders

    def get_template(self, name, *args, **kwargs):
        return _Template(self.env.get_template(name, *args, **kwargs), str(name), self.renders)


def install(renders: Renders) -> None:
    """Route MkDocs' page renders (`_build_page`, pinned by the lock) through `renders`."""
    from mkdocs.commands import build as B
    original = getattr(B._build_page, "__wrapped__", B._build_page)

    def build_page(page, config, doc_files, nav, env, *args, **kwargs):
        return original(page, config, doc_files, nav, _Env(env, renders), *args, **kwargs)

    build_page.__wrapped__ = original
    B._build_page = build_page


def uninstall() -> None:
    from mkdocs.commands import build as B
    B._build_page = getattr(B._build_page, "__wrapped__", B._build_page)


def _digest(*parts) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(str(part).encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()
