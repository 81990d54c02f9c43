"""Chrome-less embed pages: which widgets a page holds, and the HTML of an embed page.

Pure functions: the hook (scripts/hooks/embed.py) passes in page content HTML, front matter
and site-relative URLs, and writes what these return.
"""
from __future__ import annotations

import copy
import html as _html
from dataclasses import dataclass, field

from .. import attribution as A
from .. import content as C
from . import faq_hub

EMBED_DIR = "embed/"
CSS = "assets/stylesheets/embed.css"
FRAME_JS = "assets/javascripts/embed-frame.js"
HOST_JS = "assets/javascripts/embed.js"
SNIPPET_PLACEHOLDER = "<!-- embed-widgets -->"
ATTRIBUTION_PLACEHOLDER = "<!-- embed-attribution -->"
KINDS = ("faq-topic", "comparison", "decision-aid", "timeline", "checklist")   # catalogue order


@dataclass
class Widget:
    id: str            # stable id: the element id it comes from (`topic-cost`, `treatment-comparison`)
    title: str
    page_slug: str     # `faq`
    kind: str          # faq-topic | comparison | decision-aid | timeline | checklist
    description: str = ""
    prefix: str = ""   # language folder: `es/` for the Spanish edition's widgets (mildguide.i18n)

    @property
    def url(self) -> str:
        """Site-relative URL of the widget's embed page (`es/embed/…` in Spanish)."""
        return f"{self.prefix}{EMBED_DIR}{self.page_slug}/{self.id}/"


@dataclass
class EmbedDoc:
    """What an embed page shows."""
    title: str
    body_html: str                 # already link-rewritten for the embed location
    sources: list = field(default_factory=list)       # [C.Source] when we render the list
    numbers: dict = field(default_factory=dict)       # source id -> its number on the page
    sources_html: str | None = None                   # the page's own list, rewritten
    reviewed: str | None = None
    next_review: str | None = None
    page_title: str = ""
    page_href: str = ""            # relative from the embed page to the full page
    page_url: str = ""             # site-relative URL of the full page (for the upstream credit)
    clinic: dict | None = None
    extra_css: list = field(default_factory=list)     # site-relative stylesheet paths
    lang: str = "en"                                  # `es`: an embed of the Spanish edition
    draft: bool = False            # a translation no medical translator has reviewed yet
    brand: str = C.GUIDE_NAME                         # the site's title (a clinic's site_title)


EMBED_WORDS = {
    "en": {"sources": "Sources", "reviewed": "Last reviewed", "next": "next review due", "from": "From",
           "not_advice": "This is not medical advice.",
           "talk": "Talk to your own doctor about your health and your choices.", "print": "Print"},
    "es": {"sources": "Fuentes", "reviewed": "Última revisión:", "next": "próxima revisión:", "from": "De",
           "not_advice": "Esto no es consejo médico.",
           "talk": "Hable con su propio médico sobre su salud y sus opciones.", "print": "Imprimir"},
}


def page_embed_url(slug: str, prefix: str = "") -> str:
    return f"{prefix}{EMBED_DIR}{slug}/"


# --- widgets ---------------------------------------------------------------------------------

def find_widgets(slug: str, content_html: str, page_title: str, prefix: str = "") -> list[Widget]:
    """The widgets a page holds, by the agreed element ids and classes (`prefix`: `es/` for
    a Spanish page, whose widgets live under es/embed/)."""
    out = _find_widgets(slug, content_html, page_title)
    words = WIDGET_WORDS.get(prefix.strip("/") or "en", WIDGET_WORDS["en"])
    for w in out:
        w.prefix = prefix
        w.description = words[w.kind].format(title=w.title)
    return out


# Each widget kind's description on the Embed page, per language.
WIDGET_WORDS = {
    "en": {"faq-topic": "Questions and answers: {title}",
           "comparison": "Treatments side by side, with a source for every cell",
           "decision-aid": "A decision aid: what happened to 100 people in studies of each choice",
           "timeline": "What recovery looks like, from the same day onwards",
           "checklist": "A checklist of questions to take to an appointment"},
    "es": {"faq-topic": "Preguntas y respuestas: {title}",
           "comparison": "Los tratamientos, uno al lado del otro, con una fuente para cada casilla",
           "decision-aid": "Una ayuda para decidir: qué les pasó a 100 personas en los estudios de cada opción",
           "timeline": "Cómo es la recuperación, desde el mismo día en adelante",
           "checklist": "Una lista de preguntas para llevar a una cita"},
}


