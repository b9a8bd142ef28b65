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


def annotation_records(annotation_dir: Path = ANNOTATION_DIR, files: Optional[list[Path]] = None) -> list[dict]:
    records = []
    for path in (files if files is not None else sorted(Path(annotation_dir).glob("*.jsonl"))):
        records += list(read_jsonl(path))
    return sorted(records, key=lambda r: r["doc"])


def load_genre(root, annotation_dir: Path = ANNOTATION_DIR, only: Optional[set] = None,
               files: Optional[list[Path]] = None) -> list[Document]:
    """Documents for every annotated genre file under root; [] when root is None or absent. With `only` (a set of
    document ids), just those are read: a caller working on train/dev never opens a test article."""
    if root is None or not Path(root).is_dir():
        return []
    docs = []
    for rec in annotation_records(annotation_dir, files):
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


ROLES = {"signatory", "witness"}
KINDS = {"government", "enterprise", "organization"}
_ISO = __import__("re").compile(r"^\d{4}-\d{2}-\d{2}$")


def record_problems(doc: Document) -> list[str]:
    """What is wrong with a stand-off document's records (ANNOTATION.md, "Records"); [] when they are valid."""
    problems = []
    officials = {doc.text[s:e] for s, e, lab in doc.spans if lab == "OFFICIAL"}
    for i, ag in enumerate(doc.agreements or []):
        where = f"record {i}"
        for p in ag.get("parties") or []:
            if not p.get("name"):
                problems.append(f"{where}: a party without a name")
            if p.get("kind") not in KINDS:
                problems.append(f"{where}: party {p.get('name')!r} has kind {p.get('kind')!r}")
        for o in ag.get("officials") or []:
            if o.get("role") not in ROLES:
                problems.append(f"{where}: official {o.get('name')!r} has role {o.get('role')!r}")
            if o.get("name") not in officials:
                problems.append(f"{where}: official {o.get('name')!r} is not an OFFICIAL span")
        if ag.get("date") is not None and not _ISO.match(str(ag["date"])):
            problems.append(f"{where}: date {ag['date']!r} is not ISO YYYY-MM-DD")
        for a in ag.get("amounts") or []:
            if not isinstance(a.get("value"), (int, float)):
                problems.append(f"{where}: amount {a.get('text')!r} has no numeric value")
    return problems


def is_standoff_file(path) -> bool:
    """True for a genre stand-off file (lines {"doc", "sha256", "spans", ...} without the text)."""
    for rec in read_jsonl(path):
        return "sha256" in rec and "doc" in rec and "text" not in rec
    return False


def validate_standoff(path, root) -> tuple[list[Document], list[str]]:
    """Load one stand-off file against the article folder (sha256 checked) and list every span/record problem."""
    from .data import span_problems
    docs = load_genre(root, annotation_dir=Path(path).parent, only=None, files=[Path(path)])
    problems = []
    for d in docs:
        problems += [f"{d.id}: {p}" for p in span_problems(d.text, d.spans)]
        problems += [f"{d.id}: {p}" for p in record_problems(d)]
    return docs, problems
