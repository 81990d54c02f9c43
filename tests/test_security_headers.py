"""_headers (issue 6): a strict CSP with hashes of the theme's inline scripts; no violation in Chromium."""
from __future__ import annotations

from pathlib import Path

from browser import serve
from mildguide.site.headers import header_rule, inline_script_hashes, parse_headers


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
