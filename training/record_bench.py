"""The record-assembly benchmark: how well entity spans become agreement records.

Two ways of getting the spans are scored on every evaluation set, with the shared record scorer
(training/score_records.py, a verbatim copy of ../shared/tools/score_records.py):

- ``gold``: the annotated spans, as a perfect tagger would give them (score 1.0) -> the assembly alone;
- ``e2e``: the raw article read and tagged by a model, then assembled -> what a user gets.

Sets: genre_train, genre_dev, genre_test (the fixed split of data/genre/split.json, texts from ../shared/genre),
seeds (data/seeds; e2e reads the raw files), synthetic_heldout (the held-out template families) and synthetic_round2
(the families added for the second batch's constructions, training ones included: 分别与, mixed lists, three-way,
mass signings, departments; it tells which of those constructions the rules miss), blind_dev and blind_test
(data/blind: articles written for this benchmark by people who had not seen the rules or the genre articles, with
records only, so end to end only). Develop on train and dev (genre_dev, blind_dev); genre_test, blind_test and
seeds are read only to report.

    python scripts/bench_records.py --sets genre_train,genre_dev --model DIR
    qianyue evaluate --records --model DIR --data genre_dev,seeds

Besides the scorer's facts the table gives the share of predicted records that match no gold record (false
records; a predicted record without parties — a counted project, decision N12 — pairs with a gold record left
unpaired, which the scorer's party matching cannot do; "strict" leaves that out) and, from each
record's confidence, the precision of the records kept at confidence >= 0.5 and >= 0.8.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Optional

from qianyue.resources import data_dir
from qianyue.results import Agreement, Entity

from . import score_records as scorer
from .config import TrainConfig
from .datasets import SEEDS_FILE, genre_split_of
from .genre import load_genre

SETS = ("genre_train", "genre_dev", "genre_test", "seeds", "synthetic_heldout", "synthetic_round2", "blind_dev",
        "blind_test")
DEVELOPMENT_SETS = ("genre_train", "genre_dev", "synthetic_heldout", "blind_dev")
BLIND_DIR = data_dir() / "blind"
CONFIDENCE_CUTS = (0.5, 0.8)
SEEDS_RAW = SEEDS_FILE.parent / "raw"

Assembler = Callable[[str, list, Optional[str]], list]


@dataclass
class BenchDoc:
    id: str
    text: str
    spans: Optional[list]  # None: records only (the blind sets)
    published: Optional[str]
    gold: list          # expected agreements (ANNOTATION.md schema)
    raw_path: Optional[Path] = None  # the raw article an end-to-end run reads (None: tag `text` directly)
    raw_published: Optional[str] = None  # date given to the reader with the raw file (None: read from its header)


def load_set(name: str, cfg: TrainConfig) -> list[BenchDoc]:
    """The documents of one evaluation set, with gold spans, gold records and where the raw article lies."""
    if name.startswith("genre_"):
        split = name.split("_", 1)[1]
        root = cfg.genre_dir(required=True)  # $QIANYUE_GENRE or genre_root; a clear error when missing
        wanted = {d for d, s in genre_split_of().items() if s == split}
        docs = load_genre(root, only=wanted)  # only this split's articles are opened
        return [BenchDoc(d.id, d.text, d.spans, d.published, d.agreements or [], Path(root) / f"{d.id}.txt",
                         d.published) for d in docs]
    if name == "seeds":
        from .data import load_documents
        exp_file = SEEDS_FILE.parent / "expected.jsonl"
        expected = {doc: rec.get("agreements") or [] for doc, rec in _records_by_doc(exp_file).items()} \
            if exp_file.exists() else {}
        out = []
        for d in load_documents(SEEDS_FILE) if SEEDS_FILE.exists() else []:
            raw = SEEDS_RAW / f"{d.id}.txt"
            out.append(BenchDoc(d.id, d.text, d.spans, d.published, expected.get(d.id, d.agreements or []),
                                raw if raw.exists() else None))
        return out
    if name in ("synthetic_heldout", "synthetic_round2"):
        from .synthetic import HELD_OUT_FAMILIES, ROUND2_FAMILIES, generate_documents
        families, seed = ((list(HELD_OUT_FAMILIES), cfg.seed + 1000) if name == "synthetic_heldout"
                          else (ROUND2_FAMILIES, cfg.seed + 2000))
        return [BenchDoc(d.id, d.text, d.spans, d.published, d.agreements or [])
                for d in generate_documents(cfg.synthetic_dev_docs, seed=seed, families=families)]
    if name.startswith("blind_"):
        return blind_documents(name.split("_", 1)[1])
    raise ValueError(f"unknown record benchmark set {name!r} (known: {', '.join(SETS)})")


def _records_by_doc(path: Path) -> dict[str, dict]:
    """The lines of a records file (expected.jsonl, data/blind/records.jsonl), by their "doc"."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {rec["doc"]: rec for rec in (json.loads(line) for line in lines if line.strip())}


