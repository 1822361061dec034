"""Which column is which: Chinese and English header variants mapped to organisation fields. No Django settings
needed (messages are Texts, said in the reader's language once Django is set up).

Headers are compared folded (NFKC, lower case, no spaces, underscores or punctuation), so
"统一社会信用代码", "USCC", "Credit code" and "unified_social_credit_code" all find `uscc`.
An explicit mapping (`--map 单位=name_zh`) wins over the guesses.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext_noop

from corridor.core.texts import Text

# field: header variants (already folded by `fold_header` when compared)
HEADER_VARIANTS: dict[str, tuple[str, ...]] = {
    "name": ("name", "名称", "organisation", "organization", "orgname", "organisationname", "organizationname"),
    "name_zh": ("name_zh", "企业名称", "单位名称", "公司名称", "机构名称", "中文名称", "中文名", "全称", "企业全称",
                "单位全称", "chinesename", "namezh", "namecn"),
    "name_en": ("name_en", "英文名称", "英文名", "英文全称", "englishname", "nameen"),
    "short_name": ("short_name", "简称", "企业简称", "单位简称", "shortname", "abbreviation"),
    "aliases": ("aliases", "alias", "别名", "曾用名", "其他名称", "othernames", "formernames"),
    "uscc": ("uscc", "统一社会信用代码", "社会信用代码", "信用代码", "统一代码", "creditcode", "unifiedsocialcreditcode",
             "socialcreditcode"),
    "kind": ("kind", "type", "类型", "机构类型", "单位类型", "单位性质", "organisationtype", "organizationtype"),
    "address": ("address", "地址", "注册地址", "通讯地址", "企业地址", "办公地址", "详细地址", "住所"),
    "region": ("region", "regioncode", "区划代码", "行政区划代码", "行政区划", "adcode", "divisioncode"),
    "city": ("city", "所在城市", "城市", "所在地", "所在地区", "地区", "所属城市", "所在市"),
    "size_band": ("size_band", "size", "规模", "企业规模", "sizeband", "companysize"),
    "is_head_enterprise": ("is_head_enterprise", "龙头企业", "是否龙头企业", "headenterprise", "ishead", "head"),
    "industries": ("industries", "industry", "行业", "所属行业", "产业", "所属产业", "产业领域", "sector", "sectors"),
    "description_zh": ("description_zh", "简介", "企业简介", "中文简介", "单位简介", "description", "descriptionzh",
                       "descriptionchinese"),
    "description_en": ("description_en", "英文简介", "descriptionen", "englishdescription", "descriptionenglish"),
    "website": ("website", "网站", "网址", "官网", "官方网站", "url", "homepage", "web"),
    "founded_year": ("founded_year", "成立年份", "成立时间", "成立日期", "注册时间", "founded", "foundedyear",
                     "yearfounded", "established", "foundedin"),
    "listed": ("listed", "公开", "是否公开", "public", "ispublic", "publiclylisted"),
    "contact_name": ("contact_name", "联系人", "联系人姓名", "contact", "contactname", "contactperson"),
    "contact_email": ("contact_email", "邮箱", "电子邮箱", "联系邮箱", "email", "e-mail", "mail", "contactemail"),
    "contact_phone": ("contact_phone", "电话", "联系电话", "手机", "手机号", "phone", "tel", "telephone", "mobile",
                      "contactphone"),
}
FIELDS = tuple(HEADER_VARIANTS)
_PUNCT = re.compile(r"[\s_\-—–./\\()（）:：*#]+")


def fold_header(text: str) -> str:
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text or "").strip().lower())


_LOOKUP = {fold_header(v): field for field, variants in HEADER_VARIANTS.items() for v in variants}


class MappingError(ValueError):
    pass


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """`["单位=name_zh", "Tel=contact_phone"]` → {folded header: field}; unknown fields are refused by name."""
    out: dict[str, str] = {}
    for pair in pairs:
        column, sep, field = pair.partition("=")
        if not sep or not column.strip() or not field.strip():
            raise MappingError(Text(gettext_noop("%(pair)s: write COLUMN=FIELD"), pair=repr(pair)))
        field = field.strip()
        if field not in FIELDS and field != "-":
            raise MappingError(Text(gettext_noop("%(pair)s: unknown field %(field)s (fields: %(fields)s, or - to skip)"),
                                    pair=repr(pair), field=repr(field), fields=", ".join(FIELDS)))
        out[fold_header(column)] = field
    return out


def map_header(header: list[str], explicit: dict[str, str] | None = None) -> tuple[dict[int, str], list[str]]:
    """Column index → field, and the columns left unused. Two columns for one field: the first wins."""
    explicit = explicit or {}
    mapped: dict[int, str] = {}
    ignored: list[str] = []
    taken: set[str] = set()
    for index, title in enumerate(header):
        key = fold_header(title)
        field = explicit.get(key) or _LOOKUP.get(key)
        if field is None or field == "-" or field in taken:
            if title.strip():
                ignored.append(title)
            continue
        mapped[index] = field
        taken.add(field)
    if not taken & {"name", "name_zh", "name_en"}:
        raise MappingError(Text(gettext_noop(
            "No name column: the header needs 名称/企业名称/name/name_zh/name_en (or map a column to name_zh)"
        )))
    return mapped, ignored
