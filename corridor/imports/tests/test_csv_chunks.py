"""Large CSV files go to the import workers as chunks of text, cut at line ends without parsing: put in file
order, the chunks give exactly the file's records, numbered as the row-by-row reader numbers them, even where a
quoted cell spans lines (and chunks) or holds quotes."""

import pytest

from corridor.imports.prepare import Cut, InOrder, PreparedRow
from corridor.imports.reading import CsvChunk, TableError, open_table


def _cut(chunk: CsvChunk) -> Cut:
    records, tail = chunk.split()
    return Cut([PreparedRow(n, {}, {"cells": c}, []) for n, c in records], len(records), tail)


def _to_end(chunk: CsvChunk) -> list[PreparedRow]:
    return [PreparedRow(n, {}, {"cells": c}, []) for n, c in chunk.records()]


def in_order(chunks: list[CsvChunk]) -> list[tuple[int, list[str]]]:
    """The records as the import sees them: each chunk parsed on its own (as a worker does), then put in order."""
    order = InOrder(_cut, _to_end)
    rows = [row for chunk in chunks for row in order.place(chunk, _cut(chunk), False)[1]]
    rows += [row for _batch, more, _whole in order.end() for row in more]
    return [(r.number, r.values["cells"]) for r in rows]

TEXT = (
    'name,address,description\r\n'
    '甲公司,"上海市松江区\r\n广富林路1号","He said ""hi"""\r\n'
    '\r\n'
    'B Co,plain,"two\nlines, and a comma"\r\n'
    'C Co,"",x"y\r\n'
    '"D, Ltd.",addr,"ends with ""quote"""\r\n'
    'E Co,last,"a\r\n\r\nb"\r\n'
)


@pytest.mark.parametrize("size", [1, 2, 3, 100])
def test_chunks_hold_the_same_records_as_rows(tmp_path, size):
    path = tmp_path / "orgs.csv"
    path.write_bytes(TEXT.encode("gb18030"))
    expected = list(open_table(path).rows)
    table = open_table(path)
    assert table.chunks is not None
    chunks = list(table.chunks(size))
    assert in_order(chunks) == expected
    assert all(chunk.text.endswith("\n") for chunk in chunks)  # cut at line ends (the file ends with one)
    assert len(chunks) > 1 or size == 100
    assert expected[0] == (2, ["甲公司", "上海市松江区\r\n广富林路1号", 'He said "hi"'])
    assert expected[-1][0] == 7


def test_a_file_whose_lines_end_in_carriage_returns_is_cut_at_them(tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text('name,city\r甲,"苏\r州"\r乙,嘉兴\r', encoding="utf-8", newline="")
    expected = list(open_table(path).rows)
    assert expected == [(2, ["甲", "苏\r州"]), (3, ["乙", "嘉兴"])]
    chunks = open_table(path).chunks
    assert chunks is not None
    assert in_order(list(chunks(1))) == expected


def test_a_character_that_is_not_utf8_is_reported_with_its_row(tmp_path):
    path = tmp_path / "orgs.csv"
    # After the first megabyte, which decides the encoding.
    path.write_bytes(b"name,city\n" + "丙,湖州\n".encode() * 110_000 + b"\xff\xfe,x\n" + "丁,湖州\n".encode())
    chunks = open_table(path).chunks
    assert chunks is not None
    with pytest.raises(TableError) as info:
        in_order(list(chunks(500)))
    assert "110002" in str(info.value)


def test_tab_separated_chunks(tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text("name\tcity\n甲\t苏州\n乙\t嘉兴\n", encoding="utf-8-sig")
    table = open_table(path)
    assert table.chunks is not None
    assert in_order(list(table.chunks(1))) == [(2, ["甲", "苏州"]), (3, ["乙", "嘉兴"])]


def test_a_file_ending_inside_a_quoted_cell_reads_as_the_row_by_row_reader_reads_it(tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text('name,description\nA,"one\ntwo\n', encoding="utf-8")
    expected = list(open_table(path).rows)
    assert expected == [(2, ["A", "one\ntwo\n"])]
    for size in (1, 2, 5):
        chunks = open_table(path).chunks
        assert chunks is not None
        assert in_order(list(chunks(size))) == expected
