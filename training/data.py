"""The repository's one annotation format, and its validator.

A document is one JSON line: {"id", "text", "spans": [[start, end, label], ...], "source"} with Python string
offsets into `text` (end exclusive). Optional keys: "published" (ISO date used to resolve relative dates),
"agreements" (expected records, schema of ../shared/ANNOTATION.md), "labels" (the entity labels this document
annotates; absent = all of them — corpora that lack a label list the ones they have, see corpora.py).

    python -m qianyue.training.data validate FILE...
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional

from qianyue.errors import QianyueError
from qianyue.labels import DEFAULT_LABELS


@dataclass
class Document:
    id: str
    text: str
    spans: list[tuple[int, int, str]]
    source: str = ""
    published: Optional[str] = None
    agreements: Optional[list[dict]] = None
    labels: Optional[list[str]] = None  # labels annotated in this document; None = all

    def to_dict(self) -> dict:
        out = {"id": self.id, "text": self.text, "spans": [list(s) for s in self.spans], "source": self.source}
        if self.published is not None:
            out["published"] = self.published
        if self.agreements is not None:
            out["agreements"] = self.agreements
        if self.labels is not None:
            out["labels"] = list(self.labels)
        return out

    @classmethod
    def from_dict(cls, d: dict) -> "Document":
        return cls(id=str(d["id"]), text=d["text"], spans=[(int(s), int(e), str(lab)) for s, e, lab in d["spans"]],
                   source=d.get("source", ""), published=d.get("published"), agreements=d.get("agreements"),
                   labels=d.get("labels"))


def span_problems(text: str, spans, labels=DEFAULT_LABELS) -> list[str]:
    """Every reason these spans are not valid for this text (empty list = valid)."""
    problems = []
    last_end, last = -1, None
    for s, e, lab in sorted(spans, key=lambda x: (x[0], x[1])):
        where = f"[{s}, {e}, {lab}]"
        if lab not in labels:
            problems.append(f"{where}: unknown label {lab!r}")
        if not (0 <= s < e <= len(text)):
            problems.append(f"{where}: out of range for text of length {len(text)}")
            continue
        piece = text[s:e]
        if piece != piece.strip():
            problems.append(f"{where}: leading/trailing whitespace in {piece!r}")
        if s < last_end:
            problems.append(f"{where}: overlaps {last}")
        if e > last_end:
            last_end, last = e, where
    return problems


def read_jsonl(path) -> Iterator[dict]:
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: not JSON ({exc})") from None


def load_documents(path) -> list[Document]:
    return [Document.from_dict(d) for d in read_jsonl(path)]


def write_documents(docs: Iterable[Document], path) -> None:
    path = Path(path)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d.to_dict(), ensure_ascii=False) + "\n")
    tmp.replace(path)


def label_counts(docs: Iterable[Document]) -> Counter:
    return Counter(lab for d in docs for _, _, lab in d.spans)


def validate_documents(docs: Iterable[Document], labels=DEFAULT_LABELS) -> list[str]:
    problems = []
    seen = set()
    for d in docs:
        if d.id in seen:
            problems.append(f"{d.id}: duplicate id")
        seen.add(d.id)
        problems += [f"{d.id}: {p}" for p in span_problems(d.text, d.spans, labels)]
    return problems


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) < 2 or argv[0] != "validate":
        print("usage: python -m qianyue.training.data validate FILE...", file=sys.stderr)
        return 2
    bad = 0
    for path in argv[1:]:
        try:
            from .genre import is_standoff_file, validate_standoff
            if is_standoff_file(path):  # genre stand-off: offsets into ../shared/genre ($QIANYUE_GENRE), sha256-checked
                from .config import TrainConfig
                root = TrainConfig().genre_dir(required=True)
                docs, problems = validate_standoff(path, root)
            else:
                docs = load_documents(path)
                problems = validate_documents(docs)
        except (OSError, ValueError, KeyError, TypeError, QianyueError) as exc:
            print(f"{path}: cannot read ({exc})", file=sys.stderr)
            bad += 1
            continue
        for p in problems:
            print(f"{path}: {p}", file=sys.stderr)
        counts = label_counts(docs)
        print(f"{path}: {len(docs)} documents, {sum(len(d.text) for d in docs)} chars, "
              + ", ".join(f"{k}={counts.get(k, 0)}" for k in DEFAULT_LABELS)
              + ("" if not problems else f"  -- {len(problems)} problems"))
        bad += bool(problems)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
