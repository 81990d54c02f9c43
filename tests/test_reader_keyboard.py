"""Issue 7.1 (keyboard, zoom): skip link first, a visible focus ring on every Tab stop, every
visible control reachable by Tab, and no sideways scrolling at 390 px with text at 200 %."""
from __future__ import annotations

import pytest

from readerkit import WIDTHS, load_all_frames, new_context, page_paths, render_all

# Describe the focused element: is it visible on screen, and does it show a focus ring?
# Installed in the page as window.__omgJudge (synchronous, so a keydown listener can call it).
JUDGE = """() => {
  let el = document.activeElement, frame = null;
  // Focus inside an embedded same-origin preview: judge the element inside the frame.
  while (el && el.tagName === 'IFRAME' && el.contentDocument && el.contentDocument.activeElement
         && el.contentDocument.activeElement !== el.contentDocument.body) {
    frame = el; el = el.contentDocument.activeElement;
  }
  if (!el || el === document.body) return null;
  if (!el.dataset.omgTabStop) el.dataset.omgTabStop = String(Object.keys(window.__omgStops ||= {}).length + 1);
  window.__omgStops[el.dataset.omgTabStop] = true;
  // A visually hidden radio (Material's palette switch) shows its ring on the label after it.
  const shown = el.matches('.md-option') ? el.nextElementSibling : el;
  const inner = shown.getBoundingClientRect();
  const off = frame ? frame.getBoundingClientRect() : {left: 0, top: 0};
  const r = {width: inner.width, height: inner.height, left: inner.left + off.left,
             right: inner.right + off.left, top: inner.top + off.top, bottom: inner.bottom + off.top};
  const s = shown.ownerDocument.defaultView.getComputedStyle(shown);
  return {
    id: el.dataset.omgTabStop,
    what: el.outerHTML.slice(0, 120),
    visible: r.width > 0 && r.height > 0 && shown.checkVisibility({visibilityProperty: true}),
    onScreen: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
    ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
  };
}"""

# Install the judge, and a keydown listener (in the page and in every same-origin frame, where
# a key pressed while focus is inside the frame goes) that judges the stop the previous Tab
# reached just before the next Tab moves on. By then the previous key has been handled and the
# browser has scrolled the stop into view, so this is the same look tab_through used to take
# with one page.evaluate per stop, without that round trip. Once focus is back on the first
# stop (or has left the page), the listener cancels every further Tab of the batch, so the
# walk ends in the same state as a walk that stops there (the controls check runs in it:
# Material's back-to-top button, for one, shows only while the page scrolls up).
INSTALL = f"""() => {{
  window.__omgJudge = {JUDGE};
  const rec = window.__omgRec = {{records: [], skip: true, first: null, done: false}};
  rec.note = info => {{
    if (info === null || (rec.first !== null && info.id === rec.first)) rec.done = true;
    else if (rec.first === null) rec.first = info.id;
  }};
  const onKey = e => {{
    if (e.key !== 'Tab') return;
    if (rec.done) {{ e.preventDefault(); return; }}
    if (rec.skip) {{ rec.skip = false; return; }}     // the state COLLECT has already reported
    const info = window.top.__omgJudge();
    rec.records.push(info);
    rec.note(info);
    if (rec.done) e.preventDefault();
  }};
  const watch = w => {{
    w.addEventListener('keydown', onKey, true);
    for (const f of w.document.querySelectorAll('iframe')) {{
      try {{ if (f.contentDocument) watch(f.contentWindow); }} catch (e) {{}}
    }}
  }};
  watch(window);
}}"""

# After a batch of Tabs: the stops recorded at each keydown, and the stop focus is on now.
COLLECT = """() => { const rec = window.__omgRec, records = rec.records;
  rec.records = [];
  const done = rec.done, current = done ? null : window.__omgJudge();
  if (!done) { rec.skip = true; rec.note(current); }
  return {records, current, done}; }"""

# The slow look, for a stop that the quick look found wanting: first wait until the page is
# still (no finite CSS transition or animation running, such as the drawer or the header, and
# the focused element no longer moving while the browser scrolls it into view, and laid out),
# then judge.
FOCUSED = """async (settle) => {
  // A frame, or 50 ms where the browser runs no animation frames (a page it treats as hidden).
  const nextFrame = () => new Promise(r => { requestAnimationFrame(() => r()); setTimeout(r, 50); });
  const deepActive = () => { let e = document.activeElement;
    while (e && e.tagName === 'IFRAME' && e.contentDocument && e.contentDocument.activeElement) {
      if (e.contentDocument.activeElement === e.contentDocument.body) break;
      e = e.contentDocument.activeElement; }
    return e; };
  const running = () => document.getAnimations().some(a => a.playState === 'running'
      && a.effect && a.effect.getComputedTiming().endTime !== Infinity);
  let last = null;
  for (let i = 0; settle && i < 300; i++) {
    await nextFrame();
    const r = deepActive() ? deepActive().getBoundingClientRect() : null;
    const now = r ? [r.top, r.left, r.width, r.height].join() : '';
    // A box of no size may be content-visibility:auto content the browser has not laid out
    // yet (a busy machine): wait for it too; a stop that really has no size stays so and fails.
    const laidOut = !r || r.width > 0 || r.height > 0;
    if (!running() && now === last && laidOut) break;
    last = now;
  }
  return window.__omgJudge();
}"""

