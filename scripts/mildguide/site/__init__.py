"""Site stage: the post-build pass over the whole built site (embeds, export, feeds, headers, link check)."""
