"""Plain-text tables of evaluation scores."""
from __future__ import annotations


def format_scores(scores: dict) -> str:
    ent = scores.get("entities", {})
    lines = [f"data: {scores.get('data', '?')}   documents: {scores.get('docs')}", "",
             f"{'label':<10} {'P':>7} {'R':>7} {'F1':>7} {'support':>8}"]
    for lab, m in list(ent.get("per_label", {}).items()) + [("micro", ent.get("micro", {}))]:
        if m:
            lines.append(f"{lab:<10} {m['precision']:>7.4f} {m['recall']:>7.4f} {m['f1']:>7.4f} {m['support']:>8}")
    rec = scores.get("records")
    if rec:
        lines += ["", f"records over {rec['docs']} documents (shared scorer)",
                  f"{'fact':<14} {'P':>7} {'R':>7} {'F1':>7}"]
        for key in ("party", "official", "official_name", "date", "amount", "overall"):
            m = rec[key]
            lines.append(f"{key:<14} {m['p']:>7.4f} {m['r']:>7.4f} {m['f1']:>7.4f}")
        ag = rec["agreements"]
        lines.append(f"{'agreements':<14} {ag['p']:>7.4f} {ag['r']:>7.4f} {ag['f1']:>7.4f}   "
                     f"count exact {ag['count_exact_acc']}")
    return "\n".join(lines)
