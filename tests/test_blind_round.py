"""Round 6: what the blind articles (data/blind, dev half) showed the rules miss, each with sentences of our own."""
from __future__ import annotations

from qianyue.results import Entity
from qianyue.rules import build_records


def _span(text, surface, label="PARTY", score=0.9, nth=0):
    i = -1
    for _ in range(nth + 1):
        i = text.index(surface, i + 1)
    return Entity(label, surface, i, i + len(surface), score)


def _officials(rec):
    return sorted((o.name, o.role) for o in rec.officials)


def test_each_counterparts_signer_signs_its_own_agreement():
    text = ("6月3日，东岭县人民政府分别与远山银行股份有限公司、南川银行签署合作协议。"
            "副县长周安分别与远山银行副行长陆明、南川银行行长助理韩青签署协议。")
    ents = [_span(text, "6月3日", "DATE"), _span(text, "东岭县人民政府"), _span(text, "远山银行股份有限公司"),
            _span(text, "南川银行"), _span(text, "合作协议", "AGREEMENT"), _span(text, "副县长", "TITLE"),
            _span(text, "周安", "OFFICIAL"), _span(text, "远山银行", nth=1), _span(text, "副行长", "TITLE"),
            _span(text, "陆明", "OFFICIAL"), _span(text, "南川银行", nth=1), _span(text, "行长助理", "TITLE"),
            _span(text, "韩青", "OFFICIAL")]
    recs = build_records(text, ents, "2024-06-04")
    by_side = {next(p.name for p in r.parties if "银行" in p.name): _officials(r) for r in recs}
    assert by_side == {"远山银行股份有限公司": [("周安", "signatory"), ("陆明", "signatory")],
                       "南川银行": [("周安", "signatory"), ("韩青", "signatory")]}
