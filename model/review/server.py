"""`qianyue review out.jsonl`: the review page, served on 127.0.0.1 by the standard library's http.server.

The page (static/review.html, .js, .css, shipped as package data) asks for the predictions as JSON and renders
them with DOM text nodes only, so article text can never become markup. Saving posts the reviewer's decisions for
one article; the server turns them into a stand-off correction line (corrections.py) and rewrites the corrections
file atomically. The server only ever reads the predictions file it was started on and writes the one corrections
file; POST bodies must be JSON (a cross-site form cannot send that without a preflight this server never grants).
"""
from __future__ import annotations

import json
import os
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Optional

from ..errors import ConfigError, InputError
from .corrections import CorrectionsFile, build_correction, review_from_correction, text_sha256

CORRECTIONS_SUFFIX = ".corrections.jsonl"  # saved beside the predictions: out.jsonl -> out.corrections.jsonl
STATIC_FILES = {"review.html": "text/html", "review.js": "text/javascript", "review.css": "text/css"}
MAX_BODY = 5_000_000


def load_predictions(path: Path) -> list[dict]:
    """The lines of a `qianyue predict` JSONL file; one-line errors for what the page cannot use."""
    path = Path(path)
    if path.is_dir():  # e.g. the -o folder of `--engine ray`, whose records are part files
        raise InputError(f"{path}: is a directory; give one JSONL file of `qianyue predict` (of `--engine ray`: "
                         f"a part file in {path / 'records'})")
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except UnicodeDecodeError:  # a Parquet table or a workbook of `qianyue predict`: say what review reads
        raise InputError(f"{path}: not UTF-8 text; give the JSONL output of `qianyue predict` (-o FILE.jsonl)") \
            from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    articles, failed = [], 0
    for lineno, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError:
            raise InputError(f"{path}:{lineno}: not a JSON line (give the JSONL output of `qianyue predict`)") from None
        if isinstance(rec, dict) and "error" in rec and "agreements" not in rec:
            failed += 1  # a document that failed (`--engine ray` writes it as an error row): nothing to review
            continue
        if not isinstance(rec, dict) or not isinstance(rec.get("agreements"), list):
            raise InputError(f"{path}:{lineno}: not a prediction (no \"agreements\" list)")
        if not isinstance(rec.get("text"), str):
            raise InputError(f"{path}:{lineno}: the prediction has no text; predict again without --no-text")
        articles.append(rec)
    if not articles:
        raise InputError(f"{path}: no predictions in this file" + (f" ({failed} error rows)" if failed else ""))
    if failed:
        print(f"qianyue: {path}: {failed} error rows (documents that failed) left out", file=sys.stderr)
    return articles


def static_file(name: str) -> bytes:
    return resources.files("qianyue.review").joinpath("static", name).read_bytes()


class ReviewState:
    def __init__(self, predictions: Path, corrections: Path):
        self.predictions_path = Path(predictions)
        self.articles = load_predictions(self.predictions_path)
        self.corrections = CorrectionsFile(corrections)
        self.lock = threading.Lock()
        try:  # stored relative to the corrections file, so the two can move together
            self.predictions_ref = os.path.relpath(self.predictions_path.resolve(),
                                                   self.corrections.path.resolve().parent)
        except ValueError:  # another drive on Windows
            self.predictions_ref = str(self.predictions_path.resolve())

    def data(self) -> dict:
        saved, reviews = {}, {}
        with self.lock:
            self.corrections.reload()  # lines another session saved since this one started
        for i, a in enumerate(self.articles):
            line = self.corrections.get(a.get("source"), text_sha256(a["text"]))
            if line:
                saved[i] = line
                review = review_from_correction(a, line)
                if review is not None:
                    reviews[i] = review
        return {"articles": self.articles, "saved": saved, "reviews": reviews,
                "predictions": str(self.predictions_path), "corrections": str(self.corrections.path)}

    def save(self, payload: dict) -> dict:
        index = payload.get("index")
        if not isinstance(index, int) or not 0 <= index < len(self.articles):
            raise ConfigError(f"no article number {index!r}")
        review = payload.get("review")
        if not isinstance(review, dict):
            raise ConfigError("the request has no review")
        try:
            line = build_correction(self.articles[index], review, self.predictions_ref)
        except (AttributeError, KeyError, TypeError) as exc:
            # a hand-edited predictions file or request of the wrong shape: a 400 the page shows, not a dropped
            # connection and a traceback on the terminal
            raise ConfigError(f"article {index} ({self.articles[index].get('source')}): the review or its "
                              f"prediction has the wrong shape ({type(exc).__name__}: {exc})") from None
        with self.lock:
            self.corrections.save(line)
        return line


LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


def _host_name(header: Optional[str]) -> str:
    """The name part of a Host header: 127.0.0.1:8765 -> 127.0.0.1, [::1]:8765 -> [::1]."""
    host = (header or "").strip().lower()
    if host.startswith("["):
        return host[:host.find("]") + 1]
    return host.rsplit(":", 1)[0] if ":" in host else host


def make_handler(state: ReviewState, loopback_only: bool = True):
    class Handler(BaseHTTPRequestHandler):
        server_version = "qianyue-review"

        def _foreign_host(self) -> bool:
            """A page of another site that re-points its own domain at 127.0.0.1 (DNS rebinding) reaches this
            server as same-origin and could read every article and save corrections; its requests carry its own
            domain in Host. A server on the loopback answers only requests addressed to the loopback."""
            if loopback_only and _host_name(self.headers.get("Host")) not in LOOPBACK_NAMES:
                self._json(HTTPStatus.FORBIDDEN, {"error": "open the page at http://127.0.0.1:PORT/"})
                return True
            return False

        def log_message(self, format, *args):  # quiet: the terminal shows the URL and errors only
            pass

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", f"{content_type}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:")
            self.end_headers()
            self.wfile.write(body)

        def _json(self, status: int, obj) -> None:
            self._send(status, json.dumps(obj, ensure_ascii=False).encode("utf-8"), "application/json")

        def do_GET(self):
            if self._foreign_host():
                return
            path = self.path.split("?", 1)[0]
            if path in ("/", "/index.html"):
                return self._send(200, static_file("review.html"), "text/html")
            if path.startswith("/static/") and path[len("/static/"):] in STATIC_FILES:
                name = path[len("/static/"):]
                return self._send(200, static_file(name), STATIC_FILES[name])
            if path == "/api/data":
                return self._json(200, state.data())
            self._json(HTTPStatus.NOT_FOUND, {"error": "not found"})

        def do_POST(self):
            if self._foreign_host():
                return
            if self.path != "/api/save":
                return self._json(HTTPStatus.NOT_FOUND, {"error": "not found"})
            if not self.headers.get("Content-Type", "").startswith("application/json"):
                return self._json(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, {"error": "send JSON"})
            length = int(self.headers.get("Content-Length") or 0)
            if not 0 < length <= MAX_BODY:
                return self._json(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": "body too large or empty"})
            try:
                payload = json.loads(self.rfile.read(length).decode("utf-8"))
                line = state.save(payload if isinstance(payload, dict) else {})
            except (ValueError, ConfigError) as exc:
                return self._json(HTTPStatus.BAD_REQUEST, {"error": str(exc)})
            except OSError as exc:
                return self._json(HTTPStatus.INTERNAL_SERVER_ERROR, {"error": f"cannot write: {exc.strerror}"})
            self._json(200, {"ok": True, "correction": line, "corrections": str(state.corrections.path)})

    return Handler


def make_server(predictions: Path, corrections: Optional[Path] = None, port: int = 8765,
                host: str = "127.0.0.1") -> ThreadingHTTPServer:
    """A ready server (call serve_forever()); port 0 picks a free port (server.server_address[1])."""
    predictions = Path(predictions)
    if corrections is None:
        corrections = default_corrections_path(predictions)
    state = ReviewState(predictions, corrections)
    server = ThreadingHTTPServer((host, port), make_handler(state, loopback_only=host in ("127.0.0.1", "::1",
                                                                                         "localhost")))
    server.daemon_threads = True
    server.state = state
    return server


def default_corrections_path(predictions: Path) -> Path:
    """out.jsonl -> out.corrections.jsonl, beside it."""
    predictions = Path(predictions)
    return predictions.with_name(predictions.stem + CORRECTIONS_SUFFIX)
