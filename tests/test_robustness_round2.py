"""Issue 17, robustness round 2: one test per row of the probe (rows 1, 14, 18-21 are tested with the trainer,
`qianyue export` and the API). The CLI runs in a subprocess wherever a traceback would otherwise be hidden: each
test asserts the one-line `qianyue: FILE: problem` error, the exit code, and what was (or was not) written."""
from __future__ import annotations

import gc
import json
import os
import resource
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

GOOD = "签约快讯\n2022年6月14日，安徽省人民政府与中国联通签署战略合作框架协议，省长王清宪见证签约。\n"
TRAD = "臺灣省政府與鴻海精密工業股份有限公司今日簽署戰略合作協議，雙方將在電動車與半導體領域展開長期合作。市長出席簽約儀式。"
JAPANESE = "東京都は本日、株式会社日立製作所と包括連携協定を締結しました。知事が署名式に出席しました。"
KOREAN = "서울특별시는 오늘 삼성전자와 전략적 협력 협약을 체결했다고 밝혔다. 시장은 서명식에 참석했다."


def cli(*args, cwd=None, timeout=900, **kwargs) -> subprocess.CompletedProcess:
    """Run `qianyue ARGS` (predict with --quiet: stderr then holds nothing but the error lines)."""
    args = [*map(str, args)] + (["--quiet", "--runtime", "torch"] if args[0] == "predict" else [])
    return subprocess.run([sys.executable, "-m", "qianyue.cli", *args], capture_output=True, cwd=cwd,
                          timeout=timeout, **kwargs)


def errors_of(res: subprocess.CompletedProcess) -> list[str]:
    """The stderr lines, after checking that there is no traceback and every line is a one-line qianyue error."""
    err = res.stderr.decode("utf-8")
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if not line.startswith("qianyue: note: ")]  # notices, not errors
    assert all(line.startswith("qianyue: ") for line in lines), lines
    return lines


def jsonl(data: bytes) -> list[dict]:
    text = data.decode("utf-8")  # strict: every output line must be valid UTF-8
    assert text == "" or text.endswith("\n"), "torn last line"
    return [json.loads(line) for line in text.splitlines()]


def corpus(path: Path, records: list) -> Path:
    path.write_bytes(b"".join(r if isinstance(r, bytes) else json.dumps(r, ensure_ascii=False).encode() + b"\n"
                              for r in records))
    return path


# ---------------------------------------------------------------------------------------------- row 2


