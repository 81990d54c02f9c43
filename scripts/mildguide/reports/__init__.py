"""Reports: measures and lists for contributors (readability, glossary), never part of the page output."""
