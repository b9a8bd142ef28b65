"""Post-processing rules: tagged entity spans -> agreement records (see agreements.build_records)."""
from .agreements import build_records

__all__ = ["build_records"]
