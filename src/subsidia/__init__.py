"""Subsidia: runs an EU shared-management fund programme and accounts for every euro in public."""

__version__ = "0.1.0"
