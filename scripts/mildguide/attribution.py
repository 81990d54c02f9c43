"""CC BY 4.0 attribution for reuse of the guide's text (JSON export, changes feed).

CC BY asks whoever shares the text to credit the creator, link the license, link the
source and say if they changed it. A clinic build is an adaptation: it credits the guide
(at its public address, GUIDE_URL, not the clinic's copy) and names the clinic as adapter.
"""
from __future__ import annotations

from mildguide import content as C

GUIDE_URL = "https://open-mild-guide.github.io/guide/"     # the upstream guide, whatever site_url says
LICENSE = "CC BY 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"


def attribution(*, title: str | None, page_path: str, page_url: str, clinic: dict | None) -> dict:
    """What to show next to reused text. `title`: the page's (None: the whole guide);
    `page_path`: site-relative (`recovery/`); `page_url`: the page in this build (absolute
    when the build has a site_url)."""
    upstream = GUIDE_URL + page_path
    what = f'"{title}"' if title else "Text"
    if clinic:
        name = str(clinic.get("name"))
        text = (f"{what}, adapted by {name} from {C.GUIDE_NAME} ({upstream}), "
                f"licensed under {LICENSE} ({LICENSE_URL}). {name} added its own name and "
                f"contact details.")
        adapter = {"name": name, "url": page_url}
    else:
        text = f"{what} from {C.GUIDE_NAME} ({upstream}), licensed under {LICENSE} ({LICENSE_URL})."
        adapter = None
    return {"text": text, "license": LICENSE, "license_url": LICENSE_URL,
            "source_name": C.GUIDE_NAME, "source_url": upstream, "adapter": adapter}
