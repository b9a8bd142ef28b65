"""Corrections made in the review page, stored as stand-off annotations, and read back as training documents.

One JSON line per reviewed article (saving an article again replaces its line):

    {"doc": "<the prediction's source>", "sha256": "<hex sha256 of the article text, UTF-8>",
     "published": "YYYY-MM-DD" | null, "predictions": "<the predictions JSONL the text is read from>",
     "spans": [[start, end, LABEL], ...], "agreements": [...records, ../shared/ANNOTATION.md...],
     "review": {"accepted": [i...], "corrected": [i...], "dropped": [i...], "added": [i...]}}

Like data/genre/*.jsonl it carries offsets and records but no article text: the text is the `text` of the
prediction in the predictions file (whose sha256 must match, so offsets never silently drift). Offsets index that
text, the cleaned article text the model saw.

Spans are the model's entities with the reviewer's corrections applied: a value typed into a field (a party's
name, an official's name or title, a date's text, an amount's text) that occurs in the text becomes a span of its
label at every occurrence, replacing predicted spans it overlaps; a party or official added by selecting text is a
span exactly there. What the reviewer did not touch keeps the model's tagging (the reviewer saw it and let it be).
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Iterable, Optional

from ..errors import ConfigError

FIELD_LABELS = {"party": "PARTY", "official": "OFFICIAL", "title": "TITLE", "date": "DATE", "amount": "AMOUNT"}
KINDS = ("government", "enterprise", "organization")
ROLES = ("signatory", "witness")


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _occurrences(text: str, value: str) -> list[tuple[int, int]]:
    out, start = [], 0
    while value:
        i = text.find(value, start)
        if i < 0:
            break
        out.append((i, i + len(value)))
        start = i + len(value)
    return out


def _clean(value) -> Optional[str]:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def annotation_record(agreement: dict) -> dict:
    """A record in the annotation schema (no evidence, no confidence) from a predicted or edited record."""
    parties = []
    for p in agreement.get("parties") or []:
        name = _clean(p.get("name"))
        if name:
            kind = p.get("kind") if p.get("kind") in KINDS else "organization"
            aliases = [a for a in (_clean(x) for x in p.get("aliases") or []) if a and a != name]
            parties.append({"name": name, "kind": kind, "aliases": aliases})
    officials = []
    for o in agreement.get("officials") or []:
        name = _clean(o.get("name"))
        if name:
            officials.append({"name": name, "title": _clean(o.get("title")), "party": _clean(o.get("party")),
                              "role": o.get("role") if o.get("role") in ROLES else "witness"})
    amounts = []
    for a in agreement.get("amounts") or []:
        text = _clean(a.get("text"))
        value = a.get("value")
        try:
            value = float(value) if value not in (None, "") else None
        except (TypeError, ValueError):
            raise ConfigError(f"amount {text!r}: value {value!r} is not a number") from None
        if text or value is not None:
            amounts.append({"text": text, "value": value, "currency": _clean(a.get("currency")) or "CNY",
                            "purpose": _clean(a.get("purpose"))})
    return {"title": _clean(agreement.get("title")), "parties": parties, "officials": officials,
            "date": _clean(agreement.get("date")), "amounts": amounts}


def _field_values(record: dict) -> Iterable[tuple[str, str]]:
    """(label, value) for every value of a record that names a span in the text."""
    for p in record["parties"]:
        for name in [p["name"], *p["aliases"]]:
            yield "PARTY", name
    for o in record["officials"]:
        yield "OFFICIAL", o["name"]
        for title in (o["title"] or "").split("、"):
            if title.strip():
                yield "TITLE", title.strip()
    if record.get("date_text"):
        yield "DATE", record["date_text"]
    for a in record["amounts"]:
        if a["text"]:
            yield "AMOUNT", a["text"]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def corrected_spans(text: str, predicted: list[tuple[int, int, str]], edited_records: list[dict],
                    original_records: list[dict], added_spans: list[tuple[int, int, str]]) -> list[list]:
    """The model's spans with the reviewer's corrections applied (see the module docstring)."""
    original_values = {pair for rec in original_records for pair in _field_values(rec)}
    forced: list[tuple[int, int, str]] = []
    for s, e, label in added_spans:
        if not (0 <= s < e <= len(text)) or label not in FIELD_LABELS.values():
            raise ConfigError(f"added span [{s}, {e}, {label}] is not a span of this text")
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            forced.append((s, e, label))
    # values the reviewer typed (new or changed): every occurrence, longest first so that a longer name wins
    typed = {pair for rec in edited_records for pair in _field_values(rec)} - original_values
    candidates = sorted(((s, e, label) for label, value in typed for s, e in _occurrences(text, value)),
                        key=lambda x: -(x[1] - x[0]))
    for span in candidates:
        if not any(_overlaps(span[:2], f[:2]) for f in forced):
            forced.append(span)
    kept = [tuple(p) for p in predicted if not any(_overlaps(tuple(p[:2]), f[:2]) for f in forced)]
    return [list(s) for s in sorted(set(kept) | set(forced))]


def build_correction(prediction: dict, review: dict, predictions_path: Optional[str] = None) -> dict:
    """The stand-off line for one reviewed article.

    prediction: one line of `qianyue predict` JSONL output (with its text). review: what the page sends —
    {"records": [{"status": "accepted"|"corrected"|"dropped"|"added"|"unreviewed", "record": {...}}, ...],
     "added_spans": [[start, end, LABEL], ...]}; records in the order of prediction["agreements"], added ones after.
    """
    text = prediction.get("text")
    if not isinstance(text, str):
        raise ConfigError(f"{prediction.get('source')}: the prediction has no text (predicted with --no-text?)")
    originals = [annotation_record(a) for a in prediction.get("agreements") or []]
    for rec, original in zip(originals, prediction.get("agreements") or []):
        rec["date_text"] = original.get("date_text")
    entries = review.get("records") or []
    edited, statuses = [], {"accepted": [], "corrected": [], "dropped": [], "added": []}
    for i, entry in enumerate(entries):
        status = entry.get("status", "unreviewed")
        if status in statuses:
            statuses[status].append(i)
        if status == "dropped":
            continue
        record = annotation_record(entry.get("record") or {})
        record["date_text"] = _clean((entry.get("record") or {}).get("date_text"))
        edited.append(record)
    added = [(int(s), int(e), str(label)) for s, e, label in review.get("added_spans") or []]
    predicted = [(e["start"], e["end"], e["label"]) for e in prediction.get("entities") or []]
    spans = corrected_spans(text, predicted, edited, originals, added)
    for rec in edited:  # date_text was only needed to place DATE spans; the annotation schema has no such key
        rec.pop("date_text", None)
    return {"doc": prediction.get("source"), "sha256": text_sha256(text), "published": prediction.get("published"),
            "predictions": predictions_path, "spans": spans, "agreements": edited, "review": statuses}


def review_from_correction(prediction: dict, line: dict) -> Optional[dict]:
    """The page's review state (what build_correction takes) rebuilt from a saved line, so that reopening an article
    shows the reviewer's saved corrections, and saving it again keeps them; None when the line does not fit the
    prediction (edited by hand): the page then starts from the model's records.

    Records keep the prediction's evidence where a saved value is the predicted one; spans the model did not predict
    come back as added spans, so a name added by selection stays exactly where it was."""
    predicted = prediction.get("agreements") or []
    review = line.get("review") or {}
    status_of = {i: status for status in ("accepted", "corrected", "dropped", "added")
                 for i in review.get(status) or []}
    saved = line.get("agreements") or []
    n_dropped = sum(1 for status in status_of.values() if status == "dropped")
    if any(not isinstance(i, int) or i < 0 for i in status_of) or len(saved) + n_dropped < len(predicted):
        return None
    saved_iter = iter(saved)
    records = []
    for i in range(len(saved) + n_dropped):
        status = status_of.get(i, "unreviewed")
        base = json.loads(json.dumps(predicted[i])) if i < len(predicted) else {
            "title": None, "parties": [], "officials": [], "date": None, "date_text": None, "amounts": [],
            "evidence": None, "confidence": None}
        if status == "dropped":
            if i < len(predicted):  # a record added and then dropped was never saved
                records.append({"status": status, "record": base})
            continue
        rec = next(saved_iter, None)
        if not isinstance(rec, dict):
            return None

        def with_evidence(items, old_items, key):
            old = {o.get(key): o.get("evidence") for o in old_items if isinstance(o, dict)}
            return [{**item, "evidence": old.get(item.get(key))} for item in items or [] if isinstance(item, dict)]

        base.update(title=rec.get("title"), date=rec.get("date"),
                    parties=with_evidence(rec.get("parties"), base.get("parties") or [], "name"),
                    officials=with_evidence(rec.get("officials"), base.get("officials") or [], "name"),
                    amounts=with_evidence(rec.get("amounts"), base.get("amounts") or [], "text"))
        records.append({"status": status, "record": base})
    model_spans = {(e.get("start"), e.get("end"), e.get("label")) for e in prediction.get("entities") or []}
    added = [list(span) for span in line.get("spans") or [] if tuple(span) not in model_spans]
    return {"records": records, "added_spans": added}


def _corrections_lines(path: Path) -> list[str]:
    """The lines of a corrections file; ConfigError (one line) for a folder, a binary file or a read error."""
    if path.is_dir():
        raise ConfigError(f"{path}: is a directory; corrections go to a .jsonl file")
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text; a corrections file is the JSONL `qianyue review` saves") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None


class CorrectionsFile:
    """The corrections JSONL: one line per article (keyed by doc and sha256), rewritten atomically on save."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.lines: dict[tuple, dict] = {}
        self.reload()

    def reload(self) -> None:
        """Read the file again: another review session (or an editor) may have saved lines since."""
        lines: dict[tuple, dict] = {}
        if self.path.exists():
            for lineno, raw in enumerate(_corrections_lines(self.path), 1):
                if raw.strip():
                    try:
                        rec = json.loads(raw)
                        lines[(rec["doc"], rec["sha256"])] = rec
                    except (ValueError, KeyError, TypeError):
                        raise ConfigError(f"{self.path}:{lineno}: not a corrections line") from None
        self.lines = lines

    def get(self, doc, sha256) -> Optional[dict]:
        return self.lines.get((doc, sha256))

    def save(self, record: dict) -> None:
        # merged into the file as it is now, not as it was when this session started: a second `qianyue review`
        # of the same predictions rewrote the file from its own start-up copy, deleting the first one's saves
        self.reload()
        self.lines[(record["doc"], record["sha256"])] = record
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                for rec in self.lines.values():
                    f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


