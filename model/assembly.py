"""Record assembly strategies, selectable by name: tagged entity spans -> agreement records.

Every assembler has the signature of rules.build_records: (text, entities, published) -> list[Agreement].

- ``rules``: the hand-written rules (qianyue.rules), confidence from the tagger's scores and the number of sides;
- ``hybrid``: the rules' records, each given the probability of a learned record judge as its confidence (so that
  filtering on confidence keeps real agreements and drops fragments);
- ``learned``: the rules propose candidate records, the learned judge keeps those it finds more likely real than
  not (probability >= 0.5), with that probability as confidence.

The judge is gradient-boosted decision trees (150, three levels deep) over rules.agreements.record_features (sides
named, how organisation-like their names are, tagger scores, title, date, people, signing verb...), trained by
``python -m qianyue.training.assembly_train`` from the genre train split and the synthetic training families
(gold spans, spans degraded the way a tagger errs, and the model's own spans when a tagged cache is given), with the
record matching of the shared scorer as the label. A model directory may carry its own (record_judge.json next to
config.json: `qianyue train --corrections` fits one that learns from the reviewed records too); it then replaces the
package's for that model. The package's judge is a JSON file in the package data
(data/assembly/record_judge.json): {"kind": "trees", ...} (the default since round 12: it ranks records better than
the logistic regression of earlier rounds on records it never saw, docs/benchmarks.md) or {"kind": "logistic", ...}
(files without "kind" are logistic: the format of rounds 1-11). Nothing in the file is run: trees are plain arrays of
feature names, thresholds, children and leaf values. Without the file the judge is unavailable and the rules'
confidence stays.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache, partial
from pathlib import Path
from typing import Callable, Optional, Union

from .rules import build_records
from .rules.agreements import record_features

DEFAULT_ASSEMBLER = "hybrid"  # same records as the rules, better ranked by confidence on dev (docs/benchmarks.md)
KEEP_AT = 0.5  # the learned assembler keeps a candidate record whose judged probability is at least this


JUDGE_FILE = "record_judge.json"  # the package's judge, and the name of a model directory's own judge


def judge_path() -> Path:
    from .resources import data_dir
    return data_dir() / "assembly" / JUDGE_FILE


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


# A judge file is read strictly: a hand-edited or damaged one must fail on loading, not score every record with NaN
# (a NaN prior made every probability ~1) or walk a tree by an index written as 1.7 or "1".
def _number(v, what: str) -> float:
    """A finite JSON number (a NaN or infinite threshold, weight or leaf makes every probability meaningless)."""
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        raise ValueError(f"{what} is not a finite number: {v!r}"[:200])
    return float(v)


def _numbers(v, what: str) -> list[float]:
    if not isinstance(v, list):
        raise ValueError(f"{what} is not a list")
    return [_number(x, what) for x in v]


def _indices(v, what: str) -> list[int]:
    if not isinstance(v, list) or any(isinstance(x, bool) or not isinstance(x, int) for x in v):
        raise ValueError(f"{what} is not a list of whole numbers")
    return v


def _number_map(v, what: str) -> dict[str, float]:
    if not isinstance(v, dict):
        raise ValueError(f"{what} is not an object of feature: number")
    return {str(k): _number(x, f"{what}[{k!r}]") for k, x in v.items()}


class RecordJudge:
    """p(real agreement | record features) = sigmoid(bias + sum w_f * x_f) over standardised features."""

    kind = "logistic"

    def __init__(self, weights: dict[str, float], bias: float, mean: dict[str, float], scale: dict[str, float]):
        self.weights, self.bias, self.mean, self.scale = weights, bias, mean, scale

    def probability(self, feats: dict[str, float]) -> float:
        return _sigmoid(self.bias + sum(w * (feats.get(f, 0.0) - self.mean.get(f, 0.0)) / (self.scale.get(f) or 1.0)
                                        for f, w in self.weights.items()))

    def to_dict(self) -> dict:
        return {"kind": self.kind, "weights": self.weights, "bias": self.bias, "mean": self.mean, "scale": self.scale}

    @classmethod
    def from_dict(cls, d: dict) -> "RecordJudge":
        return cls(_number_map(d["weights"], "weights"), _number(d["bias"], "bias"), _number_map(d["mean"], "mean"),
                   _number_map(d["scale"], "scale"))


class TreeJudge:
    """p(real agreement | record features) = sigmoid(prior + rate * sum of the trees' leaf values): gradient-boosted
    regression trees on the log-odds (as sklearn's GradientBoostingClassifier fits them). Each tree is stored as
    parallel lists: node i tests feats[feature[i]] <= threshold[i] and goes to left[i], else right[i]; a node whose
    left is -1 is a leaf with value[i]. A missing feature counts as 0, as in the logistic judge."""

    kind = "trees"

    def __init__(self, features: list[str], trees: list[dict], prior: float, rate: float):
        self.features, self.trees, self.prior, self.rate = features, trees, prior, rate

    def probability(self, feats: dict[str, float]) -> float:
        x = [float(feats.get(f, 0.0)) for f in self.features]
        total = 0.0
        for t in self.trees:
            feature, threshold, left, right = t["feature"], t["threshold"], t["left"], t["right"]
            i = 0
            while left[i] >= 0:
                i = left[i] if x[feature[i]] <= threshold[i] else right[i]
            total += t["value"][i]
        return _sigmoid(self.prior + self.rate * total)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "features": self.features, "trees": self.trees, "prior": self.prior,
                "rate": self.rate}

    @classmethod
    def from_dict(cls, d: dict) -> "TreeJudge":
        features = d["features"]
        if not isinstance(features, list) or not all(isinstance(f, str) for f in features):
            raise ValueError("features is not a list of feature names")
        if not isinstance(d["trees"], list) or not all(isinstance(t, dict) for t in d["trees"]):
            raise ValueError("trees is not a list of trees")
        trees = []
        for t in d["trees"]:
            tree = {"feature": _indices(t["feature"], "a tree's feature"),
                    "threshold": _numbers(t["threshold"], "a threshold"), "left": _indices(t["left"], "a tree's left"),
                    "right": _indices(t["right"], "a tree's right"), "value": _numbers(t["value"], "a leaf value")}
            n = len(tree["left"])
            if not n or any(len(tree[k]) != n for k in tree):
                raise ValueError("a tree's node lists differ in length")
            # every child lies after its parent, so a walk from the root always ends at a leaf
            for i in range(n):
                if tree["left"][i] >= 0 and not (i < tree["left"][i] < n and i < tree["right"][i] < n
                                                 and 0 <= tree["feature"][i] < len(features)):
                    raise ValueError(f"tree node {i} points outside its tree")
            trees.append(tree)
        return cls(features, trees, _number(d["prior"], "prior"), _number(d["rate"], "rate"))


Judge = Union[RecordJudge, TreeJudge]
JUDGE_KINDS = {"logistic": RecordJudge, "trees": TreeJudge}


def judge_from_dict(d: dict) -> Judge:
    """The judge a record_judge.json holds (no "kind": the logistic format of rounds 1-11)."""
    if not isinstance(d, dict):
        found = {list: "a list", str: "a string", int: "a number", float: "a number", bool: "a boolean"}
        raise ValueError(f"{found.get(type(d), 'null')}, not a JSON object")
    kind = d.get("kind", "logistic")
    if not isinstance(kind, str) or kind not in JUDGE_KINDS:
        raise ValueError(f"unknown judge kind {kind!r} (known: {', '.join(JUDGE_KINDS)})")
    return JUDGE_KINDS[kind].from_dict(d)


@lru_cache(maxsize=4)
def load_judge(path: Optional[str] = None) -> Optional[Judge]:
    """The shipped judge (or the one at `path`), read once per process; None when there is none."""
    return read_judge(Path(path) if path else judge_path())


def read_judge(p: Path) -> Optional[Judge]:
    """The judge in file `p`; None when there is no such file. A file (or a directory) that is not a judge is a
    ConfigError naming it."""
    from .errors import ConfigError

    if not p.exists():
        return None
    try:
        return judge_from_dict(json.loads(p.read_text(encoding="utf-8")))
    except OSError as exc:  # a directory, or no permission to read
        raise ConfigError(f"{p}: cannot read the record judge ({exc.strerror or exc})") from None
    except KeyError as exc:
        raise ConfigError(f"{p}: not a record judge (no {exc} in it)") from None
    except (ValueError, TypeError, AttributeError, IndexError, OverflowError, RecursionError) as exc:
        # (RecursionError: JSON nested thousands deep; OverflowError: a number beyond a float's range)
        raise ConfigError(f"{p}: not a record judge ({exc})") from None


def _judged(text, entities, published, keep_below: bool, judge: Optional[Judge] = None):
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


def get_assembler(name: Optional[str], judge: Optional[Judge] = None) -> Callable:
    """The assembler called `name` (None: the default). `judge` (a model directory's own record judge, fitted with
    the corrections it was trained on) replaces the package's judge in hybrid and learned."""
    from .errors import ConfigError

    key = name or DEFAULT_ASSEMBLER
    if key not in ASSEMBLERS:
        raise ConfigError(f"assembler {key!r}: choose {', '.join(ASSEMBLERS)}")
    if judge is not None and key in ("hybrid", "learned"):
        return partial(_judged, keep_below=key == "hybrid", judge=judge)
    return ASSEMBLERS[key]
