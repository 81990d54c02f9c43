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


def on_config(config):
    try:
        profile = K.validate(config.extra.get("clinic"), config.config_file_path, config.docs_dir)
    except K.ClinicError as error:
        raise PluginError(str(error)) from None
    config.extra["clinic"] = profile
    # The footer: the licence, linked, and in a clinic copy the credit to the upstream guide
    # (CC BY attribution). Built here, with the clinic's name escaped.
    config.copyright = A.footer_html(profile.get("name") if profile else None)
    config.extra["omg_print_credit"] = A.print_credit_html(profile.get("name") if profile else None)
    config.extra["omg_print_credit_es"] = A.print_credit_html(profile.get("name") if profile else None, "es")
    if not profile:
        return config
    if profile.get("site_title"):
        config.site_name = profile["site_title"]
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


def on_page_context(context, page, config, nav):
    profile = config.extra.get("clinic")
    if profile:
        logo = C.relative_url(profile["logo"], page.url) if profile.get("logo") else None
        lang = getattr(page.file, "locale_alternate_of", None) or "en"     # Spanish edition: es/
        context["omg_clinic_box"] = clinic_box_html(profile, logo, lang)
    return context
