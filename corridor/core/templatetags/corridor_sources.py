from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def cited(source: str) -> str:
    """{{ obj.source_seed|cited }}: a seed file as people cite it, "《title》, 2020-11-12"; other text as it is."""
    from corridor.demo.facts import SOURCES

    known = SOURCES.get(source)
    if known is None:
        return source
    title_zh, title_en, date = known
    chinese = (get_language() or "zh-hans").startswith("zh")
    title = f"《{title_zh}》" if chinese else f"“{title_en}”"
    return f"{title}, {date:%Y-%m-%d}" if date else title
