"""The template families added for the second batch's constructions (issue 11): 分别与, mixed 共同签署 lists,
three-way agreements, mass signings, departments as the government side; attending units; the held-out families."""
from __future__ import annotations

import re

import pytest

from qianyue.training.config import CorpusSpec, TrainConfig
from qianyue.training.data import validate_documents
from qianyue.training.datasets import eval_set, load_source
from qianyue.training.synthetic import (HELD_OUT_FAMILIES, ROUND2_FAMILIES, TEMPLATE_FAMILIES, generate_documents,
                                        training_families)

PER_FAMILY = 8
# the attending-units sentences of templates.yaml (shared: attend_orgs), up to the words after the list
ATTEND_ORGS_RE = re.compile(r"[^。\n，,]*?等(?:单位负责人参加签约仪式|单位有关负责同志出席活动|相关部门和企业代表参加了签约仪式|"
                            r"单位主要负责人一同出席)")


@pytest.fixture(scope="module")
def by_family():
    docs = generate_documents(PER_FAMILY * len(ROUND2_FAMILIES), seed=21, families=ROUND2_FAMILIES)
    out = {f: [] for f in ROUND2_FAMILIES}
    for d in docs:
        out[d.id.split("-")[1]].append(d)
    return out


def spans_in(doc, label, start=0, end=None):
    end = len(doc.text) if end is None else end
    return [doc.text[s:e] for s, e, lab in doc.spans if lab == label and start <= s and e <= end]


def party_forms(party):
    return {party["name"], *party["aliases"]}


def test_new_families_are_known_and_trained_except_the_held_out_one():
    assert set(ROUND2_FAMILIES) <= set(TEMPLATE_FAMILIES)
    assert set(HELD_OUT_FAMILIES) == {"agreement_first", "tripartite"}
    assert set(training_families()) == set(TEMPLATE_FAMILIES) - set(HELD_OUT_FAMILIES)


def test_spans_match_text_and_records_match_spans(by_family):
    for family, docs in by_family.items():
        assert len(docs) == PER_FAMILY and validate_documents(docs) == []
        for d in docs:
            for s, e, lab in d.spans:
                piece = d.text[s:e]
                assert piece == piece.strip() and "《" not in piece and "》" not in piece, (d.id, piece)
                if lab == "TITLE":
                    assert "、" not in piece
            labelled = {lab: set(spans_in(d, lab)) for lab in ("PARTY", "OFFICIAL", "TITLE", "AMOUNT", "AGREEMENT")}
            assert d.agreements, d.id  # every new family reports at least one signing
            for rec in d.agreements:
                assert rec["title"] in labelled["AGREEMENT"] or (family == "mass" and rec["title"] is None)
                for p in rec["parties"]:
                    assert party_forms(p) <= labelled["PARTY"], (d.id, p)
                for o in rec["officials"]:
                    assert o["name"] in labelled["OFFICIAL"]
                    assert all(t in labelled["TITLE"] for t in o["title"].split("、"))
                for a in rec["amounts"]:
                    assert a["text"] in labelled["AMOUNT"] and a["value"] > 0


def test_separately_gives_one_record_per_counterpart(by_family):
    for d in by_family["separately"]:
        recs = d.agreements
        assert len(recs) >= 2 and "分别" in d.text
        hosts = {r["parties"][0]["name"] for r in recs}
        counterparts = [r["parties"][1]["name"] for r in recs]
        assert len(hosts) == 1 and len(set(counterparts)) == len(recs)  # the same government, a new counterpart each
        assert all(len(r["parties"]) == 2 for r in recs)
        assert len({r["title"] for r in recs}) == 1  # the one agreement name the sentence gives
        signers = [[o for o in r["officials"] if o["role"] == "signatory"] for r in recs]
        for rec, own in zip(recs, signers):
            # each counterpart's signer signs its own agreement only
            assert all(o["party"] in (rec["parties"][0]["name"], rec["parties"][1]["name"]) for o in own)
        counterpart_signers = [o["name"] for own, r in zip(signers, recs) for o in own
                               if o["party"] == r["parties"][1]["name"]]
        assert len(counterpart_signers) == len(set(counterpart_signers))