# Every control a reader can see and use (links, buttons, fields, summaries, tabbable things;
# a <label> for a hidden checkbox/radio counts through that input).
CONTROLS = """() => {
  const seen = window.__omgStops || {};
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex=""])';
  const missed = [];
  for (const el of document.querySelectorAll(sel)) {
    if (el.matches(':disabled, [tabindex="-1"], .md-toggle, .md-option')) continue;
    if (el.closest('[inert], [hidden], [aria-hidden="true"]')) continue;
    const r = el.getBoundingClientRect();
    if (!(r.width > 0 && r.height > 0 && el.checkVisibility({visibilityProperty: true, opacityProperty: true}))) continue;
    if (!(el.dataset.omgTabStop && seen[el.dataset.omgTabStop])) missed.push(el.outerHTML.slice(0, 120));
  }
  // The palette switch: a visible label whose (visually hidden) radio must be a Tab stop.
  for (const label of document.querySelectorAll('.md-header__option label:not([hidden])')) {
    const input = label.previousElementSibling;
    if (!(input && input.dataset.omgTabStop)) missed.push('palette switch ' + label.title);
  }
  return missed;
}"""


def good(info) -> bool:
    return bool(info) and info["visible"] and info["onScreen"] and info["ring"]


class NeedsSlowWalk(Exception):
    """The quick walk saw a stop it cannot judge at once (or missed a keydown)."""


def tab_through_quickly(page, limit: int, batch: int = 25) -> list[dict]:
    """Press Tab in batches; each stop is judged by the keydown listener of the next Tab
    (INSTALL). One page.evaluate per batch instead of one per stop."""
    page.evaluate(INSTALL)
    stops, first, pressed = [], None, 0
    while pressed < limit:
        for _ in range(batch):
            page.keyboard.press("Tab")
        pressed += batch
        got = page.evaluate(COLLECT)
        states = got["records"] if got["done"] else got["records"] + [got["current"]]
        if not got["done"] and len(got["records"]) != batch - 1:
            raise NeedsSlowWalk(f"{len(got['records'])} keydowns seen for {batch - 1}")
        for info in states:
            if info is None:          # focus left the document (after the last stop)
                return stops
            if not good(info):
                raise NeedsSlowWalk(info["what"])
            if first is None:
                first = info["id"]
            elif info["id"] == first:
                return stops
            stops.append(info)
        if got["done"]:
            raise NeedsSlowWalk("the page saw the walk end where this walk did not")
    raise AssertionError(f"focus never came back to the first stop after {limit} Tabs (a focus trap?)")


def tab_through_slowly(page, limit: int) -> list[dict]:
    """One Tab at a time; a stop that looks wrong is judged again once the page is still."""
    page.evaluate(INSTALL)
    stops, first = [], None
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate(COLLECT)["current"]
        if info and not good(info):
            info = page.evaluate(FOCUSED, True)     # judge it again once the page is still
        if info is None:          # focus left the document (after the last stop)
            break
        if first is None:
            first = info["id"]
        elif info["id"] == first:
            break
        stops.append(info)
    else:
        raise AssertionError(f"focus never came back to the first stop after {limit} Tabs (a focus trap?)")
    return stops


def tab_through(page, url: str, limit: int = 2000, prepare=None) -> list[dict]:
    """Open `url`, load its frames, press Tab until focus comes back to the first stop; return
    what each stop looked like. The quick walk settles nearly every page; a page where it meets
    a stop that looks wrong is opened again and walked one Tab at a time, waiting for the page
    to be still before judging such a stop. `limit` only guards against a focus trap: the Embed
    page with its loaded previews has several hundred stops. `prepare(page)`, if given, runs on
    the loaded page before the first Tab."""
    def open_page():
        page.goto(url)
        load_all_frames(page)     # lazy previews loaded and sized before the first Tab
        # Sections below the fold are content-visibility:auto (issue 27). The browser renders
        # one as soon as focus enters it, but on a busy machine a stop could be judged before
        # that frame; render everything first, as the axe runs do, so the walk judges the page
        # a reader sees rather than a frame not yet painted.
        render_all(page)
        if prepare:
            prepare(page)

    open_page()
    try:
        return tab_through_quickly(page, limit)
    except NeedsSlowWalk:
        open_page()
        return tab_through_slowly(page, limit)


