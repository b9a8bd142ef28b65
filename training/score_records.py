#!/usr/bin/env python3
# Carried verbatim from ../shared/tools/score_records.py (the project's record scorer); keep the two in step.
"""Score agreement-record predictions against gold (see ../ANNOTATION.md, "Records").

usage: python3 score_records.py GOLD.jsonl PRED.jsonl [--json] [--per-doc] [--min-f1 X]

Facts are scored per document and summed (micro) over documents:
  party     predicted party names vs gold parties (name or any alias), each gold party counted once per doc
  official  (name, role) pairs; also name-only F1 and title accuracy over matched names
  date      distinct agreement dates
  amount    distinct money values, matched within 0.5% relative
  overall   micro P/R/F1 over party + official(name, role) + date + amount
Record-level figures: exact agreement-count accuracy, agreement-matching P/R/F1 (a gold agreement matches a
predicted one when at least half of its parties are among the predicted one's parties), date agreement of matched
pairs, and false alarms on documents whose gold has no agreement.

Documents are keyed by id: gold "doc", prediction "source" (or "doc"); both reduced to the file stem, so
"x/h01.txt" -> "h01". Gold documents missing from the predictions count as empty predictions; predicted documents
absent from the gold are ignored (and counted in the report).

With --min-f1 X the exit status is 1 when overall fact F1 < X. The last line printed is always the overall figure
(on stdout in table mode, on stderr with --json so that stdout stays one JSON object).
Standard library only.
"""
import argparse
import json
import os
import re
import sys
import unicodedata

AMOUNT_REL_TOL = 0.005
_STRIP_RE = re.compile(r"[\s\u3000\u200b\ufeff“”\"'‘’《》「」『』]")
_KNOWN_EXT = re.compile(r"\.(txt|md|markdown|html?|json|jsonl|text)$", re.I)


# ---------------------------------------------------------------- normalisation
def norm(s):
    """NFKC, then drop whitespace, quotes and book-title marks."""
    if s is None:
        return ""
    return _STRIP_RE.sub("", unicodedata.normalize("NFKC", str(s)))


def doc_id(value):
    """Reduce a doc id or a source path to the file stem."""
    if value is None:
        return None
    base = os.path.basename(str(value).rstrip("/\\").replace("\\", "/"))
    return _KNOWN_EXT.sub("", base)


def norm_date(value):
    """Return YYYY-MM-DD from '2022-06-15', '2022-06-15T..', '2022年6月15日', '2022/6/15'; else None."""
    if not value:
        return None
    m = re.search(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})", str(value))
    if not m:
        return None
    y, mo, d = (int(x) for x in m.groups())
    return "%04d-%02d-%02d" % (y, mo, d)


_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNIT = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3}


def _money_from_text(text):
    """Best-effort value for an amount given only as text (fallback when 'value' is absent)."""
    t = unicodedata.normalize("NFKC", str(text)).replace(",", "")
    m = re.search(r"(\d+(?:\.\d+)?)\s*(万亿|千亿|百亿|亿|千万|百万|万|千)?", t)
    if m:
        return float(m.group(1)) * _UNIT.get(m.group(2) or "", 1)
    m = re.search(r"([零〇一二两三四五六七八九十百千]+)\s*(万亿|千亿|百亿|亿|千万|百万|万|千)?", t)
    if m:
        total, cur = 0, 0
        for ch in m.group(1):
            if ch in _CN_DIGIT:
                cur = _CN_DIGIT[ch]
            elif ch in "十百千":
                total += (cur or 1) * {"十": 10, "百": 100, "千": 1000}[ch]
                cur = 0
        return float(total + cur) * _UNIT.get(m.group(2) or "", 1)
    return None


def amount_value(a):
    if isinstance(a, (int, float)):
        return float(a)
    if not isinstance(a, dict):
        return _money_from_text(a) if a else None
    v = a.get("value")
    if v is not None:
        try:
            return float(v)
        except (TypeError, ValueError):
            pass
    return _money_from_text(a.get("text")) if a.get("text") else None


# ---------------------------------------------------------------- loading
def load_jsonl(path, gold):
    """Map doc id -> list of agreements (several lines for one doc are merged)."""
    docs = {}
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit("%s:%d: not JSON (%s)" % (path, lineno, e))
            if not isinstance(rec, dict):
                sys.exit("%s:%d: expected a JSON object" % (path, lineno))
            key = rec.get("doc") if gold else (rec.get("source") or rec.get("doc"))
            if gold and key is None:
                key = rec.get("source")
            did = doc_id(key)
            if did is None:
                sys.exit("%s:%d: record has no %s" % (path, lineno, "doc" if gold else "source/doc"))
            ags = rec.get("agreements") or []
            docs.setdefault(did, []).extend(a for a in ags if isinstance(a, dict))
    return docs


