"""_headers (issue 6): a strict CSP with hashes of the theme's inline scripts; no violation in Chromium."""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import html as lhtml

from browser import serve
from mildguide.site.headers import (EXECUTABLE_TYPES, header_rule, inline_script_hashes,
                                    inline_script_hashes_of_trees, parse_headers)


def html_pages(site: Path) -> list[str]:
    out = []
    for p in sorted(site.rglob("index.html")):
        rel = p.parent.relative_to(site).as_posix()
        out.append("" if rel == "." else rel + "/")
    return out


def test_headers_file_is_strict_and_embeds_alone_may_be_framed(site_dir):
    text = (site_dir / "_headers").read_text()
    rule = header_rule(text)
    hashes = inline_script_hashes(p.read_text() for p in site_dir.rglob("*.html"))
    assert hashes, "Material writes inline scripts; their hashes must be listed"
    for path in ["/", "/index.html", "/stenosis/", "/faq/", "/embedding/", "/assets/javascripts/embed.js",
                 "/embed/faq/", "/embed/recovery/recovery-timeline/", "/api/index.json"]:
        headers = rule(path)
        csp = headers["Content-Security-Policy"]
        assert "," not in csp, f"{path}: two policies apply: {csp}"
        directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
        assert "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in csp
        assert all(h in directives["script-src"] for h in hashes)
        assert "http" not in csp and "*." not in csp          # no other host anywhere
        assert directives["default-src"] == "'self'"
        expected = "*" if path.startswith("/embed/") else "'self'"
        assert directives["frame-ancestors"] == expected, path
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"]
    # one rule per path for the CSP: no two rules may both match a real page
    patterns = [p for p, hs in parse_headers(text) if any(n == "Content-Security-Policy" for n, _ in hs)]
    assert len(patterns) == len(set(patterns))


@pytest.mark.exhaustive
def test_no_csp_violation_on_any_page(browser, site_dir):
    """Every page and embed, served with the _headers policy, loads without a CSP violation."""
    rule = header_rule((site_dir / "_headers").read_text())
    violations: list[str] = []
    with serve(site_dir, rule) as base:
        context = browser.new_context()
        context.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => console.error("
            "'CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber))")
        page = context.new_page()
        page.on("console", lambda m: violations.append(f"{page.url}: {m.text}")
                if "CSP violation" in m.text or "Content Security Policy" in m.text else None)
        pages = html_pages(site_dir)
        assert len(pages) > 20
        for path in pages:
            response = page.goto(base + path, wait_until="load")
            assert response.ok, path
            assert "content-security-policy" in response.headers, path
            # Late violations (fonts, styles applied after load) are queued as tasks: wait
            # until the fonts are in, a frame has rendered and the task queue has turned.
            page.evaluate("() => document.fonts.ready.then(() => new Promise("
                          "r => requestAnimationFrame(() => setTimeout(r))))")
        # The palette toggle and search use Material's JavaScript: exercise them too.
        page.goto(base + "stenosis/", wait_until="load")
        page.locator("label[for='__palette_1'], label[for='__palette_0']").first.click()
        page.locator(".md-search__input").click()
        page.keyboard.type("stenosis")
        page.wait_for_selector(".md-search-result__item", timeout=10000)
        context.close()
    assert violations == [], "\n".join(violations)


# --- every built file, statically (issue 23); one browser run proves it at runtime ------------

# Attributes through which a page makes the browser fetch something, and the CSP directive
# that governs each (link rels that only name another page, such as canonical, fetch nothing).
FETCHES = [("//script[@src]", "src", "script-src"), ("//img[@src]", "src", "img-src"),
           ("//iframe[@src]", "src", "frame-src"), ("//source[@src]", "src", "default-src"),
           ("//video[@src] | //audio[@src]", "src", "default-src"), ("//video[@poster]", "poster", "img-src"),
           ("//object[@data]", "data", "object-src"), ("//embed[@src]", "src", "object-src"),
           ("//input[@type='image'][@src]", "src", "img-src")]
LOADING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload",
                "prefetch", "manifest", "mask-icon"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")


def fetched_urls(tree) -> list[tuple[str, str]]:
    """(URL, directive) of everything an HTML file makes the browser fetch."""
    out = [(v, d) for xp, attr, d in FETCHES for v in tree.xpath(f"{xp}/@{attr}")]
    for link in tree.xpath("//link[@href]"):
        if LOADING_RELS & set((link.get("rel") or "").lower().split()):
            out.append((link.get("href"), "style-src" if "stylesheet" in link.get("rel") else "default-src"))
    for srcset in tree.xpath("//@srcset"):
        out += [(part.split()[0], "img-src") for part in srcset.split(",") if part.strip()]
    for meta in tree.xpath("//meta[translate(@http-equiv, 'REFSH', 'refsh')='refresh']/@content"):
        out.append((meta.split("url=", 1)[-1], "default-src"))
    return out


def own_site(url: str, directive: str) -> bool:
    parts = urlsplit(url.strip())
    if parts.scheme == "data":
        return directive == "img-src"               # img-src 'self' data: only
    return not parts.scheme and not parts.netloc      # relative: the guide's own host


