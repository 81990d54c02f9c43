"""Post-build link checker: every file the build wrote, no network.

Checks, over every HTML page (content pages, 404.html, embed pages …), sitemap.xml and JSON
file in the built site:

* every internal ``href``/``src``/``srcset`` (and ``poster``, social ``<meta>`` URLs, JSON-LD
  URLs) resolves to a built file, and every ``#fragment`` to an element ``id`` (or ``<a name>``)
  in the target;
* ``<loc>`` in sitemap.xml and URLs in JSON files that start with ``site_url`` resolve the same way
  (``location`` entries of the search index too);
* every Markdown page is in the nav or listed in ``not_in_nav``, and reachable by links from the
  home page (no orphans);
* external links use https, point to no tracking or URL-shortener host, carry no tracking
  parameters, and are listed once in the links registry (``links.yml`` + the sources registry in
  ``docs/sources.md`` + URLs written in the MkDocs config);
* page content holds no ``<script>`` (other than JSON data), no ``on…=`` attribute and no
  ``javascript:`` URL.

Each problem is reported as ``docs/page.md:LINE: what is wrong → target`` when the link sits in
page content (the line is found by searching the Markdown for the link target), else as the
built file's path; a Markdown link written as a built page's address (`../before/`) is
reported at its line with the `.md` link to write. Pure: no logging, no network;
`check_site` returns the problems.

The package, by concern: `collect` (the built files and what each HTML page holds),
`registry` (the external URLs the project knows, and the rules for external links),
`resolve` (a URL to a built file and #fragment), `mdsource` (the Markdown a page came
from: link lines), `report` (where and how often a problem is reported), `check` (the two
passes and the site-level checks), `config` (a SiteInfo from a MkDocs config).
"""
from __future__ import annotations

from .check import check_site, check_site_collect
from .config import nav_sources, site_info_from_config
from .model import Problem, Registry, SiteInfo
from .registry import REGISTRY_FILE, external_problems, load_registry

__all__ = ["Problem", "REGISTRY_FILE", "Registry", "SiteInfo", "check_site", "check_site_collect",
           "external_problems", "load_registry", "nav_sources", "site_info_from_config"]