# A one-topic FAQ page (docs/faq/topic-cost.md): the whole page is that topic's widget, at the
# address the topic had when the FAQ was one page (embed/faq/topic-cost/; issue 27).
FAQ_TOPIC_PAGE = faq_hub.TOPIC_PAGE


def _answers_follow(h2) -> bool:
    """Whether a question (`h3`) comes after this `h2` before the next one."""
    node = h2.getnext()
    while node is not None and node.tag != "h2":
        if node.tag == "h3":
            return True
        node = node.getnext()
    return False


def _find_widgets(slug: str, content_html: str, page_title: str) -> list[Widget]:
    root = C.as_root(content_html)
    C.strip_chrome(root)
    out: list[Widget] = []
    if slug == "faq":
        for h2 in root.iter("h2"):
            wid = h2.get("id") or ""
            # A topic whose answers are on a page of their own (faq/topic-*.md) is only a list
            # of links here: that page's own embed has the address (embed/faq/topic-*/).
            if wid.startswith("topic-") and _answers_follow(h2):
                out.append(Widget(wid, C.text_of(h2), slug, "faq-topic",
                                  f"Questions and answers: {C.text_of(h2)}"))
    topic = FAQ_TOPIC_PAGE.fullmatch(slug)
    if topic:
        h1 = root.find(".//h1")
        name = (C.text_of(h1) if h1 is not None else page_title).split(": ", 1)[-1]   # "Questions and answers: X"
        out.append(Widget(topic.group(1), name, "faq", "faq-topic", f"Questions and answers: {name}"))
    for el in root.xpath(".//*[@id='treatment-comparison']"):
        out.append(Widget("treatment-comparison", _widget_title(el, "Compare treatments"), slug,
                          "comparison", "Treatments side by side, with a source for every cell"))
    for el in root.xpath(".//*[@id='what-might-happen']"):
        heading = el.xpath("./h2")
        out.append(Widget("what-might-happen", C.text_of(heading[0]) if heading else
                          "What might happen to 100 people like me", slug, "decision-aid",
                          "A decision aid: what happened to 100 people in studies of each choice"))
    for el in root.xpath(".//*[@id='recovery-timeline']"):
        out.append(Widget("recovery-timeline", _widget_title(el, "Recovery timeline"), slug,
                          "timeline", "What recovery looks like, from the same day onwards"))
    if slug == "questions" and root.xpath(".//li[contains(@class, 'task-list-item')]"):
        out.append(Widget("checklist", page_title, slug, "checklist",
                          "A checklist of questions to take to an appointment"))
    return out


def all_widgets(pages) -> list[Widget]:
    """Every widget of the rendered `pages`, in catalogue order (page order within a kind).
    `pages`: MkDocs pages, or (slug, content HTML or element, title) triples."""
    out: list[Widget] = []
    for page in pages:
        if isinstance(page, tuple):
            out += find_widgets(*page)
        else:
            out += find_widgets(C.page_slug(page.file.src_uri), page.content, C.page_title(page))
    return sorted(out, key=lambda w: KINDS.index(w.kind))


CATALOGUE_WORDS = {
    "en": {"address": "Address", "code": "Code to paste", "preview": "Preview", "show": "Show the preview", "whole": "Whole pages",
           "whole_text": "Every page of the guide also has an embed version. Use the same snippet "
                         "with one of these addresses:",
           "noscript": "If your site removes scripts:",
           "noscript_fixed": ("this frame keeps a fixed height of {fixed} px: enough for the whole part, "
                              "credit and “not medical advice” line included, in a frame {phone} px wide or "
                              "wider, with a margin. On a wider screen it leaves blank space below"),
           "tall": ("This part is tall: use the script snippet above, which sizes the frame to its "
                    "content, wherever your site allows it."),
           "others": "Spanish widgets",
           "others_text": ("The Spanish edition has the same widgets. Paste one of these snippets; the "
                           "Spanish Embed page has their previews and no-script snippets."),
           "others_id": "widgets-es"},
    "es": {"address": "Dirección", "code": "Código para pegar", "preview": "Vista previa",
           "show": "Mostrar la vista previa",
           "whole": "Páginas completas",
           "whole_text": "Cada página traducida de la guía también tiene una versión para insertar. "
                         "Use el mismo código con una de estas direcciones:",
           "noscript": "Si su sitio quita los scripts:",
           "noscript_fixed": ("este marco mantiene una altura fija de {fixed} px: suficiente para toda la "
                              "parte, con el crédito y la línea «no es consejo médico», en un marco de "
                              "{phone} px de ancho o más, con un margen. En una pantalla más ancha deja "
                              "espacio en blanco debajo"),
           "tall": ("Esta parte es larga: use el código con script de arriba, que ajusta el marco a su "
                    "contenido, siempre que su sitio lo permita."),
           "others": "Partes en inglés",
           "others_text": ("La edición en inglés tiene las mismas partes. Pegue uno de estos códigos; la "
                           "página en inglés tiene sus vistas previas."),
           "others_id": "widgets-en"},
}


