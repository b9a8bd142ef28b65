"""Package data: qianyue ships this folder as `qianyue.data` (read through qianyue.resources)."""