def blind_documents(split: str, root: Optional[Path] = None) -> list[BenchDoc]:
    """The blind articles of one half (data/blind: written for this benchmark by people who had not seen the rules,
    records annotated twice and reconciled; no spans, so they are scored end to end only)."""
    from qianyue.readers import read_article
    root = BLIND_DIR if root is None else root
    split_file = root / "split.json"
    if not split_file.exists():
        return []
    wanted = [d for d, s in sorted(json.loads(split_file.read_text(encoding="utf-8"))["split"].items()) if s == split]
    gold = {Path(doc).stem: rec for doc, rec in _records_by_doc(root / "records.jsonl").items()}
    out = []
    for doc_id in wanted:
        rec = gold[doc_id]
        path = root / "articles" / rec["doc"]
        art = read_article(path)
        out.append(BenchDoc(doc_id, art.text, None, art.published, rec.get("agreements") or [], path))
    return out


def gold_entities(doc: BenchDoc) -> list[Entity]:
    """The annotated spans as a perfect tagger would return them."""
    return [Entity(label=lab, text=doc.text[s:e], start=s, end=e, score=1.0) for s, e, lab in doc.spans]


@dataclass
class Tagged:
    """One article as the model saw it: the cleaned text, its decoded entities and its publication date."""
    text: str
    entities: list
    published: Optional[str]


def tagged_from_store(entry: dict) -> Tagged:
    """One article of a tagged-article file (a bench cache or scripts/crossfit_tagging.py)."""
    return Tagged(entry["text"], [Entity(**e) for e in entry["entities"]], entry["published"])


def tag_documents(extractor, docs: list[BenchDoc], cache: Optional[Path] = None, model_key: str = "") -> list[Tagged]:
    """Run the model end to end on each raw article (or on the text when there is no raw file).

    With `cache` (a JSON file), tagged articles are kept there under the document id and reused on the next run,
    so that changes to the assembly are measured end to end without tagging again. `model_key` identifies the
    model (path and weights' mtime): a cache written by another model is ignored and overwritten."""
    stored = json.loads(cache.read_text(encoding="utf-8")) if cache is not None and cache.exists() else {}
    if stored.get("__model__") != model_key:
        stored = {"__model__": model_key}
    out = []
    for d in docs:
        if d.id in stored and (d.raw_path is not None or stored[d.id]["text"] == d.text):
            # (a generated article kept under the same id but written anew since is tagged again)
            out.append(tagged_from_store(stored[d.id]))
            continue
        if d.raw_path is not None:
            res = extractor.extract_file(d.raw_path, published=d.raw_published)
        else:
            res = extractor.extract(d.text, published=d.published, source=d.id)
        out.append(Tagged(res.text, res.entities, res.published))
        stored[d.id] = {"text": res.text, "published": res.published,
                        "entities": [{"label": e.label, "text": e.text, "start": e.start, "end": e.end,
                                      "score": float(e.score)} for e in res.entities]}
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
    return out


def stored_tagging(path: Path, docs: list[BenchDoc]) -> list[Tagged]:
    """The tagged articles of a file written by scripts/crossfit_tagging.py (or a bench cache), for `docs`; a
    document the file does not hold is an error, so a row never mixes two taggers."""
    from qianyue.errors import ConfigError

    try:
        stored = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{path}: not a tagged-article file ({exc})") from None
    missing = [d.id for d in docs if not isinstance(stored.get(d.id), dict)]
    if missing:
        raise ConfigError(f"{path}: no tagged article for {', '.join(missing[:3])}"
                          f"{' …' if len(missing) > 3 else ''} ({len(missing)} of {len(docs)} missing)")
    try:
        return [tagged_from_store(stored[d.id]) for d in docs]
    except (KeyError, TypeError) as exc:
        raise ConfigError(f"{path}: not a tagged-article file ({exc!r})") from None


