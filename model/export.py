"""ONNX export of a checkpoint, with a dynamically quantised int8 copy, checked on dev before anything is written.

`qianyue export --model DIR` adds model.onnx and model.int8.onnx to the checkpoint itself (where the default runtime
looks for them); `--out NEW_DIR` writes a complete copy instead. Each ONNX file carries the fingerprint of the weights
it came from (layout.FINGERPRINT_KEY in its metadata), so the default runtime can tell a stale export. Before the
files are put in place, each is run on the dev documents: if its entity micro F1 falls more than `tolerance` (0.5
point) below the torch fp32 model's, the export stops with an error and writes nothing.
"""
from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Optional, Sequence

from .errors import ConfigError, ModelError
from .fileio import atomic_dir
from .layout import (CONFIG, EXPORT_REPORT, FINGERPRINT_KEY, ONNX_FILES, check_checkpoint, load_token_classifier,
                     shipped_files, weights_fingerprint)
from .version import __version__

F1_TOLERANCE = 0.005  # entity micro F1 an export may lose against fp32 (0.5 point)


def require_export_tools() -> None:
    """One-line ModelError (not a traceback) when the packages the export needs are missing."""
    for module, why in (("onnx", "to write ONNX files"), ("onnxruntime", "to quantise and check them")):
        try:
            __import__(module)
        except ImportError:
            raise ModelError(f"qianyue export needs the {module} package {why}: "
                             "pip install 'qianyue[onnx]'") from None


def stamp(path: Path, fingerprint: Optional[str]) -> None:
    """Record the source weights' fingerprint and our version in the ONNX file's metadata."""
    import onnx

    proto = onnx.load(str(path))
    keep = [p for p in proto.metadata_props if p.key not in (FINGERPRINT_KEY, "qianyue.version")]
    del proto.metadata_props[:]
    proto.metadata_props.extend(keep)
    for key, value in ((FINGERPRINT_KEY, fingerprint or ""), ("qianyue.version", __version__)):
        entry = proto.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.save(proto, str(path))


def write_onnx(src: Path, target_dir: Path, int8: bool, opset: int = 17) -> list[str]:
    """Trace the checkpoint in src to target_dir/model.onnx (and model.int8.onnx); return the file names."""
    import torch

    # eager attention traces to plain ONNX ops that every onnxruntime build has
    model = load_token_classifier(src, attn_implementation="eager").eval()

    class LogitsOnly(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask):
            return self.inner(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=torch.zeros_like(input_ids)).logits

    example = torch.ones((1, 16), dtype=torch.long)
    axes = {"input_ids": {0: "batch", 1: "width"}, "attention_mask": {0: "batch", 1: "width"},
            "logits": {0: "batch", 1: "width"}}
    with torch.no_grad():
        torch.onnx.export(LogitsOnly(model).eval(), (example, example), str(target_dir / ONNX_FILES[None]),
                          opset_version=opset, input_names=["input_ids", "attention_mask"],
                          output_names=["logits"], dynamic_axes=axes, dynamo=False)
    names = [ONNX_FILES[None]]
    if int8:
        import logging

        from onnxruntime.quantization import QuantType, quantize_dynamic
        root = logging.getLogger()
        level = root.level
        root.setLevel(logging.ERROR)  # quantize_dynamic logs a "consider pre-processing" warning on every call
        try:
            quantize_dynamic(str(target_dir / ONNX_FILES[None]), str(target_dir / ONNX_FILES["int8"]),
                             weight_type=QuantType.QInt8)
        finally:
            root.setLevel(level)
        names.append(ONNX_FILES["int8"])
    fingerprint = weights_fingerprint(src)
    for name in names:
        optimise(target_dir / name)
        stamp(target_dir / name, fingerprint)
    return names


