"""Python-Markdown extension: care cards get a level label and the contact line from the clinic
profile (`extra.clinic`); "Sources differ" boxes must cite at least 2 different sources
(file:line problems), and a care card type must be one of the three. Pure work: mildguide.page.care.

    markdown_extensions:
      - mildguide.mdext.care
"""
from __future__ import annotations

from ..page import care
from . import body_line, priorities, report
from .base import GuideExtension, Scan, WholePage


class _SourcesDiffer(Scan):
    NEEDLE = ("sources-differ", "care")

    def scan(self, ctx, text):
        first = body_line(ctx, text)
        report(care.check_sources_differ(text, ctx.label, first) + care.check_card_types(text, ctx.label, first))


class _Cards(WholePage):
    NEEDLE = "care-"

    def page(self, text, ctx):
        clinic = dict((ctx.extra.get("clinic") if ctx is not None else None) or {})
        lang = "es" if ctx is not None and ctx.content_lang == "es" else "en"
        return care.label_and_contact(text, clinic, lang)


class CareExtension(GuideExtension):
    PROCESSORS = (("preprocessors", _SourcesDiffer, "mildguide_sources_differ", priorities.CARE_CHECK),
                  ("postprocessors", _Cards, "mildguide_care_cards", priorities.CARE_CARDS))


makeExtension = CareExtension