def static_problems(site: Path) -> list[str]:
    rule = header_rule((site / "_headers").read_text())      # request paths from the site root
    found = []
    for f in sorted(site.rglob("*.html")):
        rel = f.relative_to(site).as_posix()
        tree = lhtml.fromstring(f.read_bytes())
        csp = rule("/" + rel.removesuffix("index.html")).get("Content-Security-Policy", "")
        script_src = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip()).get("script-src", "")
        for digest in inline_script_hashes_of_trees([tree]):
            if digest not in script_src.split():
                found.append(f"{rel}: an inline script ({digest}) is not in its _headers script-src")
        for url, directive in fetched_urls(tree):
            if not own_site(url, directive):
                found.append(f"{rel}: loads {url} from another host ({directive} allows only 'self')")
        for el in tree.iter():
            if not isinstance(el.tag, str):
                continue
            for name, value in el.attrib.items():
                if name.startswith("on"):
                    found.append(f"{rel}: inline event handler {name}= (the CSP blocks it)")
                elif name == "style":
                    found.append(f"{rel}: style attribute (style-src 'self' blocks it)")
                elif name in ("href", "src", "action") and value.strip().lower().startswith("javascript:"):
                    found.append(f"{rel}: javascript: URL (the CSP blocks it)")
            if el.tag == "style":
                found.append(f"{rel}: inline <style> (style-src 'self' blocks it)")
            if el.tag == "script" and el.get("src") is None and \
                    (el.get("type") or "").strip().lower() not in EXECUTABLE_TYPES | {"application/ld+json", "application/json"}:
                found.append(f"{rel}: script of unknown type {el.get('type')!r}")
    for css in sorted(site.rglob("*.css")):
        for a, b in CSS_URL.findall(css.read_text(encoding="utf-8", errors="replace")):
            if not own_site(a or b, "img-src" if a else "style-src"):
                found.append(f"{css.relative_to(site)}: loads {a or b} from another host")
    return found


def test_every_built_file_loads_only_from_its_own_host_and_runs_only_hashed_scripts(site_dir, gallery_sites):
    """Every HTML and CSS file of the real build and of the gallery's clinic build: every
    src/href the browser fetches is the guide's own, and every inline script's hash is in the
    policy _headers sends for that file."""
    for site in (site_dir, gallery_sites[1]):
        found = static_problems(site)
        assert not found, "\n".join(found[:40])


@pytest.mark.parametrize("mutation, expected", [
    ('<script src="https://cdn.example.com/x.js"></script>', "from another host"),
    ('<link rel="stylesheet" href="//fonts.example.com/a.css">', "from another host"),
    ('<img src="https://tracker.example.com/p.gif" alt="">', "from another host"),
    ('<script>alert(1)</script>', "not in its _headers script-src"),
    ('<button onclick="go()">Go</button>', "inline event handler"),
    ('<p style="color: red">Red</p>', "style attribute"),
])
def test_the_static_csp_check_catches(site_dir, tmp_path, mutation, expected):
    site = tmp_path / "site"
    shutil.copytree(site_dir, site, ignore=shutil.ignore_patterns("*.map", "search", "lunr", "api", "es"))
    page = site / "risks" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", mutation + "</article>", 1),
                    encoding="utf-8")
    found = static_problems(site)
    assert any(f.startswith("risks/index.html") and expected in f for f in found), found


def test_one_browser_run_proves_it_at_runtime(browser, gallery_sites, tmp_path):
    """The gallery (every component), its Spanish page, its embeds and the 404 page, served
    with their _headers policy at their site_url path, then the palette switch and search:
    no CSP violation, no request to another host, no cookie. (The every-page runs are
    test_no_csp_violation_on_any_page and test_reader_privacy, marked exhaustive.)"""
    from browser import at_site_url_path
    from gallery import SLUG
    from readerkit import site_base
    site = gallery_sites[0]
    mount = "/" + urlsplit(site_base(site)).path.strip("/") + "/"
    rule = header_rule((site / "_headers").read_text(), prefix=mount)
    violations, requests = [], []
    with at_site_url_path(site, tmp_path, rule) as home:
        context = browser.new_context(viewport={"width": 390, "height": 900})
        context.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => console.error("
            "'CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))")
        context.on("request", lambda r: requests.append(r.url))
        page = context.new_page()
        page.on("console", lambda m: violations.append(f"{page.url}: {m.text}")
                if "CSP violation" in m.text or "Content Security Policy" in m.text else None)
        try:
            for path in (f"{SLUG}/", f"es/{SLUG}/", f"embed/{SLUG}/", f"embed/{SLUG}/what-might-happen/",
                         "404.html"):
                response = page.goto(home + path, wait_until="networkidle")
                assert response.ok and "content-security-policy" in response.headers, path
                # Lazy images and frames below the fold are requested too.
                page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
                page.wait_for_load_state("networkidle")
                # Late violations (fonts, styles applied after load) are queued as tasks.
                page.evaluate("() => document.fonts.ready.then(() => new Promise("
                              "r => requestAnimationFrame(() => setTimeout(r))))")
                assert page.evaluate("document.cookie") == "", path
            page.goto(home + f"{SLUG}/", wait_until="load")
            page.locator("label[for='__palette_1'], label[for='__palette_0']").first.click()
            # (no page.wait_for_function here: Playwright evaluates its string, which the CSP forbids)
            page.locator('label.md-header__button[for="__search"]').click()
            page.locator(".md-search__input").press_sequentially("recovery", delay=30)
            page.wait_for_selector(".md-search-result__item", timeout=30000)
            cookies = context.cookies()
        finally:
            context.close()
    origin = urlsplit(home).netloc
    foreign = sorted({u for u in requests if urlsplit(u).scheme not in ("data", "blob")
                      and urlsplit(u).netloc != origin})
    assert not foreign, f"requests to other hosts: {foreign}"
    assert not cookies, f"cookies set: {cookies}"
    assert violations == [], "\n".join(violations)
    assert any(u.endswith("search/search_index.json") for u in requests), requests[:10]
    assert any(u.endswith(".css") for u in requests) and any(u.endswith(".js") for u in requests)