def catalogue_html(widgets: list[Widget], pages: list[tuple[str, str]], here_url: str, site_url: str,
                   prefix: str = "", embed_html=None, brand: str = C.GUIDE_NAME,
                   other_widgets: list[Widget] | None = None) -> str:
    """The *Embed this guide* catalogue: every widget with a live preview (shown on request), a copy-paste
    snippet and a no-script snippet, then every whole page, then the other language's widgets
    (address and snippet). `pages`: (slug, title); `here_url`: the catalogue page's URL;
    `prefix`: `es/` for the Spanish Embed page (its widgets, its words); `embed_html`: embed
    path -> its built HTML (the fixed height of an embed not measured yet is estimated from
    it: mildguide.site.embed_heights); `brand`: the site's title, in the frames' names."""
    from . import embed_heights as H
    words = CATALOGUE_WORDS["es" if prefix == "es/" else "en"]
    embed_html = embed_html or (lambda path: "")
    parts = []
    for w in widgets:
        rel = C.relative_url(w.url, here_url)
        code = _e(snippet(w.url, site_url, w.title, brand=brand))
        fixed = H.fixed_height(w.url, embed_html(w.url))
        description = w.description if w.description[-1:] in ".?!" else w.description + "."
        # One <div> per widget: below the first section heading each top-level block is skipped
        # while off screen (reader.css), and each skipped block costs the browser work on every
        # whole-page restyle Material forces at start-up; seven blocks per widget were 155 (issue 27).
        parts.append(
            f'<div class="omg-widget">\n<h3 id="widget-{_e(w.page_slug)}-{_e(w.id)}">{_e(w.title)}</h3>\n'
            f'<p>{_e(description)} {words["address"]}: <a href="{_e(rel)}"><code>{_e(w.url)}</code></a></p>\n'
            f'<p><strong>{words["code"]}:</strong></p>\n'
            f'<pre class="omg-snippet"><code>{code}</code></pre>\n'
            f'<p><strong>{words["noscript"]}</strong> '
            + words["noscript_fixed"].format(fixed=fixed, phone=H.PHONE) + '.'
            + (f' <strong class="omg-tall">{words["tall"]}</strong>' if fixed > H.TALL else '') + '</p>\n'
            f'<pre class="omg-snippet omg-snippet--noscript"><code>{_e(noscript_snippet(w.url, site_url, w.title, fixed, brand))}</code></pre>\n'
            # Closed until asked for, and the frame in <noscript>: with scripts on that is text, so
            # the page creates none of the 14 frames up front (even a lazy, unloaded frame costs
            # the browser a document and restyles while the page loads; issue 27); embed-on-open.js
            # makes the frame when a reader opens the box. Without scripts it is a lazy frame.
            f'<details class="omg-preview-box"><summary>{words["show"]}</summary>\n<noscript>'
            f'<iframe class="omg-preview" src="{_e(rel)}" title="{words["preview"]}: {_e(w.title)}" '
            f'data-omg-embed height="480" loading="lazy"></iframe></noscript>\n</details>\n</div>\n')   # width: 100% in CSS (valid HTML)
    items = []
    for slug, title in pages:
        url = page_embed_url(slug, prefix)
        items.append(f'<li><a href="{_e(C.relative_url(url, here_url))}">{_e(title)}</a>'
                     f' — <code>{_e(url)}</code></li>')
    parts.append(f'<div class="omg-widget">\n<h3 id="whole-pages">{words["whole"]}</h3>\n<p>{words["whole_text"]}</p>\n'
                 f'<ul>{"".join(items)}</ul>\n</div>\n')
    if other_widgets:
        other_lang = "es" if prefix != "es/" else "en"
        rows = []
        for w in other_widgets:
            rows.append(f'<li lang="{other_lang}"><a href="{_e(C.relative_url(w.url, here_url))}">{_e(w.title)}</a>'
                        f' — <code>{_e(w.url)}</code>\n<pre class="omg-snippet"><code>'
                        f'{_e(snippet(w.url, site_url, w.title, brand=brand))}</code></pre></li>')
        parts.append(f'<div class="omg-widget">\n<h3 id="{words["others_id"]}">{words["others"]}</h3>\n<p>{words["others_text"]}</p>\n'
                     f'<ul class="omg-other-widgets">{"".join(rows)}</ul>\n</div>\n')
    return "\n".join(parts)


