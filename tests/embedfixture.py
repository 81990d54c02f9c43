"""A self-contained widget fixture site for the embed and export tests.

It holds every kind of embeddable widget (FAQ topics, a FAQ answer with a <details> box,
the comparison table, the decision aid, the recovery timeline, the questions checklist) with known citations,
so those tests can check exact numbers and sources.

It never mixes with the real docs/: `write_widget_site` replaces every Markdown page of a
project copy with the pages below and gives the copy its own nav. A contributor's change to
the real pages (a new page, a link to a FAQ anchor) cannot break this site, and the real
pages are tested on the real build (conftest.py `site_dir`).
"""
from __future__ import annotations

import re
from pathlib import Path

FRONT = """---
title: {title}
description: {title} (test fixture).
reviewed: 2026-11-23
next_review: 2027-11-23
clinical_review: none
{extra}---

"""

SOURCES = [
    ("src-001", "Clinic page one", "https://example.org/one"),
    ("src-002", "Clinic page two", "https://example.org/two"),
    ("hayes-brief", "Hayes evidence brief", None),
]

REGISTRY = "sources:\n" + "".join(
    f"  - id: {sid}\n    title: {title}\n    kind: Test source.\n    used_for: Tests.\n    caveats: None.\n"
    + (f"    url: {url}\n" if url else "") for sid, title, url in SOURCES)

# name -> (title, extra front matter, body)
PAGES = {
    "index.md": ("Widget fixture", "citations: none\n", """# Widget fixture

Pages: [FAQ](faq.md), [Compare](compare.md), [Other treatments](other-treatments.md), [Recovery](recovery.md),
[Questions](questions.md), [Glossary](glossary.md), [Sources](sources.md),
[Embed](embedding.md).
"""),
    "faq.md": ("Frequently asked questions", "", """# Frequently asked questions

## Before the procedure { #topic-before }

### Will I be awake? { #faq-awake }

Most people are awake but numbed.[@src-001] See [recovery](recovery.md#recovery-timeline).

??? note "More detail about numbing"
    The sources differ about numbing and sleep.[@hayes-brief]
    Some people get medicine to relax them. This text makes the box taller when it opens.
    It keeps going for a few lines so the height change is easy to measure.

## After the procedure { #topic-after }

### When can I go home? { #faq-home }

Most people go home the same day.[@src-002]
"""),
    "compare.md": ("Compare treatments", "", """# Compare treatments

## Side by side { #side-by-side }

<div class="compare-table" id="treatment-comparison" markdown>

| | MILD | Open surgery |
|---|---|---|
| Hospital stay | Home the same day[@src-001] | Not stated in the sources |
| Opening | Smaller than 1 cm[@src-002] | Not stated in the sources |

</div>

Read the [glossary](glossary.md).
"""),
    "recovery.md": ("Recovery", "", """# Recovery

## Recovery timeline { #timeline }

<div class="recovery-timeline" id="recovery-timeline" markdown>

1. **Same day:** you go home.[@src-001]
2. **First week:** light walking.[@hayes-brief]

</div>

## When to get help { #when-to-get-help }

Ask your care team what to watch for.[@src-002]

[[warning-signs: after-procedure]]
"""),
    "other-treatments.md": ("Other treatments", "", """# Other treatments

<div class="omg-decision" id="what-might-happen" markdown>

## What might happen to 100 people like me { #what-might-happen-to-100 }

```icon-array
per_100: 40
label: people felt better
source: src-001
outcome: felt better
group: people in a test study
follow_up: 1 year
study: "A test study of 10 people"
numerator: 4
denominator: 10
derived: true
```

</div>
"""),
    "questions.md": ("Questions to ask your doctor", "", """# Questions to ask your doctor

## About the procedure { #about }

- [ ] Am I a good candidate for MILD?[@src-001]
- [ ] What are the risks for me?
"""),
    "glossary.md": ("Glossary", "citations: none\n", """# Glossary

## L { #letter-l }

### Ligament { #ligament }

A band of tough tissue that holds bones together.
"""),
    "sources.md": ("Sources", REGISTRY, """# Sources

<!-- source-list -->
"""),
    "embedding.md": ("Embed this guide", "citations: none\nembed: false\nomg_host_script: true\n", """# Embed this guide

## Parts you can embed { #widgets }

<!-- embed-widgets -->
"""),
}

# The fixture's own single definition of warning signs (the real one cites the real registry).
WARNING_SIGNS = """signs:
  - id: wound-leaking
    level: urgent
    text: "fluid leaking from the wound"
    sources: [src-002]
sets:
  after-procedure: [wound-leaking]
"""

KEY_POINTS = '\n\n!!! key-points "Key points"\n    - A short test page.\n'

NAV = """nav:
  - Home: index.md
  - Recovery: recovery.md
  - Other treatments: other-treatments.md
  - Compare treatments: compare.md
  - Questions to ask your doctor: questions.md
  - Frequently asked questions: faq.md
  - Glossary: glossary.md
  - Sources: sources.md
  - Embed this guide: embedding.md
"""


def write_widget_site(project: Path) -> None:
    """Turn a project copy (benchmarks.bigsite.copy_project) into the widget fixture site."""
    docs = project / "docs"
    for md in docs.rglob("*.md"):
        if "assets" not in md.relative_to(docs).parts:
            md.unlink()
    for name, (title, extra, body) in PAGES.items():
        if name not in ("index.md", "embedding.md"):   # content pages open with Key points (trust.py)
            body = body.replace("\n", KEY_POINTS, 1)
        (docs / name).write_text(FRONT.format(title=title, extra=extra) + body, encoding="utf-8")
    (project / "warning-signs.yml").write_text(WARNING_SIGNS, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    # Swap the nav block (from "nav:" to the next top-level key) for the fixture's own.
    new, count = re.subn(r"^nav:\n(?:(?:[ \t].*)?\n)*", NAV + "\n", text, count=1, flags=re.M)
    assert count == 1, "mkdocs.yml has no top-level nav: block to replace"
    # Every nav entry needs its Spanish title (the build fails without one): the fixture's own two.
    new, count = re.subn(r"^(\s+)nav_translations:\n", r"\g<0>\1  Other treatments: Otros tratamientos\n"
                         r"\1  Sources: Fuentes\n", new, count=1, flags=re.M)
    assert count == 1, "mkdocs.yml has no nav_translations: block"
    config.write_text(new, encoding="utf-8")
