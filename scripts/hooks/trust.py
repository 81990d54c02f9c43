"""MkDocs hook: the clinical-review line and the "Report a problem with this page" link, as
template context for overrides/main.html (`omg_trust`; plain strings, escaped there).

This stays a hook because only a template context can place them where main.html does
(after the page, before the disclaimer): a Python-Markdown extension writes only the page's
content. Under Zensical, which ignores `hooks:`, the line and link are not shown (ARCHITECTURE.md,
"What Zensical does not do"). The checks (Key points box, US spelling) are the extension
mildguide.mdext.trust; `clinical_review:` is checked by mildguide.mdext.frontmatter.
"""
from mildguide import i18n
from mildguide.page import trust


def on_page_context(context, page, config, nav):
    clinic = dict(config.extra.get("clinic") or {})
    title = (page.meta.get("title") if page.meta else None) or page.title or ""
    lang = getattr(page.file, "locale_alternate_of", None) or "en"     # mkdocs-static-i18n
    context["omg_trust"] = {
        "review": trust.review_text(page.meta or {}, clinic, lang),
        "report_url": trust.report_url(config.repo_url, f"docs/{page.file.src_uri}", str(title),
                                       page.canonical_url, clinic),
        "report_label": trust.REPORT_LABEL if lang == "en" else i18n.t(lang, "report_label"),
    }
    return context
