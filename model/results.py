"""Result dataclasses: what extraction returns. `to_dict()` gives the JSON output schema documented in the README.

Every offset points into `ArticleResult.text`, the cleaned article text.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Optional


def _from_dict(cls, d: dict, nested: Optional[dict] = None):
    """cls from its to_dict(): the keys it names (an unknown key, e.g. of a newer version, is ignored; a missing
    one takes the field's default), each nested dict or list of dicts built by the class `nested` gives for it."""
    if not isinstance(d, dict):
        raise TypeError(f"{cls.__name__}.from_dict takes a dict (a to_dict() or one JSONL line), not "
                        f"{type(d).__name__}")
    nested = nested or {}
    kwargs: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in d:
            continue
        value = d[f.name]
        inner = nested.get(f.name)
        if inner is not None and value is not None:
            value = [inner.from_dict(v) for v in value] if isinstance(value, list) else inner.from_dict(value)
        kwargs[f.name] = value
    return cls(**kwargs)


@dataclass
class Evidence:
    start: int
    end: int
    text: str

    @classmethod
    def from_dict(cls, d: dict) -> "Evidence":
        return _from_dict(cls, d)

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Entity:
    label: str
    text: str
    start: int
    end: int
    score: float = 1.0

    @classmethod
    def from_dict(cls, d: dict) -> "Entity":
        return _from_dict(cls, d)

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "text": self.text, "start": self.start, "end": self.end,
                "score": round(float(self.score), 4)}


@dataclass
class Party:
    name: str
    kind: str  # government | enterprise | organization
    aliases: list[str] = field(default_factory=list)
    evidence: Optional[Evidence] = None

    @classmethod
    def from_dict(cls, d: dict) -> "Party":
        return _from_dict(cls, d, {"evidence": Evidence})

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "aliases": list(self.aliases),
                "evidence": self.evidence.to_dict() if self.evidence else None}


@dataclass
class Official:
    name: str
    title: Optional[str]
    party: Optional[str]
    role: str  # signatory | witness
    evidence: Optional[Evidence] = None

    @classmethod
    def from_dict(cls, d: dict) -> "Official":
        return _from_dict(cls, d, {"evidence": Evidence})

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "party": self.party, "role": self.role,
                "evidence": self.evidence.to_dict() if self.evidence else None}


@dataclass
class Amount:
    text: str
    value: Optional[float]
    value_max: Optional[float] = None
    currency: Optional[str] = "CNY"
    purpose: Optional[str] = None
    evidence: Optional[Evidence] = None
    qualifier: Optional[str] = None  # 超过, 约, 近, 逾...: the figure is a bound or an estimate, not exact

    @classmethod
    def from_dict(cls, d: dict) -> "Amount":
        return _from_dict(cls, d, {"evidence": Evidence})

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "value": self.value, "value_max": self.value_max, "currency": self.currency,
                "qualifier": self.qualifier, "purpose": self.purpose,
                "evidence": self.evidence.to_dict() if self.evidence else None}


@dataclass
class Agreement:
    title: Optional[str]
    parties: list[Party] = field(default_factory=list)
    officials: list[Official] = field(default_factory=list)
    date: Optional[str] = None  # ISO YYYY-MM-DD
    date_text: Optional[str] = None
    amounts: list[Amount] = field(default_factory=list)
    evidence: Optional[Evidence] = None
    confidence: float = 0.0

    @classmethod
    def from_dict(cls, d: dict) -> "Agreement":
        return _from_dict(cls, d, {"parties": Party, "officials": Official, "amounts": Amount, "evidence": Evidence})

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title,
                "parties": [p.to_dict() for p in self.parties],
                "officials": [o.to_dict() for o in self.officials],
                "date": self.date, "date_text": self.date_text,
                "amounts": [a.to_dict() for a in self.amounts],
                "evidence": self.evidence.to_dict() if self.evidence else None,
                "confidence": round(float(self.confidence), 4)}


@dataclass
class ArticleResult:
    source: Optional[str]
    published: Optional[str]
    title: Optional[str]
    text: str
    agreements: list[Agreement] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    ok = True  # a class attribute, not a field: lets extract_many(errors="collect") callers tell results apart

    @classmethod
    def from_dict(cls, d: dict) -> "ArticleResult":
        """The result back from its to_dict() or a line of `qianyue predict` JSONL (text "" when it was written
        with --no-text). A line of a failed document ({"source", "error"}) is read with FailedDocument.from_dict."""
        if isinstance(d, dict):
            if d.get("error") is not None:  # also a Ray result row of a failed document
                raise ValueError(f"{d.get('source')}: a failed document ({d['error']}); read it with "
                                 f"FailedDocument.from_dict")
            # --no-text output has no text: "" (offsets still point into the article, which is not here)
            d = {"source": None, "published": None, "title": None, **d, "text": d.get("text") or ""}
        return _from_dict(cls, d, {"agreements": Agreement, "entities": Entity})

    def to_dict(self, include_text: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {"source": self.source, "published": self.published, "title": self.title}
        if include_text:
            out["text"] = self.text
        out["agreements"] = [a.to_dict() for a in self.agreements]
        out["entities"] = [e.to_dict() for e in self.entities]
        return out


@dataclass
class FailedDocument:
    """An input that could not be read, in place of its result (AgreementExtractor.extract_many errors="collect")."""
    source: Optional[str]
    error: str
    ok = False

    @classmethod
    def from_dict(cls, d: dict) -> "FailedDocument":
        return _from_dict(cls, d)

    def to_dict(self, include_text: bool = True) -> dict[str, Any]:
        return {"source": self.source, "error": self.error}
