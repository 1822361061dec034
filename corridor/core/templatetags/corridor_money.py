from django import template

from corridor.core.money import money_text

register = template.Library()


@register.filter
def money(amount: object) -> str:
    """{{ amount|money }}: ¥5,000,000.00 on English pages, 500 万元 on Chinese ones."""
    return money_text(amount)
