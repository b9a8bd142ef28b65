"""Issue 15: the review server without a browser — what it serves, what it refuses, and its one-line errors."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
import urllib.error
import urllib.request

import pytest

from qianyue.errors import InputError
from qianyue.review.server import load_predictions, make_server

TEXT = "安徽签约\n安徽省人民政府与中国联通签署协议。"
PRED = {"source": "a.txt", "published": None, "title": "安徽签约", "text": TEXT, "entities": [],
        "agreements": [{"title": "协议", "parties": [], "officials": [], "date": None, "date_text": None,
                        "amounts": [], "evidence": None, "confidence": 0.3}]}


@pytest.fixture
def server(tmp_path):
    preds = tmp_path / "out.jsonl"
    preds.write_text(json.dumps(PRED, ensure_ascii=False) + "\n", encoding="utf-8")
    srv = make_server(preds, port=0)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv, f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def request(url, body=None, content_type="application/json"):
    req = urllib.request.Request(url, data=body, headers={"Content-Type": content_type} if body is not None else {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def test_serves_page_assets_and_data(server):
    srv, base = server
    status, headers, body = request(base + "/")
    assert status == 200 and b'src="/static/review.js"' in body and "default-src 'self'" in headers["Content-Security-Policy"]
    status, _, body = request(base + "/static/review.js")
    assert status == 200 and b"textContent" in body and b"innerHTML =" not in body
    assert request(base + "/static/../server.py")[0] == 404
    status, _, body = request(base + "/api/data")
    data = json.loads(body)
    assert status == 200 and data["articles"][0]["text"] == TEXT and data["saved"] == {}
    assert srv.server_address[0] == "127.0.0.1"


def test_save_validates_and_writes(server):
    srv, base = server
    review = {"records": [{"status": "accepted", "record": PRED["agreements"][0]}], "added_spans": [[5, 12, "PARTY"]]}
    assert request(base + "/api/save", b"index=0", "application/x-www-form-urlencoded")[0] == 415
    assert request(base + "/api/save", json.dumps({"index": 7, "review": review}).encode())[0] == 400
    bad = {"index": 0, "review": {"records": [], "added_spans": [[5, 99, "PARTY"]]}}
    status, _, body = request(base + "/api/save", json.dumps(bad).encode())
    assert status == 400 and "not a span" in json.loads(body)["error"]
    assert not srv.state.corrections.path.exists()
    status, _, body = request(base + "/api/save", json.dumps({"index": 0, "review": review}).encode())
    assert status == 200
    line = json.loads(srv.state.corrections.path.read_text(encoding="utf-8"))
    assert line["spans"] == [[5, 12, "PARTY"]] and line["review"]["accepted"] == [0]
    assert line["predictions"] == "out.jsonl"  # relative to the corrections file: the two move together
    assert json.loads(request(base + "/api/data")[2])["saved"]["0"]["doc"] == "a.txt"


def test_bad_predictions_files(tmp_path):
    (tmp_path / "notext.jsonl").write_text(json.dumps({**PRED, "text": None}) + "\n", encoding="utf-8")
    (tmp_path / "garbage.jsonl").write_text("{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match="--no-text"):
        load_predictions(tmp_path / "notext.jsonl")
    with pytest.raises(InputError, match="not a JSON line"):
        load_predictions(tmp_path / "garbage.jsonl")
    res = subprocess.run([sys.executable, "-m", "qianyue.cli", "review", str(tmp_path / "missing.jsonl")],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 1 and res.stderr.strip() == f"qianyue: {tmp_path / 'missing.jsonl'}: no such file"
