"""Every registry entry is on its group's page and listed on the Sources page (the hub).

The registry (front matter of docs/sources.md) gives each entry a `group`; the entry's section
(`### Title { #source-<id> }`) is on docs/sources/<group>.md, and the hub lists its title as a
link that carries the old id (`sources/#source-<id>` still lands on it) and leads to the entry.
The build renders both from the registry; this finds what could still leave a source out: a
group page a copy of the guide does not build, a hub without a group's list, a list that
points elsewhere. Pure: the post-build step (mildguide.site.postbuild.source_hub) reports.
"""
from __future__ import annotations

from .faq_hub import link_target


def missing(registry: dict, hub, hub_url: str, groups: dict, registry_label: str,
            hub_label: str, group_label) -> list[str]:
    """Messages (`docs/sources.md:LINE: …`) for each entry that is on no group page or in no
    list of the hub. `hub`: the hub's content (postbuild.Page.content()) at `hub_url`;
    `groups`: group -> (page URL, content) of each built group page in the hub's language;
    `group_label(group)`: how problems name that group's file (docs/sources/<group>.md)."""
    listed = {a.get("id"): link_target(hub_url, a.get("href") or "")
              for a in hub.xpath('.//a[starts-with(@id, "source-")]')}
    out = []
    for ident, src in registry.items():
        anchor = f"source-{ident}"
        where = groups.get(src.group)
        if where is None or not where[1].xpath(f'.//*[@id="{anchor}"]'):
            out.append(f"{registry_label}:{src.line}: source '{ident}' is on no group page: "
                       f"{group_label(src.group)} must exist and hold the line <!-- source-list -->")
            continue
        if listed.get(anchor) != (where[0], anchor):
            out.append(f"{registry_label}:{src.line}: source '{ident}' is not listed on the Sources page "
                       f"({hub_label}): it needs the line <!-- source-list: {src.group} -->")
    return out
