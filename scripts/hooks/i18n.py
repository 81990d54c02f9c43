"""MkDocs hook: the Spanish edition's page furniture (issue 16; ARCHITECTURE.md "Spanish edition").

mkdocs-static-i18n builds English, then, from its own on_post_build, runs a second MkDocs
build of the same config for Spanish into es/. This hook runs in both builds:

- on_page_context / on_template_context: `omg_i18n` for overrides/main.html and 404.html:
  the page's language, our own UI words in it (mildguide.i18n.STRINGS), and the notices of a
  Spanish page: not translated yet (the English file, marked lang="en"), translation out of
  date (mildguide.translation), who translated it and whether a medical translator reviewed it.
- on_post_build: a Spanish 404. MkDocs writes 404.html at the site root in each language's
  build, so the Spanish build would replace the English one (mkdocs-static-i18n issue #284).
  The English page is kept on the plugin object (one per build: nothing outlives a `serve`
  rebuild) before the Spanish build runs; the Spanish one is moved to es/404.html.
"""
from __future__ import annotations

import os

from mkdocs.plugins import event_priority

from mildguide import i18n
from mildguide import translation as T
from mildguide.hooksupport import today


def _build_lang(config) -> str:
    lang = str(config.theme.get("language") or i18n.DEFAULT)
    return lang if lang in i18n.LANGS else i18n.DEFAULT


def on_page_context(context, page, config, nav):
    file = page.file
    lang = getattr(file, "locale_alternate_of", None) or _build_lang(config)
    content_lang = getattr(file, "locale", None) or lang
    info = T.page_info(config.docs_dir, file.src_uri, lang, content_lang, page.meta or {}, today())
    context["omg_i18n"] = info
    return context


def on_template_context(context, template_name, config):
    if template_name == "404.html":
        lang = _build_lang(config)
        context["omg_i18n"] = T.page_info(config.docs_dir, None, lang, lang, {}, today())
    return context


def _plugin(config):
    return config.plugins.get("i18n")


@event_priority(100)            # before mkdocs-static-i18n (-100) starts the Spanish build
def on_post_build(config, **kwargs):
    plugin = _plugin(config)
    if plugin is None:
        return
    if _build_lang(config) == i18n.DEFAULT:
        # The Spanish build must not stop on its own strict count: its problems already count
        # in the English build's, which then runs the post-build pass and reports them all
        # once, in one "Aborted with …" line.
        config.strict = False
    site = config.site_dir
    root_404 = os.path.join(site, "404.html")
    if not os.path.isfile(root_404):
        return
    if _build_lang(config) == i18n.DEFAULT:
        with open(root_404, "rb") as handle:
            plugin.omg_404_default = handle.read()
        return
    # The Spanish build just wrote its 404 over the English one: move it, put English back.
    target = os.path.join(site, i18n.prefix(_build_lang(config)), "404.html")
    os.makedirs(os.path.dirname(target), exist_ok=True)
    os.replace(root_404, target)
    english = getattr(plugin, "omg_404_default", None)
    if english is not None:
        with open(root_404, "wb") as handle:
            handle.write(english)
