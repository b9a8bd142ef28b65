"""Mention swapping (training/augment.py): copies of an article with other names in the same places."""
from __future__ import annotations

import random

from qianyue.training.augment import NamePool, default_pool, swap_mentions, with_swapped_copies
from qianyue.training.config import load_config
from qianyue.training.data import Document, span_problems

POOL = NamePool(["青禾市人民政府", "白沙市人民政府", "柳岸市人民政府", "星河科技", "蓝禾科技", "远帆科技",
                 "北川县", "南岭县", "东坪县", "西溪县", "长河银行", "大安银行", "启明银行"],
                surnames=["王", "李", "欧阳"], given_chars=["伟", "芳", "军"])


def _doc() -> Document:
    text = ("东坪县人民政府与启航科技签署合作协议。县长赵明远、启航科技董事长John Smith签约，"
            "启航科技将在东坪县投资5亿元。")
    spans = []
    for name, label in (("东坪县人民政府", "PARTY"), ("启航科技", "PARTY"), ("合作协议", "AGREEMENT"),
                        ("县长", "TITLE"), ("赵明远", "OFFICIAL"), ("启航科技", "PARTY"), ("董事长", "TITLE"),
                        ("John Smith", "OFFICIAL"), ("启航科技", "PARTY"), ("东坪县", "PARTY"), ("5亿元", "AMOUNT")):
        start = text.index(name, spans[-1][1] if spans else 0)
        spans.append((start, start + len(name), label))
    return Document("a1", text, spans, source="genre", published="2024-03-01")


def test_swapped_copy_keeps_spans_aligned_and_names_shaped():
    doc = _doc()
    copy = swap_mentions(doc, POOL, random.Random(0), 1)
    assert copy.id == "a1#swap1" and copy.published == doc.published and copy.agreements is None
    assert span_problems(copy.text, copy.spans) == []
    before = [(doc.text[s:e], lab) for s, e, lab in doc.spans]
    after = [(copy.text[s:e], lab) for s, e, lab in copy.spans]
    assert [lab for _, lab in before] == [lab for _, lab in after]
    names = {b: a for (b, lab), (a, _) in zip(before, after) if lab in ("PARTY", "OFFICIAL")}
    # each name has one replacement of its shape; other spans and the text between them are as written
    assert names["东坪县人民政府"].endswith("市人民政府") or names["东坪县人民政府"].endswith("县人民政府")
    assert names["东坪县人民政府"] != "东坪县人民政府"
    assert names["启航科技"] in {"星河科技", "蓝禾科技", "远帆科技"}
    assert names["东坪县"] in {"北川县", "南岭县", "西溪县"}
    assert len(names["赵明远"]) == 3 and names["赵明远"] != "赵明远"
    assert names["John Smith"] == "John Smith"  # not a Han name: kept
    assert [a for (b, lab), (a, _) in zip(before, after) if b == "启航科技"] == [names["启航科技"]] * 3
    assert [x for x in after if x[1] not in ("PARTY", "OFFICIAL")] == \
        [x for x in before if x[1] not in ("PARTY", "OFFICIAL")]
    assert "签署合作协议。" in copy.text and copy.text.endswith("投资5亿元。")


def test_a_name_without_partners_of_its_shape_stays():
    doc = Document("b", "中海油来访", [(0, 3, "PARTY")])
    assert swap_mentions(doc, POOL, random.Random(0), 1).text == "中海油来访"


def test_only_repeats_are_swapped_and_the_result_is_seeded():
    doc = _doc()
    out = with_swapped_copies([doc, doc, doc], POOL, seed=7)
    assert out[0] is doc and [d.id for d in out] == ["a1", "a1#swap1", "a1#swap2"]
    again = with_swapped_copies([doc, doc, doc], POOL, seed=7)
    assert [d.text for d in out] == [d.text for d in again]
    assert out[1].text != doc.text


def test_recipe_key_parses():
    cfg = load_config(None, ["corpora=[{name: genre, weight: 3, swap_mentions: true}]"])
    assert cfg.corpora[0].swap_mentions is True and cfg.corpora[0].weight == 3


def test_a_copy_never_gives_two_names_one_replacement_nor_an_article_name_back():
    doc = Document("c", "东坪县与西溪县签署合作协议，北川县见证。", [(0, 3, "PARTY"), (4, 7, "PARTY"), (14, 17, "PARTY")])
    for seed in range(40):
        copy = swap_mentions(doc, POOL, random.Random(seed), 1)
        names = [copy.text[s:e] for s, e, _ in copy.spans]
        assert len(set(names)) == 3
        assert not any(new != old and new in {"东坪县", "西溪县", "北川县"}
                       for new, old in zip(names, ["东坪县", "西溪县", "北川县"]))


def test_the_shipped_pool_has_names_of_the_genre_s_shapes():
    pool = default_pool([Document("d", "远山集团与南川县签约。", [(0, 4, "PARTY"), (5, 8, "PARTY")])])
    assert len(pool.by_end2["政府"]) > 50 and len(pool.by_end2["公司"]) > 10 and "远山集团" in pool.by_end2["集团"]