def record_matches(gold_ags: list, pred_ags: list, anonymous: bool = True) -> list[bool]:
    """For each predicted agreement, whether the scorer's record matching pairs it with a gold agreement (same rule
    as score_records.score_doc: at least half of the gold parties among the predicted ones, one-to-one); with
    `anonymous`, a predicted agreement without parties also matches a gold agreement left unmatched."""
    gp = scorer.GoldParties(gold_ags)
    adj = []
    for gi, g_ents in enumerate(gp.per_agreement):
        cands = []
        for pj, pag in enumerate(pred_ags):
            names = {scorer.norm(p.get("name")) for p in scorer._parties(pag)}
            hit = {i for i in g_ents if names & gp.entities[i][1]}
            if g_ents and hit and 2 * len(hit) >= len(g_ents):
                same_date = scorer.norm_date(gold_ags[gi].get("date")) == scorer.norm_date(pag.get("date"))
                cands.append((-len(hit), not same_date, pj))
        adj.append([pj for _, _, pj in sorted(cands)])
    matching = scorer.max_bipartite(adj, len(pred_ags))
    matched = set(matching.values())
    if anonymous:
        # the scorer matches records through their parties, so a record without any can match nothing; yet a
        # predicted record without parties (a counted project, decision N12) stands for a signing the article
        # reports: it pairs, one to one within the document, with a gold record left unpaired (one without parties,
        # or one whose parties were missed — the party scores count that miss), and is false only beyond them
        free_gold = sum(1 for gi in range(len(gp.per_agreement)) if gi not in matching)
        for j, pag in enumerate(pred_ags):
            if free_gold and j not in matched and not scorer._parties(pag):
                matched.add(j)
                free_gold -= 1
    return [j in matched for j in range(len(pred_ags))]


def ranking_auc(ranked: list[tuple[float, bool]]) -> Optional[float]:
    """Probability that a matched record has a higher confidence than an unmatched one (ties count half): 1.0 when
    confidence puts every real record above every false one; None without both kinds."""
    good = [c for c, ok in ranked if ok]
    bad = [c for c, ok in ranked if not ok]
    if not good or not bad:
        return None
    wins = sum((g > b) + 0.5 * (g == b) for g in good for b in bad)
    return round(wins / (len(good) * len(bad)), 4)


def score_predictions(docs: list[BenchDoc], predictions: list[list[Agreement]]) -> dict:
    """The scorer's report plus false-record share and precision at confidence cuts."""
    gold = {d.id: d.gold for d in docs}
    pred = {d.id: [a.to_dict() for a in ags] for d, ags in zip(docs, predictions)}
    res = scorer.score(gold, pred)
    ranked = []  # (confidence, matched)
    per_record = []  # (doc id, confidence, matched)
    strict_false = 0  # unmatched under the scorer's party matching alone
    for d, ags in zip(docs, predictions):
        strict_false += sum(1 for ok in record_matches(gold[d.id], pred[d.id], anonymous=False) if not ok)
        for a, ok in zip(ags, record_matches(gold[d.id], pred[d.id])):
            ranked.append((a.confidence, ok))
            per_record.append((d.id, a.confidence, ok))
    n_pred = len(ranked)
    res["false_record_share"] = round(sum(1 for _, ok in ranked if not ok) / n_pred, 4) if n_pred else 0.0
    res["false_record_share_strict"] = round(strict_false / n_pred, 4) if n_pred else 0.0
    res["confidence_auc"] = ranking_auc(ranked)
    res["precision_at"] = {}
    for cut in CONFIDENCE_CUTS:
        kept = [ok for c, ok in ranked if c >= cut]
        res["precision_at"][str(cut)] = {"kept": len(kept), "of": n_pred,
                                         "precision": round(sum(kept) / len(kept), 4) if kept else None,
                                         "matched_kept": sum(kept), "matched_all": sum(ok for _, ok in ranked)}
    res["records"] = [{"doc": did, "confidence": round(conf, 4), "matched": ok} for did, conf, ok in per_record]
    return res


def assemble_all(assembler: Assembler, items: Iterable[tuple[str, list, Optional[str]]]) -> list[list[Agreement]]:
    return [assembler(text, ents, published) for text, ents, published in items]


