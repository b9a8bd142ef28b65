"""Ray Data batch inference: qianyue over a corpus on one machine or a cluster (`pip install qianyue[ray]`).

    import ray
    from qianyue.integrations.ray import extract_dataset, read_corpus

    ds = ray.data.read_parquet("s3://bucket/news/")          # columns id (or source), text, published (optional)
    results = extract_dataset(ds, model="/shared/models/default", concurrency=8)
    results.write_parquet("s3://bucket/qianyue/records/")

Each actor loads one AgreementExtractor (`ExtractBatch`) and keeps it for every batch it is given; Ray Data
streams the rows, balances them over the actors and retries failed tasks. A document that cannot be read or
extracted becomes a row with an `error` column, never a failed job. Result rows carry the fields of
`ArticleResult.to_dict()` with a fixed Arrow schema (`result_schema()`), so every block and file agrees.

`run_ray_predict` is `qianyue predict --engine ray`: it reads JSONL/Parquet corpora with the same record rules as
the single-process path (`CorpusDatasource`), writes OUT/records/ (Parquet or JSONL part files) and the analysis
tables OUT/tables/{agreements,parties,officials,amounts}/ (Parquet), and on a rerun skips every document already
in OUT/records/ after removing part files that an interrupted run left torn.
"""
from __future__ import annotations

import io
import json
import posixpath
import sys
from typing import Any, Iterator, Optional

import pyarrow as pa

try:
    import ray
    import ray.data
    from ray.data.datasource import FileBasedDatasource
    from ray.data.datasource.file_datasink import BlockBasedFileDatasink
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("qianyue.integrations.ray needs Ray Data: pip install 'qianyue[ray]'") from exc

from ..errors import ConfigError, InputError, QianyueError
from ..tables import COLUMNS, TABLES, arrow_schema, flatten

CORPUS_SUFFIXES = (".jsonl", ".parquet")
READ_ROWS_PER_BLOCK = 256


# ---------------------------------------------------------------------------------------------------- schemas
def result_schema() -> pa.Schema:
    """Arrow schema of a result row: ArticleResult.to_dict() field for field, plus `error`. Keep it in step with
    qianyue.results (tests/test_ray.py checks): Arrow drops a field the schema does not name."""
    s, f, i = pa.string(), pa.float64(), pa.int64()
    evidence = pa.struct([("start", i), ("end", i), ("text", s)])
    party = pa.struct([("name", s), ("kind", s), ("aliases", pa.list_(s)), ("evidence", evidence)])
    official = pa.struct([("name", s), ("title", s), ("party", s), ("role", s), ("evidence", evidence)])
    amount = pa.struct([("text", s), ("value", f), ("value_max", f), ("currency", s), ("qualifier", s),
                        ("purpose", s), ("evidence", evidence)])
    agreement = pa.struct([("title", s), ("parties", pa.list_(party)), ("officials", pa.list_(official)),
                           ("date", s), ("date_text", s), ("amounts", pa.list_(amount)), ("evidence", evidence),
                           ("confidence", f)])
    entity = pa.struct([("label", s), ("text", s), ("start", i), ("end", i), ("score", f)])
    return pa.schema([("source", s), ("published", s), ("title", s), ("text", s),
                      ("agreements", pa.list_(agreement)), ("entities", pa.list_(entity)), ("error", s)])


def corpus_schema() -> pa.Schema:
    return pa.schema([("source", pa.string()), ("text", pa.string()), ("published", pa.string()),
                      ("error", pa.string())])