ATTRIBUTION_LABELS = {
    "en": {"embed": "For an embedded part (the frame already shows it; add it near the frame "
                    "if your site removes the frame's footer)",
           "json": "For text you import from the JSON files",
           "clinic": "For your own copy of the guide (the footer of a clinic build says this)"},
    "es": {"embed": "Para una parte insertada (el marco ya la muestra; póngala cerca del marco "
                    "si su sitio quita el pie del marco)",
           "json": "Para el texto que importe de los archivos JSON",
           "clinic": "Para su propia copia de la guía (el pie de página de una copia de clínica lo dice)"},
}


def attribution_html(site_url: str, lang: str = "en") -> str:
    """The ready-to-paste CC BY attribution texts (mildguide.attribution) for the Embed page.
    The texts stay in English (the license's own words and the guide's name); the labels
    follow the page's language."""
    texts = A.paste_texts(site_url)
    labels = ATTRIBUTION_LABELS.get(lang, ATTRIBUTION_LABELS["en"])
    return "\n".join(f'<p><strong>{_e(labels[k])}:</strong></p>\n<pre class="omg-snippet omg-attribution">'
                     f"<code>{_e(v)}</code></pre>" for k, v in texts.items())


def _widget_title(el, default: str) -> str:
    """The heading just before a block (its section title), else `default`."""
    prev = el.getprevious()
    while prev is not None:
        if prev.tag in ("h2", "h3"):
            return C.text_of(prev)
        prev = prev.getprevious()
    return default


def widget_fragment(widget: Widget, content_html: str):
    """The element tree (a <div>) holding only the widget's content."""
    root = C.as_root(content_html)
    C.strip_chrome(root)
    C.split_page_sources(root)
    box = C.fragment("")
    topic = root.xpath(f".//h2[@id='{widget.id}']") if widget.kind == "faq-topic" else []
    if topic:                                  # a topic section of a one-page FAQ
        node = topic[0].getnext()
        while node is not None and node.tag != "h2":
            nxt = node.getnext()
            box.append(node)
            node = nxt
    elif widget.kind in ("checklist", "faq-topic"):    # the whole page but its title
        for child in list(root):
            if child.tag != "h1":
                box.append(child)
        box.text = root.text
    else:
        block = copy.deepcopy(root.xpath(f".//*[@id='{widget.id}']")[0])
        if widget.kind == "decision-aid":      # its own heading is the embed page's <h1> already
            for h2 in block.xpath("./h2")[:1]:
                h2.drop_tree()
        box.append(block)
    _raise_headings(box)
    return box


def _raise_headings(box) -> None:
    """Move the box's headings up so the highest is an <h2> under the embed's <h1> (an FAQ topic's
    questions are <h3> on the FAQ page; h1 -> h3 skips a level, axe `heading-order`)."""
    headings = [el for el in box.iter() if el.tag in ("h2", "h3", "h4", "h5", "h6")]
    if not headings:
        return
    shift = min(int(el.tag[1]) for el in headings) - 2
    for el in headings if shift > 0 else ():
        el.tag = f"h{int(el.tag[1]) - shift}"


# --- link rewriting ---------------------------------------------------------------------------

