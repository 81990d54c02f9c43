"""Fast on an old phone (issue 27): what the browser is told to skip on a phone's first load, and
that nothing Material reads at start-up sits inside it. Timings live in `make bench`
(scripts/benchmarks/bench_render.py, Lighthouse); these check the behaviour the timings rest on."""
from __future__ import annotations

from readerkit import page_paths

# For every heading of the page's table of contents (Material reads where each one is at start-up
# and whenever the page's height changes): the ancestors inside the content that the browser may
# skip (content-visibility other than visible). A heading inside one makes the browser style and
# lay out the whole skipped block for that read.
HEADINGS_IN_SKIPPED_BLOCKS = """() => {
  const content = document.querySelector('.md-content__inner');
  const out = [];
  for (const a of document.querySelectorAll('.md-sidebar--secondary a.md-nav__link[href^="#"]')) {
    const target = document.getElementById(decodeURIComponent(a.hash.slice(1)));
    if (!target) continue;
    for (let e = target.parentElement; e && e !== content; e = e.parentElement)
      if (getComputedStyle(e).contentVisibility !== 'visible')
        out.push('#' + target.id + ' inside <' + e.tagName.toLowerCase() + ' class="' + e.className + '">');
  }
  return out;
}"""


def test_no_table_of_contents_heading_sits_in_a_block_the_browser_skips(browser, site_url, site_dir):
    """reader.css skips what is below the first section heading until a reader scrolls near, but
    keeps the blocks that hold headings (the decision aid's options, a page's sources) and skips
    their parts instead. A new kind of block around headings needs adding there (the decision
    aid's 39 headings in one skipped block cost one 440 ms restyle at start-up in Lighthouse)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    problems, skipped = [], 0
    try:
        for path in page_paths(site_dir):
            page.goto(site_url + path, wait_until="domcontentloaded")
            problems += [f"/{path}: {p}" for p in page.evaluate(HEADINGS_IN_SKIPPED_BLOCKS)]
            skipped += page.evaluate("""[...document.querySelectorAll('.md-content__inner *')]
                .filter(e => getComputedStyle(e).contentVisibility === 'auto').length""")
    finally:
        context.close()
    assert skipped > 100, "the content's lower parts are no longer skipped (reader.css, issue 27)"
    assert not problems, "headings Material reads inside blocks the browser skips:\n" + "\n".join(problems[:20])


def test_the_closed_phone_menu_is_skipped_and_the_open_one_is_drawn(browser, site_url):
    """The closed navigation drawer costs no style or layout on a phone; opened, its links are
    there and take up room (not a blank menu)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(site_url + "other-treatments/", wait_until="load")
        drawer = page.locator(".md-sidebar--primary")
        assert drawer.evaluate("e => getComputedStyle(e).contentVisibility") == "hidden"
        page.locator('label.md-header__button[for="__drawer"]').click()
        page.wait_for_function("document.getElementById('__drawer').checked")
        assert drawer.evaluate("e => getComputedStyle(e).contentVisibility") == "visible"
        link = page.locator(".md-sidebar--primary a.md-nav__link[href='../recovery/']")
        link.wait_for(state="visible")
        box = link.bounding_box()
        assert box and box["height"] >= 20 and box["width"] > 100, box
    finally:
        context.close()