def result_line(row: dict, include_text: bool = True) -> str:
    """One JSONL line of a result row: exactly what the single-process `qianyue predict` writes, or
    {"source", "error"} for a document that failed."""
    if row.get("error") is not None:
        return json.dumps({"source": row.get("source"), "error": row["error"]}, ensure_ascii=False)
    keys = ["source", "published", "title"] + (["text"] if include_text else []) + ["agreements", "entities"]
    return json.dumps({k: row.get(k) for k in keys}, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------------- reading
class CorpusDatasource(FileBasedDatasource):
    """JSONL/Parquet corpora read by the record rules of the single-process path (qianyue.predict_run): a record
    is named "FILE#id" (or "FILE#source", else its line / row number), a record without text or an unreadable
    file gives an error row. `names` maps the path Ray reads to the FILE written in sources (what the user
    typed), so that both paths name every document alike."""

    _FILE_EXTENSIONS = ["jsonl", "parquet"]

    def __init__(self, paths, names: Optional[dict[str, str]] = None, **kwargs):
        super().__init__(paths, **kwargs)
        self._names = dict(names or {})

    def _open_input_source(self, filesystem, path, **open_args):
        if path.endswith(".parquet"):
            return filesystem.open_input_file(path)  # Parquet needs random access (its footer comes last)
        return super()._open_input_source(filesystem, path, **open_args)

    def _read_stream(self, f, path: str) -> Iterator[pa.Table]:
        name = self._names.get(path, path)
        rows: list[dict] = []
        for row in corpus_rows(f, path, name):
            rows.append(row)
            if len(rows) >= READ_ROWS_PER_BLOCK:
                yield pa.Table.from_pylist(rows, schema=corpus_schema())
                rows = []
        if rows:
            yield pa.Table.from_pylist(rows, schema=corpus_schema())


def corpus_rows(f, path: str, name: str) -> Iterator[dict]:
    """The corpus rows of one file. Records whose "published" is not a date are read without it and counted; the
    count is said on the reading task's stderr once the file is read: rows have no field for a note, and their
    schema is what users' pipelines read. Ray shows it on the driver's console when the driver logs its workers
    (ray.init's default); `qianyue predict --engine ray` starts Ray without that, so there it is in Ray's worker
    logs."""
    bad_dates: list = []
    yield from _corpus_rows(f, path, name, bad_dates)
    if bad_dates:
        print(f"qianyue: {name}: {len(bad_dates)} record{'s' if len(bad_dates) > 1 else ''} with a \"published\" "
              f"that is not a date (first: {bad_dates[0]}); read without it", file=sys.stderr, flush=True)


def _corpus_rows(f, path: str, name: str, bad_dates: list) -> Iterator[dict]:
    from ..predict_run import _corpus_item, corpus_first_line, empty_corpus, parquet_columns_problem
    from ..readers import parse_published

    def row(item) -> dict:
        if isinstance(item, InputError):
            # "NAME:POSITION: problem" -> the row is named "NAME:POSITION", unique and stable across reruns
            where = str(item).split(": ", 1)[0]
            return {"source": where, "text": None, "published": None, "error": str(item)}
        source, text, published = item
        if published and parse_published(published) is None:
            # an unreadable date in a record: read without one, as the single-process path does
            bad_dates.append(f"{source} {str(published)[:40]!r}")
            published = None
        return {"source": source, "text": text, "published": published, "error": None}

    if path.endswith(".parquet"):
        import pyarrow.parquet as pq
        try:
            parquet = pq.ParquetFile(f)
            problem = parquet_columns_problem(parquet, name)
            if problem:
                yield row(problem)
                return
            position = 0
            for batch in parquet.iter_batches(batch_size=READ_ROWS_PER_BLOCK):
                for rec in batch.to_pylist():
                    position += 1
                    yield row(_corpus_item(name, rec, position))
            if not position:
                yield row(empty_corpus(name))
        except Exception as exc:  # pyarrow's errors for corrupt files have several types
            yield row(InputError(f"{name}: cannot read Parquet ({str(exc).splitlines()[0][:120]})"))
        return
    records = 0
    for lineno, raw in enumerate(io.BufferedReader(f), 1):  # pyarrow files have no readline of their own
        if lineno == 1:
            raw = corpus_first_line(raw, name)
            if isinstance(raw, InputError):
                yield row(raw)
                return
        records += bool(raw.strip())  # blank lines are no records; bad ones are (with an error)
        # strict, line by line, as the single-process path: invalid bytes are an error for that record, never
        # U+FFFD characters silently tagged
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield row(InputError(f"{name}:{lineno}: not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column "
                                 f"{exc.start + 1}); the record is skipped"))
            continue
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError:
            yield row(InputError(f"{name}:{lineno}: not a JSON line"))
            continue
        yield row(_corpus_item(name, rec, lineno))
    if not records:
        yield row(empty_corpus(name))


def read_corpus(paths, *, names: Optional[dict[str, str]] = None, filesystem=None, **read_args) -> "ray.data.Dataset":
    """A Dataset of {source, text, published, error} rows from JSONL/Parquet corpus files (any filesystem
    pyarrow reads: local, s3://, gs://, hdfs://, ...)."""
    return ray.data.read_datasource(CorpusDatasource(paths, names=names, filesystem=filesystem), **read_args)


# ---------------------------------------------------------------------------------------------------- inference
class ExtractBatch:
    """Callable class for `Dataset.map_batches`: loads the extractor once per actor, then turns each batch of
    {id or source, text, published[, error]} rows into result rows (see result_schema()).

    model and load_args (device, runtime, quantize, min_confidence, assembler) are AgreementExtractor.
    from_pretrained's arguments: model None = the default model; runtime="onnx", quantize="int8" = the int8 ONNX
    variant. As in `qianyue predict`, `published` dates only the rows without a date of their own and
    `published_override` replaces every row's date."""

    def __init__(self, model: Optional[str] = None, published: Optional[str] = None,
                 published_override: Optional[str] = None, include_text: bool = True, model_batch_size: int = 8,
                 **load_args):
        from ..api import AgreementExtractor

        self.published = _run_date("published", published)
        self.published_override = _run_date("published_override", published_override)
        self.extractor = AgreementExtractor.from_pretrained(model, **load_args)
        self.include_text = include_text
        self.model_batch_size = model_batch_size
        self._schema = result_schema()

    def __call__(self, batch) -> pa.Table:
        rows = batch.to_pylist() if isinstance(batch, pa.Table) else _columns_to_rows(batch)
        return pa.Table.from_pylist(self.extract_rows(rows), schema=self._schema)

    def extract_rows(self, rows: list[dict]) -> list[dict]:
        from dataclasses import replace

        from ..predict_run import record_name
        from ..readers import parse_article, parse_published

        out: list[Optional[dict]] = [None] * len(rows)
        pending: list[tuple[int, Any]] = []  # (position in batch, Article)
        for k, row in enumerate(rows):
            source = row.get("source") if row.get("source") not in (None, "") else row.get("id")
            source = None if source is None else record_name(source)
            if row.get("error") is not None:
                out[k] = _error_row(source, row["error"])
                continue
            text = row.get("text")
            try:
                if not isinstance(text, str):
                    raise InputError(f"{source}: record has no \"text\" string")
                own_date = row.get("published")
                if own_date is not None and not isinstance(own_date, str):
                    own_date = own_date.isoformat()[:10] if hasattr(own_date, "isoformat") else str(own_date)
                if own_date and parse_published(own_date) is None:
                    # a "published" that is not a date (or pandas' NaN for a missing one) is no failure: the text
                    # is read without it, as `qianyue predict` and read_corpus do, instead of becoming an error row
                    own_date = None
                article = parse_article(text, source=source, published=self.published_override or own_date)
                if self.published and not self.published_override and article.published is None:
                    article = replace(article, published=self.published)
                pending.append((k, article))
            except Exception as exc:  # one bad document is one error row
                out[k] = _error_row(source, _message(exc))
        for start in range(0, len(pending), self.model_batch_size):
            chunk = pending[start:start + self.model_batch_size]
            try:
                results = self.extractor.extract_articles([a for _, a in chunk])
            except Exception:
                results = None  # find the document that fails: run the chunk one by one
            for n, (k, article) in enumerate(chunk):
                try:
                    r = results[n] if results is not None else self.extractor.extract_articles([article])[0]
                    d = r.to_dict(include_text=self.include_text)
                    d["error"] = None
                    out[k] = d
                except Exception as exc:
                    out[k] = _error_row(article.source, _message(exc))
        return out  # type: ignore[return-value]


def _run_date(name: str, value) -> Optional[str]:
    """A run-wide date (a string or a datetime.date) as ISO, or a ConfigError: unchecked, a bad `published` was
    written as every undated record's date, and a date object became no date at all."""
    from ..dates import parse_published, published_problem

    if value is None or value == "":
        return None
    iso = parse_published(value)
    if iso is None:
        raise ConfigError(f"{name}={value!r}: not a date ({published_problem(value)})")
    return iso


def _columns_to_rows(batch: dict) -> list[dict]:
    keys = list(batch)
    n = len(batch[keys[0]]) if keys else 0
    return [{k: (batch[k][i].item() if hasattr(batch[k][i], "item") else batch[k][i]) for k in keys}
            for i in range(n)]


def _message(exc: Exception) -> str:
    return str(exc) if isinstance(exc, QianyueError) else f"{type(exc).__name__}: {exc}"


def _error_row(source: Optional[str], message: str) -> dict:
    return {"source": source, "published": None, "title": None, "text": None, "agreements": [], "entities": [],
            "error": message}


def extract_dataset(ds: "ray.data.Dataset", model: Optional[str] = None, *, published: Optional[str] = None,
                    published_override: Optional[str] = None, include_text: bool = True, concurrency: int = 1,
                    batch_size: int = 32, model_batch_size: int = 8, num_cpus: float = 1, num_gpus: float = 0,
                    map_batches_args: Optional[dict] = None, **load_args) -> "ray.data.Dataset":
    """Result rows (result_schema()) of a Dataset of {id or source, text, published} rows, computed by
    `concurrency` actors that each hold one model (load_args: device, runtime, quantize, min_confidence,
    assembler, as AgreementExtractor.from_pretrained). batch_size rows go to an actor at a time,
    model_batch_size documents through the model at a time."""
    published = _run_date("published", published)  # here too, so a bad date fails now, not in every actor
    published_override = _run_date("published_override", published_override)
    return ds.map_batches(
        ExtractBatch, batch_format="pyarrow", batch_size=batch_size,
        compute=ray.data.ActorPoolStrategy(size=concurrency), num_cpus=num_cpus, num_gpus=num_gpus,
        fn_constructor_kwargs=dict(model=None if model is None else str(model), published=published,
                                   published_override=published_override, include_text=include_text,
                                   model_batch_size=model_batch_size, **load_args),
        **(map_batches_args or {}))


def table_dataset(results: "ray.data.Dataset", table: str) -> "ray.data.Dataset":
    """One of the analysis tables (qianyue.tables: agreements, parties, officials, amounts) of result rows."""
    if table not in TABLES:
        raise ConfigError(f"table {table!r}: choose from {', '.join(TABLES)}")
    schema = arrow_schema(table)

    def rows(batch: pa.Table) -> pa.Table:
        out = [r for row in batch.to_pylist() if row.get("error") is None for r in flatten(row)[table]]
        return pa.Table.from_pylist(out, schema=schema)

    return results.map_batches(rows, batch_format="pyarrow")


# ---------------------------------------------------------------------------------------------------- writing
class JsonlDatasink(BlockBasedFileDatasink):
    """Result rows as JSONL part files, each line what the single-process path writes (see result_line)."""

    def __init__(self, path: str, include_text: bool = True, **kwargs):
        super().__init__(path, file_format="jsonl", **kwargs)
        self.include_text = include_text

    def write_block_to_file(self, block, file) -> None:
        for row in block.to_arrow().to_pylist():
            file.write((result_line(row, self.include_text) + "\n").encode("utf-8"))


# ---------------------------------------------------------------------------------------------------- the CLI
RECORDS, TABLES_DIR = "records", "tables"
SMALL_TASK_CPUS = 0  # reads, filters and writes are light: they must never wait behind actors holding every CPU


def _report(message: str) -> None:
    print(f"qianyue: {message}", file=sys.stderr, flush=True)


def _filesystem(location: str):
    """(pyarrow filesystem, path in it, prefix that turns such a path back into what the user wrote)."""
    import pyarrow.fs as pafs
    from pathlib import Path

    if "://" in location:
        try:
            fs, path = pafs.FileSystem.from_uri(location)
        except Exception as exc:  # unknown scheme, missing credentials, ...
            raise InputError(f"{location}: cannot open this location ({str(exc).splitlines()[0][:120]})") from None
        return fs, path.rstrip("/") or path, location.split("://", 1)[0] + "://"
    return pafs.LocalFileSystem(), str(Path(location).resolve()), ""


def _hidden_below(path: str, root: str) -> bool:
    """A file in a hidden folder under root, or hidden itself (macOS ._NAME.parquet): skipped, as the local
    engine's directory walk skips them."""
    return any(part.startswith(".") for part in posixpath.relpath(path, root).split("/"))


def _files_below(fs, root: str, errors: list) -> list[str]:
    """Every file under root. On the local disk links to folders are not followed, as in the local engine's walk:
    Arrow's recursive FileSelector follows them, so a link loop (`ln -s . again`) read each corpus once per link
    level (41 times) and two such links never finished listing. A folder that cannot be listed is one error."""
    import os

    import pyarrow.fs as pafs

    if isinstance(fs, pafs.LocalFileSystem):
        found = []
        def on_error(exc: OSError) -> None:
            errors.append(InputError(f"{exc.filename or root}: cannot read directory ({exc.strerror or exc})"))

        for dirpath, _dirnames, filenames in os.walk(root, onerror=on_error):  # followlinks=False
            found.extend(os.path.join(dirpath, name) for name in filenames
                         if os.path.isfile(os.path.join(dirpath, name)))
        return found
    return [i.path for i in fs.get_file_info(pafs.FileSelector(root, recursive=True)) if i.type == pafs.FileType.File]


def resolve_corpora(args: list[str]) -> tuple[Any, list[str], dict[str, str], list[InputError]]:
    """Expand the inputs of `predict --engine ray` into corpus files on one filesystem: (filesystem, paths,
    {path: name used in sources}, errors). Directories are searched recursively for .jsonl/.parquet files."""
    import pyarrow.fs as pafs
    from pathlib import Path

    fs_used, paths, names, errors = None, [], {}, []
    for arg in args:
        try:
            fs, root, prefix = _filesystem(arg)
            info = fs.get_file_info(root)
        except InputError as exc:
            errors.append(exc)
            continue
        except OSError as exc:
            errors.append(InputError(f"{arg}: cannot read ({str(exc).splitlines()[0][:120]})"))
            continue
        if fs_used is not None and fs.type_name != fs_used.type_name:
            errors.append(InputError(f"{arg}: every input of one --engine ray run must be on the same filesystem"))
            continue
        if info.type == pafs.FileType.NotFound:
            errors.append(InputError(f"{arg}: no such file or directory"))
            continue
        if info.type == pafs.FileType.Directory:
            found = sorted(p for p in _files_below(fs, root, errors)
                           if p.lower().endswith(CORPUS_SUFFIXES) and not _hidden_below(p, root))
            if not found:
                errors.append(InputError(f"{arg}: directory has no .jsonl or .parquet corpus files"))
            for p in found:
                rel = posixpath.relpath(p, root)
                names[p] = prefix + (p if prefix else str(Path(arg) / rel))
        elif root.lower().endswith(CORPUS_SUFFIXES):
            found = [root]
            names[root] = arg if prefix else str(Path(arg))
        else:
            errors.append(InputError(f"{arg}: --engine ray reads .jsonl or .parquet corpora"))
            continue
        fs_used = fs
        paths.extend(p for p in found if p not in paths)
    return fs_used, paths, names, errors


def _part_files(fs, directory: str) -> list:
    """The FileInfos of the part files in `directory`: not hidden files, and not the corrections `qianyue review`
    saves beside a part file it was given (read as a torn part, a rerun deleted the analyst's corrections)."""
    import pyarrow.fs as pafs

    from ..review.server import CORRECTIONS_SUFFIX

    infos = fs.get_file_info(pafs.FileSelector(directory, allow_not_found=True))
    return [info for info in sorted(infos, key=lambda i: i.path)
            if info.type == pafs.FileType.File and not posixpath.basename(info.path).startswith((".", "_"))
            and not info.path.endswith(CORRECTIONS_SUFFIX)]


def scan_records(fs, directory: str, fmt: str, repair: bool = False) -> dict[str, Optional[str]]:
    """{source: error or None} of every document in the part files of `directory`. With repair, a part file an
    interrupted run left unreadable or torn is deleted first (its documents are done again)."""
    import pyarrow.parquet as pq

    done: dict[str, Optional[str]] = {}
    for info in _part_files(fs, directory):
        other = ".jsonl" if fmt == "parquet" else ".parquet"
        if info.path.endswith(other):
            raise ConfigError(f"{directory}: holds {other[1:]} parts from an earlier run; rerun with "
                              f"--format {other[1:]} or another --output")
        try:
            if fmt == "parquet":
                table = pq.read_table(info.path, columns=["source", "error"], filesystem=fs)
                part = dict(zip(table.column("source").to_pylist(), table.column("error").to_pylist()))
            else:
                with fs.open_input_stream(info.path) as f:
                    data = f.read()
                if data and not data.endswith(b"\n"):
                    raise ValueError("torn last line")
                part = {}
                for line in data.splitlines():
                    rec = json.loads(line)
                    part[rec["source"]] = rec.get("error")
        except Exception:
            if not repair:
                raise
            fs.delete_file(info.path)
            _report(f"{info.path}: part file of an interrupted run was incomplete; its documents are redone")
            continue
        done.update(part)
    return done


def _records_dataset(fs, directory: str, fmt: str) -> "ray.data.Dataset":
    """Every result row written so far (without text and entities, which the tables do not use)."""
    columns = ["source", "published", "title", "agreements", "error"]
    parts = [info.path for info in _part_files(fs, directory)] or directory
    if fmt == "parquet":
        # read_parquet(columns=) is deprecated since Ray 2.5x; select_columns prunes the read all the same
        return ray.data.read_parquet(parts, filesystem=fs).select_columns(columns)
    schema = pa.schema([result_schema().field(c) for c in columns])

    def parse(batch: pa.Table) -> pa.Table:
        rows = [json.loads(line) for line in batch.column("text").to_pylist() if line.strip()]
        return pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in rows], schema=schema)

    return ray.data.read_text(parts, filesystem=fs).map_batches(parse, batch_format="pyarrow")


