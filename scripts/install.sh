#!/usr/bin/env bash
# Sourced by setup.sh and test.sh: use the active virtualenv, else create/activate ./.venv, and install qianyue.
# torch goes in first: without a GPU, the CPU wheel torch==2.13.0 (a plain `pip install qianyue` would pull a
# multi-GB CUDA build); with one, the CUDA build PyPI serves. TORCH_SPEC overrides, e.g. TORCH_SPEC="torch==2.5.1".
if [ -z "${VIRTUAL_ENV:-}" ]; then
  [ -x .venv/bin/python ] || python3 -m venv .venv
  source .venv/bin/activate
fi
python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
if ! python -c "import torch" 2>/dev/null; then
  if command -v nvidia-smi >/dev/null 2>&1; then spec="${TORCH_SPEC:-torch}"; else spec="${TORCH_SPEC:-torch==2.13.0}"; fi
  python -m pip install -q --disable-pip-version-check "$spec"
fi
python -m pip install -q --disable-pip-version-check -e ".${QIANYUE_EXTRAS:-[dev]}"
