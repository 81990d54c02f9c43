"""Pure transforms behind the build hooks (Markdown -> Markdown, HTML -> HTML)."""
