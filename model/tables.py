"""Flat tables for analysis: the nested results (see the README's output schema) as four tables keyed by
(source, agreement) so that they join like a database.

    agreements  one row per agreement: article, title, date, parties, signatories, witnesses, total, confidence
    parties     one row per party of an agreement
    officials   one row per official (signatory or witness) of an agreement
    amounts     one row per money amount of an agreement

`agreement` is the 0-based position of the agreement in its article's "agreements" list. The same flattening
serves `qianyue predict --format csv|parquet|xlsx`, `qianyue.to_frames(results)` (pandas) and the Ray engine.
Only the standard library is imported here; pyarrow, pandas and openpyxl load when a writer needs them.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any, Iterable, Optional, Union

from .errors import ConfigError, InputError
from .fileio import atomic_save, check_writable

JOIN = "; "  # between names in one cell: Chinese names never contain it

# column -> arrow type name; the order is the column order of every output
COLUMNS: dict[str, dict[str, str]] = {
    "agreements": {"source": "string", "agreement": "int64", "published": "string", "article_title": "string",
                   "title": "string", "date": "string", "date_text": "string", "parties": "string",
                   "signatories": "string", "witnesses": "string", "total_amount": "float64",
                   "currency": "string", "confidence": "float64"},
    "parties": {"source": "string", "agreement": "int64", "party": "int64", "name": "string", "kind": "string",
                "aliases": "string"},
    "officials": {"source": "string", "agreement": "int64", "official": "int64", "name": "string",
                  "title": "string", "party": "string", "role": "string"},
    "amounts": {"source": "string", "agreement": "int64", "amount": "int64", "text": "string", "value": "float64",
                "value_max": "float64", "currency": "string", "purpose": "string", "qualifier": "string"},
}
TABLES = tuple(COLUMNS)
TABLE_FORMATS = ("csv", "parquet", "xlsx")


def _as_dict(result) -> dict[str, Any]:
    return result if isinstance(result, dict) else result.to_dict(include_text=False)


def total_amount(amounts: list[dict]) -> tuple[Optional[float], Optional[str]]:
    """Sum of the amounts' values (the low end of a range) when they all share one currency; (None, None) when
    there is no value or currencies differ (adding yuan to dollars would be meaningless)."""
    valued = [a for a in amounts if a.get("value") is not None]
    currencies = {a.get("currency") for a in valued}
    if not valued or len(currencies) != 1:
        return None, None
    return float(sum(a["value"] for a in valued)), currencies.pop()


def _joined(names) -> Optional[str]:
    return JOIN.join(names) or None  # none at all is a missing value, not an empty name


def flatten(result) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table for one result (an ArticleResult or its to_dict())."""
    d = _as_dict(result)
    source = d.get("source")
    out: dict[str, list[dict]] = {name: [] for name in TABLES}
    for i, ag in enumerate(d.get("agreements") or []):
        officials = ag.get("officials") or []
        amounts = ag.get("amounts") or []
        total, currency = total_amount(amounts)
        out["agreements"].append({
            "source": source, "agreement": i, "published": d.get("published"), "article_title": d.get("title"),
            "title": ag.get("title"), "date": ag.get("date"), "date_text": ag.get("date_text"),
            "parties": _joined(p["name"] for p in ag.get("parties") or []),
            "signatories": _joined(o["name"] for o in officials if o.get("role") == "signatory"),
            "witnesses": _joined(o["name"] for o in officials if o.get("role") == "witness"),
            "total_amount": total, "currency": currency, "confidence": ag.get("confidence")})
        for j, p in enumerate(ag.get("parties") or []):
            out["parties"].append({"source": source, "agreement": i, "party": j, "name": p.get("name"),
                                   "kind": p.get("kind"), "aliases": _joined(p.get("aliases") or [])})
        for j, o in enumerate(officials):
            out["officials"].append({"source": source, "agreement": i, "official": j, "name": o.get("name"),
                                     "title": o.get("title"), "party": o.get("party"), "role": o.get("role")})
        for j, a in enumerate(amounts):
            out["amounts"].append({"source": source, "agreement": i, "amount": j, "text": a.get("text"),
                                   "value": a.get("value"), "value_max": a.get("value_max"),
                                   "currency": a.get("currency"), "purpose": a.get("purpose"),
                                   "qualifier": a.get("qualifier")})
    return out


def table_rows(results: Iterable) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    for r in results:
        for name, part in flatten(r).items():
            rows[name].extend(part)
    return rows


def arrow_schema(table: str):
    import pyarrow as pa

    return pa.schema([(col, getattr(pa, kind)()) for col, kind in COLUMNS[table].items()])


def to_frames(results) -> dict[str, "Any"]:
    """{"agreements", "parties", "officials", "amounts"} -> pandas.DataFrame, from one ArticleResult (or its
    dict) or an iterable of them. Needs pandas (pip install qianyue[tables])."""
    try:
        import pandas as pd
    except ImportError:
        raise ConfigError("qianyue.to_frames needs pandas (pip install 'qianyue[tables]')") from None
    if isinstance(results, dict) or hasattr(results, "agreements"):
        results = [results]
    rows = table_rows(results)
    # the same dtypes whatever the rows: no results, or a column that is all missing in this batch (no amounts), gave
    # object columns where another run has int64/float64, and pipelines that concat or write batches broke on it
    dtypes = {name: {col: {"string": "object"}.get(kind, kind) for col, kind in COLUMNS[name].items()}
              for name in TABLES}
    return {name: pd.DataFrame(rows[name], columns=list(COLUMNS[name])).astype(dtypes[name]) for name in TABLES}


