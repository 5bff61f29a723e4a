"""``catalogue lookup``: the verdict for one budget line."""
