"""The Spanish edition's language facts, shared by the hooks, the Markdown extensions and
the post-build pass (issue 16; ARCHITECTURE.md "Spanish edition").

Layout (mkdocs-static-i18n, suffix structure): docs/recovery.es.md is the Spanish page of
docs/recovery.md and is built at es/recovery/; English is the default language, at the root.
A Spanish page that does not exist yet is built from the English file at the same es/ URL
(the plugin's `fallback_to_default`), with a notice in Spanish.

Pure: no MkDocs import. UI strings of our own machinery (notices, labels) live in STRINGS;
Material's own strings come from `theme.language`.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

DEFAULT = "en"
LANGS = ("en", "es")                  # build order: the default first (the plugin's order)
HTML_LANG = {"en": "en", "es": "es"}
SCHEMA_LANG = {"en": "en-US", "es": "es-US"}     # JSON-LD inLanguage
OG_LOCALE = {"en": "en_US", "es": "es_US"}
_SUFFIX = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})\.md$")


def split(src_uri: str) -> tuple[str, str]:
    """(`recovery.md`, `es`) for `recovery.es.md`; (`recovery.md`, `en`) for `recovery.md`."""
    m = _SUFFIX.match(src_uri)
    if m and m.group("lang") in LANGS:
        return f"{m.group('stem')}.md", m.group("lang")
    return src_uri, DEFAULT


def localized(norm_src: str, lang: str) -> str:
    """`recovery.es.md` for (`recovery.md`, `es`); the English name for English."""
    return norm_src if lang == DEFAULT else f"{norm_src[:-3]}.{lang}.md"


def source_for(docs_dir: Path, norm_src: str, lang: str) -> str:
    """The file a `lang` page is built from: its translation, else the English page (fallback)."""
    name = localized(norm_src, lang)
    return name if (Path(docs_dir) / name).is_file() else norm_src


def prefix(lang: str) -> str:
    """URL folder of a language: `` for English, `es/` for Spanish."""
    return "" if lang == DEFAULT else f"{lang}/"


def lang_of_url(url: str) -> str:
    """The language of a site-relative URL or built file (`es/recovery/` -> `es`)."""
    first = url.lstrip("/").split("/", 1)[0]
    return first if first in LANGS and first != DEFAULT else DEFAULT


def is_translation(src_uri: str) -> bool:
    return split(src_uri)[1] != DEFAULT


MONTHS_ES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
             "septiembre", "octubre", "noviembre", "diciembre")


def human_date(day: dt.date, lang: str = DEFAULT) -> str:
    """`December 2, 2026` / `2 de diciembre de 2026`."""
    if lang == "es":
        return f"{day.day} de {MONTHS_ES[day.month - 1]} de {day.year}"
    return f"{day:%B} {day.day}, {day.year}"


# Our machinery's own words. A key missing in Spanish falls back to English (and a test
# checks none is missing).
STRINGS = {
    "en": {
        "disclaimer_label": "Medical disclaimer",
        "disclaimer_strong": "This guide is not medical advice.",
        "disclaimer_rest": ("It explains what published sources say about the MILD procedure. "
                            "Talk to your own doctor about your health and your choices."),
        "not_found_title": "Page not found",
        "not_found_text": "We could not find that page. It may have moved.",
        "not_found_home": "Go to the start of the guide",
        "not_found_search": "Or use the search box at the top of the page.",
        "no_review": "No clinician has reviewed this page yet.",
        "report_label": "Report a problem with this page",
        "last_reviewed": "Last reviewed",
        "next_review": "Next review due",
        "due_title": "This page is due for review",
        "due_text": ("It should have been checked again by {date}. Some facts may be out of date. "
                     "Check with your care team."),
        "sources_heading": "Sources for this page",
        "print_page": "Print this page",
        # A nested table-of-contents list's name (overrides/partials/toc-item.html).
        "toc_section": "{title}, on this page",
        # A heading's "¶" link's name (mildguide.page.a11y.label_permalinks).
        "permalink": "Link to this section",
    },
    "es": {
        "print_page": "Imprimir esta página",
        "toc_section": "{title}, en esta página",
        "permalink": "Enlace a esta sección",
        "disclaimer_label": "Aviso médico",
        "disclaimer_strong": "Esta guía no es consejo médico.",
        "disclaimer_rest": ("Explica lo que dicen las fuentes publicadas sobre el procedimiento MILD. "
                            "Hable con su propio médico sobre su salud y sus opciones."),
        "not_found_title": "No encontramos esta página",
        "not_found_text": "No pudimos encontrar esa página. Puede que se haya movido.",
        "not_found_home": "Ir al inicio de la guía en español",
        "not_found_search": "O use el buscador en la parte de arriba de la página.",
        "no_review": "Ningún profesional clínico ha revisado esta página todavía.",
        "report_label": "Informar de un problema en esta página",
        "last_reviewed": "Última revisión:",
        "next_review": "Próxima revisión:",
        "due_title": "Esta página debe revisarse",
        "due_text": ("Debía revisarse de nuevo antes del {date}. Algunos datos pueden estar "
                     "desactualizados. Consulte con su equipo de atención médica."),
        "sources_heading": "Fuentes de esta página",
        "fallback_title": "Esta página aún no está traducida",
        "fallback_text": ("Todavía no hay una versión en español de esta página. Abajo está la "
                          "versión en inglés."),
        "stale_title": "Esta traducción puede estar desactualizada",
        "stale_text": ("La versión en inglés de esta página cambió el {date}; esta traducción "
                       "puede estar desactualizada."),
        "stale_link": "Lea la versión en inglés",
        "translated_by": "Traducción: {by}.",
        "no_medical_translator": ("Ningún traductor médico ha revisado esta traducción todavía."),
        # At the top of every Spanish page and embed that no medical translator has reviewed
        # (issue 25). No claim about free interpreters: no checked source says it.
        "draft_title": "Borrador de traducción",
        "draft_text": ("Esta página se tradujo del inglés con ayuda de inteligencia artificial. "
                       "Todavía no la ha revisado un traductor médico. Antes de decidir algo, "
                       "pregúntele a su equipo de atención médica. Pida también un intérprete médico."),
        "medical_translator": "Revisión de traductor médico: {by}, {date}.",
        # The one line at the top of the page; the full draft_text sits after the page.
        "draft_short": "Todavía no la ha revisado un traductor médico.",
        "draft_more": "Qué significa esto",
    },
}


def t(lang: str, key: str, **values) -> str:
    """Our machinery's text `key` in `lang` (English when Spanish lacks it)."""
    text = STRINGS.get(lang, {}).get(key) or STRINGS[DEFAULT].get(key) or STRINGS["es"][key]
    return text.format(**values) if values else text


def untranslated_nav_titles(nav, translations: dict | None) -> list[str]:
    """Every title in `nav` (sections and pages) that `translations` (the language's
    `nav_translations` in mkdocs.yml) lacks: its menu would show the English words."""
    missing: list[str] = []

    def walk(item):
        if isinstance(item, dict):
            for key, value in item.items():
                if not (translations or {}).get(str(key)) and str(key) not in missing:
                    missing.append(str(key))
                walk(value)
        elif isinstance(item, list):
            for sub in item:
                walk(sub)
    walk(nav or [])
    return missing


def nav_title_line(config_text: str, title: str) -> int:
    """The line of `title`'s nav entry in a config file's text (1 when not found)."""
    pattern = re.compile(r"^\s*-\s*[\"']?" + re.escape(title) + r"[\"']?\s*:")
    return next((i for i, line in enumerate(config_text.split("\n"), 1) if pattern.match(line)), 1)
