"""Python-Markdown extension: care cards get a level label and the contact line from the clinic
profile (`extra.clinic`); "Sources differ" boxes must cite at least 2 different sources
(file:line problems), and a care card type must be one of the three. Pure work: mildguide.page.care.

    markdown_extensions:
      - mildguide.mdext.care
"""
from __future__ import annotations

from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from ..page import care
from . import GuideExtension, body_line, page_context, priorities, report, scan_context, whole_page


class _SourcesDiffer(Preprocessor):
    def run(self, lines):
        text = "\n".join(lines)
        if "sources-differ" in text or "care" in text:
            ctx = scan_context(self.md)
            if ctx is not None:
                first = body_line(ctx, text)
                report(care.check_sources_differ(text, ctx.label, first)
                       + care.check_card_types(text, ctx.label, first))
        return lines


class _Cards(Postprocessor):
    def run(self, text):
        if not whole_page(self.md):     # the toc's runs on heading text
            return text
        if "care-" not in text and "omg-phone" not in text:
            return text
        ctx = page_context(self.md)
        clinic = dict((ctx.extra.get("clinic") if ctx is not None else None) or {})
        lang = "es" if ctx is not None and ctx.content_lang == "es" else "en"
        return care.fill_phone_slots(care.label_and_contact(text, clinic, lang), clinic, lang)


class CareExtension(GuideExtension):
    def processors(self, md):
        return [("preprocessors", _SourcesDiffer(md), "mildguide_sources_differ", priorities.CARE_CHECK),
                ("postprocessors", _Cards(md), "mildguide_care_cards", priorities.CARE_CARDS)]


makeExtension = CareExtension
