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


@register.filter
def weekdays(iso_days: str) -> str:
    """"12345" (ISO weekdays) → "Mon–Fri" / "周一至周五"; "1357" → "Mon, Wed, Fri, Sun"."""
    from django.utils.translation import gettext as _

    names = [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")]
    days = sorted({int(d) for d in str(iso_days) if d in "1234567"})
    runs: list[list[int]] = []
    for day in days:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    out: list[str] = []
    for run in runs:
        if len(run) >= 3:
            out.append(_("%(first)s to %(last)s") % {"first": names[run[0] - 1], "last": names[run[-1] - 1]})
        else:
            out += [names[d - 1] for d in run]
    return _(", ").join(out) if out else "—"