def _parties(ag):
    out = []
    for p in ag.get("parties") or []:
        if isinstance(p, str):
            p = {"name": p}
        if isinstance(p, dict) and norm(p.get("name")):
            out.append(p)
    return out


def _officials(ag):
    out = []
    for o in ag.get("officials") or []:
        if isinstance(o, str):
            o = {"name": o}
        if isinstance(o, dict) and norm(o.get("name")):
            out.append(o)
    return out


# ---------------------------------------------------------------- gold party entities
class GoldParties:
    """Gold parties of one doc, deduplicated across agreements: entity = set of normalised forms."""

    def __init__(self, agreements):
        self.entities = []  # list of (canonical form, set of forms)
        self.per_agreement = []  # per gold agreement: list of entity indices
        for ag in agreements:
            idxs = []
            for p in _parties(ag):
                forms = {norm(p.get("name"))} | {norm(a) for a in (p.get("aliases") or []) if norm(a)}
                idx = self._find(forms, norm(p.get("name")))
                if idx is None:
                    self.entities.append((norm(p.get("name")), set(forms)))
                    idx = len(self.entities) - 1
                else:
                    self.entities[idx][1].update(forms)
                if idx not in idxs:
                    idxs.append(idx)
            self.per_agreement.append(idxs)

    def _find(self, forms, name):
        for i, (canon, fs) in enumerate(self.entities):
            if name == canon:
                return i
        for i, (canon, fs) in enumerate(self.entities):
            if forms & fs:
                return i
        return None

    def match_names(self, names):
        """Assign each predicted name to at most one gold entity: exact canonical names first, then aliases,
        preferring entities not yet claimed. Returns {name: entity index or None}."""
        assign = {}
        claimed = set()
        for n in names:
            for i, (canon, _) in enumerate(self.entities):
                if n == canon:
                    assign[n] = i
                    claimed.add(i)
                    break
        for n in names:
            if n in assign:
                continue
            cands = [i for i, (_, fs) in enumerate(self.entities) if n in fs]
            free = [i for i in cands if i not in claimed]
            pick = (free or cands or [None])[0]
            assign[n] = pick
            if pick is not None:
                claimed.add(pick)
        return assign


# ---------------------------------------------------------------- counting helpers
class PRF:
    __slots__ = ("tp", "fp", "fn")

    def __init__(self):
        self.tp = self.fp = self.fn = 0

    def add(self, tp, fp, fn):
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def as_dict(self):
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if self.fn == 0 else 0.0)
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else (1.0 if self.fp == 0 else 0.0)
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


def set_counts(gold, pred):
    gold, pred = set(gold), set(pred)
    tp = len(gold & pred)
    return tp, len(pred) - tp, len(gold) - tp


def title_ok(gold_titles, pred_titles):
    gts = [norm(t) for t in gold_titles if norm(t)]
    pts = [norm(t) for t in pred_titles if norm(t)]
    if not gts:
        return None  # nothing to judge
    return any(g == p or g in p or p in g for g in gts for p in pts)


def amount_counts(gold_vals, pred_vals):
    def distinct(vals):
        out = []
        for v in sorted(vals):
            if not out or abs(v - out[-1]) > AMOUNT_REL_TOL * max(abs(v), abs(out[-1]), 1e-9):
                out.append(v)
        return out

    g, p = distinct(gold_vals), distinct(pred_vals)
    used = set()
    tp = 0
    for gv in g:
        best = None
        for j, pv in enumerate(p):
            if j in used:
                continue
            err = abs(pv - gv)
            if err <= AMOUNT_REL_TOL * abs(gv) and (best is None or err < best[1]):
                best = (j, err)
        if best is not None:
            used.add(best[0])
            tp += 1
    return tp, len(p) - tp, len(g) - tp


def max_bipartite(adj, n_right):
    """Kuhn's augmenting paths; adj[i] = ordered list of right indices. Returns {left: right}."""
    match_r = [None] * n_right

    def try_left(i, seen):
        for j in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if match_r[j] is None or try_left(match_r[j], seen):
                match_r[j] = i
                return True
        return False

    for i in range(len(adj)):
        try_left(i, set())
    return {i: j for j, i in enumerate(match_r) if i is not None}


