"""What a batch run tells the person waiting for it: a live progress line and a one-line summary, on stderr.

The live line (documents, characters, rate, ETA) is drawn only on a terminal: redirected stderr (a log file, CI)
gets no carriage-return noise. The summary line is printed whenever the run is not --quiet, because a log is
exactly where "how many documents, how many records, how many failures, how long" is wanted afterwards.

The ETA is estimated from input bytes: the expansion of the inputs knows every file's size before the model runs,
so the fraction done is bytes consumed / bytes to read (documents are not all the same length, so a count of
documents would mislead on a corpus of mixed sizes).
"""
from __future__ import annotations

import sys
import time
from typing import Optional, TextIO


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _count(n: float) -> str:
    for unit, size in (("M", 1e6), ("k", 1e3)):
        if n >= size:
            return f"{n / size:.1f}{unit}"
    return f"{n:.0f}"


class Progress:
    """Counts documents, characters, records and failures; draws a line on a terminal at most every `interval`.

    total_bytes: the expected input size (None = unknown: no ETA). enabled: None = only when `stream` is a TTY."""

    def __init__(self, total_bytes: Optional[int] = None, stream: Optional[TextIO] = None,
                 enabled: Optional[bool] = None, interval: float = 0.25, label: str = "predict"):
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.enabled = enabled
        self.total_bytes = total_bytes
        self.interval = interval
        self.label = label
        self.documents = self.characters = self.records = self.failures = self.skipped = 0
        self.bytes_done = 0
        self.start = time.monotonic()
        self._last_draw = 0.0
        self._drawn = False

    # ------------------------------------------------------------------ counting
    def document(self, characters: int, records: int, input_bytes: int = 0) -> None:
        self.documents += 1
        self.characters += characters
        self.records += records
        self.bytes_done += input_bytes
        self._maybe_draw()

    def failure(self, input_bytes: int = 0) -> None:
        self.failures += 1
        self.bytes_done += input_bytes
        self._maybe_draw()

    def skip(self, input_bytes: int = 0) -> None:
        self.skipped += 1
        self.bytes_done += input_bytes

    # ------------------------------------------------------------------ drawing
    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.start

    def line(self) -> str:
        elapsed = max(self.elapsed, 1e-9)
        parts = [f"{self.label}: {self.documents} docs", f"{_count(self.characters)} chars",
                 f"{self.documents / elapsed:.1f} docs/s", f"{_count(self.characters / elapsed)} chars/s"]
        if self.failures:
            parts.append(f"{self.failures} failed")
        if self.total_bytes:
            fraction = min(self.bytes_done / self.total_bytes, 1.0)
            parts.append(f"{fraction:4.0%}")
            if 0 < fraction < 1:
                parts.append(f"ETA {_duration(elapsed * (1 - fraction) / fraction)}")
        return "  ".join(parts)

    def _maybe_draw(self) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last_draw >= self.interval:
            self._last_draw = now
            self.stream.write("\r\x1b[2K" + self.line())
            self.stream.flush()
            self._drawn = True

    def clear(self) -> None:
        """Erase the live line so that a message (an error about one file) starts on a clean line."""
        if self._drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self._drawn = False

    def summary(self, skipped_where: Optional[str] = None, interrupted: Optional[str] = None) -> str:
        """interrupted: None for a run that went to the end, else what to do to finish it (may be "")."""
        text = (f"qianyue: {_counted(self.documents, 'document')}, {_counted(self.records, 'record')}, "
                f"{self.failures} failed, {_duration(self.elapsed)} ({self.elapsed:.1f} s)")
        if self.skipped:
            where = f" already in {skipped_where}" if skipped_where else " already done"
            text += f"; skipped {self.skipped}{where}"
        if interrupted is not None:  # else a Ctrl-C'd run would read like a finished one
            text = text.replace("qianyue: ", "qianyue: interrupted after ", 1) + (f"; {interrupted}" if interrupted
                                                                                   else "")
        return text

    def close(self, quiet: bool = False, skipped_where: Optional[str] = None,
              interrupted: Optional[str] = None) -> None:
        self.clear()
        if not quiet:
            print(self.summary(skipped_where, interrupted), file=self.stream, flush=True)


def _counted(n: int, noun: str) -> str:
    """1 document, 2 documents (the summary is read by people; the JSONL output is what programs read)."""
    return f"{n} {noun}{'' if n == 1 else 's'}"
