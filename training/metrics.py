"""Evaluation: seqeval entity P/R/F1 per label and micro, and record-level scores exactly as the shared scorer
computes them (training/score_records.py is a verbatim copy of ../shared/tools/score_records.py)."""
from __future__ import annotations

from typing import Sequence

from qianyue.pipeline import run_pipeline

from . import score_records
from .data import Document


def spans_to_bio(n: int, spans, labels) -> list[str]:
    tags = ["O"] * n
    for s, e, lab in spans:
        if lab in labels:
            tags[s] = f"B-{lab}"
            for i in range(s + 1, e):
                tags[i] = f"I-{lab}"
    return tags


def entity_scores(docs: Sequence[Document], predicted: Sequence[list], labels: Sequence[str]) -> dict:
    """seqeval strict IOB2 scores; predicted[i] is a list of (start, end, label) for docs[i]."""
    from seqeval.metrics import classification_report
    from seqeval.scheme import IOB2

    y_true = [spans_to_bio(len(d.text), d.spans, labels) for d in docs]
    y_pred = [spans_to_bio(len(d.text), p, labels) for d, p in zip(docs, predicted)]
    if not any(t != "O" for seq in y_true + y_pred for t in seq):
        return {"micro": {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0}, "per_label": {}}
    report = classification_report(y_true, y_pred, mode="strict", scheme=IOB2, output_dict=True, zero_division=0)
    out = {"per_label": {}, "micro": {}}
    for key, row in report.items():
        row = {"precision": round(float(row["precision"]), 4), "recall": round(float(row["recall"]), 4),
               "f1": round(float(row["f1-score"]), 4), "support": int(row["support"])}
        if key == "micro avg":
            out["micro"] = row
        elif key in labels:
            out["per_label"][key] = row
    return out


def record_scores(docs: Sequence[Document], predicted_agreements: Sequence[list]) -> dict:
    """Shared-scorer figures over the documents that carry expected records (gold `agreements`)."""
    gold, pred = {}, {}
    for d, ags in zip(docs, predicted_agreements):
        if d.agreements is None:
            continue
        did = score_records.doc_id(d.id)
        gold[did] = [a for a in d.agreements if isinstance(a, dict)]
        pred[did] = [a.to_dict() if hasattr(a, "to_dict") else a for a in ags]
    if not gold:
        return {}
    return score_records.score(gold, pred)


def evaluate_tagger(tagger, docs: Sequence[Document], batch_size: int = 16, with_records: bool = True) -> dict:
    """Entity scores (and record scores where gold records exist) of a tagger on documents."""
    with_records = with_records and any(d.agreements is not None for d in docs)
    tagged = run_pipeline(tagger, [d.text for d in docs], [d.published for d in docs], batch_size=batch_size,
                          with_records=with_records)
    result = {"docs": len(docs),
              "entities": entity_scores(docs, [[(e.start, e.end, e.label) for e in t.entities] for t in tagged],
                                        tagger.labels)}
    if with_records:
        scores = record_scores(docs, [t.agreements for t in tagged])
        if scores:
            scores.pop("per_doc", None)
            result["records"] = scores
    return result