def test_separately_sign_sentence_names_every_counterparts_signer():
    docs = generate_documents(20, seed=4, families=["separately"])
    full = [d for d in docs if all(any(o["role"] == "signatory" and o["party"] == r["parties"][1]["name"]
                                       for o in r["officials"]) for r in d.agreements)]
    assert full, "expected some 分别与 articles that name each counterpart's signer"
    for d in full:  # and the government's signer signs every one of them
        host_signers = [{o["name"] for o in r["officials"] if o["role"] == "signatory"
                         and o["party"] == r["parties"][0]["name"]} for r in d.agreements]
        assert len(set.intersection(*host_signers)) == 1


def test_attending_units_are_never_parties():
    docs = generate_documents(60, seed=9, families=ROUND2_FAMILIES)
    seen = 0
    for d in docs:
        record_forms = {f for r in d.agreements for p in r["parties"] for f in party_forms(p)}
        for m in ATTEND_ORGS_RE.finditer(d.text):
            attending = spans_in(d, "PARTY", m.start(), m.end())
            assert attending, (d.id, m.group(0))  # the units are PARTY spans ...
            assert not set(attending) & record_forms, (d.id, attending)  # ... and never a party of a record
            seen += 1
    assert seen >= 10


def test_tripartite_is_one_record_with_three_parties_and_their_signers(by_family):
    for d in by_family["tripartite"]:
        assert len(d.agreements) == 1 and "三方" in d.text
        rec = d.agreements[0]
        names = [p["name"] for p in rec["parties"]]
        assert len(names) == 3 and rec["parties"][0]["kind"] == "government"
        signers = [o for o in rec["officials"] if o["role"] == "signatory"]
        assert sorted(o["party"] for o in signers) == sorted(names)  # one signer each, for its own side


def test_joint_lists_universities_institutes_and_firms_in_one_record(by_family):
    for d in by_family["joint"]:
        assert len(d.agreements) == 1 and "共同" in d.text
        rec = d.agreements[0]
        kinds = [p["kind"] for p in rec["parties"]]
        assert kinds[0] == "government" and kinds.count("organization") >= 2 and "enterprise" in kinds
        assert re.search(r"等(高校|高等院校|科研机构|科研院所)", d.text)
        for o in rec["officials"]:
            if o["role"] == "signatory":
                assert o["party"] in [p["name"] for p in rec["parties"]]


def test_mass_signing_counts_every_project_and_puts_the_total_on_each(by_family):
    unnamed = 0
    for d in by_family["mass"]:
        recs = d.agreements
        count = re.search(r"(?:共签约项目|集中签约的|集中签约|签约项目|项目共)(\d+|[一二三四五六七八九十]+)个", d.text)
        assert count, d.id
        n = count.group(1)
        assert (int(n) if n.isdigit() else "一二三四五六七八九十".index(n) + 1) == len(recs)
        totals = set.intersection(*({a["text"] for a in r["amounts"]} for r in recs))
        assert totals, d.id  # the total covers every project
        unnamed += sum(not r["parties"] for r in recs)
        for r in recs:
            assert not r["parties"] or len(r["parties"]) == 2
    assert unnamed > 0


def test_department_family_has_a_department_as_the_government_side():
    docs = generate_documents(40, seed=5, families=["department"])
    names = []
    for d in docs:
        gov = d.agreements[0]["parties"][0]
        assert gov["kind"] == "government" and re.search(r"(厅|局|委|委员会|办|办公室)$", gov["name"]), gov
        names.append(gov["name"])
        signatories = [o["name"] for o in d.agreements[0]["officials"] if o["role"] == "signatory"]
        # the signing (and its signers) is reported after the paragraph that names the sides
        first_party = min(s for s, e, lab in d.spans if lab == "PARTY" and s > d.text.index("\n"))
        lead_end = d.text.index("\n", first_party)
        assert not any(n in d.text[:lead_end] for n in signatories), d.id
    assert any("国有资产监督管理委员会" in n for n in names)


def test_held_out_families_are_never_trained_on():
    cfg = TrainConfig(synthetic_docs=24, synthetic_dev_docs=6, genre_root=None)
    train = load_source(CorpusSpec("synthetic"), cfg)
    train_families = {d.id.split("-")[1] for d in train}
    assert train_families == set(training_families()) and not train_families & set(HELD_OUT_FAMILIES)
    dev_families = {d.id.split("-")[1] for d in eval_set("synthetic_heldout", cfg)}
    assert dev_families == set(HELD_OUT_FAMILIES)
