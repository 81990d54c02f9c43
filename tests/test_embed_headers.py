"""Issue 26 §1: the built `_headers` lets another site frame the embeds of BOTH languages.

The guide is served with its own `_headers` applied (as Netlify and Cloudflare Pages apply it:
every matching rule, values of one header joined), the host page on a second loopback origin
with a strict CSP. An English and a Spanish widget must both load and size; a full page must
still refuse to be framed.
"""
from __future__ import annotations

from embedhost import host_and_guide, wait_sized, write_host
from mildguide.site.headers import header_rule

WIDGETS = ["embed/faq/topic-cost/", "es/embed/faq/topic-cost/"]


def test_english_and_spanish_widgets_load_from_another_origin_with_headers_applied(browser, site_dir, tmp_path):
    rule = header_rule((site_dir / "_headers").read_text())
    blocked: list[str] = []
    with host_and_guide(site_dir, tmp_path / "host", guide_rule=rule) as (host, guide):
        name = write_host(tmp_path / "host", site_dir, guide, WIDGETS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.on("console", lambda m: blocked.append(m.text) if "frame-ancestors" in m.text else None)
        page.goto(host + name)
        wait_sized(page)          # fails when a frame is refused: it never answers the host
        frames = page.query_selector_all("iframe[data-omg-embed]")
        langs = [f.content_frame().evaluate("document.documentElement.lang") for f in frames]
        assert langs == ["en", "es"]
        for handle in frames:
            assert handle.content_frame().query_selector(".omg-embed__disclaimer")
        context.close()
    assert blocked == []
    for path in WIDGETS:
        assert "frame-ancestors *" in rule("/" + path)["Content-Security-Policy"], path


def test_full_pages_of_both_languages_still_refuse_framing(site_dir):
    rule = header_rule((site_dir / "_headers").read_text())
    for path in ["/", "/faq/", "/es/", "/es/faq/", "/es/index.html", "/embedding/", "/es/embedding/"]:
        csp = rule(path)["Content-Security-Policy"]
        assert "," not in csp, f"{path}: two policies apply"
        assert csp.endswith("frame-ancestors 'self'"), path


def test_json_may_be_read_from_any_origin(site_dir):
    rule = header_rule((site_dir / "_headers").read_text())
    for path in ["/api/index.json", "/es/api/pages/faq.json", "/oembed/recovery.json",
                 "/es/oembed/recovery.json", "/changes.json"]:
        assert rule(path).get("Access-Control-Allow-Origin") == "*", path
    for path in ["/", "/faq/", "/es/faq/", "/embed/faq/"]:
        assert "Access-Control-Allow-Origin" not in rule(path), path
