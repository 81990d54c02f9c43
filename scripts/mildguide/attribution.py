"""CC BY 4.0 attribution: who wrote the text, under which license, and where it comes from.

One place for the upstream guide's name and address and the license link, used by the site
footer (`config.copyright`, set by scripts/hooks/clinic.py), the embed footer
(mildguide.site.embed), the ready-to-paste texts on the Embed page and the JSON export. A clinic
copy keeps the upstream credit: CC BY asks reusers to name the author, link the license and
say what changed; a clinic build is an adaptation and names the clinic as adapter.
"""
from __future__ import annotations

import html as _html

GUIDE_NAME = "Open MILD Guide"
AUTHOR = "Open MILD Guide contributors"
UPSTREAM_URL = "https://open-mild-guide.github.io/guide/"
LICENCE = LICENSE = "CC BY 4.0"
LICENCE_URL = LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
CODE_LICENCE = "MIT"
GUIDE_URL = UPSTREAM_URL          # the upstream guide, whatever site_url says
# The credit's own words per language (the guide's name is a proper name in both).
AUTHORS = {"en": AUTHOR, "es": "los colaboradores de Open MILD Guide"}


def _e(text) -> str:
    return _html.escape(str(text), quote=True)


def upstream_page(page_url: str = "") -> str:
    """The address of a page of the upstream guide (`page_url` is site-relative)."""
    return UPSTREAM_URL + page_url.lstrip("/")


FOOTER = {
    "en": {"clinic": "{name}’s copy of {guide} by {author}, text {licence}, with the clinic’s "
                     "contact details added · Code {code} · Not medical advice",
           "neutral": "Text by {author}, {licence} · Code {code} · Not medical advice",
           "print_clinic": "{name}’s copy of {guide_name} ({url}) by {author}, text {licence}",
           "print": "{guide_name}, by {author}, text {licence}"},
    "es": {"clinic": "Copia de {name} de {guide}, de {author}; texto {licence}, con los datos de "
                     "contacto de la clínica añadidos · Código {code} · No es consejo médico",
           "neutral": "Texto de {author}, {licence} · Código {code} · No es consejo médico",
           "print_clinic": "Copia de {name} de {guide_name} ({url}), de {author}; texto {licence}",
           "print": "{guide_name}, de {author}; texto {licence}"},
}


def _name(clinic_name: str, lang: str, name_lang: str | None) -> str:
    """The clinic's name, escaped, marked with its language when it differs from the page's."""
    return (f'<span lang="{name_lang}">{_e(clinic_name)}</span>' if name_lang and name_lang != lang
            else _e(clinic_name))


def footer_html(clinic_name: str | None = None, lang: str = "en", name_lang: str | None = None) -> str:
    """The site footer line in `lang` (every page, both languages): the upstream guide, linked,
    its authors and the licence link; in a clinic copy, the clinic as adapter."""
    words = FOOTER.get(lang, FOOTER["en"])
    licence = f'<a href="{LICENCE_URL}" rel="license">{LICENCE}</a>'
    guide = f'<a href="{UPSTREAM_URL}" hreflang="en">{GUIDE_NAME}</a>'
    key = "clinic" if clinic_name else "neutral"
    author = AUTHORS.get(lang, AUTHOR)
    return words[key].format(name=_name(clinic_name or "", lang, name_lang), guide=guide,
                             author=author, licence=licence, code=CODE_LICENCE)


def print_credit_html(clinic_name: str | None = None, lang: str = "en", name_lang: str | None = None) -> str:
    """The credit line a printed page carries (the footer does not print)."""
    words = FOOTER.get(lang, FOOTER["en"])
    licence = f'<a href="{LICENCE_URL}" rel="license">{LICENCE}</a>'
    key = "print_clinic" if clinic_name else "print"
    return words[key].format(name=_name(clinic_name or "", lang, name_lang), guide_name=GUIDE_NAME,
                             url=UPSTREAM_URL, author=AUTHORS.get(lang, AUTHOR), licence=licence)


def paste_texts(site_url: str) -> dict[str, str]:
    """Attribution lines a reuser can paste (plain text; the Embed page shows them)."""
    return {
        "embed": (f"From {GUIDE_NAME} ({UPSTREAM_URL}) by {AUTHOR}, licensed {LICENCE} "
                  f"({LICENCE_URL}). Shown unchanged in a frame."),
        "json": (f"Text from {GUIDE_NAME} ({UPSTREAM_URL}) by {AUTHOR}, licensed {LICENCE} "
                 f"({LICENCE_URL}). Imported from its JSON and shown in our own layout; "
                 "no words changed."),
        "clinic": (f"Based on {GUIDE_NAME} ({UPSTREAM_URL}) by {AUTHOR}, licensed {LICENCE} "
                   f"({LICENCE_URL}). Changes: our clinic's name, contact details, colors and logo added."),
    }


def attribution(*, title: str | None, page_path: str, page_url: str, clinic: dict | None) -> dict:
    """The JSON export's attribution record. `title`: the page's (None: the whole guide);
    `page_path`: site-relative (`recovery/`); `page_url`: the page in this build (absolute
    when the build has a site_url)."""
    upstream = GUIDE_URL + page_path
    what = f'"{title}"' if title else "Text"
    if clinic:
        name = str(clinic.get("name"))
        text = (f"{what}, adapted by {name} from {GUIDE_NAME} ({upstream}), "
                f"licensed under {LICENSE} ({LICENSE_URL}). {name} added its own name and "
                f"contact details.")
        adapter = {"name": name, "url": page_url}
    else:
        text = f"{what} from {GUIDE_NAME} ({upstream}), licensed under {LICENSE} ({LICENSE_URL})."
        adapter = None
    return {"text": text, "license": LICENSE, "license_url": LICENSE_URL,
            "source_name": GUIDE_NAME, "source_url": upstream, "adapter": adapter}
