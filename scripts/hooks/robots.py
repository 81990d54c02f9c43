"""MkDocs hook: write robots.txt (with the sitemap URL of this build's site_url)."""
from pathlib import Path

from mildguide.robots import robots_txt


def on_post_build(config):
    Path(config["site_dir"], "robots.txt").write_text(robots_txt(config.get("site_url")), encoding="utf-8")
