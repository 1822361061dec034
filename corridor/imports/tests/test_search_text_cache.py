"""The per-word pinyin cache that makes imports faster gives exactly what pypinyin gives on the whole text."""

from pypinyin import Style, lazy_pinyin

from corridor.demo import synthetic
from corridor.orgs import search_text


def whole_text(text: str) -> list[str]:
    syllables = [s for s in lazy_pinyin(text, errors="ignore") if s.strip()]
    initials = [s[0] for s in lazy_pinyin(text, style=Style.FIRST_LETTER, errors="ignore") if s.strip()]
    return ["".join(syllables), "".join(initials)]


def test_same_pinyin_as_pypinyin_on_the_whole_name():
    texts = ["重庆长安汽车股份有限公司", "中国银行行长", "长沙重工", "TCL科技集团（惠州）", "乐清正泰电器", "蚌埠单县"]
    for row in synthetic.generate(300):
        texts += [row["name_zh"], row["short_name"], row["address"], row["description_zh"][:40]]
    for text in texts:
        assert search_text.pinyin_forms(text) == whole_text(text), text
