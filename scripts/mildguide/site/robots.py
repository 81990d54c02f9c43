"""robots.txt for the built site, pointing at the sitemap under the configured site_url."""
from __future__ import annotations


def robots_txt(site_url: str | None) -> str:
    lines = ["# Open MILD Guide: every page may be indexed.", "User-agent: *", "Allow: /"]
    if site_url:
        lines += ["", f"Sitemap: {site_url.rstrip('/')}/sitemap.xml"]
    return "\n".join(lines) + "\n"
