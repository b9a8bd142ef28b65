"""Split long texts into overlapping model windows and merge their predictions back to one row per character.

Each character is predicted by the window in which it sits farthest from an edge: overlaps are split at their
midpoint, so an entity crossing a window edge is seen whole by at least one window and is neither lost nor doubled.
"""
from __future__ import annotations

import numpy as np


def window_spans(n_chars: int, size: int, overlap: int) -> list[tuple[int, int]]:
    """[start, end) character windows of at most `size` covering 0..n_chars, consecutive ones sharing `overlap`."""
    if size <= 0:
        raise ValueError("window size must be positive")
    overlap = max(0, min(overlap, size // 2))
    if n_chars <= size:
        return [(0, n_chars)]
    spans, start = [], 0
    step = size - overlap
    while True:
        end = min(start + size, n_chars)
        spans.append((start, end))
        if end == n_chars:
            return spans
        start += step
        if start + size > n_chars:  # last window is a full one ending at the text end
            start = n_chars - size


def merge_windows(n_chars: int, spans: list[tuple[int, int]], rows: list[np.ndarray]) -> np.ndarray:
    """Stitch per-window arrays [end-start, k] into one [n_chars, k] array (midpoint ownership of overlaps)."""
    if not rows:
        return np.zeros((0, 0), dtype=np.float32)
    out = np.zeros((n_chars, rows[0].shape[1]), dtype=rows[0].dtype)
    for k, ((s, e), row) in enumerate(zip(spans, rows)):
        own_s = s if k == 0 else (s + spans[k - 1][1]) // 2
        own_e = e if k == len(spans) - 1 else (spans[k + 1][0] + e) // 2
        out[own_s:own_e] = row[own_s - s:own_e - s]
    return out