# ---------------------------------------------------------------------------------------------- back to training
def _texts_by_digest(predictions: Path) -> dict[str, str]:
    texts = {}
    try:
        handle = open(predictions, encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{predictions}: cannot read the predictions the corrections point to "
                          f"({exc.strerror})") from None
    with handle:
        for line in handle:
            try:
                text = json.loads(line).get("text")
            except (ValueError, AttributeError):
                continue
            if isinstance(text, str):
                texts[text_sha256(text)] = text
    return texts


def is_corrections_file(path: Path) -> bool:
    """True when the first record of a JSONL file is a stand-off correction (sha256 and spans, no text)."""
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    rec = json.loads(line)
                    return isinstance(rec, dict) and "sha256" in rec and "spans" in rec and "text" not in rec
    except (OSError, ValueError):
        return False
    return False


def load_corrections(path, texts_from: Optional[list] = None):
    """Training Documents from a corrections file: each line's text is looked up by sha256 in its predictions
    file (relative to the corrections file) or in `texts_from`, then its article file `doc` as a last resort."""
    from qianyue.training.data import Document, span_problems

    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: corrections file not found")
    cache: dict[Path, dict[str, str]] = {}

    def texts(p: Path) -> dict[str, str]:
        if p not in cache:
            cache[p] = _texts_by_digest(p)
        return cache[p]

    docs = []
    for lineno, raw in enumerate(_corrections_lines(path), 1):
        if not raw.strip():
            continue
        try:
            rec = json.loads(raw)
            digest, spans = rec["sha256"], [(int(s), int(e), str(lab)) for s, e, lab in rec["spans"]]
        except (ValueError, KeyError, TypeError):
            raise ConfigError(f"{path}:{lineno}: not a corrections line (needs doc, sha256, spans)") from None
        sources = [Path(p) for p in texts_from or []]
        if rec.get("predictions"):
            p = Path(rec["predictions"])
            sources.insert(0, p if p.is_absolute() else path.parent / p)
        text = next((texts(p)[digest] for p in sources if digest in texts(p)), None)
        if text is None and rec.get("doc") and Path(str(rec["doc"])).is_file():
            from ..readers import read_article
            candidate = read_article(rec["doc"]).text
            text = candidate if text_sha256(candidate) == digest else None
        if text is None:
            raise ConfigError(f"{path}:{lineno}: no text with sha256 {digest[:12]}… for {rec.get('doc')} "
                              f"(the predictions file moved or changed?)")
        problems = span_problems(text, spans)
        if problems:
            raise ConfigError(f"{path}:{lineno}: {problems[0]}")
        docs.append(Document(id=f"correction-{digest[:12]}", text=text, spans=spans,
                             source=f"corrections/{rec.get('doc')}", published=rec.get("published"),
                             agreements=rec.get("agreements", [])))
    return docs