# ---------------------------------------------------------------- scoring one doc
def score_doc(gold_ags, pred_ags):
    gp = GoldParties(gold_ags)
    res = {}

    # parties
    pred_names = []
    for ag in pred_ags:
        for p in _parties(ag):
            n = norm(p.get("name"))
            if n not in pred_names:
                pred_names.append(n)
    assign = gp.match_names(pred_names)
    found = {i for i in assign.values() if i is not None}
    wrong = [n for n, i in assign.items() if i is None]
    res["party"] = (len(found), len(wrong), len(gp.entities) - len(found))
    res["party_fp_names"], res["party_fn_names"] = wrong, [gp.entities[i][0] for i in range(len(gp.entities))
                                                           if i not in found]

    # officials
    def officials(ags):
        pairs, titles = set(), {}
        for ag in ags:
            for o in _officials(ag):
                n = norm(o.get("name"))
                pairs.add((n, (o.get("role") or "").strip().lower()))
                titles.setdefault(n, []).append(o.get("title"))
        return pairs, titles

    g_pairs, g_titles = officials(gold_ags)
    p_pairs, p_titles = officials(pred_ags)
    res["official"] = set_counts(g_pairs, p_pairs)
    res["official_name"] = set_counts(g_titles.keys(), p_titles.keys())
    t_ok = t_n = 0
    for n in set(g_titles) & set(p_titles):
        ok = title_ok(g_titles[n], p_titles[n])
        if ok is not None:
            t_n += 1
            t_ok += int(ok)
    res["title"] = (t_ok, t_n)

    # dates
    g_dates = {norm_date(a.get("date")) for a in gold_ags} - {None}
    p_dates = {norm_date(a.get("date")) for a in pred_ags} - {None}
    res["date"] = set_counts(g_dates, p_dates)

    # amounts
    def values(ags):
        out = []
        for a in ags:
            for m in a.get("amounts") or []:
                v = amount_value(m)
                if v is not None:
                    out.append(v)
        return out

    res["amount"] = amount_counts(values(gold_ags), values(pred_ags))

    # agreement records: gold i matches pred j when >= half of gold i's parties are among pred j's parties
    adj = []
    for gi, g_ents in enumerate(gp.per_agreement):
        cands = []
        for pj, pag in enumerate(pred_ags):
            names = {norm(p.get("name")) for p in _parties(pag)}
            hit = {i for i in g_ents if names & gp.entities[i][1]}
            if g_ents and hit and 2 * len(hit) >= len(g_ents):
                same_date = norm_date(gold_ags[gi].get("date")) == norm_date(pag.get("date"))
                cands.append((-len(hit), not same_date, pj))
        adj.append([pj for _, _, pj in sorted(cands)])
    matching = max_bipartite(adj, len(pred_ags))
    date_ok = sum(1 for gi, pj in matching.items()
                  if norm_date(gold_ags[gi].get("date")) == norm_date(pred_ags[pj].get("date")))
    res["record"] = (len(matching), len(pred_ags) - len(matching), len(gold_ags) - len(matching))
    res["record_date"] = (date_ok, len(matching))
    res["count_exact"] = int(len(gold_ags) == len(pred_ags))
    res["n_gold"], res["n_pred"] = len(gold_ags), len(pred_ags)
    return res


# ---------------------------------------------------------------- scoring a corpus
FACT_TYPES = ("party", "official", "date", "amount")


def score(gold_docs, pred_docs):
    totals = {k: PRF() for k in FACT_TYPES + ("official_name", "record")}
    overall = PRF()
    title_ok_n = title_n = date_ok_n = date_n = count_exact = 0
    neg_docs = neg_alarms = 0
    per_doc = {}
    for did in sorted(gold_docs):
        g, p = gold_docs[did], pred_docs.get(did, [])
        r = score_doc(g, p)
        per_doc[did] = r
        for k in FACT_TYPES:
            totals[k].add(*r[k])
            overall.add(*r[k])
        totals["official_name"].add(*r["official_name"])
        totals["record"].add(*r["record"])
        title_ok_n += r["title"][0]
        title_n += r["title"][1]
        date_ok_n += r["record_date"][0]
        date_n += r["record_date"][1]
        count_exact += r["count_exact"]
        if not g:
            neg_docs += 1
            neg_alarms += int(bool(p))
    n = len(gold_docs)
    out = {"docs": n,
           "docs_missing_in_pred": sorted(d for d in gold_docs if d not in pred_docs),
           "docs_not_in_gold": sorted(d for d in pred_docs if d not in gold_docs),
           "overall": overall.as_dict()}
    for k in FACT_TYPES + ("official_name",):
        out[k] = totals[k].as_dict()
    out["official_title_acc"] = {"acc": round(title_ok_n / title_n, 4) if title_n else None,
                                 "correct": title_ok_n, "judged": title_n}
    out["agreements"] = dict(totals["record"].as_dict(),
                             count_exact_acc=round(count_exact / n, 4) if n else None,
                             count_exact=count_exact,
                             matched_date_acc=round(date_ok_n / date_n, 4) if date_n else None,
                             gold=sum(r["n_gold"] for r in per_doc.values()),
                             pred=sum(r["n_pred"] for r in per_doc.values()))
    out["negatives"] = {"docs": neg_docs, "false_alarms": neg_alarms}
    out["per_doc"] = {d: {"party": r["party"], "official": r["official"], "date": r["date"],
                          "amount": r["amount"], "agreements": [r["n_gold"], r["n_pred"]],
                          "record_matched": r["record"][0],
                          "party_fp": r["party_fp_names"], "party_fn": r["party_fn_names"]}
                      for d, r in per_doc.items()}
    return out


