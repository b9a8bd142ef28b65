"""The entity label set and its BIO tag scheme.

The label set is data, not code: configs name it and every checkpoint stores it (config.json id2label).
DEFAULT_LABELS is what a config gets when it names none.
"""
from __future__ import annotations

DEFAULT_LABELS: tuple[str, ...] = ("PARTY", "OFFICIAL", "TITLE", "DATE", "AMOUNT", "AGREEMENT")


def bio_tags(labels) -> list[str]:
    """O first, then B-/I- for each label in the given order."""
    tags = ["O"]
    for label in labels:
        tags += [f"B-{label}", f"I-{label}"]
    return tags


def labels_from_tags(tags) -> list[str]:
    """Inverse of bio_tags: entity labels in order of first appearance."""
    out: list[str] = []
    for tag in tags:
        if tag != "O":
            label = tag[2:]
            if label not in out:
                out.append(label)
    return out