def run_bench(set_names: list[str], cfg: TrainConfig, assemblers: dict[str, Assembler],
              extractor=None, gold: bool = True, cache: Optional[Path] = None,
              model_key: str = "", tagged_file: Optional[Path] = None) -> list[dict]:
    """One row per (set, spans, assembler): the scores of score_predictions with set/spans/assembler names.
    With `tagged_file` the end-to-end rows read the spans stored there (spans "stored") instead of a model's."""
    rows = []
    for name in set_names:
        docs = load_set(name, cfg)
        if not docs:
            continue
        if tagged_file is not None:
            tagged = stored_tagging(tagged_file, docs)
        else:
            tagged = tag_documents(extractor, docs, cache, model_key) if extractor is not None else None
        for asm_name, asm in assemblers.items():
            if gold and all(d.spans is not None for d in docs):  # (the blind sets have records only)
                preds = assemble_all(asm, ((d.text, gold_entities(d), d.published) for d in docs))
                rows.append(dict(score_predictions(docs, preds), set=name, spans="gold", assembler=asm_name))
            if tagged is not None:
                preds = assemble_all(asm, ((t.text, t.entities, t.published) for t in tagged))
                rows.append(dict(score_predictions(docs, preds), set=name,
                                 spans="stored" if tagged_file is not None else "e2e", assembler=asm_name))
    return rows


def _f(x) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def format_table(rows: list[dict]) -> str:
    """One line per row: facts (F1 per type, overall P/R/F1), records (P/R, count exact, false share) and
    precision at the confidence cuts."""
    head = ("| set | spans | assembler | docs | party F1 | official F1 | date F1 | amount F1 | facts P | facts R "
            "| facts F1 | agr P | agr R | count exact | false rec | false rec (strict) | conf AUC | P@0.5 (kept) | P@0.8 (kept) |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in rows:
        ag = r["agreements"]
        pa = r["precision_at"]
        cells = [r["set"], r["spans"], r["assembler"], str(r["docs"]), _f(r["party"]["f1"]), _f(r["official"]["f1"]),
                 _f(r["date"]["f1"]), _f(r["amount"]["f1"]), _f(r["overall"]["p"]), _f(r["overall"]["r"]),
                 _f(r["overall"]["f1"]), _f(ag["p"]), _f(ag["r"]), _f(ag["count_exact_acc"]),
                 _f(r["false_record_share"]), _f(r.get("false_record_share_strict")), _f(r["confidence_auc"])]
        for cut in CONFIDENCE_CUTS:
            c = pa[str(cut)]
            cells.append(f"{_f(c['precision'])} ({c['kept']}/{c['of']})")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def per_doc_lines(row: dict) -> list[str]:
    """Per-document cells of one row (tp/fp/fn per fact, gold/predicted agreements, party misses)."""
    out = [f"-- {row['set']} / {row['spans']} / {row['assembler']}"]
    for d, r in row["per_doc"].items():
        out.append("%-22s party %-8s official %-8s date %-7s amount %-7s agreements %d/%d" % (
            d, "%d/%d/%d" % tuple(r["party"]), "%d/%d/%d" % tuple(r["official"]), "%d/%d/%d" % tuple(r["date"]),
            "%d/%d/%d" % tuple(r["amount"]), r["agreements"][0], r["agreements"][1]))
        if r["party_fp"] or r["party_fn"]:
            out.append("    party fp: %s | fn: %s" % ("、".join(r["party_fp"]) or "-", "、".join(r["party_fn"]) or "-"))
    return out


def evaluate_records(model, data: str, config, output: Optional[Path], device=None, runtime: str = "torch",
                     quantize=None) -> str:
    """`qianyue evaluate --records`: the benchmark table for the sets named in `data`, every assembler, gold spans
    and end to end with `model`; the rows (with per-document cells) go to `output` as JSON when given."""
    from qianyue.api import AgreementExtractor
    from qianyue.assembly import ASSEMBLERS
    from qianyue.errors import ConfigError

    from .config import load_config

    names = ["genre_test", "blind_test", "seeds"] if data == "test" else [s.strip() for s in data.split(",") if s.strip()]
    unknown = [n for n in names if n not in SETS]
    if unknown:
        raise ConfigError(f"--data {unknown[0]!r}: with --records choose from {', '.join(SETS)} (comma-separated)")
    cfg = load_config(config or "default", kind=None)  # only its data paths are used
    extractor = AgreementExtractor.from_pretrained(model, device=device, runtime=runtime, quantize=quantize)
    rows = run_bench(names, cfg, dict(ASSEMBLERS), extractor=extractor)
    if output:
        Path(output).write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return format_table(rows)
