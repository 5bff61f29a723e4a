"""Browsing commands: departments, show, tree, entries, info, schema."""
