"""Redirect pages for embed addresses that moved, so a clinic's snippet keeps working.

`extra.embed_redirects` in mkdocs.yml maps an old embed path to the new one:

    extra:
      embed_redirects:
        embed/faq/topic-cost/: embed/costs/

Each old path gets a small HTML page that sends the frame on (a `<meta http-equiv="refresh">`:
no script, so it works under the site's CSP) and links the new address for readers.
tests/test_embed_urls.py keeps the list of published embed addresses (tests/embed_urls.txt)
and fails when one disappears without such a page.
"""
from __future__ import annotations

import html as _html
import re

from .. import content as C

PATH = re.compile(r"^embed/[a-z0-9][a-z0-9/_-]*/$")


def check(redirects, config_name: str) -> list[str]:
    """Problems with `extra.embed_redirects` (a mapping of embed paths)."""
    if redirects in (None, {}):
        return []
    if not isinstance(redirects, dict):
        return [f"{config_name}: extra.embed_redirects must map old embed paths to new ones"]
    problems = []
    for old, new in redirects.items():
        for value in (old, new):
            if not isinstance(value, str) or not PATH.match(value):
                problems.append(f"{config_name}: extra.embed_redirects: {value!r} is not an embed path "
                                f"like embed/<page>/ or embed/<page>/<widget>/")
    return problems


def redirect_page(old: str, new: str, title: str = C.GUIDE_NAME) -> str:
    """The HTML written at `old` (site-relative folder) sending the reader to `new`."""
    href = _html.escape(C.relative_url(new, old), quote=True)
    return ("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{_html.escape(title)}: this part has moved</title>\n"
            f"<meta http-equiv=\"refresh\" content=\"0; url={href}\">\n"
            f"<link rel=\"canonical\" href=\"{href}\">\n<meta name=\"robots\" content=\"noindex\">\n"
            "</head>\n<body>\n"
            f"<p>This part of the guide has moved: <a href=\"{href}\">open it here</a>.</p>\n"
            "</body>\n</html>\n")
