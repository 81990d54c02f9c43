"""Helpers for the reader-experience tests (issue 7): the pages of the real build, from its sitemap."""
from __future__ import annotations

from pathlib import Path

from lxml import etree, html

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
WIDTHS = (390, 1280)
SCHEMES = ("light", "dark")
# The axe rules every run adds to axe's defaults: target size (WCAG 2.2 2.5.8, 24 x 24 px or
# 24 px apart) is AA, but axe 4 ships it switched off.
AXE_OPTIONS = {"rules": {"target-size": {"enabled": True}}}
# axe can only judge what the browser has rendered, and below the first heading the guide lets
# the browser skip what is off screen until a reader scrolls near (content-visibility: auto,
# reader.css). Before axe runs, everything is rendered, as each part is when a reader gets to it
# (code boxes included: WAKE_CODE below).
RENDER_ALL = "* { content-visibility: visible !important }"


# Material mounts a code box (its copy-button bar) when it is scrolled near, not on load
# (content.lazy, mkdocs.yml): each box is brought into view, one frame apiece, until every
# box of the page content has its bar; then back to the top. A page without one returns at once.
WAKE_CODE = """async () => {
  const bare = () => [...document.querySelectorAll('.md-content pre:not(.mermaid) > code')]
    .filter(c => !c.parentElement.querySelector('.md-code__nav'));
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  for (let round = 0; round < 20 && bare().length; round++) {
    for (const c of bare()) { c.scrollIntoView({block: 'center'}); await frame(); }
    await frame();
  }
  window.scrollTo(0, 0);
  return bare().length;
}"""


def render_all(page) -> None:
    page.add_style_tag(content=RENDER_ALL)
    assert page.evaluate(WAKE_CODE) == 0, "a code box never got its copy button"


def site_base(site_dir: Path) -> str:
    """The configured site_url, read from the home page's canonical link."""
    doc = html.parse(str(site_dir / "index.html"))
    hrefs = doc.xpath('//link[@rel="canonical"]/@href')
    assert hrefs, "the home page has no <link rel=canonical> (is site_url set in mkdocs.yml?)"
    return hrefs[0]


def sitemap_urls(site_dir: Path) -> list[str]:
    tree = etree.parse(str(site_dir / "sitemap.xml"))
    return [loc.text.strip() for loc in tree.xpath("//sm:url/sm:loc", namespaces=SITEMAP_NS)]


def page_paths(site_dir: Path) -> list[str]:
    """Every page of the build as a path relative to the site root ('' = home, 'risks/', ...),
    walked from sitemap.xml (the same list search engines get)."""
    base = site_base(site_dir)
    paths = []
    for url in sitemap_urls(site_dir):
        assert url.startswith(base), f"sitemap URL {url} is not under site_url {base}"
        paths.append(url[len(base):])
    assert paths, "sitemap.xml lists no pages"
    return paths


def built_html_pages(site_dir: Path) -> list[str]:
    """Every page-like HTML file in the build ('' for index.html, 'risks/' for risks/index.html),
    except the 404 page and anything under assets/ or embed-only folders the sitemap leaves out."""
    out = []
    for f in sorted(site_dir.rglob("index.html")):
        rel = f.relative_to(site_dir).as_posix()
        if rel.startswith("assets/"):
            continue
        out.append(rel.removesuffix("index.html"))
    return out


def new_context(browser, width: int, scheme: str = "light", **kw):
    return browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                               **kw)


def open_search(page, width: int) -> None:
    """Open the search box the way a reader does (the magnifier on a phone, the box on a desktop)
    and wait until Material's search worker has loaded the index."""
    if width < 960:
        page.locator('label.md-header__button[for="__search"]').click()
    else:
        page.locator(".md-search__input").click()
    page.wait_for_function("document.getElementById('__search').checked")
    page.wait_for_function(
        "document.querySelector('.md-search-result__meta').textContent.trim()"
        " !== 'Initializing search'")


def search(page, width: int, words: str) -> list[str]:
    """Type `words` into the search box; return the result links (hrefs as the browser resolves them)."""
    open_search(page, width)
    page.locator(".md-search__input").press_sequentially(words, delay=30)
    page.locator(".md-search-result__item").first.wait_for()
    return page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(a => a.href)")


# Every iframe a reader can see loaded and sized by the host script (lazy frames: until each
# is scrolled near, it is an empty box that resizes later). A frame in a closed <details> (the
# Embed page's previews) loads only once its box is opened: it is not waited for.
SHOWN_FRAMES = "iframe:not(details:not([open]) iframe)"
FRAMES_SETTLED = """() => [...document.querySelectorAll('""" + SHOWN_FRAMES + """')].every(f => {
  const doc = f.contentDocument;
  if (!doc || doc.readyState !== 'complete' || doc.URL === 'about:blank') return false;
  if (!f.hasAttribute('data-omg-embed')) return true;
  const inner = doc.documentElement.getBoundingClientRect().height;
  return f.style.height !== '' && Math.abs(parseFloat(f.style.height) - inner) <= 2;
})"""


def load_all_frames(page) -> None:
    """Bring every shown iframe into view once so lazy frames load, wait until each is loaded and
    sized to its content, then go back to the top. A page without iframes returns at once."""
    frames = page.locator(SHOWN_FRAMES)
    for i in range(frames.count()):
        frames.nth(i).scroll_into_view_if_needed()
    page.wait_for_function(FRAMES_SETTLED)
    page.evaluate("window.scrollTo(0, 0)")


# True once no finite CSS transition or animation runs anywhere in the document (Material's
# drawer slide, tooltip fade, header shadow). getAnimations() flushes style first, so a
# transition that a state change has just triggered is already counted as running.
STILL = """() => document.getAnimations().every(a => a.playState !== 'running'
  || !a.effect || a.effect.getComputedTiming().endTime === Infinity)"""


def wait_still(page) -> None:
    """Wait (polling each animation frame) until the page has no running transition."""
    page.wait_for_function(STILL, polling="raf")