def run_ray_predict(args: list[str], output: Optional[str], fmt: str = "jsonl", model: Optional[str] = None,
                    address: Optional[str] = None, concurrency: Optional[int] = None, batch_size: int = 8,
                    **options) -> int:
    """`qianyue predict --engine ray`: returns the number of failures (bad inputs and error rows). options:
    extract_dataset's (published, published_override, include_text, device, runtime, quantize, ...)."""
    if fmt not in ("jsonl", "parquet"):
        raise ConfigError(f"--format {fmt!r}: --engine ray writes jsonl or parquet part files")
    if not output:
        raise ConfigError("--engine ray needs --output DIR (local, or a URI such as s3://bucket/prefix)")
    if address is None:
        model = _local_model(model)  # fail before starting Ray, and give actors an absolute path
    in_fs, paths, names, errors = resolve_corpora(args)
    for exc in errors:
        _report(str(exc))
    out_fs, out_root, _ = _filesystem(str(output))
    if in_fs is not None and in_fs.type_name == out_fs.type_name:  # `predict . -o out/`: never read our own output
        paths = [p for p in paths if not p.startswith(out_root.rstrip("/") + "/")]
    records_dir = posixpath.join(out_root, RECORDS)
    done = scan_records(out_fs, records_dir, fmt, repair=True)
    if not paths:
        return len(errors)

    if not sys.stderr.isatty():
        import logging
        logging.getLogger("ray.data").setLevel(logging.WARNING)  # its per-second progress log floods a log file
    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=False, configure_logging=False)
    if concurrency is None:
        concurrency = max(1, int(ray.cluster_resources().get("CPU", 1)))
    ds = read_corpus(paths, names=names, filesystem=in_fs, num_cpus=SMALL_TASK_CPUS)
    if done:
        finished = pa.array(sorted(done), pa.string())

        def unfinished(batch: pa.Table) -> pa.Table:
            import pyarrow.compute as pc
            return batch.filter(pc.invert(pc.is_in(batch.column("source"), value_set=finished)))

        ds = ds.map_batches(unfinished, batch_format="pyarrow", num_cpus=SMALL_TASK_CPUS)
    try:
        _run(ds, out_fs, out_root, records_dir, fmt, concurrency,
             dict(options, model=model, model_batch_size=batch_size))
    except QianyueError:
        raise
    except Exception as exc:  # a Ray job that failed as a whole (cluster lost, model missing on a worker, ...)
        raise QianyueError(f"ray run failed: {str(exc).strip().splitlines()[-1][:300]}") from None

    written = scan_records(out_fs, records_dir, fmt)
    failed = sorted(s for s, e in written.items() if e is not None)
    for source in failed[:20]:
        message = written[source]
        _report(message if message.startswith(f"{source}:") else f"{source}: {message}")
    if len(failed) > 20:
        _report(f"... and {len(failed) - 20} more documents with an error (see the error column)")
    # "new" counts documents with an error too: read as a share of the results, it looked like more than all of them
    _report(f"{output}: {len(written) - len(failed)} documents with results, {len(failed)} with an error "
            f"({len(written) - len(done)} of them done in this run); tables in "
            f"{posixpath.join(str(output), TABLES_DIR)}/")
    return len(errors) + len(failed)


