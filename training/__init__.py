"""qianyue.training: datasets, label mapping, trainer, metrics and checkpoints (imports torch lazily)."""
