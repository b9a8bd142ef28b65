"""Issue 15, corrections that feed training: review decisions become stand-off lines (spans + records + sha256),
`qianyue train --corrections` learns from them and `qianyue evaluate --data` scores on them. The round trip
predict -> correct -> retrain -> better records is run end to end with the tiny model."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qianyue import AgreementExtractor
from qianyue.cli import app
from qianyue.errors import ConfigError
from qianyue.review.corrections import (CorrectionsFile, build_correction, corrected_spans, is_corrections_file,
                                        load_corrections, text_sha256)

REPO = Path(__file__).resolve().parent.parent

# articles written from the tiny vocabulary, with the records a reviewer would write for them
ARTICLES = [
    ("a1", "5月8日，云南省人民政府与中国电信集团公司签署战略合作协议，副省长余伟和董事长刘超代表双方签约，总投资5亿元。",
     "2023-05-10",
     {"title": "战略合作协议", "date": "2023-05-08", "date_text": "5月8日",
      "parties": [{"name": "云南省人民政府", "kind": "government", "aliases": []},
                  {"name": "中国电信集团公司", "kind": "enterprise", "aliases": []}],
      "officials": [{"name": "余伟", "title": "副省长", "party": "云南省人民政府", "role": "signatory"},
                    {"name": "刘超", "title": "董事长", "party": "中国电信集团公司", "role": "signatory"}],
      "amounts": [{"text": "5亿元", "value": 5e8, "currency": "CNY", "purpose": "投资"}]}),
    ("a2", "今天上午，吉林省人民政府与中国联通青海省分公司签署数字吉林合作框架协议，省长孙政才见证签约。",
     "2022-09-07",
     {"title": "数字吉林合作框架协议", "date": "2022-09-07", "date_text": "今天上午",
      "parties": [{"name": "吉林省人民政府", "kind": "government", "aliases": []},
                  {"name": "中国联通青海省分公司", "kind": "enterprise", "aliases": []}],
      "officials": [{"name": "孙政才", "title": "省长", "party": "吉林省人民政府", "role": "witness"}],
      "amounts": []}),
]


def test_corrected_spans_replace_what_they_overlap():
    text = "安徽省人民政府与中国联通签署协议"
    predicted = [(0, 5, "PARTY"), (8, 12, "PARTY")]  # the model cut the government short
    original = [{"parties": [{"name": "安徽省人民", "aliases": []}], "officials": [], "amounts": []}]
    edited = [{"parties": [{"name": "安徽省人民政府", "aliases": []}, {"name": "中国联通", "aliases": []}],
               "officials": [], "amounts": []}]
    assert corrected_spans(text, predicted, edited, original, []) == [[0, 7, "PARTY"], [8, 12, "PARTY"]]
    # a span added by selection wins over a predicted one; whitespace at its edges is trimmed
    assert corrected_spans(" 张三签署", [(0, 3, "PARTY")], [], [], [(0, 3, "OFFICIAL")]) == [[1, 3, "OFFICIAL"]]
    with pytest.raises(ConfigError):
        corrected_spans(text, [], [], [], [(5, 99, "PARTY")])


def test_build_correction_keeps_accepted_fixes_fields_and_drops(tmp_path):
    text = "6月14日，安徽省人民政府与中国联通签署协议，省长王清宪见证签约。"
    prediction = {"source": "x.txt", "published": "2022-06-15", "text": text,
                  "entities": [{"label": "PARTY", "text": "安徽省人民", "start": 6, "end": 11, "score": 0.5},
                               {"label": "PARTY", "text": "中国联通", "start": 14, "end": 18, "score": 0.9}],
                  "agreements": [{"title": "协议", "parties": [{"name": "安徽省人民", "kind": "government", "aliases": []},
                                                              {"name": "中国联通", "kind": "enterprise", "aliases": []}],
                                  "officials": [], "date": None, "date_text": None, "amounts": [], "confidence": 0.4},
                                 {"title": "协议", "parties": [], "officials": [], "date": None, "date_text": None,
                                  "amounts": [], "confidence": 0.1}]}
    fixed = json.loads(json.dumps(prediction["agreements"][0]))
    fixed["parties"][0]["name"] = "安徽省人民政府"
    fixed["date"], fixed["date_text"] = "2022-06-14", "6月14日"
    name_at = text.index("王清宪")
    fixed["officials"].append({"name": "王清宪", "title": "省长", "party": "安徽省人民政府", "role": "witness"})
    review = {"records": [{"status": "corrected", "record": fixed},
                          {"status": "dropped", "record": prediction["agreements"][1]}],
              "added_spans": [[name_at, name_at + 3, "OFFICIAL"]]}
    line = build_correction(prediction, review, "out.jsonl")
    assert line["doc"] == "x.txt" and line["sha256"] == text_sha256(text) and "text" not in line
    assert line["review"] == {"accepted": [], "corrected": [0], "dropped": [1], "added": []}
    assert len(line["agreements"]) == 1
    rec = line["agreements"][0]
    assert [p["name"] for p in rec["parties"]] == ["安徽省人民政府", "中国联通"] and rec["date"] == "2022-06-14"
    assert "evidence" not in rec["parties"][0] and "confidence" not in rec
    spans = {(s, e, lab) for s, e, lab in line["spans"]}
    assert {(0, 5, "DATE"), (6, 13, "PARTY"), (14, 18, "PARTY"), (name_at, name_at + 3, "OFFICIAL"),
            (name_at - 2, name_at, "TITLE")} <= spans and (6, 11, "PARTY") not in spans
    # saved, read back as a training document through its predictions file
    preds = tmp_path / "out.jsonl"
    preds.write_text(json.dumps(prediction, ensure_ascii=False) + "\n", encoding="utf-8")
    store = CorrectionsFile(tmp_path / "out.corrections.jsonl")
    store.save(line)
    store.save(line)  # saving again replaces the article's line
    assert len(store.path.read_text(encoding="utf-8").splitlines()) == 1 and is_corrections_file(store.path)
    (doc,) = load_corrections(store.path)
    assert doc.text == text and doc.published == "2022-06-15" and doc.agreements == line["agreements"]
    preds.write_text(json.dumps({**prediction, "text": text + "改"}, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="no text with sha256"):
        load_corrections(store.path)


def _record_f1(model_dir, docs):
    from qianyue.modeling import Tagger
    from qianyue.training.metrics import evaluate_tagger

    scores = evaluate_tagger(Tagger.from_pretrained(model_dir), docs, batch_size=4)
    return scores


def test_round_trip_predict_correct_retrain_improves_records(tiny_model, tiny_base, tmp_path):
    # 1. predict with the current model
    ex = AgreementExtractor.from_pretrained(tiny_model)
    results = list(ex.extract_many([{"id": i, "text": t, "published": p} for i, t, p, _ in ARTICLES]))
    preds = tmp_path / "out.jsonl"
    preds.write_text("".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in results), encoding="utf-8")
    # 2. correct: what the page posts — the reviewer's record replaces the model's, which are dropped
    store = CorrectionsFile(tmp_path / "out.corrections.jsonl")
    for result, (_, _, _, gold) in zip(results, ARTICLES):
        prediction = result.to_dict()
        review = {"records": [{"status": "dropped", "record": a} for a in prediction["agreements"]]
                  + [{"status": "added", "record": gold}], "added_spans": []}
        store.save(build_correction(prediction, review, "out.jsonl"))
    docs = load_corrections(store.path)
    assert len(docs) == 2 and all(d.spans for d in docs)
    before = _record_f1(tiny_model, docs)
    # 3. retrain with the corrections (the CLI path; base = the tiny encoder, recipe = configs/tiny.yaml)
    run = tmp_path / "retrained"
    res = CliRunner().invoke(app, ["train", "--config", str(REPO / "configs" / "tiny.yaml"), "--output-dir", str(run),
                                   "--corrections", str(store.path), "--corrections-weight", "6",
                                   f"base_model={tiny_base}", "seed=3"])
    assert res.exit_code == 0, res.output
    # the reviewed records taught the record judge too: the retrained model carries its own, and loads it
    from qianyue.assembly import TreeJudge
    from qianyue.modeling import Tagger

    assert (run / "best" / "record_judge.json").exists() and (run / "last" / "record_judge.json").exists()
    assert isinstance(Tagger.from_pretrained(run).judge, TreeJudge) and "record judge:" in res.output
    assert "2 reviewed articles (weight 6)" in res.output  # what the tagger was given, said before it trains
    after = _record_f1(run, docs)
    # 4. better records and entities on the corrected articles
    f1 = lambda scores: scores["records"]["overall"]["f1"]  # facts (parties, officials, dates, amounts) matched
    assert f1(after) > f1(before), (before["records"]["overall"], after["records"]["overall"])
    assert f1(after) >= 0.5 and after["entities"]["micro"]["f1"] > before["entities"]["micro"]["f1"]
    # 5. `qianyue evaluate --data` scores a model on the corrections file
    res = CliRunner().invoke(app, ["evaluate", "--model", str(run), "--data", str(store.path),
                                   "--output", str(tmp_path / "scores.json")])
    assert res.exit_code == 0, res.output
    scores = json.loads((tmp_path / "scores.json").read_text(encoding="utf-8"))
    assert scores["records"]["overall"]["f1"] == pytest.approx(f1(after))


def test_train_refuses_a_missing_corrections_file(tmp_path):
    res = CliRunner().invoke(app, ["train", "--config", str(REPO / "configs" / "tiny.yaml"),
                                   "--corrections", str(tmp_path / "nope.jsonl")])
    assert res.exit_code != 0


def test_a_model_directorys_own_record_judge_gives_the_confidence_and_a_bad_one_is_named(tiny_model, tmp_path):
    import shutil

    from qianyue.assembly import RecordJudge
    from qianyue.modeling import Tagger
    from test_record_bench import OracleTagger

    model = tmp_path / "model"
    shutil.copytree(tiny_model / "best", model)
    assert Tagger.from_pretrained(model).judge is None  # none of its own: the package's judge is used
    # a judge that finds every record as likely real as not: sigmoid(0) = 0.5
    (model / "record_judge.json").write_text(json.dumps(RecordJudge({}, 0.0, {}, {}).to_dict()), encoding="utf-8")
    assert isinstance(Tagger.from_pretrained(model).judge, RecordJudge)
    text = "5月6日，青川县人民政府与星河科技有限公司签署合作协议。"
    spans = [(0, 4, "DATE"), (5, 12, "PARTY"), (13, 21, "PARTY"), (23, 27, "AGREEMENT")]
    tagger = OracleTagger({text: spans})
    packaged = AgreementExtractor(tagger).extract(text, published="2024-05-07").agreements
    tagger.judge = RecordJudge({}, 0.0, {}, {})  # what from_pretrained sets from the directory's file
    own = AgreementExtractor(tagger).extract(text, published="2024-05-07").agreements
    assert len(own) == len(packaged) == 1 and own[0].confidence == 0.5 != packaged[0].confidence
    assert AgreementExtractor(tagger, assembler="rules").extract(text).agreements[0].confidence != 0.5
    (model / "record_judge.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="record_judge.json: not a record judge"):
        AgreementExtractor.from_pretrained(model)
