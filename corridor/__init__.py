"""Corridor: an open platform for cross-regional industrial alliances and innovation corridors."""

__version__ = "0.1.0"