def optimise(path: Path) -> None:
    """Replace an ONNX file by onnxruntime's optimised graph (attention, GELU, layer-norm fusions), so that loading
    it does not redo that work: ~0.1 s of the 1 s load budget. EXTENDED, not ALL: ALL adds layout transforms tied
    to the exporting machine's CPU, EXTENDED fusions are contrib ops every onnxruntime CPU build runs."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
    optimised = path.with_name(path.stem + ".opt.onnx")
    options.optimized_model_filepath = str(optimised)
    ort.InferenceSession(str(path), sess_options=options, providers=["CPUExecutionProvider"])
    optimised.replace(path)


def entity_f1(tagger, docs) -> float:
    from qianyue.pipeline import run_pipeline
    from qianyue.training.metrics import entity_scores

    tagged = run_pipeline(tagger, [d.text for d in docs], with_records=False)
    predicted = [[(e.start, e.end, e.label) for e in t.entities] for t in tagged]
    return float(entity_scores(docs, predicted, tagger.labels)["micro"]["f1"])


def check_accuracy(src: Path, onnx_dir: Path, names: Sequence[str], docs, tolerance: float) -> dict:
    """Entity micro F1 on docs of torch fp32 and of each ONNX file; ModelError if one is worse than allowed."""
    from .modeling import Tagger
    from .runtimes import OnnxRuntime

    reference = Tagger.from_pretrained(src, device="cpu", runtime="torch")
    scores = {"torch-fp32": entity_f1(reference, docs)}
    for quantize, name in ONNX_FILES.items():
        if name not in names:
            continue
        variant = f"onnx-{quantize or 'fp32'}"
        tagger = Tagger(None, reference.tokenizer, reference.tags, reference.max_length, reference.overlap, "cpu",
                        OnnxRuntime.load(onnx_dir, quantize))
        scores[variant] = entity_f1(tagger, docs)
        if scores[variant] < scores["torch-fp32"] - tolerance:
            raise ModelError(f"{src}: the {variant} export scores entity F1 {scores[variant]:.4f} on {len(docs)} "
                             f"dev documents, more than {100 * tolerance:.1f} point below fp32 "
                             f"({scores['torch-fp32']:.4f}); nothing written")
    return scores


def check_export_target(model_dir, out_dir) -> None:
    """Refuse an --out that is not a model directory: the copy replaces the whole of it, so a file or a folder of
    other things (`--out .`, a parent of the model) would be deleted. An empty folder or an earlier copy is fine."""
    if out_dir is None:
        return
    out = Path(out_dir)
    if not out.exists() or out.resolve() == check_checkpoint(model_dir).resolve():
        return
    if not out.is_dir():
        raise ConfigError(f"{out}: --out exists and is a file; the export writes a model directory there, "
                          "give a new path")
    if any(out.iterdir()) and not (out / CONFIG).is_file():
        raise ConfigError(f"{out}: --out exists and is not a model directory (the export would replace all it "
                          "holds); give a new path or an earlier export's directory")


def export_onnx(model_dir, out_dir=None, int8: bool = True, dev_docs=None, tolerance: float = F1_TOLERANCE,
                opset: int = 17, log: Optional[Callable[[str], None]] = None) -> Path:
    """Export the checkpoint at model_dir; write into it (out_dir None) or into a new complete copy at out_dir.

    dev_docs (training Documents) are the accuracy check; None skips it (tests of the mechanics only)."""
    require_export_tools()
    src = check_checkpoint(model_dir)
    check_export_target(src, out_dir)
    in_place = out_dir is None or Path(out_dir).resolve() == src.resolve()
    with tempfile.TemporaryDirectory(prefix=".qianyue-export-", dir=src.parent if in_place else None) as tmp:
        tmp = Path(tmp)
        names = write_onnx(src, tmp, int8, opset)
        scores = None
        if dev_docs is not None:
            if not dev_docs:
                raise ModelError(f"{src}: no dev documents to check the export against")
            scores = check_accuracy(src, tmp, names, dev_docs, tolerance)
            if log:
                log("dev entity F1: " + ", ".join(f"{k} {v:.4f}" for k, v in scores.items()))
        report = {"qianyue_version": __version__, "weights_fingerprint": weights_fingerprint(src), "files": names,
                  "dev_docs": len(dev_docs) if dev_docs is not None else 0, "dev_entity_f1": scores,
                  "tolerance": tolerance}
        (tmp / EXPORT_REPORT).write_text(json.dumps(report, indent=1), encoding="utf-8")
        names.append(EXPORT_REPORT)
        if in_place:
            for name in names:  # each file appears whole (rename within one filesystem)
                (tmp / name).replace(src / name)
            return src
        with atomic_dir(Path(out_dir)) as final:
            for p in shipped_files(src):
                if p.suffix != ".onnx" and p.name != EXPORT_REPORT:
                    shutil.copy2(p, final / p.name)
            for name in names:
                shutil.move(str(tmp / name), final / name)
    return Path(out_dir)


def onnx_session(model_dir: Path, quantize: Optional[str], device: Optional[str]):
    """The onnxruntime session for an exported model (kept for callers of the old name; see runtimes.py)."""
    from .runtimes import OnnxRuntime
    return OnnxRuntime.load(model_dir, quantize, device).session
