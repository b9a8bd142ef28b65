"""File names as qianyue shows them: in one-line errors and in JSON output.

POSIX file names are bytes. Python hands names that are not valid UTF-8 to us as str with lone surrogates
(surrogateescape); written as they are, they make a JSON line that is not UTF-8 (or raise UnicodeEncodeError).
A newline in a name would split a one-line error in two. These helpers keep every name printable and one line.
"""
from __future__ import annotations

import os
import re

_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def text_name(name: str) -> str:
    """`name` as valid Unicode: undecodable bytes (surrogateescape) become \\xNN, everything else is kept."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        try:
            raw = os.fsencode(name)
        except UnicodeError:  # lone surrogates that did not come from surrogateescape
            return name.encode("utf-8", "backslashreplace").decode("utf-8")
        return raw.decode("utf-8", "backslashreplace")


def _escape(m: re.Match) -> str:
    ch = m.group()
    return _ESCAPES.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 256 else f"\\u{ord(ch):04x}")


def display_name(name: str) -> str:
    """`name` for a one-line message: valid Unicode, with line breaks and control characters escaped."""
    return _CONTROL_RE.sub(_escape, text_name(name))


def one_line(message: str) -> str:
    """A message that stays one printable line whatever names it quotes."""
    return display_name(message)
