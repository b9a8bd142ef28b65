"""Record assembly strategies, selectable by name: tagged entity spans -> agreement records.

Every assembler has the signature of rules.build_records: (text, entities, published) -> list[Agreement].

- ``rules``: the hand-written rules (qianyue.rules), confidence from the tagger's scores and the number of sides;
- ``hybrid``: the rules' records, each given the probability of a learned record judge as its confidence (so that
  filtering on confidence keeps real agreements and drops fragments);
- ``learned``: the rules propose candidate records, the learned judge keeps those it finds more likely real than
  not (probability >= 0.5), with that probability as confidence.

The judge is a logistic regression over rules.agreements.record_features (sides named, how organisation-like
their names are, tagger scores, title, date, people, signing verb...), trained by
``python -m qianyue.training.assembly_train`` from the genre train split and the synthetic training families
(gold spans, spans degraded the way a tagger errs, and the model's own spans when a tagged cache is given), with the
record matching of the shared scorer as the label. Its weights are a small JSON file in the package data
(data/assembly/record_judge.json); without it the judge is unavailable and the rules' confidence stays.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional

from .rules import build_records
from .rules.agreements import record_features

DEFAULT_ASSEMBLER = "hybrid"  # same records as the rules, better ranked by confidence on dev (docs/benchmarks.md)
KEEP_AT = 0.5  # the learned assembler keeps a candidate record whose judged probability is at least this


def judge_path() -> Path:
    from .resources import data_dir
    return data_dir() / "assembly" / "record_judge.json"


class RecordJudge:
    """p(real agreement | record features) = sigmoid(bias + sum w_f * x_f) over standardised features."""

    def __init__(self, weights: dict[str, float], bias: float, mean: dict[str, float], scale: dict[str, float]):
        self.weights, self.bias, self.mean, self.scale = weights, bias, mean, scale

    def probability(self, feats: dict[str, float]) -> float:
        z = self.bias + sum(w * (feats.get(f, 0.0) - self.mean.get(f, 0.0)) / (self.scale.get(f) or 1.0)
                            for f, w in self.weights.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_dict(self) -> dict:
        return {"weights": self.weights, "bias": self.bias, "mean": self.mean, "scale": self.scale}

    @classmethod
    def from_dict(cls, d: dict) -> "RecordJudge":
        return cls({k: float(v) for k, v in d["weights"].items()}, float(d["bias"]),
                   {k: float(v) for k, v in d["mean"].items()}, {k: float(v) for k, v in d["scale"].items()})


@lru_cache(maxsize=4)
def load_judge(path: Optional[str] = None) -> Optional[RecordJudge]:
    """The shipped judge (or the one at `path`); None when there is none."""
    p = Path(path) if path else judge_path()
    if not p.is_file():
        return None
    return RecordJudge.from_dict(json.loads(p.read_text(encoding="utf-8")))


def _judged(text, entities, published, keep_below: bool, judge: Optional[RecordJudge] = None):
    judge = judge or load_judge()
    feats: list = []
    records = build_records(text, entities, published, features=feats)
    if judge is None:
        return records
    out = []
    for rec, f in zip(records, feats):
        rec.confidence = judge.probability(f)
        if keep_below or rec.confidence >= KEEP_AT:
            out.append(rec)
    return out


def hybrid_records(text, entities, published):
    """The rules' records with the learned judge's probability as confidence."""
    return _judged(text, entities, published, keep_below=True)


def learned_records(text, entities, published):
    """The rules' candidate records that the learned judge keeps."""
    return _judged(text, entities, published, keep_below=False)


ASSEMBLERS: dict[str, Callable] = {"rules": build_records, "hybrid": hybrid_records, "learned": learned_records}


def get_assembler(name: Optional[str]) -> Callable:
    from .errors import ConfigError

    key = name or DEFAULT_ASSEMBLER
    if key not in ASSEMBLERS:
        raise ConfigError(f"assembler {key!r}: choose {', '.join(ASSEMBLERS)}")
    return ASSEMBLERS[key]
