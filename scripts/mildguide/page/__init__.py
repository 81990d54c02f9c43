"""Page stage: pure Markdown/HTML transforms and checks of one page, called by the mdext adapters."""
