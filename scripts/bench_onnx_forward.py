"""Bare onnxruntime forward speed of an exported model (no reading, no decoding, no records).

    python scripts/bench_onnx_forward.py MODEL_DIR/model.int8.onnx [--batch 16] [--length 128]

Prints window characters per second for onnxruntime's default intra-op threads and for 1 and 2 threads; divide by
length / (length - overlap) for article characters. This is the ceiling the full pipeline can reach.
"""
from __future__ import annotations

import argparse
import time

import numpy as np
import onnxruntime as ort


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("onnx_file")
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--length", type=int, default=128)
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    ids = np.random.default_rng(0).integers(100, 8000, size=(args.batch, args.length)).astype(np.int64)
    feed = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
    for threads in (0, 1, 2):
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        if threads:
            options.intra_op_num_threads = threads
        session = ort.InferenceSession(args.onnx_file, sess_options=options, providers=["CPUExecutionProvider"])
        session.run(None, feed)
        start = time.perf_counter()
        for _ in range(args.runs):
            session.run(None, feed)
        seconds = (time.perf_counter() - start) / args.runs
        print(f"threads {threads or 'default'}: {args.batch * args.length / seconds:,.0f} window chars/s")


if __name__ == "__main__":
    main()
