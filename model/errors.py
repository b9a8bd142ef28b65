"""Errors a user can cause. The CLI prints them as one line; nothing else should reach a user as a traceback."""


class QianyueError(Exception):
    """Base class of every error qianyue raises for bad input, models or configs."""


class InputError(QianyueError):
    """An article that cannot be read: missing, empty, binary, undecodable, too large, no text."""


class ModelError(QianyueError):
    """A model directory that is missing, incomplete, corrupt or inconsistent with its config."""


class ConfigError(QianyueError):
    """A configuration with an unknown key, a wrong type or an impossible value."""


class ArgumentError(ConfigError, ValueError):
    """A bad argument of an API call (extract_many's batch_size, errors=): a QianyueError like every user error, and
    a ValueError as Python's own argument checks are."""


class DeviceError(QianyueError):
    """A device that was asked for but is not available (e.g. --device cuda without a GPU)."""


def run_reporting_errors(prog: str, main, argv=None) -> int:
    """main(argv) for a script: a QianyueError (a missing folder, a bad model or config) becomes one line on stderr,
    "prog: message", and exit code 2, not a traceback."""
    import sys

    try:
        return main(argv)
    except QianyueError as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return 2
