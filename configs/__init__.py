"""Package data: the training recipes, shipped as `qianyue.configs` (`qianyue train --config NAME`)."""
