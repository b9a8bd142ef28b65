"""The one inference pipeline: texts -> tag probabilities -> entities -> agreement records.

AgreementExtractor (api.py), the evaluation (training/metrics.evaluate_tagger), `qianyue export`'s accuracy check
and `qianyue bench` all call run_pipeline, so what is measured and scored is exactly what users run.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

from .decoding import decode_entities, viterbi_many
from .results import Agreement, Entity
from .assembly import get_assembler


@dataclass
class Tagged:
    entities: list[Entity]
    agreements: list[Agreement] = field(default_factory=list)


def run_pipeline(tagger, texts: Sequence[str], published: Optional[Sequence[Optional[str]]] = None,
                 batch_size: int = 16, with_records: bool = True, assembler: Optional[str] = None) -> list[Tagged]:
    """Entities (and, with_records, agreement records dated against published[i]) for each text, in order.
    `assembler` names the record assembly (qianyue.assembly: rules | hybrid | learned; None = the default); a
    tagger loaded from a model directory with its own record judge (record_judge.json) assembles with it."""
    assemble = get_assembler(assembler, getattr(tagger, "judge", None))
    probs = tagger.predict_probs(list(texts), batch_size=batch_size)
    dates = list(published) if published is not None else [None] * len(texts)
    out = []
    paths = viterbi_many(probs, tagger.tags)
    for text, p, path, date in zip(texts, probs, paths, dates):
        entities = decode_entities(text, p, tagger.tags, path)
        out.append(Tagged(entities, assemble(text, entities, date) if with_records else []))
    return out
