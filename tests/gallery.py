"""The component gallery: one page, built by the real build, with every component in every state.

Why a page added to a copy of the project (and not a page of the real docs/ kept out of the
nav): the real config, hooks, Markdown extensions, registry, glossary and warning-signs.yml
all run on it, exactly as on a contributor's page, while readers never get a test page in
their sitemap, search index, exports or embed catalogue. The copy is built twice, neutral
(mkdocs.yml) and branded (mkdocs.clinic-example.yml), because the clinic box and the care
cards' clinic contact line exist only in a clinic build.

The browser checks that used to walk every page at every width in both schemes walk this page
instead (tests/test_gallery.py), and a proof test there fails when a built page uses a
component class, element, template or embed kind that the gallery (or a walked
representative) lacks: a new component must be added here before it reaches readers unwalked.
"""
from __future__ import annotations

import re
from pathlib import Path

from sitebuild import BuildResult, build, build_once, copy_project

SLUG = "gallery"
# Second in the nav, so the page has both a "previous" and a "next" footer link.
NAV_LINE = "  - Component gallery (test fixture): gallery.md\n"
CLINIC_CONFIG = "mkdocs.clinic-example.yml"

PAGE = """---
title: Component gallery
description: Every component of the guide in every state, for the browser tests (a test fixture, never published).
reviewed: 2026-11-23
next_review: 2027-11-23
clinical_review: none
---

# Component gallery

!!! key-points "Key points"
    - Most people go home on the day of MILD.[@src-003; @hayes-brief]
    - A [laminectomy](glossary.md#laminectomy) removes more bone.[@sport-stenosis-2008]

!!! next-steps "What you can do now"
    1. Write down when your legs hurt and what eases it.
    2. Take the [questions to ask](questions.md) to your next visit.

## Text, citations and tooltips { #text }

One citation.[@motion-trial] Two at once.[@staats-2018; @motion-trial] A glossary term with its
tooltip: the [ligament](glossary.md#ligamentum-flavum) in the back of the canal. A link to
another page: [recovery](recovery.md#recovery-timeline). A link to another site:
<https://clinicaltrials.gov/study/NCT02093520>. Some **bold** and *slanted* words, and `code` words.

### A question under a topic { #faq-gallery-question }

An answer.

```text
A code box with its copy button.
```

- A bullet list item
- Another one

1. A numbered list item
2. Another one

## Boxes { #boxes }

!!! sources-differ "Sources differ: how long recovery takes"
    One source says most people are back to light activity in a day.[@src-000] Another gives
    a week.[@src-003]

!!! note "A correction"
    A note box.

!!! warning "Never stop a blood thinner on your own"
    A warning box.

??? note "A closed detail box (FAQ details)"
    Text inside a box the reader opens.[@hayes-brief]

???+ note "An open detail box"
    Text inside a box that starts open.

## Care cards at each level { #care }

The after-procedure set holds a sign at every level (emergency, urgent, non-urgent), and care
cards come only from warning-signs.yml (a hand-written card stops the build).

[[warning-signs: after-procedure]]

## Compare table { #compare }

<div class="compare-table" id="treatment-comparison" markdown>

| | MILD | Laminectomy |
|---|---|---|
| Hospital stay | Home the same day[@src-003] | Not stated in the sources |
| Who paid | The company that makes MILD[@nct03610737-motion] | Public money[@sport-stenosis-2008] |

</div>

## What might happen to 100 people { #decision }

<div class="omg-decision" id="what-might-happen" markdown>

## What might happen to 100 people like me { #what-might-happen-to-100 }

```icon-array
per_100: 32
label: people who did not have surgery had clearly less leg pain after about 3 years
source: wessberg-2017-natural-history
outcome: clearly less leg pain
group: people with stenosis who were not advised to have surgery
follow_up: about 3 years
study: "Wessberg and Frennered, 2017: 146 people in Sweden, average age 68, not advised to have surgery; no comparison group; the sources we checked do not say who paid"
percent: 32
```

```icon-array
per_100: 63
label: people who had physical therapy twice a week felt clearly better after 6 weeks
source: minetama-2019
outcome: felt clearly better
group: people with stenosis who did supervised physical therapy
follow_up: 6 weeks
study: "Minetama and others, 2019: 86 people in Japan; compared with exercise at home; the sources we checked do not say who paid"
numerator: 27
denominator: 43
percent: 62.8
derived: true
```

!!! cannot-compare "These numbers cannot be compared"
    They come from different studies that counted different things.

</div>

## Recovery timeline { #timeline }

<div class="recovery-timeline" id="recovery-timeline" markdown>

1. **The day of MILD.** You rest, then go home.[@src-003; @hayes-brief]
2. **The first week.** Light walking.[@src-000]

</div>

## Checklists { #checklists }

<div class="omg-checklist" markdown>

- [ ] Am I a good candidate for MILD?
- [x] What are the risks for me?

</div>

<div class="omg-checklist omg-values" markdown>

- [ ] I want to avoid general anesthesia.

</div>

## A figure { #figure }

<figure class="canal-figure" markdown>
<div class="canal-figure__pair" markdown>
![Normal canal, seen from above.](assets/images/canal-normal.svg){ width="440" height="430" }
![Narrowed canal, seen from above.](assets/images/canal-narrowed.svg){ width="440" height="430" }
</div>
<figcaption>A normal canal and a narrowed canal.</figcaption>
</figure>

<figure class="canal-figure canal-figure--single" markdown>
![Narrowed canal, seen from above.](assets/images/canal-narrowed.svg){ width="440" height="430" }
<figcaption>A narrowed canal.</figcaption>
</figure>
"""

