"""Large CSV files go to the import workers as chunks of text: the chunks hold exactly the file's records,
numbered as the row-by-row reader numbers them, even where a quoted cell spans lines or holds quotes."""

import pytest

from corridor.imports.reading import open_table

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
    got = [record for chunk in chunks for record in chunk.records()]
    assert got == expected
    assert len(chunks) == -(-len(expected) // size)
    assert expected[0] == (2, ["甲公司", "上海市松江区\r\n广富林路1号", 'He said "hi"'])
    assert expected[-1][0] == 7


def test_tab_separated_chunks(tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text("name\tcity\n甲\t苏州\n乙\t嘉兴\n", encoding="utf-8-sig")
    table = open_table(path)
    assert table.chunks is not None
    assert [r for c in table.chunks(1) for r in c.records()] == [(2, ["甲", "苏州"]), (3, ["乙", "嘉兴"])]