def rewrite_links(root, page_url: str, embed_url: str) -> None:
    """Make links in `root` (content of the page at `page_url`) work from `embed_url`.

    Anchors to elements inside the embed stay; anything else that points into the guide is
    made relative to the embed page and opens in a new tab, as do links to other hosts.
    """
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    for a in root.iter("a"):
        href = a.get("href")
        if href is None:
            continue
        if href.startswith("#") and href[1:] in ids:
            continue
        resolved = C.site_path(page_url, href)
        if resolved is None:
            if href.split(":", 1)[0].lower() in ("mailto", "tel"):
                continue
            a.set("target", "_blank")
            a.set("rel", "noopener noreferrer")
            continue
        path, query, frag = resolved
        a.set("href", C.with_parts(C.relative_url(path, embed_url), query, frag))
        a.set("target", "_blank")
        a.set("rel", "noopener")
    for el in root.xpath(".//img[@src] | .//source[@src] | .//video[@src] | .//audio[@src]"):
        resolved = C.site_path(page_url, el.get("src"))
        if resolved:
            el.set("src", C.with_parts(C.relative_url(resolved[0], embed_url), resolved[1], ""))
    for el in root.xpath(".//*[@srcset]"):
        del el.attrib["srcset"]     # rare here; one src is enough for an embed


# --- rendering --------------------------------------------------------------------------------

def _e(text) -> str:
    return _html.escape(str(text), quote=True)


CLINIC_WORDS = {
    "en": {"label": "Your clinic", "shared": "Shared with you by", "call": "Call",
           "book": "Book or change an appointment"},
    "es": {"label": "Su clínica", "shared": "Compartido con usted por", "call": "Llame al",
           "book": "Pida o cambie una cita"},
}


def clinic_box_html(clinic: dict | None, logo_href: str | None = None, lang: str = "en") -> str:
    """The clinic's name and contact box (empty string for the neutral guide); `lang="es"`: in
    Spanish (the clinic's name, phone and note as the clinic wrote them)."""
    if not clinic or not clinic.get("name"):
        return ""
    words = CLINIC_WORDS.get(lang, CLINIC_WORDS["en"])
    parts = [f'<aside class="omg-clinic" aria-label="{words["label"]}">']
    if logo_href:
        parts.append(f'<img class="omg-clinic__logo" src="{_e(logo_href)}" alt="" '
                     f'width="48" height="48">')
    parts.append('<div class="omg-clinic__text">')
    from ..clinic import text_in

    def marked(field):          # a Spanish page without FIELD_es shows the English value, marked so
        value, value_lang = text_in(clinic, field, lang)
        return (f'<span lang="{value_lang}">{_e(value)}</span>' if value_lang != lang else _e(value)), value
    parts.append(f'<p class="omg-clinic__name">{words["shared"]} <strong>{marked("name")[0]}</strong></p>')
    contact = []
    if clinic.get("phone"):
        from ..clinic import tel_uri
        contact.append(f'{words["call"]} <a href="{_e(tel_uri(str(clinic["phone"])))}">{_e(clinic["phone"])}</a>')
    if clinic.get("booking_url"):
        contact.append(f'<a href="{_e(clinic["booking_url"])}" target="_blank" rel="noopener">'
                       f'{words["book"]}</a>')
    if contact:
        parts.append(f'<p class="omg-clinic__contact">{" · ".join(contact)}</p>')
    if clinic.get("note"):
        parts.append(f'<p class="omg-clinic__note">{marked("note")[0]}</p>')
    parts.append("</div></aside>")
    return "".join(parts)


def sources_list_html(sources: list, sources_href: str, numbers: dict | None = None,
                      heading: str = "Sources", lang: str = "en") -> str:
    """A "Sources" list for a widget: only the sources it cites. When the citation marks carry
    the page's numbers (`numbers`: id -> n), each item keeps its number, so a mark "4" still
    points at item 4 although items 1-3 are not in this widget."""
    if not sources:
        return ""
    numbers = numbers or {}
    if all(s.id in numbers for s in sources):
        sources = sorted(sources, key=lambda s: numbers[s.id])
    else:
        numbers = {}
    items = []
    for s in sources:
        mark = "" if lang == "en" else ' lang="en"'          # titles stay English: say so
        href = sources_href.removesuffix("sources/") + s.entry_path()     # the entry's group page
        entry = f'<a href="{_e(href)}#source-{_e(s.id)}" target="_blank" rel="noopener"{mark}>{_e(s.title)}</a>'
        value = f' value="{numbers[s.id]}"' if s.id in numbers else ""
        items.append(f'<li id="embed-source-{_e(s.id)}"{value}>{entry}</li>')
    return ('<section class="omg-embed__sources" aria-labelledby="omg-embed-sources">'
            f'<h2 id="omg-embed-sources">{_e(heading)}</h2><ol>{"".join(items)}</ol></section>')


