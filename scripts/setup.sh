#!/usr/bin/env bash
# Newcomer's one command: install qianyue (into the active venv, else ./.venv), fetch the base encoder, build the
# default model if it is missing (~20 min on a 2-core CPU) and its int8 ONNX export (the fast default runtime,
# checked on dev before it is written), and print the records of a seed article.
set -euo pipefail
cd "$(dirname "$0")/.."
QIANYUE_EXTRAS="${QIANYUE_EXTRAS:-[dev,onnx]}" source scripts/install.sh
qianyue fetch-base
home="${QIANYUE_HOME:-$HOME/.cache/qianyue}"
if [ ! -f "$home/models/default/best/config.json" ]; then
  echo "building the default model in $home/models/default (configs/default.yaml) ..."
  qianyue train --config configs/default.yaml
fi
if ! python -c "import sys; from qianyue.runtimes import export_is_current; sys.exit(not export_is_current(sys.argv[1]))" \
    "$home/models/default"; then
  echo "exporting the default model to int8 ONNX (checked on dev) ..."
  qianyue export --model "$home/models/default" \
    || echo "qianyue: note: export refused or failed; predict keeps the torch runtime (slower, same model)" >&2
fi
qianyue predict data/seeds/raw/001_23b12b72e730fbcf.txt --format table
