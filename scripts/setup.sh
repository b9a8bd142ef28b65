#!/usr/bin/env bash
# Newcomer's one command: install qianyue (into the active venv, else ./.venv), fetch the base encoder, build the
# default model if it is missing (~20 min on a 2-core CPU), and print the records of a seed article.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/install.sh
qianyue fetch-base
home="${QIANYUE_HOME:-$HOME/.cache/qianyue}"
if [ ! -f "$home/models/default/best/config.json" ]; then
  echo "building the default model in $home/models/default (configs/default.yaml) ..."
  qianyue train --config configs/default.yaml
fi
qianyue predict data/seeds/raw/001_23b12b72e730fbcf.txt --format table