def fmt_table(res, per_doc=False):
    lines = []
    hdr = "%-16s %6s %6s %6s %5s %5s %5s" % ("fact", "P", "R", "F1", "tp", "fp", "fn")
    lines.append(hdr)
    lines.append("-" * len(hdr))
    for k, label in (("party", "party"), ("official", "official(n,role)"), ("official_name", "official(name)"),
                     ("date", "date"), ("amount", "amount"), ("overall", "OVERALL facts"),
                     ("agreements", "agreement recs")):
        d = res[k]
        lines.append("%-16s %6.3f %6.3f %6.3f %5d %5d %5d" % (label, d["p"], d["r"], d["f1"], d["tp"], d["fp"], d["fn"]))
    ta = res["official_title_acc"]
    ag = res["agreements"]
    neg = res["negatives"]
    lines.append("official title acc (matched names): %s (%d/%d)"
                 % ("n/a" if ta["acc"] is None else "%.3f" % ta["acc"], ta["correct"], ta["judged"]))
    lines.append("agreement count exact: %s (%d/%d docs); agreements gold %d, pred %d; matched pairs with same date: %s"
                 % ("n/a" if ag["count_exact_acc"] is None else "%.3f" % ag["count_exact_acc"], ag["count_exact"],
                    res["docs"], ag["gold"], ag["pred"],
                    "n/a" if ag["matched_date_acc"] is None else "%.3f" % ag["matched_date_acc"]))
    lines.append("negative docs (gold has no agreement): %d, false alarms: %d" % (neg["docs"], neg["false_alarms"]))
    if res["docs_missing_in_pred"]:
        lines.append("gold docs with no prediction (scored as empty): %d" % len(res["docs_missing_in_pred"]))
    if res["docs_not_in_gold"]:
        lines.append("predicted docs not in gold (ignored): %d" % len(res["docs_not_in_gold"]))
    if per_doc:
        lines.append("")
        lines.append("%-24s %-10s %-10s %-10s %-10s %-7s" % ("doc", "party", "official", "date", "amount", "ags g/p"))
        for d, r in res["per_doc"].items():
            lines.append("%-24s %-10s %-10s %-10s %-10s %d/%d" % (
                d, "%d/%d/%d" % tuple(r["party"]), "%d/%d/%d" % tuple(r["official"]), "%d/%d/%d" % tuple(r["date"]),
                "%d/%d/%d" % tuple(r["amount"]), r["agreements"][0], r["agreements"][1]))
            if r["party_fp"] or r["party_fn"]:
                lines.append("    party fp: %s | fn: %s" % ("、".join(r["party_fp"]) or "-", "、".join(r["party_fn"]) or "-"))
        lines.append("(cells are tp/fp/fn)")
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description="Score agreement-record predictions against gold (see ANNOTATION.md).")
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    ap.add_argument("--per-doc", action="store_true", help="add a per-document breakdown to the table")
    ap.add_argument("--min-f1", type=float, default=None, help="exit 1 when overall fact F1 is below this")
    args = ap.parse_args(argv)
    for path in (args.gold, args.pred):
        if not os.path.isfile(path):
            sys.exit("score.py: no such file: %s" % path)
    res = score(load_jsonl(args.gold, gold=True), load_jsonl(args.pred, gold=False))
    f1 = res["overall"]["f1"]
    failed = args.min_f1 is not None and f1 < args.min_f1
    if args.min_f1 is not None:
        res["min_f1"] = args.min_f1
        res["pass"] = not failed
    if args.min_f1 is None:
        last = "overall fact F1 %.4f" % f1
    else:
        last = "%s overall fact F1 %.4f %s %.4f" % ("FAIL" if failed else "PASS", f1, "<" if failed else ">=",
                                                   args.min_f1)
    if args.json:
        if not args.per_doc:
            res.pop("per_doc")
        print(json.dumps(res, ensure_ascii=False, indent=1))
        print(last, file=sys.stderr)
    else:
        print(fmt_table(res, per_doc=args.per_doc))
        print(last)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
