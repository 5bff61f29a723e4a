"""Limits on what the library accepts, checked in one place."""

from __future__ import annotations

__all__ = ["check_limit"]


def check_limit(limit: object) -> None:
    """Raise ``ValueError`` unless ``limit`` (how many candidates to return) is a positive
    integer."""
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ValueError(f"limit must be a positive integer, not {limit!r}")
