"""From per-character tag probabilities to entity spans.

Decoding is a Viterbi search over the BIO tag lattice with the invalid transitions (O -> I-X, B-X -> I-Y) forbidden,
so the output is always well-formed BIO; where the arg-max sequence is already valid it is what Viterbi returns.
An entity's score is the mean probability of its characters' chosen tags (mean, not min: one uncertain character at
a boundary should lower the score, not zero it).
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from .results import Entity


MIN_ENTITY_CHARS = 2  # no annotated entity in the seeds or genre articles is one character long


def transition_mask(tags: Sequence[str], min_chars: int = MIN_ENTITY_CHARS) -> np.ndarray:
    """allowed[i, j]: may tag j follow tag i. Row/column order is the tag id order. With min_chars >= 2 a B-X must
    be followed by I-X, so one-character fragments (昭, 我) cannot be decoded: they either grow or disappear."""
    n = len(tags)
    allowed = np.ones((n, n), dtype=bool)
    for j, tj in enumerate(tags):
        for i, ti in enumerate(tags):
            if tj.startswith("I-"):
                allowed[i, j] = ti[2:] == tj[2:] and ti != "O"
            elif min_chars >= 2 and ti.startswith("B-"):
                allowed[i, j] = False
    return allowed


def start_mask(tags: Sequence[str]) -> np.ndarray:
    return np.array([not t.startswith("I-") for t in tags])


def viterbi(probs: np.ndarray, tags: Sequence[str], min_chars: int = MIN_ENTITY_CHARS) -> np.ndarray:
    """Best valid tag path through probs [n, n_tags]."""
    n = probs.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    logp = np.log(np.clip(probs, 1e-12, 1.0))
    trans = np.where(transition_mask(tags, min_chars), 0.0, -np.inf)
    score = np.where(start_mask(tags), logp[0], -np.inf)
    back = np.zeros((n, len(tags)), dtype=np.int64)
    for t in range(1, n):
        cand = score[:, None] + trans  # [prev, cur]
        back[t] = cand.argmax(axis=0)
        score = cand.max(axis=0) + logp[t]
    if min_chars >= 2 and n > 1:  # a text cannot end on the first character of an entity
        score = np.where([t.startswith("B-") for t in tags], -np.inf, score)
    path = np.zeros(n, dtype=np.int64)
    path[-1] = int(score.argmax())
    for t in range(n - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path


def decode_entities(text: str, probs: np.ndarray, tags: Sequence[str]) -> list[Entity]:
    """Entities of text from its per-character probabilities (one row per character)."""
    path = viterbi(probs, tags)
    chosen = probs[np.arange(len(path)), path] if len(path) else np.zeros(0)
    entities: list[Entity] = []
    start = label = None

    def close(end: int) -> None:
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            entities.append(Entity(label=label, text=text[s:e], start=s, end=e, score=float(chosen[s:e].mean())))

    for i, tag_id in enumerate(path):
        tag = tags[tag_id]
        if tag.startswith("I-") and label == tag[2:]:
            continue
        if label is not None:
            close(i)
            start = label = None
        if tag != "O":
            start, label = i, tag[2:]
    if label is not None:
        close(len(path))
    return entities