def stop_problems(page, stops: list[dict], where: str) -> list[str]:
    """What a Tab walk of the open page found wrong: a stop not visible or without a focus
    ring, and a control that no Tab reached (shared by the every-page and gallery walks)."""
    problems = []
    for stop in stops:
        if not (stop["visible"] and stop["onScreen"]):
            problems.append(f"{where}: Tab stop not visible: {stop['what']}")
        elif not stop["ring"]:
            problems.append(f"{where}: no focus ring: {stop['what']}")
    for missed in page.evaluate(CONTROLS):
        problems.append(f"{where}: not reachable by Tab: {missed}")
    return problems


@pytest.mark.exhaustive
@pytest.mark.parametrize("width", WIDTHS, ids=lambda w: f"{w}px")
def test_skip_link_is_the_first_tab_stop_and_jumps_to_the_content(browser, site_url, site_dir, width):
    context = new_context(browser, width)
    page = context.new_page()
    try:
        for path in page_paths(site_dir):
            page.goto(site_url + path)
            page.keyboard.press("Tab")
            skip = page.evaluate("""() => { const e = document.activeElement;
                const r = e.getBoundingClientRect();
                return {cls: e.className, text: e.textContent.trim(), href: e.getAttribute('href'),
                        visible: r.width > 0 && r.top >= 0 && r.bottom <= innerHeight}; }""")
            assert "md-skip" in skip["cls"], f"{path}: first Tab stop is not the skip link: {skip}"
            expected = "Saltar a contenido" if path.startswith("es/") else "Skip to content"   # Material's words
            assert skip["visible"] and skip["text"] == expected, (path, skip)
            page.keyboard.press("Enter")
            target = page.evaluate("""() => { const t = document.querySelector(':target');
                return t && t.closest('.md-content') !== null; }""")
            assert target, f"{path}: the skip link does not land in the page content ({skip['href']})"
    finally:
        context.close()


# The pages are split into this many test items per width, so pytest-xdist can spread the
# walks over its workers however many pages the build has.
SHARDS = 2


@pytest.mark.exhaustive
@pytest.mark.parametrize("shard", range(SHARDS), ids=lambda i: f"part{i + 1}")
@pytest.mark.parametrize("width", WIDTHS, ids=lambda w: f"{w}px")
def test_every_tab_stop_is_visible_with_a_focus_ring_and_every_control_is_reached(
        browser, site_url, site_dir, width, shard):
    context = new_context(browser, width)
    page = context.new_page()
    problems = []
    paths = page_paths(site_dir)
    assert len(paths) >= SHARDS
    try:
        for path in paths[shard::SHARDS]:
            stops = tab_through(page, site_url + path)
            assert len(stops) >= 3, f"{path}: only {len(stops)} Tab stops"
            problems += stop_problems(page, stops, path or "/")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_phone_menu_opens_from_the_keyboard_and_its_links_are_then_reachable(browser, site_url):
    context = new_context(browser, 390)
    page = context.new_page()
    try:
        page.goto(site_url + "risks/")
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.getAttribute('for') === '__drawer'"):
                break
        else:
            pytest.fail("the menu button is not reachable by Tab on a phone")
        # Before opening, no navigation link is a Tab stop (the drawer is off screen).
        assert page.evaluate("getComputedStyle(document.querySelector('.md-sidebar--primary')).visibility") == "hidden"
        page.keyboard.press("Enter")
        page.wait_for_function("document.getElementById('__drawer').checked")
        reached = set()
        for _ in range(40):
            page.keyboard.press("Tab")
            reached.add(page.evaluate("document.activeElement.closest('.md-sidebar--primary') ? "
                                      "document.activeElement.getAttribute('href') : null"))
        assert "../recovery/" in reached, f"drawer links reached by Tab: {sorted(filter(None, reached))}"
    finally:
        context.close()


def test_text_at_200_percent_does_not_scroll_sideways_on_a_phone(browser, site_url, site_dir):
    """Browser text size doubled (Chromium's font-size setting, which rem-based Material follows)."""
    context = new_context(browser, 390)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    problems = []
    try:
        page.goto(site_url)
        normal = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
        cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
        for path in page_paths(site_dir):
            page.goto(site_url + path)
            zoomed = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
            assert zoomed == pytest.approx(2 * normal), f"text zoom not applied ({normal} -> {zoomed})"
            over = page.evaluate("""() => {
                const doc = document.scrollingElement;
                if (doc.scrollWidth <= doc.clientWidth + 1) return null;
                const wide = [...document.querySelectorAll('.md-content *')]
                  .filter(e => e.getBoundingClientRect().right > doc.clientWidth + 1)
                  .map(e => e.outerHTML.slice(0, 100));
                return {scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, wide: wide.slice(0, 3)};
            }""")
            if over:
                problems.append(f"{path or '/'}: {over}")
    finally:
        context.close()
    assert not problems, "page scrolls sideways at 200% text:\n" + "\n".join(problems)
