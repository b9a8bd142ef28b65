"""Loaders of the public corpora: each raw format is rebuilt in miniature under tmp_path and its mapping to our
labels checked exactly; one test reads the real corpora when ../shared/datasets is there."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from qianyue.errors import ConfigError
from qianyue.training.corpora import (CORPORA, corpora_root, load_corpus, merge_touching, pfr_split_of,
                                      split_long, tags_to_spans)
from qianyue.training.data import validate_documents

REAL_ROOT = Path("/work/shared/datasets")


def spans_text(doc):
    return [(doc.text[s:e], lab) for s, e, lab in doc.spans]


def write_lines(path: Path, lines, encoding="utf-8", newline="\n"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(newline.join(lines).encode(encoding) + newline.encode(encoding))


def column_lines(sentences, sep):
    lines = []
    for sent in sentences:
        lines += [f"{ch}{sep}{tag}" for ch, tag in sent] + [""]
    return lines


def ids_in_split(split, count, prefix="19980105-02-"):
    """Article ids (date-page-article) that the fixed PFR split puts in `split`."""
    found, n = [], 0
    while len(found) < count:
        aid = f"{prefix}{n:03d}"
        if pfr_split_of(aid) == split:
            found.append(aid)
        n += 1
    return found


def write_pfr_zip(root: Path, paragraphs):
    """A GBK, CRLF zip like the real one, with a stray bare CR on one line end and blank lines between articles."""
    body = "\r\n".join(paragraphs).replace("。/w  \r\n", "。/w  \r\r\n", 1) + "\r\n\r\n"
    path = root / CORPORA["pfr"].files["train"]
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("199801.txt", body.encode("gbk"))
    return path


PFR_LINE = ("{pid}/m  [中国/ns  银行/n]nt  行长/n  王/nr  小明/nr  １２月/t  ３１日/t  宣布/v  投资/v  １１５亿/m  美元/q  ，/w  "
            "增长/v  ３．５％/m  ，/w  新华社/nt  报道/v  。/w  ")
PFR_LINE_2 = "{pid}/m  目前/t  [江/nr  泽民/nr  基金会/n]nt  今天/t  上午/t  在/p  [香港/ns  特别/a  行政区/n]ns  捐款/v  ５０００/m  元/q  。/w  "


# ---------------------------------------------------------------- fixtures per format

def test_cluener_mapping(tmp_path):
    rows = [
        {"text": "国务院办公厅与阿里巴巴集团的总经理张三见面", "label": {
            "government": {"国务院办公厅": [[0, 5]]}, "company": {"阿里巴巴集团": [[7, 12]]},
            "position": {"总经理": [[14, 16]]}, "name": {"张三": [[17, 18]]}}},
        {"text": "在北京读《红楼梦》的 曼联 球迷", "label": {
            "address": {"北京": [[1, 2]]}, "book": {"红楼梦": [[5, 7]]}, "organization": {" 曼联 ": [[10, 13]]}}},
        {"text": "无实体的句子", "label": {}},
    ]
    write_lines(tmp_path / "cluener2020" / "dev.json", [json.dumps(r, ensure_ascii=False) for r in rows])
    docs = load_corpus("cluener", tmp_path, split="dev")
    assert [d.id for d in docs] == ["cluener-dev-0", "cluener-dev-1", "cluener-dev-2"]
    assert spans_text(docs[0]) == [("国务院办公厅", "PARTY"), ("阿里巴巴集团", "PARTY"), ("总经理", "TITLE"),
                                   ("张三", "OFFICIAL")]
    assert docs[0].spans[0] == (0, 6, "PARTY")          # inclusive end -> exclusive end
    assert spans_text(docs[1]) == [("曼联", "PARTY")]  # address/book -> O; whitespace trimmed off the span
    assert docs[2].spans == []
    assert all(d.labels == ["PARTY", "OFFICIAL", "TITLE"] and d.source == "cluener" for d in docs)
    assert validate_documents(docs) == []


def test_resume_bmes_mapping(tmp_path):
    sent = [("高", "B-NAME"), ("勇", "E-NAME"), ("：", "O"), ("中", "B-CONT"), ("国", "E-CONT"), (" ", "O"),
            ("任", "O"), ("华", "B-ORG"), ("为", "M-ORG"), ("公", "M-ORG"), ("司", "E-ORG"), ("董", "B-TITLE"),
            ("事", "M-TITLE"), ("长", "E-TITLE"), ("王", "S-NAME"), ("，", "O"), ("1", "O"), ("9", "O")]
    write_lines(tmp_path / "resume_ner" / "test.char.bmes", column_lines([sent, [("好", "O")]], " "))
    docs = load_corpus("resume", tmp_path, split="test")
    assert len(docs) == 2
    assert docs[0].text == "高勇：中国 任华为公司董事长王，19"   # a space character survives the column parse
    assert spans_text(docs[0]) == [("高勇", "OFFICIAL"), ("华为公司", "PARTY"), ("董事长", "TITLE"),
                                   ("王", "OFFICIAL")]
    assert docs[0].labels == ["PARTY", "OFFICIAL", "TITLE"]     # dates in resumes are O, so DATE is masked
    assert docs[1].spans == [] and docs[1].id == "resume-test-1"


def test_nerpy_bio_mapping_merge_and_dedup(tmp_path):
    kept = list(zip("４月２８日，联合国授予江泽民奖章于北京", ["B-TIME", "I-TIME", "B-TIME", "I-TIME", "I-TIME", "O",
                                                     "B-ORG", "I-ORG", "I-ORG", "O", "O", "B-PER", "I-PER", "I-PER",
                                                     "O", "O", "O", "B-LOC", "I-LOC"]))
    duplicate = list(zip("新华社报道。", ["B-ORG", "I-ORG", "I-ORG", "O", "O", "O"]))
    now_word = list(zip("目前很好", ["B-TIME", "I-TIME", "O", "O"]))
    write_lines(tmp_path / "peoples_daily_1998" / "nerpy_people" / "dev.char.bio.tsv",
                column_lines([kept, duplicate, now_word], "\t") + [""])   # a doubled blank line is one separator
    write_pfr_zip(tmp_path, ["19980101-01-001-001/m  新华社/nt  报道/v  。/w  "])
    docs = load_corpus("nerpy_people", tmp_path, split="dev")
    assert len(docs) == 2                       # the sentence also in PFR January is dropped
    doc = docs[0]
    assert docs[1].text == "目前很好" and docs[1].spans == []   # "at present" is no DATE for us
    assert doc.text == "4月28日，联合国授予江泽民奖章于北京"   # full-width digits narrowed, punctuation kept
    assert spans_text(doc) == [("4月28日", "DATE"), ("联合国", "PARTY"), ("江泽民", "OFFICIAL")]
    assert doc.labels == ["PARTY", "OFFICIAL", "DATE"]


def test_pfr_mapping(tmp_path):
    (aid,) = ids_in_split("train", 1)
    write_pfr_zip(tmp_path, [PFR_LINE.format(pid=aid + "-001"), PFR_LINE_2.format(pid=aid + "-002")])
    docs = load_corpus("pfr", tmp_path, split="train")
    assert [d.id for d in docs] == ["pfr-train-0", "pfr-train-1"]
    first, second = docs
    assert first.text == "中国银行行长王小明12月31日宣布投资115亿美元，增长3.5%，新华社报道。"
    assert spans_text(first) == [("中国银行", "PARTY"), ("王小明", "OFFICIAL"), ("12月31日", "DATE"),
                                 ("115亿美元", "AMOUNT"), ("新华社", "PARTY")]
    assert second.text == "目前江泽民基金会今天上午在香港特别行政区捐款5000元。"
    # 目前 ("at present") is a t word but no date; the nt compound wins over the nr inside it; ns compound is O
    assert spans_text(second) == [("江泽民基金会", "PARTY"), ("今天上午", "DATE"), ("5000元", "AMOUNT")]
    assert first.labels == ["PARTY", "OFFICIAL", "DATE", "AMOUNT"] and first.source == "pfr"
    assert first.published == "1998-01-05"
    assert validate_documents(docs) == []


def test_pfr_split_is_by_article_disjoint_and_complete(tmp_path):
    articles = {split: ids_in_split(split, 2) for split in ("train", "dev", "test")}
    lines = [PFR_LINE.format(pid=f"{aid}-{p:03d}") for ids in articles.values() for aid in ids for p in (1, 2)]
    write_pfr_zip(tmp_path, lines)
    sizes = {split: len(load_corpus("pfr", tmp_path, split=split)) for split in articles}
    assert sizes == {"train": 4, "dev": 4, "test": 4}   # both paragraphs of an article land in its split
    assert [pfr_split_of(f"19980101-01-{n:03d}") for n in range(200)].count("train") > 160   # about 90 %


def test_pfr_long_paragraph_cut_at_sentence_ends(tmp_path):
    (aid,) = ids_in_split("dev", 1)
    sentence = "王/nr  小明/nr  " + "说/v  " * 40 + "。/w  "          # 44 characters
    write_pfr_zip(tmp_path, [f"{aid}-001/m  " + sentence * 30])       # 1,320 characters in one paragraph
    docs = load_corpus("pfr", tmp_path, split="dev")
    assert len(docs) == 3 and all(len(d.text) <= 500 for d in docs)
    assert all(d.text.endswith("。") for d in docs)
    assert sum(len(d.spans) for d in docs) == 30
    assert all(spans_text(d) == [("王小明", "OFFICIAL")] * (len(d.text) // 44) for d in docs)


def test_split_long_never_cuts_a_span():
    text = "甲" * 10 + "乙" * 10
    pieces = split_long(text, [(8, 12, "PARTY")], limit=10)
    assert "".join(p for p, _ in pieces) == text
    assert all(len(p) <= 10 for p, _ in pieces)
    assert [(p[s:e], lab) for p, spans in pieces for s, e, lab in spans] == [("甲甲乙乙", "PARTY")]


# ---------------------------------------------------------------- helpers, sampling, errors

def test_tags_to_spans_bio_and_bmes():
    mapping = {"A": "PARTY", "B": "DATE"}
    assert tags_to_spans(["B-A", "I-A", "O", "B-B", "B-B", "I-B"], mapping) == [
        (0, 2, "PARTY"), (3, 4, "DATE"), (4, 6, "DATE")]
    assert tags_to_spans(["S-A", "B-A", "M-A", "E-A", "B-X", "E-X"], mapping) == [(0, 1, "PARTY"), (1, 4, "PARTY")]
    assert tags_to_spans(["M-A", "E-A", "O", "I-B"], mapping) == [(0, 2, "PARTY"), (3, 4, "DATE")]  # lenient
    assert merge_touching([(0, 2, "DATE"), (2, 5, "DATE"), (5, 6, "PARTY")], "DATE") == [
        (0, 5, "DATE"), (5, 6, "PARTY")]


def test_max_docs_is_a_seeded_deterministic_sample(tmp_path):
    rows = [json.dumps({"text": f"第{i}句", "label": {}}, ensure_ascii=False) for i in range(30)]
    write_lines(tmp_path / "cluener2020" / "train.json", rows)
    full = load_corpus("cluener", tmp_path)
    a = load_corpus("cluener", tmp_path, max_docs=5, seed=1)
    assert [d.id for d in a] == [d.id for d in load_corpus("cluener", tmp_path, max_docs=5, seed=1)]
    assert [d.id for d in a] != [d.id for d in load_corpus("cluener", tmp_path, max_docs=5, seed=2)]
    assert len(a) == 5 and {d.id: d.text for d in a}.items() <= {d.id: d.text for d in full}.items()
    assert len(load_corpus("cluener", tmp_path, max_docs=100)) == 30


def test_errors_are_config_errors(tmp_path):
    with pytest.raises(ConfigError, match="unknown corpus 'msra'"):
        load_corpus("msra", tmp_path)
    with pytest.raises(ConfigError, match="no split 'train'.*dev, test"):
        load_corpus("nerpy_people", tmp_path, split="train")
    with pytest.raises(ConfigError, match="no split 'test'"):
        load_corpus("cluener", tmp_path, split="test")
    with pytest.raises(ConfigError, match=str(tmp_path / "missing")):
        load_corpus("cluener", tmp_path / "missing")
    with pytest.raises(ConfigError, match="resume_ner/train.char.bmes"):
        load_corpus("resume", tmp_path)
    with pytest.raises(ConfigError, match="no corpora folder"):
        load_corpus("pfr", None)


def test_corpora_root_env_overrides_config(tmp_path, monkeypatch):
    monkeypatch.delenv("QIANYUE_CORPORA", raising=False)
    assert corpora_root(str(tmp_path)) == tmp_path
    assert corpora_root(str(tmp_path / "absent")) is None
    assert corpora_root(None) is None
    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.setenv("QIANYUE_CORPORA", str(other))
    assert corpora_root(str(tmp_path)) == other
    monkeypatch.setenv("QIANYUE_CORPORA", str(tmp_path / "absent"))
    assert corpora_root(str(tmp_path)) is None


def test_corpora_table_lists_labels():
    for name, info in CORPORA.items():
        assert info.labels and "AGREEMENT" not in info.labels
        assert all(lab in info.description for lab in info.labels)


# ---------------------------------------------------------------- the real corpora

@pytest.mark.skipif(not REAL_ROOT.is_dir(), reason="public corpora (../shared/datasets) not present")
def test_real_corpora_load_and_validate():
    for name, info in CORPORA.items():
        for split in info.files:
            docs = load_corpus(name, REAL_ROOT, split=split, max_docs=50, seed=0)
            assert len(docs) == 50, (name, split)
            assert validate_documents(docs) == [], (name, split)
            assert all(d.labels == list(info.labels) and d.source == name for d in docs)
            assert all(d.id.startswith(f"{name}-{split}-") and len(d.text) <= 500 for d in docs)
            found = {lab for d in docs for _, _, lab in d.spans}
            assert found <= set(info.labels) and len(found) >= 2, (name, split, found)
