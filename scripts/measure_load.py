"""Import + load time: `python scripts/measure_load.py MODEL_DIR [auto|torch|onnx]` prints the variant, wall and CPU
seconds of `import qianyue` + AgreementExtractor.from_pretrained, whether torch/transformers got imported, RSS."""
import sys, time, resource
t, c = time.perf_counter(), time.process_time()
import qianyue
ex = qianyue.AgreementExtractor.from_pretrained(sys.argv[1], runtime=(sys.argv[2] if len(sys.argv) > 2 else "auto"))
wall, cpu = time.perf_counter() - t, time.process_time() - c
print(f"{ex.tagger.variant} wall {wall:.3f} cpu {cpu:.3f} torch={'torch' in sys.modules} "
      f"transformers={'transformers' in sys.modules} rss_mb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024:.0f}")