def render_embed_page(doc: EmbedDoc, embed_url: str) -> str:
    """The full HTML of an embed page located at site-relative directory `embed_url`."""
    up = C.relative_url("", embed_url)         # e.g. ../../
    css = [CSS, *doc.extra_css]
    links = "".join(f'<link rel="stylesheet" href="{_e(up + c)}">' for c in css)
    logo = None
    if doc.clinic and doc.clinic.get("logo"):
        logo = up + str(doc.clinic["logo"]).lstrip("/")
    words = EMBED_WORDS.get(doc.lang, EMBED_WORDS["en"])
    prefix = "" if doc.lang == "en" else f"{doc.lang}/"

    def day(value):
        if doc.lang == "en":
            return C.long_date(value)
        import datetime as dt
        from ..i18n import human_date
        try:
            return human_date(dt.date.fromisoformat(str(value)), doc.lang)
        except ValueError:
            return str(value)
    review = []
    if doc.reviewed:
        review.append(f"{words['reviewed']} {_e(day(doc.reviewed))}")
    if doc.next_review:
        review.append(f"{words['next']} {_e(day(doc.next_review))}")
    sources = doc.sources_html if doc.sources_html is not None else \
        sources_list_html(doc.sources, up + prefix + "sources/", doc.numbers, words["sources"], doc.lang)
    return f"""<!doctype html>
<html lang="{_e(doc.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="strict-origin-when-cross-origin">
<title>{_e(doc.title)} · {_e(doc.brand)}</title>
{links}
<script src="{_e(up + FRAME_JS)}"></script>
</head>
<body>
<main class="omg-embed md-typeset">
{clinic_box_html(doc.clinic, logo, doc.lang)}
<h1 class="omg-embed__title">{_e(doc.title)}</h1>
<p class="omg-embed__disclaimer omg-embed__disclaimer--top"><strong>{words["not_advice"]}</strong> {words["talk"]}</p>
{draft_html(doc.lang) if doc.draft else ""}
<button type="button" class="omg-print" data-omg-print>{words["print"]}</button>
<div class="omg-embed__body">
{doc.body_html}
</div>
{sources}
{footer_html(doc, review)}
</main>
</body>
</html>
"""


FOOTER_WORDS = {
    "en": {"from": "From {page}", "based": "From {clinic}, based on {upstream}",
           "text_by": "Text by {author}, {license}."},
    "es": {"from": "De {page}", "based": "De {clinic}, basado en {upstream}",
           "text_by": "Texto de {author}, {license}."},
}


def draft_html(lang: str) -> str:
    """The Spanish page's draft notice (mildguide.i18n), at the top of its embeds too."""
    from .. import i18n
    return (f'<aside class="omg-embed__draft" role="note"><p><strong>{_e(i18n.t(lang, "draft_title"))}.</strong> '
            f'{_e(i18n.t(lang, "draft_text"))}</p></aside>')


def footer_html(doc: EmbedDoc, review: list[str]) -> str:
    """Review date, where the text comes from (with the CC BY credit) and the notice.
    A clinic build says "From <clinic>, based on Open MILD Guide", linking both."""
    words = EMBED_WORDS.get(doc.lang, EMBED_WORDS["en"])
    fw = FOOTER_WORDS.get(doc.lang, FOOTER_WORDS["en"])
    page = f'<a href="{_e(doc.page_href)}" target="_blank" rel="noopener">'
    if doc.clinic and doc.clinic.get("name"):
        upstream = f'<a href="{_e(A.upstream_page(doc.page_url))}" target="_blank" rel="noopener">{A.GUIDE_NAME}</a>'
        source = fw["based"].format(clinic=f"{page}{_e(doc.clinic['name'])}</a>", upstream=upstream)
    else:
        source = fw["from"].format(page=f"{page}{A.GUIDE_NAME}</a>")
    license_link = f'<a href="{A.LICENSE_URL}" target="_blank" rel="license noopener">{A.LICENSE}</a>'
    credit = fw["text_by"].format(author=A.AUTHORS.get(doc.lang, A.AUTHOR), license=license_link)
    return f"""<footer class="omg-embed__footer">
<p class="omg-embed__review">{"; ".join(review) + "." if review else ""}</p>
<p class="omg-embed__from">{source}: <span>{_e(doc.page_title)}</span></p>
<p class="omg-embed__licence">{credit}</p>
<p class="omg-embed__disclaimer"><strong>{words["not_advice"]}</strong> {words["talk"]}</p>
</footer>"""


