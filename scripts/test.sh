#!/usr/bin/env bash
# Newcomer's second command: install what the tests need, then run the whole suite (no network, no real model).
set -euo pipefail
cd "$(dirname "$0")/.."
QIANYUE_EXTRAS="[dev,onnx,tables,ray]" source scripts/install.sh
python -m pytest tests "$@"
