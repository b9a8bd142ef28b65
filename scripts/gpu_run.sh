#!/usr/bin/env bash
# End to end on a lent GPU, within 10 minutes: train configs/gpu.yaml (transformers.Trainer, bf16), evaluate on the
# test sets, export ONNX (+int8), bench, and write the figures to $OUT/gpu_figures.md (and JSON beside it).
#
#   BASE=/path/to/m3e-small GENRE=/path/to/shared/genre CORPORA=/path/to/shared/datasets OUT=/tmp/gpu \
#     bash scripts/gpu_run.sh [key=value overrides for the recipe ...]
#
# The device machine reaches no network: BASE must be a local copy of the base encoder (`qianyue fetch-base
# --target DIR` here, then carry it), GENRE/CORPORA the shared folders (optional: without them the run warns and
# trains on what it has). TRAIN_SECONDS (default 420) bounds training: the run is stopped with SIGINT, which saves
# last/ and keeps best/, and the evaluation uses best/ as it stands.
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-runs/gpu_run}
mkdir -p "$OUT"
RUN="$OUT/run"
PY=${PYTHON:-python}
DEVICE=${DEVICE:-cuda}   # DEVICE=cpu checks the script itself on a machine without a GPU
: "${BASE:?set BASE to a local base encoder directory (config.json, model.safetensors, vocab.txt)}"
[ -n "${GENRE:-}" ] && export QIANYUE_GENRE="$GENRE"
[ -n "${CORPORA:-}" ] && export QIANYUE_CORPORA="$CORPORA"
export QIANYUE_HOME=${QIANYUE_HOME:-$OUT/home}
LOG="$OUT/gpu_run.log"
: > "$LOG"
step() { echo "== $*" | tee -a "$LOG"; }

$PY -c "import torch; print('GPU:', torch.cuda.get_device_name(0) if torch.cuda.is_available() else 'none', '| bf16:', torch.cuda.is_available() and torch.cuda.is_bf16_supported())" | tee -a "$LOG"

step "train (configs/gpu.yaml, at most ${TRAIN_SECONDS:-420} s)"
start=$(date +%s)
timeout --signal=INT --kill-after=60 "${TRAIN_SECONDS:-420}" \
  $PY -m qianyue.cli train --config configs/gpu.yaml "base_model=$BASE" "output_dir=$RUN" "$@" >>"$LOG" 2>&1
train_rc=$?
train_s=$(( $(date +%s) - start ))
step "train exit $train_rc after ${train_s} s (130 = stopped at the time bound, last/ and best/ saved)"
[ -f "$RUN/best/config.json" ] || { step "no best/ checkpoint: see $LOG"; exit 1; }

for data in genre_dev genre_test seeds synthetic_heldout; do
  step "evaluate $data"
  $PY -m qianyue.cli evaluate --model "$RUN" --config configs/gpu.yaml --data "$data" --device "$DEVICE" \
    --output "$OUT/eval_$data.json" >>"$LOG" 2>&1 || step "evaluate $data failed (missing data?)"
done

step "export ONNX + int8"
$PY -m qianyue.cli export --model "$RUN/best" --out "$OUT/onnx" --dev synthetic_heldout >>"$LOG" 2>&1 \
  || step "export failed"

step "bench"
$PY -m qianyue.cli bench --model "$RUN/best" --docs 200 --device "$DEVICE" --variants torch-fp32 \
  >"$OUT/bench_gpu.txt" 2>>"$LOG" || step "bench (cuda) failed"
if [ -d "$OUT/onnx" ]; then
  $PY -m qianyue.cli bench --model "$OUT/onnx" --docs 100 --device cpu --variants torch-fp32,onnx-fp32,onnx-int8 \
    >"$OUT/bench_cpu.txt" 2>>"$LOG" || step "bench (cpu) failed"
fi

$PY - "$OUT" "$RUN" "$train_s" "$train_rc" <<'PYEOF' | tee "$OUT/gpu_figures.md"
import json, sys
from pathlib import Path
out, run, seconds, rc = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
metrics = json.loads((run / "best" / "metrics.json").read_text())
last = json.loads((run / "last" / "metrics.json").read_text())
print(f"# GPU run (scripts/gpu_run.sh)\n\ntrain: {seconds} s wall (exit {rc}), step {last['step']} of "
      f"{last['total_steps']}, {last.get('train_seconds')} s in steps; best/ from step {metrics['step']}, "
      f"dev entity micro F1 {metrics.get('best_dev_f1')}\n")
print("| set | docs | entity P | entity R | entity F1 |\n|---|---|---|---|---|")
for f in sorted(out.glob("eval_*.json")):
    s = json.loads(f.read_text()); m = s["entities"]["micro"]
    print(f"| {f.stem[5:]} | {s['docs']} | {m['precision']:.4f} | {m['recall']:.4f} | {m['f1']:.4f} |")
for name in ("bench_gpu.txt", "bench_cpu.txt"):
    if (out / name).exists():
        print(f"\n{name}:\n```\n{(out / name).read_text().strip()}\n```")
PYEOF