def _is_draft(meta: dict) -> bool:
    """A translated page whose front matter names no medical translator review."""
    tr = meta.get("translation") if isinstance(meta.get("translation"), dict) else None
    review = tr.get("medical_translator_review") if tr else None
    return tr is not None and not (isinstance(review, dict) and review.get("by"))


def build_embed(*, title: str, body, page_url: str, embed_url: str, meta: dict, page_title: str,
                registry: dict, clinic: dict | None, extra_css: list, page_sources=None,
                lang: str = "en", brand: str = C.GUIDE_NAME) -> str:
    """Rewrite `body` (a <div> element) for `embed_url` and render its embed page."""
    ids = C.citation_ids(body, page_url)
    sources = C.sources_for(ids, registry, body, page_url)
    numbers = C.citation_numbers(body, page_url)
    sources_html = None
    if page_sources is not None:
        rewrite_links(page_sources, page_url, embed_url)
        sources_html = ('<section class="omg-embed__sources">' + C.to_html(page_sources) + "</section>")
    rewrite_links(body, page_url, embed_url)
    doc = EmbedDoc(
        title=title, body_html=C.to_html(body), sources=sources, numbers=numbers,
        sources_html=sources_html,
        reviewed=C.iso_date(meta.get("reviewed")), next_review=C.iso_date(meta.get("next_review")),
        page_title=page_title, page_href=C.relative_url(page_url, embed_url), page_url=page_url,
        clinic=clinic, extra_css=extra_css, lang=lang, brand=brand, draft=lang != "en" and _is_draft(meta),
    )
    return render_embed_page(doc, embed_url)


def first_load(site, page) -> tuple[int, int, int]:
    """(raw bytes, gzip bytes, requests) to show the embed page at `page` (a file under `site`):
    the HTML plus every stylesheet and script it loads. Used by tests and `make bench`."""
    import gzip
    from pathlib import Path

    from lxml import html as lxml_html

    site, page = Path(site), Path(page)
    tree = lxml_html.fromstring(page.read_bytes())
    here = page.parent.relative_to(site).as_posix() + "/"
    files = [page]
    for ref in tree.xpath("//link[@rel='stylesheet']/@href | //script/@src | //img/@src"):
        resolved = C.site_path(here, ref)
        if resolved is None:
            raise ValueError(f"{page}: loads {ref} from another host")
        files.append(site / resolved[0])
    raw = sum(f.stat().st_size for f in files)
    gz = sum(len(gzip.compress(f.read_bytes(), 9)) for f in files)
    return raw, gz, len(files)


def noscript_snippet(widget_url: str, site_url: str, title: str, height: int, brand: str = C.GUIDE_NAME) -> str:
    """A snippet for sites that strip <script> and unknown attributes: the frame alone, with a
    fixed height and the old `frameborder` (a style attribute may be stripped too)."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return (f'<iframe src="{_e(base + widget_url)}" title="{_e(title)} ({_e(brand)})" '
            f'width="100%" height="{int(height)}" frameborder="0" loading="lazy"></iframe>')


def snippet(widget_url: str, site_url: str, title: str, height: int = 600, brand: str = C.GUIDE_NAME) -> str:
    """The copy-paste HTML a clinic puts on its page: an iframe and our resizer script;
    `brand`: the site's title, in the frame's accessible name."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return (f'<iframe src="{_e(base + widget_url)}" title="{_e(title)} ({_e(brand)})" '
            f'data-omg-embed width="100%" height="{height}" loading="lazy"></iframe>\n'
            f'<script src="{_e(base + HOST_JS)}" defer></script>')
