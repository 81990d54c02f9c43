"""MkDocs hook: a clinic's branded build from `extra.clinic` (see mkdocs.clinic-example.yml).

Validates the profile (a bad one fails the build naming the config file and field), then:
the clinic's colours as generated assets/stylesheets/clinic.css, its logo in the header,
its site title, and its name and contact box on every page (overrides/main.html shows
`omg_clinic_box`; embed pages draw the same box). The neutral build (empty profile) is unchanged.
"""
from __future__ import annotations

import os

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from mildguide import attribution as A
from mildguide import clinic as K
from mildguide import content as C
from mildguide.site.embed import clinic_box_html

CSS_PATH = "assets/stylesheets/clinic.css"


def _lang(config) -> str:
    """The language this build writes: mkdocs-static-i18n builds Spanish as a second build of
    the same config, with theme.language set to `es` by then (reconfigure_material)."""
    lang = str(config.theme.get("language") or "en")
    return lang if lang in ("en", "es") else "en"


@event_priority(-110)   # after mkdocs-static-i18n's on_config (-100): it sets the Spanish edition's
def on_config(config):  # site_name and copyright, which a clinic's must replace
    try:
        profile = K.validate(config.extra.get("clinic"), config.config_file_path, config.docs_dir)
    except K.ClinicError as error:
        raise PluginError(str(error)) from None
    config.extra["clinic"] = profile
    lang = _lang(config)
    # The footer: the licence, linked, and the credit to the upstream guide (CC BY
    # attribution), in the build's language. Built here, with the clinic's name escaped.
    name, name_lang = K.text_in(profile, "name", lang) if profile else (None, lang)
    config.copyright = A.footer_html(name, lang, name_lang)
    config.extra["omg_print_credit"] = A.print_credit_html(name, lang, name_lang)
    name_es, name_es_lang = K.text_in(profile, "name", "es") if profile else (None, "es")
    config.extra["omg_print_credit_es"] = A.print_credit_html(name_es, "es", name_es_lang)
    config.extra["omg_site_name_lang"] = None
    if not profile:
        return config
    title, title_lang = K.text_in(profile, "site_title", lang)
    if title:
        config.site_name = title
        config.extra["omg_site_name_lang"] = title_lang if title_lang != lang else None
    if profile.get("logo_on_primary") or profile.get("logo"):
        config.theme["logo"] = profile.get("logo_on_primary") or profile["logo"]
    # "Edit this page" follows the clinic's own repository, or is off: the copy's readers
    # must not be sent to edit the upstream guide.
    config.repo_url = profile.get("repo_url")
    config.repo_name = None
    config.edit_uri = profile.get("edit_uri", "edit/main/docs/") if config.repo_url else None
    if CSS_PATH not in config.extra_css:
        config.extra_css.append(CSS_PATH)
    return config


@event_priority(-110)    # after mkdocs-static-i18n (-100), which cannot handle a generated file
def on_files(files, config):
    profile = config.extra.get("clinic")
    if profile:
        source = os.path.basename(config.config_file_path or "mkdocs.yml")
        files.append(File.generated(config, CSS_PATH, content=K.css(profile, source)))
    return files


EMBED_PAGE = ("embedding.md", "embedding.es.md")       # the web team's page (docs/embedding.md)


@event_priority(-110)    # after mkdocs-static-i18n translated the nav
def on_nav(nav, config, files):
    """`embed_page: false`: the Embed page leaves the patients' navigation (and prev/next
    links); the post-build pass takes it out of the sitemap. The page itself stays built."""
    profile = config.extra.get("clinic") or {}
    if profile.get("embed_page") is not False:
        return nav

    def keep(item) -> bool:
        return not (getattr(item, "file", None) and item.file.src_uri in EMBED_PAGE)

    def prune(items):
        out = []
        for item in items:
            if getattr(item, "children", None):
                item.children = prune(item.children)
                if not item.children:
                    continue
            if keep(item):
                out.append(item)
        return out

    nav.items = prune(nav.items)
    nav.pages = [p for p in nav.pages if keep(p)]
    for i, page in enumerate(nav.pages):
        page.previous_page = nav.pages[i - 1] if i else None
        page.next_page = nav.pages[i + 1] if i + 1 < len(nav.pages) else None
    return nav


def on_page_content(html, page, config, files):
    """A clinic copy's home page is headed with the clinic's title, not the guide's name."""
    profile = config.extra.get("clinic")
    if not profile or not page.is_homepage and page.file.src_uri not in ("index.es.md", "es/index.md"):
        return html
    lang = getattr(page.file, "locale_alternate_of", None) or _lang(config)
    title, title_lang = K.text_in(profile, "site_title", lang)
    return K.brand_h1(html, title, title_lang if title_lang != lang else None) if title else html


def on_page_context(context, page, config, nav):
    profile = config.extra.get("clinic")
    if profile:
        logo = C.relative_url(profile["logo"], page.url) if profile.get("logo") else None
        lang = getattr(page.file, "locale_alternate_of", None) or "en"     # Spanish edition: es/
        context["omg_clinic_box"] = clinic_box_html(profile, logo, lang)
    return context
