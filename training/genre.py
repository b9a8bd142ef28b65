"""Stand-off annotations of the real genre articles: data/genre/*.jsonl point into ../shared/genre/ by file name.

The repository keeps offsets, labels and records only; the text is read from the shared folder at load time and
its sha256 must match the one recorded with the annotation, so that offsets can never silently drift.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Optional

from qianyue.errors import ConfigError
from qianyue.resources import data_dir

from .data import Document, read_jsonl

ANNOTATION_DIR = data_dir() / "genre"


def annotation_records(annotation_dir: Path = ANNOTATION_DIR) -> list[dict]:
    records = []
    for path in sorted(Path(annotation_dir).glob("*.jsonl")):
        records += list(read_jsonl(path))
    return sorted(records, key=lambda r: r["doc"])


def load_genre(root, annotation_dir: Path = ANNOTATION_DIR, only: Optional[set] = None) -> list[Document]:
    """Documents for every annotated genre file under root; [] when root is None or absent. With `only` (a set of
    document ids), just those are read: a caller working on train/dev never opens a test article."""
    if root is None or not Path(root).is_dir():
        return []
    docs = []
    for rec in annotation_records(annotation_dir):
        if only is not None and Path(rec["doc"]).stem not in only:
            continue
        path = Path(root) / rec["doc"]
        if not path.exists():
            raise ConfigError(f"{path}: annotated genre file is missing")
        raw = path.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        if digest != rec["sha256"]:
            raise ConfigError(f"{path}: sha256 {digest[:12]}… differs from the annotation's {rec['sha256'][:12]}…; "
                              "the file changed, so its offsets cannot be trusted")
        text = raw.decode("utf-8").replace("\r\n", "\n")
        docs.append(Document(id=Path(rec["doc"]).stem, text=text,
                             spans=[(int(s), int(e), lab) for s, e, lab in rec["spans"]],
                             source=f"genre/{rec['doc']}", published=rec.get("published"),
                             agreements=rec.get("agreements", [])))
    return docs


def genre_root(configured: Optional[Path]) -> Optional[Path]:
    return configured if configured is not None and configured.is_dir() else None