# Components the real pages added in the decision-grade rewrite, in their real markup: the home
# page's drawing (inline SVG with <title>, <desc>, role=img) taken from docs/index.md itself,
# a discharge sheet's phone blanks, a rule-of-three array (its "maybe" figures), a compare
# table read by column, and a fourth-level heading.
_ROOT = Path(__file__).resolve().parents[1]
_BACK = re.search(r'<figure class="omg-back-figure">.*?</figure>',
                  (_ROOT / "docs" / "index.md").read_text(encoding="utf-8"), re.S)
assert _BACK, "docs/index.md has no back drawing: update the gallery"
PAGE += """
## Drawings and discharge sheets { #sheets }

""" + _BACK.group(0) + """

<div class="omg-phones" markdown>

Keep these numbers by your phone:

- **My care team:** <span class="omg-phone" data-phone="care-team"></span>
- **Evenings and weekends:** <span class="omg-phone"><span class="omg-visually-hidden">space to write the number</span></span>

</div>

### Figures { #figures }

#### A rule-of-three figure { #rule-of-three }

```icon-array
per_100: 0
label: people had a serious problem from the device or procedure within 2 years
source: staats-2018
outcome: serious problem from the treatment
group: people aged 65 or older on Medicare who had MILD
follow_up: 2 years
study: "MiDAS ENCORE, Staats and others, 2018: paid for by the maker of MILD"
numerator: 0
denominator: 143
up_to: 2
derived: true
```

<div class="compare-table" data-side-by-side="column" markdown>

| Choice | Later surgery |
|---|---|
| MILD | About 6 in 100 within 3 years {outcome: had back surgery later}[@motion-trial] |
| Laminectomy | Not stated in the sources |

</div>
"""

# The Spanish page: a translation (credit line), stale on purpose (its source_hash is not the
# English page's), so the "may be out of date" notice shows; Spanish terms get their tooltips.
PAGE_ES = """---
title: Galería de componentes
description: Cada componente de la guía en cada estado, para las pruebas en el navegador (nunca se publica).
reviewed: 2026-11-23
next_review: 2027-11-23
clinical_review: none
translation:
  of: gallery.md
  source_hash: sha256:0000000000000000000000000000000000000000000000000000000000000000
  source_commit: null
  translated_by: "Test fixture"
  medical_translator_review: none
---

# Galería de componentes { #gallery }

!!! key-points "Puntos clave"
    - La mayoría de las personas se van a casa el mismo día de MILD.[@src-003; @hayes-brief]

!!! next-steps "Lo que puede hacer ahora"
    1. Anote cuándo le duelen las piernas y qué le alivia.

## Texto y citas { #text }

Una cita.[@motion-trial] Dos a la vez.[@staats-2018; @motion-trial]

!!! sources-differ "Las fuentes no coinciden: ¿cuánto tarda la recuperación?"
    - Una fuente dice un día.[@src-000]
    - Otra dice una semana.[@src-003]

??? note "Un cuadro cerrado"
    Texto dentro de un cuadro.[@hayes-brief]

## Señales de alarma { #care }

[[warning-signs: after-procedure]]
"""


def write_gallery(project: Path) -> None:
    """Add the gallery page to a project copy and list it in the nav (after the last entry)."""
    (project / "docs" / f"{SLUG}.md").write_text(PAGE, encoding="utf-8")
    (project / "docs" / f"{SLUG}.es.md").write_text(PAGE_ES, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    new, count = re.subn(r"^(nav:\n  - .*\n)", lambda m: m.group(1) + NAV_LINE, text, count=1, flags=re.M)
    assert count == 1, "mkdocs.yml has no top-level nav: block"
    # Its Spanish nav title, as a contributor's new page has one.
    new, count = re.subn(r"^( +)nav_translations:\n", lambda m: m.group(0) + m.group(1) + "  "
                         + NAV_LINE.split(":")[0].strip(" -") + ": Galería de componentes (prueba)\n",
                         new, count=1, flags=re.M)
    assert count == 1, "mkdocs.yml has no nav_translations: for the Spanish edition"
    config.write_text(new, encoding="utf-8")


def gallery_builds(tmp_path_factory, worker_id) -> tuple[BuildResult, BuildResult]:
    """(neutral, clinic) builds of a project copy with the gallery, once per test run."""
    def make(dest: Path) -> BuildResult:
        project = copy_project(dest / "project")
        write_gallery(project)
        return build(project, dest / "site")

    neutral = build_once(tmp_path_factory, worker_id, "gallery-site", make)
    assert neutral.ok, f"the gallery site does not build:\n{neutral.output}"

    def make_clinic(dest: Path) -> BuildResult:
        return build(neutral.project, dest / "site", config=CLINIC_CONFIG)

    clinic = build_once(tmp_path_factory, worker_id, "gallery-clinic-site", make_clinic)
    assert clinic.ok, f"the gallery clinic site does not build:\n{clinic.output}"
    return neutral, clinic
