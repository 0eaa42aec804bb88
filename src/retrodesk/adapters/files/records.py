"""Record files in the documented layouts: the `RecordFiles` port for CSV, Excel and Parquet."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from retrodesk.adapters.files.formats import read_cells, write_cells
from retrodesk.adapters.files.layouts import LAYOUTS, Layout
from retrodesk.kernel.errors import InvalidInput
from retrodesk.programs.imports import IMPORT_ORDER
from retrodesk.programs.ports import ParsedRow, SourceInfo
from retrodesk.programs.records import RecordKind

__all__ = ["FileRecords", "FileSource", "file_sha256"]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


class FileSource:
    """One opened record file; rows are parsed as they are read."""

    def __init__(self, layout: Layout, path: Path, as_of: date | None) -> None:
        self._layout = layout
        self._path = path
        self.info = SourceInfo(path.name, file_sha256(path), as_of)

    def rows(self) -> Iterator[ParsedRow]:
        cells = read_cells(self._path)
        name = self._path.name
        first = next(cells, None)
        if first is None:
            raise InvalidInput(f"{name}: the file is empty (no header row)")
        names, problems = self._layout.resolve(first[1], name)
        if problems:
            raise InvalidInput.of(problems)
        width = len(names)
        for number, row in cells:
            values = {n: v for n, v in zip(names, row, strict=False) if n is not None}
            parsed = self._layout.parse(number, values, name)
            if len(row) > width and any(v not in (None, "") for v in row[width:]):
                parsed = ParsedRow(number, parsed.values, (*parsed.problems, *InvalidInput(
                    f"{name}:{number}: more cells than header columns").details))
            yield parsed


class FileRecords:
    """Reads and writes record files; the file's extension picks the format."""

    def open(self, kind: RecordKind, path: Path, *, as_of: date | None) -> FileSource:
        if kind not in IMPORT_ORDER:
            raise InvalidInput(f"{kind.value} are produced by retrodesk; they are exported, "
                               "never imported")
        if kind is RecordKind.NOTICES:
            raise InvalidInput("adjustment notices are issued by the programs, not imported")
        if not path.is_file():
            raise InvalidInput(f"{path.name}: no such file")
        return FileSource(LAYOUTS[kind], path, as_of)

    def write(self, kind: RecordKind, path: Path, rows: Iterable[dict[str, Any]]) -> int:
        names = LAYOUTS[kind].names
        return write_cells(path, names, ([row.get(n) for n in names] for row in rows))