def test_output_that_is_an_input_is_refused_and_the_input_kept(tiny_model, tmp_path):
    data = corpus(tmp_path / "corpus.jsonl", [{"id": "a", "text": GOOD}])
    before = data.read_bytes()
    res = cli("predict", data, "-o", data, "--model", tiny_model)
    assert res.returncode == 2 and data.read_bytes() == before
    [line] = errors_of(res)
    assert "corpus.jsonl" in line and "also an input" in line
    article = tmp_path / "a.txt"
    article.write_text(GOOD, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(article)
    res = cli("predict", "a.txt", "-o", link, "--model", tiny_model, cwd=tmp_path)  # other spelling, same file
    assert res.returncode == 2 and article.read_text(encoding="utf-8") == GOOD
    assert len(errors_of(res)) == 1


# ---------------------------------------------------------------------------------------------- rows 3, 4


def test_resume_counts_duplicate_ids_and_normalises_the_path(tiny_model, tmp_path):
    corpus(tmp_path / "c.jsonl", [{"id": "a", "text": GOOD}, {"id": "a", "text": GOOD + "第二篇。"},
                                  {"id": "b", "text": GOOD}])
    out = tmp_path / "out.jsonl"
    res = cli("predict", "c.jsonl", "-o", out, "--model", tiny_model, cwd=tmp_path)  # a relative path
    assert res.returncode == 0 and errors_of(res) == []
    full = jsonl(out.read_bytes())
    assert [d["source"] for d in full] == ["c.jsonl#a", "c.jsonl#a", "c.jsonl#b"]
    out.write_text(json.dumps(full[0], ensure_ascii=False) + "\n", encoding="utf-8")  # killed after one record
    res = cli("predict", tmp_path / "c.jsonl", "-o", out, "--resume", "--model", tiny_model, cwd=tmp_path)  # absolute
    assert res.returncode == 0 and errors_of(res) == []
    done = jsonl(out.read_bytes())
    assert [Path(d["source"].split("#")[0]).name + "#" + d["source"].split("#")[1] for d in done] == \
        ["c.jsonl#a", "c.jsonl#a", "c.jsonl#b"]
    assert done[1]["text"].endswith("第二篇。")  # the second record with the shared id, not the first again
    res = cli("predict", "c.jsonl", "-o", out, "--resume", "--model", tiny_model, cwd=tmp_path)
    assert res.returncode == 0 and len(jsonl(out.read_bytes())) == 3  # nothing left to do, nothing doubled


# ---------------------------------------------------------------------------------------------- rows 5, 6, 17


def test_size_limits_apply_to_files_and_corpus_records_alike(tiny_model, tmp_path):
    data = corpus(tmp_path / "c.jsonl", [{"id": "huge", "text": GOOD * 200}, {"id": "ok", "text": GOOD}])
    long_file = tmp_path / "long.txt"
    long_file.write_text(GOOD * 30, encoding="utf-8")  # 1,500 characters: under --max-bytes, over --max-chars
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    res = cli("predict", data, long_file, good, "--max-bytes", 5000, "--max-chars", 1000, "--model", tiny_model)
    assert res.returncode == 1
    errors = errors_of(res)
    assert len(errors) == 2
    assert "c.jsonl:1" in errors[0] and "5,000 bytes" in errors[0]
    assert "long.txt" in errors[1] and "1,000" in errors[1]
    assert [d["source"] for d in jsonl(res.stdout)] == [f"{data}#ok", str(good)]


@pytest.mark.parametrize("option", [("--max-bytes", "-1"), ("--max-bytes", "0"), ("--max-chars", "0")])
def test_non_positive_limits_are_bad_options(option, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    res = cli("predict", good, *option, "--model", tmp_path / "no-model")
    assert res.returncode == 2 and res.stdout == b""
    [line] = errors_of(res)
    assert option[0] in line


def test_record_rules_cost_is_linear_in_length():
    """Ten times the text must cost about ten times as much (quadratic would be 100x): entities of one article
    repeated, each copy at its own offset, so every copy holds the same parties, dates and officials."""
    from qianyue.results import Entity
    from qianyue.rules import build_records

    text = GOOD * 3
    labels = [("安徽省人民政府", "PARTY"), ("中国联通", "PARTY"), ("王清宪", "OFFICIAL"), ("省长", "TITLE"),
              ("2022年6月14日", "DATE"), ("战略合作框架协议", "AGREEMENT")]
    ents = [Entity(lab, w, i, i + len(w), 0.9) for w, lab in labels for i in _find_all(text, w)]

    def cost(copies: int) -> tuple[float, int]:
        big = text * copies
        big_ents = [Entity(e.label, e.text, e.start + k * len(text), e.end + k * len(text), e.score)
                    for k in range(copies) for e in ents]
        # the collector's full passes cost in proportion to everything the test session keeps alive, not to this
        # call: measured without them, the figure is the rules' own
        gc.collect()
        gc.disable()
        try:
            t = time.process_time()
            n = len(build_records(big, big_ents, "2022-06-16"))
            return time.process_time() - t, n
        finally:
            gc.enable()

    cost(20)  # warm-up
    small, n_small = cost(40)
    large, n_large = cost(400)
    assert n_small >= 1 and n_large >= n_small  # real records, not an early exit
    assert large < 25 * max(small, 0.01), (small, large)


def _find_all(text: str, word: str) -> list[int]:
    out, i = [], text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out


@pytest.mark.parametrize("kind", ["unclosed_links", "markdown_links", "no_punctuation", "long_front_matter"])
def test_pathological_articles_read_in_linear_time(kind):
    from qianyue.errors import InputError
    from qianyue.readers import parse_article

    data = {"unclosed_links": "<html><body><p>政府签约</p>" + '<a href="x' * 30_000,
            "markdown_links": "# 标题\n" + "[a](xxxx" * 30_000,
            "no_punctuation": "政府公司签约" * 100_000,
            "long_front_matter": "---\n" + "a: b\n" * 30_000 + "---\n" + GOOD}[kind]
    t = time.process_time()
    try:
        article = parse_article(data, source=kind, max_chars=None)
        assert article.text
    except InputError as exc:
        assert str(exc).startswith(kind)
    assert time.process_time() - t < 10


# ---------------------------------------------------------------------------------------------- row 7


def test_permission_denied_is_one_line_and_the_batch_goes_on(tiny_model, tmp_path):
    """Simulated (the tests may run as root, who may read anything): a driver script makes listing a subdirectory and
    opening a file raise PermissionError, then runs the CLI in its own process, where a traceback would show; each
    is reported on one line and the readable file is still processed."""
    (tmp_path / "d" / "locked").mkdir(parents=True)
    (tmp_path / "d" / "locked" / "x.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "d" / "secret.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "d" / "good.txt").write_text(GOOD, encoding="utf-8")
    driver = tmp_path / "driver.py"
    driver.write_text(textwrap.dedent("""
        import builtins, os, sys
        import qianyue.inputs
        from qianyue.cli import main
        real_walk, real_open = os.walk, builtins.open

        def walk(top, onerror=None, **kw):
            for dirpath, dirnames, filenames in real_walk(top, onerror=onerror, **kw):
                if "locked" in dirnames:
                    dirnames.remove("locked")
                    onerror(PermissionError(13, "Permission denied", os.path.join(dirpath, "locked")))
                yield dirpath, dirnames, filenames

        def guarded_open(file, *args, **kw):
            if str(file).endswith("secret.txt"):
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kw)

        qianyue.inputs.os.walk = walk
        builtins.open = guarded_open
        sys.argv = ["qianyue", *sys.argv[1:]]
        main()
        """), encoding="utf-8")
    res = subprocess.run([sys.executable, str(driver), "predict", str(tmp_path / "d"), "--model", str(tiny_model),
                          "--quiet", "--runtime", "torch"], capture_output=True, timeout=900)
    errors = errors_of(res)  # no traceback, every line a one-line qianyue message
    assert res.returncode == 1, errors
    assert len(errors) == 2 and all("Permission denied" in e for e in errors)
    assert any("locked" in e for e in errors) and any("secret.txt" in e for e in errors)
    assert [d["source"] for d in jsonl(res.stdout)] == [str(tmp_path / "d" / "good.txt")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads unreadable files")
def test_unreadable_file_and_directory_for_real(tiny_model, tmp_path):
    (tmp_path / "d" / "locked").mkdir(parents=True)
    (tmp_path / "d" / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "d" / "secret.txt").write_text(GOOD, encoding="utf-8")
    os.chmod(tmp_path / "d" / "secret.txt", 0)
    os.chmod(tmp_path / "d" / "locked", 0)
    try:
        res = cli("predict", tmp_path / "d", "--model", tiny_model)
    finally:
        os.chmod(tmp_path / "d" / "locked", 0o755)
    assert res.returncode == 1 and len(errors_of(res)) == 2
    assert len(jsonl(res.stdout)) == 1


# ---------------------------------------------------------------------------------------------- rows 8, 12


def test_undecodable_file_name_gives_valid_utf8_output(tiny_model, tmp_path):
    d = tmp_path / "d"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    with open(os.path.join(os.fsencode(d), b"caf\xe9.txt"), "wb") as f:
        f.write(GOOD.encode("utf-8"))
    res = cli("predict", d, "--model", tiny_model)
    assert res.returncode == 0 and errors_of(res) == []
    sources = [doc["source"] for doc in jsonl(res.stdout)]
    assert len(sources) == 2 and any(s.endswith("caf\\xe9.txt") for s in sources)
    report = d / "report.txt"  # row 12: the output inside the directory being read
    report.write_text(GOOD * 2, encoding="utf-8")  # left by an earlier run: it must not be read as an article
    res = cli("predict", d, "-o", report, "--model", tiny_model)
    assert res.returncode == 0 and errors_of(res) == []
    docs = jsonl(report.read_bytes())
    assert len(docs) == 2 and not any(doc["source"].endswith("report.txt") for doc in docs)


# ---------------------------------------------------------------------------------------------- rows 9, 10, 11


def test_foreign_encodings_invalid_corpus_bytes_and_newline_names(tiny_model, tmp_path):
    files = []
    for name, text, codec in (("big5.txt", TRAD, "big5"), ("sjis.txt", JAPANESE, "shift_jis"),
                              ("euckr.txt", KOREAN, "euc_kr")):
        (tmp_path / name).write_bytes(text.encode(codec))
        files.append(tmp_path / name)
    data = corpus(tmp_path / "c.jsonl", [b'{"id": "bad", "text": "\xff\xfe\xb0\xa1 broken"}\n',
                                         {"id": "ok", "text": GOOD}])
    newline_name = tmp_path / "two\nlines.txt"
    newline_name.write_bytes(b"")  # empty: an error that names the file
    res = cli("predict", *files, data, newline_name, "--model", tiny_model)
    assert res.returncode == 1
    errors = errors_of(res)
    assert len(errors) == 5, errors
    assert "Big5" in errors[0] and "Shift-JIS" in errors[1] and "EUC-KR" in errors[2]
    assert "c.jsonl:1" in errors[3] and "UTF-8" in errors[3]
    assert "two\\nlines.txt" in errors[4] and "empty" in errors[4]
    docs = jsonl(res.stdout)
    assert [d["source"] for d in docs] == [f"{data}#ok"] and "\ufffd" not in docs[0]["text"]


# ---------------------------------------------------------------------------------------------- row 13


@pytest.mark.parametrize("config", [None, {"id2label": ["O", "B-PARTY", "I-PARTY"]}, ["not", "an", "object"]])
def test_malformed_model_config_is_a_one_line_model_error(config, tiny_model, tmp_path):
    import shutil
    model = tmp_path / "model"
    shutil.copytree(tiny_model / "best", model)
    (model / "config.json").write_text(json.dumps(config), encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    res = cli("predict", good, "--model", model)
    assert res.returncode == 2 and res.stdout == b""
    [line] = errors_of(res)
    assert "config.json" in line


# ---------------------------------------------------------------------------------------------- rows 15, 16


def _limit_file_size(limit: int):
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write over the limit fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_full_disk_keeps_whole_lines_and_resume_completes(tiny_model, tmp_path):
    data = corpus(tmp_path / "c.jsonl", [{"id": f"r{i}", "text": GOOD} for i in range(12)])
    out = tmp_path / "out.jsonl"
    res = cli("predict", data, "-o", out, "--batch-size", 2, "--model", tiny_model,
              preexec_fn=_limit_file_size(6000))  # the disk fills up after a few records
    assert res.returncode == 2
    [line] = errors_of(res)
    assert "out.jsonl" in line and "--resume" in line
    partial = jsonl(out.read_bytes())  # whole lines only
    assert 0 < len(partial) < 12
    res = cli("predict", data, "-o", out, "--resume", "--model", tiny_model)
    assert res.returncode == 0 and errors_of(res) == []
    assert [d["source"] for d in jsonl(out.read_bytes())] == [f"{data}#r{i}" for i in range(12)]
    res = cli("predict", data, "-o", "/dev/full", "--model", tiny_model)
    assert res.returncode == 2 and len(errors_of(res)) == 1


def test_closed_pipe_is_not_a_failure(tiny_model, tmp_path):
    data = corpus(tmp_path / "c.jsonl", [{"id": f"r{i}", "text": GOOD * 40} for i in range(60)])
    proc = subprocess.Popen([sys.executable, "-m", "qianyue.cli", "predict", str(data), "--model", str(tiny_model),
                             "--quiet", "--runtime", "torch"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    head = proc.stdout.read(10)  # `| head -c 10`
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=900) == 0 and head == b'{"source":'
    assert "Traceback" not in err and [x for x in err.splitlines() if not x.startswith("qianyue: note: ")] == []


# ---------------------------------------------------------------------------------------------- fuzz (small)


def test_fuzz_readers_api_and_corpus_path(tiny_model, tmp_path):
    """A few hundred inputs of scripts/fuzz.py (the full run is 10^4, see docs/benchmarks.md): every one gives a
    result or a one-line error naming it, within the time bound, on the article and on the corpus path."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    import fuzz
    from qianyue import AgreementExtractor

    ex = AgreementExtractor.from_pretrained(tiny_model, runtime="torch")
    out = fuzz.run(300, seed=17, model=ex, time_bound=20.0, work=tmp_path, scale=4)
    assert out["failures"] == [], out["failures"][:5]
    counts = out["counts"]
    assert counts["api ok"] == counts["readers ok"] >= 100 and counts["readers one-line error"] >= 20  # both paths
    assert counts["corpus ok"] == counts["corpus read ok"] >= 100 and counts["corpus one-line error"] >= 10
