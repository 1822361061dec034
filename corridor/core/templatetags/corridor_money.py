from django import template

from corridor.core.money import money_text

register = template.Library()


@register.filter
def money(amount: object) -> str:
    """{{ amount|money }}: ¥5,000,000.00 on English pages, 500 万元 on Chinese ones."""
    return money_text(amount)


@register.filter
def big_number(value: object) -> str:
    """{{ area|big_number }}: 7.62万 on Chinese pages, 76,200 on English ones."""
    from corridor.core.money import big_number as text

    return text(value)


@register.filter
def people(millions: object, form: str = "") -> str:
    """{{ population_millions|people }}: 5792万 on Chinese pages, 57.92 million on English ones
    ({{ …|people:"short" }}: 57.92M, for a headline figure)."""
    from corridor.core.money import people_from_millions

    return people_from_millions(millions, short=form == "short")