def table_paths(output: Union[str, Path], fmt: str) -> dict[str, Path]:
    """Where each table goes. OUT.csv (OUT.parquet) holds the agreements and OUT.parties.csv, OUT.officials.csv,
    OUT.amounts.csv sit beside it; an OUT without that suffix is a directory holding agreements.csv etc."""
    output = Path(output)
    if output.suffix.lower() == f".{fmt}":
        stem = output.with_suffix("")
        return {name: (output if name == "agreements" else Path(f"{stem}.{name}.{fmt}")) for name in TABLES}
    return {name: output / f"{name}.{fmt}" for name in TABLES}


class TableWriter:
    """Streams results into the four tables: csv and parquet are written as results arrive (constant memory);
    xlsx (one sheet per table) is built in openpyxl's write-only mode and saved at close(). Without an output
    path, csv goes to stdout and holds the agreements table only."""

    def __init__(self, fmt: str, output: Optional[Path]):
        if fmt not in TABLE_FORMATS:
            raise ConfigError(f"--format {fmt!r}: tables are csv, parquet or xlsx")
        self.fmt, self.output = fmt, output
        self._csv: dict[str, Any] = {}
        self._files: list = []
        self._parquet: dict[str, Any] = {}
        self._pending: dict[str, list[dict]] = {name: [] for name in TABLES}
        if output is None:
            if fmt != "csv":
                raise ConfigError(f"--format {fmt} needs --output FILE")
            self._csv["agreements"] = self._csv_writer(sys.stdout, "agreements")
            return
        if fmt == "xlsx":
            try:
                from openpyxl import Workbook
            except ImportError:
                raise ConfigError("--format xlsx needs openpyxl (pip install 'qianyue[tables]')") from None
            # saved whole at close(): find out now, not after the run's work, that the file cannot be written
            try:
                output.parent.mkdir(parents=True, exist_ok=True)
                check_writable(output)
            except OSError as exc:
                raise InputError(f"{exc.filename or output}: cannot write the output ({exc.strerror})") from None
            self._book = Workbook(write_only=True)
            self._sheets = {}
            for name in TABLES:
                self._sheets[name] = self._book.create_sheet(name)
                self._sheets[name].append(list(COLUMNS[name]))
            return
        paths = table_paths(output, fmt)
        try:
            for path in paths.values():
                path.parent.mkdir(parents=True, exist_ok=True)
            if fmt == "csv":
                for name, path in paths.items():
                    # utf-8-sig: Excel opens a BOM-marked CSV as UTF-8 instead of mangling the Chinese
                    f = open(path, "w", encoding="utf-8-sig", newline="")
                    self._files.append(f)
                    self._csv[name] = self._csv_writer(f, name)
            else:
                try:
                    import pyarrow.parquet as pq
                except ImportError:
                    raise ConfigError("--format parquet needs pyarrow (pip install 'qianyue[tables]')") from None
                for name, path in paths.items():
                    self._parquet[name] = pq.ParquetWriter(path, arrow_schema(name))
        except OSError as exc:
            self.close()
            raise InputError(f"{exc.filename or output}: cannot write the output ({exc.strerror})") from None

    @staticmethod
    def _csv_writer(f, name):
        writer = csv.DictWriter(f, fieldnames=list(COLUMNS[name]), lineterminator="\n")
        writer.writeheader()
        return (f, writer)

    def write(self, result) -> None:
        for name, rows in flatten(result).items():
            if not rows:
                continue
            if name in self._csv:
                f, writer = self._csv[name]
                writer.writerows(rows)
                f.flush()
            elif self._parquet:
                self._pending[name].extend(rows)
                if len(self._pending[name]) >= 1024:  # row groups of a useful size, memory bounded
                    self._flush_parquet(name)
            elif self.fmt == "xlsx":
                for row in rows:
                    self._sheets[name].append([self._xlsx_value(self._sheets[name], row[c]) for c in COLUMNS[name]])

    @staticmethod
    def _xlsx_value(sheet, value):
        # text from the articles that starts with = (a title, a name) is text: openpyxl would store it as a formula,
        # which a spreadsheet then runs (an article is untrusted input)
        if isinstance(value, str) and value.startswith("="):
            from openpyxl.cell import WriteOnlyCell

            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            return cell
        return value

    def _flush_parquet(self, name: str) -> None:
        import pyarrow as pa

        if self._pending[name]:
            self._parquet[name].write_table(pa.Table.from_pylist(self._pending[name], schema=arrow_schema(name)))
            self._pending[name] = []

    def close(self, save: bool = True) -> None:
        """Close the files; save=False (an interrupted or failed run) leaves an xlsx unsaved, so an earlier file
        of that name stays as it was, as for json and html."""
        for name, writer in self._parquet.items():
            self._flush_parquet(name)
            writer.close()
        self._parquet = {}
        for f in self._files:
            f.close()
        self._files = []
        if self.fmt == "xlsx" and self.output is not None and getattr(self, "_book", None) is not None:
            if not save:
                for sheet in self._sheets.values():
                    sheet.close()  # ends openpyxl's row writers now: left to the garbage collector they print errors
                self._book = None
                return
            try:
                atomic_save(self.output, self._book.save)  # a save failing half-way leaves the earlier file whole
            except OSError as exc:
                raise InputError(f"{self.output}: cannot write the output ({exc.strerror})") from None
            finally:
                self._book = None

