"""qianyue: agreement records from Chinese government-enterprise signing news.

`import qianyue` stays light: torch and transformers load only when a model is loaded.
"""
from .version import __version__
from .errors import ArgumentError, ConfigError, DeviceError, InputError, ModelError, QianyueError
from .results import Agreement, Amount, ArticleResult, Entity, Evidence, FailedDocument, Official, Party
from .tables import to_frames

__all__ = ["__version__", "AgreementExtractor", "QianyueError", "InputError", "ModelError", "ConfigError",
           "ArgumentError", "DeviceError", "ArticleResult", "FailedDocument", "Agreement", "Party", "Official", "Amount", "Entity", "Evidence",
           "fetch_base", "to_frames"]


def __getattr__(name):
    # Lazy so that `import qianyue` does not import torch.
    if name == "AgreementExtractor":
        from .api import AgreementExtractor
        return AgreementExtractor
    if name == "fetch_base":
        from .base_model import fetch_base
        return fetch_base
    raise AttributeError(f"module 'qianyue' has no attribute {name!r}")


def __dir__():
    # the lazy names too, so that dir(qianyue) and editors' completion list what __all__ exports
    return sorted(set(globals()) | set(__all__))
