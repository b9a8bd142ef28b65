"""Which teacher layers should a distilled student start from, and what does a distillation step cost?

    python scripts/distill_layers.py TEACHER_DIR [--layers 0,2 0,3 ...] [--step-time]

For each candidate layer list, the student cut from the teacher (training/distill.py student_from_teacher, before
any training) is compared with the teacher on the genre dev articles: mean per-character KL(teacher || student) and
entity micro F1. --step-time also times, on one batch of 32 windows x 128 characters, the teacher's forward (no
grad) against the first candidate student's forward + backward (embeddings frozen, as the recipe trains): the
two parts of a distillation step. Needs $QIANYUE_GENRE (or ../shared/genre). Figures: docs/benchmarks.md,
"Distilled student".
"""
from __future__ import annotations

import argparse
import statistics
import time


def main() -> None:
    import numpy as np
    import torch

    from qianyue.modeling import Tagger
    from qianyue.training.config import DistillConfig, load_config
    from qianyue.training.datasets import eval_set
    from qianyue.training.distill import student_from_teacher
    from qianyue.training.metrics import evaluate_tagger

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("teacher")
    parser.add_argument("--layers", nargs="+", default=["0,2", "0,1", "0,3", "1,3", "2,3"])
    parser.add_argument("--step-time", action="store_true")
    args = parser.parse_args()
    candidates = [[int(i) for i in item.split(",")] for item in args.layers]

    teacher = Tagger.from_pretrained(args.teacher, device="cpu", runtime="torch")
    docs = eval_set("genre_dev", load_config("distill", kind=DistillConfig), required=True)
    texts = [d.text for d in docs]
    teacher_probs = teacher.predict_probs(texts)
    f1 = evaluate_tagger(teacher, docs, with_records=False)["entities"]["micro"]["f1"]
    print(f"| student layers | KL to the teacher | entity micro F1 ({len(docs)} genre dev docs) |\n|---|---|---|")
    print(f"| teacher ({teacher.model.config.num_hidden_layers} layers) | – | {f1:.4f} |")
    for layers in candidates:
        student = student_from_teacher(teacher, layers, teacher.max_length, teacher.overlap)
        student.model.eval()
        probs = student.predict_probs(texts)
        kl = np.mean(np.concatenate([(t * (np.log(t + 1e-9) - np.log(s + 1e-9))).sum(-1)
                                     for t, s in zip(teacher_probs, probs)]))
        f1 = evaluate_tagger(student, docs, with_records=False)["entities"]["micro"]["f1"]
        print(f"| {layers} | {kl:.3f} | {f1:.4f} |")

    if args.step_time:
        student = student_from_teacher(teacher, candidates[0], 128, 32)
        student.model.train()
        student.model.get_input_embeddings().weight.requires_grad_(False)  # as configs/distill.yaml trains it
        ids = torch.randint(10, len(teacher.tokenizer), (32, 128))
        mask = torch.ones_like(ids)

        def teacher_forward():
            with torch.no_grad():
                teacher.model(input_ids=ids, attention_mask=mask)

        def student_step():
            student.model(input_ids=ids, attention_mask=mask).logits.logsumexp(-1).mean().backward()

        for name, fn in (("teacher forward", teacher_forward), (f"student {candidates[0]} forward + backward",
                                                                 student_step)):
            fn()  # warm-up
            times = []
            for _ in range(5):
                start = time.perf_counter()
                fn()
                times.append(time.perf_counter() - start)
            print(f"{name}: {statistics.median(times):.3f} s (median of 5, {torch.get_num_threads()} threads)")


if __name__ == "__main__":
    main()
