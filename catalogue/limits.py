"""Limits on what the library accepts, checked in one place."""

from __future__ import annotations

__all__ = ["MAX_AGENCY_CELL", "MAX_TEXT_CHARS", "check_limit"]


def check_limit(limit: object) -> None:
    """Raise ``ValueError`` unless ``limit`` (how many candidates to return) is a positive
    integer."""
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ValueError(f"limit must be a positive integer, not {limit!r}")


#: the longest budget-line text the library reads (characters); a longer one is refused with
#: :class:`~catalogue.InvalidText` (in a batch: an ``error`` row that says why). Real project
#: names and their descriptions are far shorter; the bound keeps every line's cost bounded.
MAX_TEXT_CHARS = 2000

#: a cell longer than this is not read as only an agency's name (the longest real ones, such as
#: 湖南湘江新区管理委员会自然资源和规划局, have about 20 characters)
MAX_AGENCY_CELL = 28
