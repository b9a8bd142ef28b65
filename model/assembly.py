"""Record assembly strategies, selectable by name: tagged entity spans -> agreement records.

Every assembler has the signature of rules.build_records: (text, entities, published) -> list[Agreement].
"""
from __future__ import annotations

from typing import Callable

from .rules import build_records

ASSEMBLERS: dict[str, Callable] = {"rules": build_records}
DEFAULT_ASSEMBLER = "rules"
