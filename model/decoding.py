"""From per-character tag probabilities to entity spans.

Decoding is a Viterbi search over the BIO tag lattice with the invalid transitions (O -> I-X, B-X -> I-Y) forbidden,
so the output is always well-formed BIO; where the arg-max sequence is already valid it is what Viterbi returns.
An entity's score is the mean probability of its characters' chosen tags (mean, not min: one uncertain character at
a boundary should lower the score, not zero it).
"""
from __future__ import annotations

from typing import Optional, Sequence

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
    return viterbi_many([probs], tags, min_chars)[0]


GROUP_CELLS = 1 << 16  # characters x texts decoded in one lattice: bounds the back-pointer table of a group


def viterbi_many(probs: Sequence[np.ndarray], tags: Sequence[str],
                 min_chars: int = MIN_ENTITY_CHARS) -> list[np.ndarray]:
    """Best valid tag path of each text. Texts of similar length share one lattice walk: the per-character step
    is a few numpy calls whatever the number of texts, so decoding a batch costs about as much as its longest text
    (on a fast int8 encoder the step loop was an eighth of the pipeline). Each text's path is exactly the one it
    gets alone: the same float operations in the same order, padding after its end never read."""
    out = [np.zeros(0, dtype=np.int64) for _ in probs]
    order = sorted((i for i, p in enumerate(probs) if p.shape[0]), key=lambda i: probs[i].shape[0])
    group: list[int] = []
    for i in order:
        if group and (len(group) + 1) * probs[i].shape[0] > GROUP_CELLS:
            _viterbi_group([probs[j] for j in group], tags, min_chars, out, group)
            group = []
        group.append(i)
    if group:
        _viterbi_group([probs[j] for j in group], tags, min_chars, out, group)
    return out


def _viterbi_group(probs: list[np.ndarray], tags: Sequence[str], min_chars: int, out: list, where: list[int]):
    k, n_tags = len(probs), len(tags)
    last = np.array([p.shape[0] - 1 for p in probs])
    length = int(last.max()) + 1
    logp = np.zeros((k, length, n_tags))
    for r, p in enumerate(probs):
        logp[r, :p.shape[0]] = np.log(np.clip(p, 1e-12, 1.0))
    trans = np.where(transition_mask(tags, min_chars), 0.0, -np.inf)
    score = np.where(start_mask(tags), logp[:, 0], -np.inf)
    final = score.copy()
    back = np.zeros((k, length, n_tags), dtype=np.int16)
    for t in range(1, length):
        cand = score[:, :, None] + trans  # [text, prev, cur]
        back[:, t] = cand.argmax(axis=1)
        score = cand.max(axis=1) + logp[:, t]
        ending = last == t
        if ending.any():
            final[ending] = score[ending]
    if min_chars >= 2:  # a text cannot end on the first character of an entity
        is_b = np.array([t.startswith("B-") for t in tags])
        final[(last > 0)[:, None] & is_b[None, :]] = -np.inf
    rows = np.arange(k)
    paths = np.zeros((k, length), dtype=np.int64)
    paths[rows, last] = final.argmax(axis=1)
    for t in range(length - 1, 0, -1):
        active = last >= t
        prev = back[rows, t, paths[:, t]]
        paths[active, t - 1] = prev[active]
    for r, i in enumerate(where):
        out[i] = paths[r, :last[r] + 1].copy()


def decode_entities(text: str, probs: np.ndarray, tags: Sequence[str],
                    path: Optional[np.ndarray] = None) -> list[Entity]:
    """Entities of text from its per-character probabilities (one row per character); `path` = its Viterbi path
    when already decoded with others (viterbi_many)."""
    if path is None:
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