def _run(ds, out_fs, out_root, records_dir, fmt, concurrency, options) -> None:
    import pyarrow.fs as pafs

    results = extract_dataset(ds, concurrency=concurrency, **options)
    include_text = options.get("include_text", True)
    small = {"num_cpus": SMALL_TASK_CPUS}
    if fmt == "parquet":
        results.write_parquet(records_dir, filesystem=out_fs, ray_remote_args=small)
    else:
        results.write_datasink(JsonlDatasink(records_dir, include_text, filesystem=out_fs), ray_remote_args=small)
    for table in TABLES:  # rebuilt from every record so far, so a rerun's tables cover the whole corpus
        directory = posixpath.join(out_root, TABLES_DIR, table)
        if out_fs.get_file_info(directory).type != pafs.FileType.NotFound:
            out_fs.delete_dir(directory)
        table_dataset(_records_dataset(out_fs, records_dir, fmt), table).write_parquet(
            directory, filesystem=out_fs, ray_remote_args=small)
        if out_fs.get_file_info(directory).type == pafs.FileType.NotFound:  # no rows: Ray wrote nothing
            import pyarrow.parquet as pq
            out_fs.create_dir(directory)
            pq.write_table(arrow_schema(table).empty_table(), posixpath.join(directory, "empty.parquet"),
                           filesystem=out_fs)


def _local_model(model) -> str:
    from pathlib import Path

    from ..errors import ModelError
    from ..paths import default_model_dir

    where = Path(model).resolve() if model else default_model_dir()
    if not any((where / sub / "config.json").exists() for sub in ("", "best", "last")):
        raise ModelError(f"{where}: not a model directory (no config.json)")
    return str(where)
