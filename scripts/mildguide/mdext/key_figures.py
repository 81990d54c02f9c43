"""Python-Markdown extension: `[[figure: ID]]` becomes the key figure's text, from its one
definition in key-figures.yml (mildguide.page.key_figures); a sentence about a figure's topic
that writes another value by hand fails the build with file:line.

    markdown_extensions:
      - mildguide.mdext.key_figures:
          definitions: key-figures.yml   # next to the config file

Keeps the line count (the figure replaces the marker inside its line), and runs before
citations (priorities.KEY_FIGURES). Problems in the data file are reported once per build,
on the English home page.
"""
from __future__ import annotations

import functools

from markdown.preprocessors import Preprocessor

from ..page import key_figures as K
from ..page.checks import language
from ..reports import prose
from . import body_line, page_context, priorities, report
from .base import GuideExtension, Step


@functools.lru_cache(maxsize=8)
def _load(text: str, label: str):
    return K.load(text, label)


class _Figures(Step, Preprocessor):
    def run(self, lines):
        ctx = page_context(self.md)
        if ctx is None:
            return lines
        name = self.option("definitions")
        path = ctx.project_dir / name
        if not path.is_file():
            return lines
        figures, data_problems = _load(path.read_text(encoding="utf-8"), name)
        if ctx.norm_src_uri == "index.md" and ctx.lang == "en":
            report(data_problems, of=ctx)
        lang = language(ctx.src_uri)        # the file's own (Zensical has no language of the build)
        if not ctx.fallback:
            raw = ctx.raw()
            report(K.hand_written(raw, prose.sentences(raw), figures, lang, ctx.label))
        text = "\n".join(lines)
        if "[[figure:" not in text:
            return lines
        out, problems = K.expand(text, figures, lang, ctx.label, body_line(ctx, text))
        report(problems, ctx)
        return out.split("\n")


class KeyFiguresExtension(GuideExtension):
    OPTIONS = {"definitions": ("key-figures.yml", "the key figures' file, next to the config file")}
    PROCESSORS = (("preprocessors", _Figures, "mildguide_key_figures", priorities.KEY_FIGURES),)


makeExtension = KeyFiguresExtension
